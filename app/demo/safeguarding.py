"""Two demo safeguarding records, written as a careful carer would: facts, times, the
person's own words in quotes, who was told and when. All names are fictional and match the
demo clients."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from app.core.clients import Client
from app.core.formatting import LONDON
from app.core.safeguarding.models import AddendumKind, Category, Consent, NotifiedKind
from app.core.safeguarding.services import (
    ConcernDraft,
    NotificationDraft,
    add_addendum,
    create_record,
)
from app.demo import DemoContext


def _at(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=LONDON)


def _client(session: Session, ctx: DemoContext, index: int) -> Client | None:
    if index < len(ctx.client_ids):
        return session.get(Client, ctx.client_ids[index])
    return None


FAMILY = {"daughter", "son", "niece", "nephew", "husband", "wife", "brother", "sister"}


def _contact(client: Client | None) -> tuple[NotifiedKind, str, str]:
    """(kind, name for the table, how the account refers to them) of the client's first
    emergency contact, so the demo record agrees with the demo client."""
    if client is not None and client.emergency_contacts:
        c = client.emergency_contacts[0]
        relation = (c.relationship_to_client or "").strip().lower()
        if relation in FAMILY:
            return NotifiedKind.FAMILY, f"{c.name} ({relation})", f"his {relation}"
        if relation:
            return (
                NotifiedKind.OTHER,
                f"{c.name} ({relation}, his emergency contact)",
                f"his {relation}, who is his emergency contact",
            )
        return NotifiedKind.OTHER, f"{c.name} (his emergency contact)", "his emergency contact"
    return NotifiedKind.FAMILY, "His daughter", "his daughter"


def _bruising(session: Session, ctx: DemoContext) -> int:
    """Unexplained bruising noticed while helping Mrs Ellis to dress."""
    client = _client(session, ctx, 0)
    day = ctx.today - timedelta(days=41)
    record = create_record(
        session,
        ConcernDraft(
            client_id=client.id if client else None,
            person_name="" if client else "Margaret Ellis",
            happened_at=_at(day, 8, 20),
            place="Mrs Ellis’s bedroom, at her home in Wellington, during the morning visit.",
            present="Mrs Ellis and me (Sam Carter). No one else was in the house.",
            categories=[Category.PHYSICAL],
            seen_heard=(
                "While helping Mrs Ellis to put on her blouse at about 08:20, I saw a bruise on "
                "the back of her left upper arm, about the size of a 50p coin, dark purple, with "
                "three smaller round marks in a line beside it. It was not there at my visit two "
                "days before.\n\n"
                "I asked her how it happened. She said: “I don’t know, dear, I must have knocked "
                "it.” When I asked whether anyone had hurt her, she said: “No, nobody. Don’t "
                "fuss.” She winced when I lifted her arm into the sleeve. I did not see any "
                "other marks. She was otherwise her usual self and ate her breakfast."
            ),
            actions_taken=(
                "I helped her dress with her right arm first so as not to pull on the left arm, "
                "and checked she was comfortable; she said it only hurt when touched. I did not "
                "examine or photograph the bruise. I told her I was worried and would like to "
                "ask the safeguarding team for advice; she said: “If you think you must.”\n"
                "After the visit I rang Somerset Adult Safeguarding and then wrote this note."
            ),
            notifications=[
                NotificationDraft(
                    NotifiedKind.COUNCIL,
                    _at(day, 9, 15),
                    "Duty worker, Somerset Adult Safeguarding (0300 123 2224)",
                    "SAS-2026-04417",
                )
            ],
            consent=Consent.YES,
            follow_up_due=day + timedelta(days=3),
        ),
        now=_at(day, 13, 5),
    ).value
    add_addendum(
        session,
        record.id,
        AddendumKind.CORRECTION,
        "Correction to the time of my call to Somerset Adult Safeguarding: my phone’s call "
        "log shows 09:40, not 09:15 as I wrote. Everything else is as recorded.",
        now=_at(day + timedelta(days=1), 18, 30),
    )
    add_addendum(
        session,
        record.id,
        AddendumKind.FOLLOW_UP_DONE,
        "The duty worker rang me back at 11:30. The district nurse visited Mrs Ellis "
        "yesterday; the team have spoken with her and told me they need nothing further "
        "from me. They asked me to record and report any new marks. No new marks seen at "
        "today’s visit.",
        now=_at(day + timedelta(days=3), 12, 10),
    )
    return record.id


def _money(session: Session, ctx: DemoContext) -> int:
    """A new "friend" asking Mr Okafor for money."""
    client = _client(session, ctx, 3)
    kind, contact_name, contact = _contact(client)
    short = contact.split(",")[0]  # "his neighbour"
    day = ctx.today - timedelta(days=9)
    record = create_record(
        session,
        ConcernDraft(
            client_id=client.id if client else None,
            person_name="" if client else "Reginald Okafor",
            happened_at=_at(day, 10, 40),
            place="Mr Okafor’s living room, at his home in Wiveliscombe.",
            present=(
                "Mr Okafor and me. A man who introduced himself as “Dave, a friend from the "
                "club” was there when I arrived and left about ten minutes later."
            ),
            categories=[Category.FINANCIAL],
            seen_heard=(
                "When I arrived at 10:40 a man I had not met before was sitting with Mr Okafor. "
                "He said he was “Dave, a friend from the club” and left about ten minutes later.\n\n"
                "After he left, Mr Okafor told me: “Dave’s been very good to me. I lent him £200 "
                "for his van last week and he needs another £300 on Friday.” He also said: “Dave "
                "knows my number, he goes to the cash machine for me.” A handwritten note with "
                "four digits on it was next to his bank card on the coffee table.\n\n"
                "Mr Okafor seemed relaxed and said he was glad to help a friend."
            ),
            actions_taken=(
                "I talked with Mr Okafor about keeping his PIN private and suggested he ring his "
                "bank; he put the note in his wallet. I did not challenge Dave. I asked Mr Okafor "
                f"whether I could tell {short} and the safeguarding team; he said: “Go on then, "
                "if it puts your mind at rest.” After the visit I rang Somerset Adult Safeguarding "
                f"for advice, then {contact}."
            ),
            notifications=[
                NotificationDraft(
                    NotifiedKind.COUNCIL,
                    _at(day, 15, 40),
                    "Duty worker, Somerset Adult Safeguarding",
                    "SAS-2026-05162",
                ),
                NotificationDraft(kind, _at(day, 16, 10), contact_name, ""),
            ],
            consent=Consent.YES,
            follow_up_due=ctx.today + timedelta(days=4),
        ),
        now=_at(day, 17, 45),
    ).value
    add_addendum(
        session,
        record.id,
        AddendumKind.CORRECTION,
        f"Correction: I rang {short} at 17:10, not 16:10. The call to the safeguarding team "
        "came first, at 15:40, as recorded.",
        now=_at(day + timedelta(days=1), 9, 5),
    )
    add_addendum(
        session,
        record.id,
        AddendumKind.FOLLOW_UP,
        f"Mr Okafor’s {short.removeprefix('his ')} rang me: they went with him to the bank, "
        "his card has been "
        "replaced and the bank has added a note to his account. He did not give Dave the "
        "£300. The safeguarding team have the concern logged and will ring me back.",
        follow_up_due=ctx.today + timedelta(days=4),
        now=_at(ctx.today - timedelta(days=2), 14, 20),
    )
    return record.id


def extend(session: Session, ctx: DemoContext) -> str:
    ids = [_bruising(session, ctx), _money(session, ctx)]
    ctx.notes["safeguarding_record_ids"] = ids
    return f"{len(ids)} safeguarding records"
