"""Today's visits, recovery, feedback, "Getting started", "Record last week's visits" and the
greeting, read without the ORM (issue 16).

Each read gives the same through a plain DB-API connection as through a Session, and the same
as the ORM implementations gave before they were rewritten: those are kept below, copied from
commit 7a7a32d, as the oracle. The hand-made cases also spell out the expected items.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import astuple
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.core.changes import Area
from app.core.clients import Client, ClientDraft, add_client
from app.core.contracts.models import Contract, ContractStatus, ContractVersion
from app.core.feedback.models import Feedback, FeedbackKind, ReceivedHow
from app.core.feedback.reminders import due as feedback_due
from app.core.formatting import LONDON, format_date, local_midnight, plural, short_name_of
from app.core.getting_started import (
    DRAFT_INVOICE_STATUS,
    SIGNED_CONTRACT_STATUSES,
    Step,
    getting_started,
)
from app.core.invoicing.models import Invoice, InvoiceStatus
from app.core.profile import get_profile, save_profile
from app.core.profile_reads import carer_first_name
from app.core.reading import ConnectionReader, Reader, SessionReader
from app.core.recovery_confirm import CONFIRMED_SETTING, SETTING, needs_confirming
from app.core.recovery_confirm import due as recovery_due
from app.core.reminders import _PROVIDERS, DueItem, Urgency, import_due_modules
from app.core.settings import get_setting, set_setting
from app.core.visits.counts import count_visits
from app.core.visits.due import due as visits_due
from app.core.visits.models import Visit, VisitStatus
from app.storage.database import Store, connect_raw
from app.storage.opening import open_store
from tests.conftest import TEST_KEY, TODAY
from tests.ui.fresh_process import run_fresh

# ---------------------------------------------------------------- the oracle (before issue 16)


def old_visits_due(session: Session, today: date) -> list[DueItem]:
    stmt = (
        select(Visit, Client)
        .join(Client, Visit.client_id == Client.id)
        .where(
            Visit.planned_start >= local_midnight(today),
            Visit.planned_start < local_midnight(today + timedelta(days=1)),
        )
        .where(Visit.status.in_([VisitStatus.PLANNED, VisitStatus.DELIVERED]))
        .order_by(Visit.planned_start)
    )
    items = []
    for visit, client in session.execute(stmt):
        s, e = visit.start.astimezone(LONDON), visit.end.astimezone(LONDON)
        done = " (delivered)" if visit.status == VisitStatus.DELIVERED else ""
        items.append(
            DueItem(
                area=Area.VISITS,
                heading="Visits today",
                text=f"{s:%H:%M}–{e:%H:%M} {client.name}{done}",
                when=today,
                urgency=Urgency.TODAY,
                record_id=visit.id,
            )
        )
    unmarked = session.scalar(
        select(func.count(Visit.id)).where(
            Visit.status == VisitStatus.PLANNED,
            Visit.planned_end < local_midnight(today),
            Visit.planned_start >= local_midnight(today - timedelta(days=62)),
        )
    )
    if unmarked:
        items.append(
            DueItem(
                area=Area.VISITS,
                heading="Visits to record",
                text=(
                    f"{unmarked} past visit{'s' if unmarked != 1 else ''} still planned: mark "
                    "each delivered or cancelled so it can be invoiced"
                ),
                when=today,
                urgency=Urgency.OVERDUE,
            )
        )
    return items


def old_count_visits(
    session: Session, start: date, end: date, client_id: int | None = None, status: str = ""
) -> int:
    stmt = select(func.count(Visit.id)).where(
        Visit.planned_start >= local_midnight(start),
        Visit.planned_start < local_midnight(end + timedelta(days=1)),
    )
    if client_id is not None:
        stmt = stmt.where(Visit.client_id == client_id)
    if status:
        stmt = stmt.where(Visit.status == VisitStatus(status))
    return int(session.scalar(stmt) or 0)


def old_feedback_due(session: Session, today: date) -> list[DueItem]:
    items = []
    rows = session.execute(
        select(Feedback, Client)
        .join(Client, Feedback.client_id == Client.id)
        .where(
            Feedback.kind == FeedbackKind.COMPLAINT.value,
            Feedback.resolved_on.is_(None),
            Feedback.outcome == "",
            Feedback.reply_due.is_not(None),
        )
    )
    for item, client in rows:
        due_on = item.reply_due
        if due_on is None:
            continue
        days = (due_on - today).days
        if days > 3:
            continue
        who = short_name_of(client.name, client.preferred_name)
        if days < 0:
            text, urgency = (
                f"Reply to {who}'s complaint (was due {format_date(due_on)})",
                Urgency.OVERDUE,
            )
        elif days == 0:
            text, urgency = f"Reply to {who}'s complaint today", Urgency.TODAY
        else:
            text, urgency = (
                f"Reply to {who}'s complaint by {format_date(due_on)} (in {plural(days, 'day')})",
                Urgency.SOON,
            )
        items.append(
            DueItem(Area.FEEDBACK, "Complaints to reply to", text, due_on, urgency, item.id)
        )
    return items


def old_needs_confirming(session: Session) -> bool:
    value = get_setting(session, CONFIRMED_SETTING)
    try:
        confirmed = date.fromisoformat(value) if value else None
    except ValueError:
        confirmed = None
    return bool(get_setting(session, SETTING)) and confirmed is None


def old_getting_started(session: Session) -> list[Step]:
    def has(stmt) -> bool:  # type: ignore[no-untyped-def]
        return bool(session.scalar(select(exists(stmt))))

    signed = ContractVersion.status.in_([ContractStatus.SIGNED, ContractStatus.SUPERSEDED])
    return [
        Step("Add your first client", Area.CLIENTS, has(select(Client.id))),
        Step("Write the agreement with them", Area.CONTRACTS, has(select(ContractVersion.id))),
        Step(
            "Sign the agreement (Mark as signed)",
            Area.CONTRACTS,
            has(select(ContractVersion.id).where(signed)),
        ),
        Step("Plan the visits it sets out", Area.VISITS, has(select(Visit.id))),
        Step(
            "Issue your first invoice",
            Area.INVOICES,
            has(select(Invoice.id).where(Invoice.status != InvoiceStatus.DRAFT)),
        ),
    ]


def old_first_name(session: Session) -> str:
    profile = get_profile(session)
    words = profile.carer_name.split() if profile else []
    return words[0] if words else ""


# ---------------------------------------------------------------- one picture of each read


def last_week(today: date) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(days=7), monday - timedelta(days=1)


def picture(db: Session | Reader, today: date) -> dict[str, object]:
    """Everything this brief made plain, as Today asks for it on `today`."""
    first, last = last_week(today)
    return {
        "visits": visits_due(db, today),
        "feedback": feedback_due(db, today),
        "recovery": recovery_due(db, today),
        "needs_confirming": needs_confirming(db),
        "planned_last_week": count_visits(db, first, last, status=VisitStatus.PLANNED),
        "visits_last_week": count_visits(db, first, last),
        "steps": getting_started(db),
        "first_name": carer_first_name(db),
    }


def old_picture(session: Session, today: date) -> dict[str, object]:
    first, last = last_week(today)
    needs = old_needs_confirming(session)
    recovery = (
        [
            DueItem(
                Area.SETTINGS,
                "Keeping your records safe",
                "Print your recovery sheet and keep it safe",
                None,
                Urgency.TODAY,
                action="recovery-sheet",
            )
        ]
        if needs
        else []
    )
    return {
        "visits": old_visits_due(session, today),
        "feedback": old_feedback_due(session, today),
        "recovery": recovery,
        "needs_confirming": needs,
        "planned_last_week": old_count_visits(session, first, last, status=VisitStatus.PLANNED),
        "visits_last_week": old_count_visits(session, first, last),
        "steps": old_getting_started(session),
        "first_name": old_first_name(session),
    }


@pytest.fixture
def plain(store: Store) -> Iterator[ConnectionReader]:
    """A plain reader over the store's file, as Today's start-up has it (its own connection)."""
    conn = connect_raw(store.path, TEST_KEY, read_only=True)
    try:
        yield ConnectionReader(conn)
    finally:
        conn.close()


def assert_same_everywhere(store: Store, plain: Reader, today: date) -> dict[str, object]:
    """The plain picture equals the Session one and the oracle's; returns it."""
    found = picture(plain, today)
    with store.reading() as session:
        assert picture(SessionReader(session), today) == found
        assert picture(session, today) == found
        assert old_picture(session, today) == found
    return found


def utc(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


def add_visit(
    session: Session,
    client: Client,
    start: datetime,
    end: datetime,
    status: VisitStatus = VisitStatus.PLANNED,
    actual: tuple[datetime, datetime] | None = None,
) -> int:
    visit = Visit(
        client_id=client.id,
        planned_start=start,
        planned_end=end,
        status=status,
        actual_start=actual[0] if actual else None,
        actual_end=actual[1] if actual else None,
        note="SECRET NOTE",
        cancelled_at=start - timedelta(hours=2) if "cancelled" in status else None,
    )
    session.add(visit)
    session.flush()
    return visit.id


def client_named(session: Session, name: str, preferred: str = "") -> Client:
    return add_client(session, ClientDraft(name=name, preferred_name=preferred), today=TODAY)


# ---------------------------------------------------------------- the demo


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 1-year demo (as tests/conftest.py's demo_store), built once for this module."""
    from app.demo import build_demo

    data_dir = tmp_path_factory.mktemp("demo")
    with open_store(data_dir, TEST_KEY) as s:
        build_demo(s, seed=2026, years=1, today=TODAY)
    return data_dir


def test_the_demo_reads_the_same_plainly_as_through_the_orm(demo_path: Path) -> None:
    with open_store(demo_path, TEST_KEY) as store:
        conn = connect_raw(store.path, TEST_KEY, read_only=True)
        try:
            plain = ConnectionReader(conn)
            days = [TODAY + timedelta(days=n) for n in range(-10, 30)]
            pictures = [assert_same_everywhere(store, plain, day) for day in days]
        finally:
            conn.close()
    # the demo has something in each: visits on most days, complaints, last week's visits
    assert sum(len(p["visits"]) for p in pictures) > 50  # type: ignore[arg-type]
    assert any(p["feedback"] for p in pictures)
    assert all(p["visits_last_week"] for p in pictures)
    today = pictures[10]
    assert [i.text for i in today["visits"]] == [  # type: ignore[attr-defined]
        "12:30–13:00 Margaret Ellis",
        "14:00–14:45 Harold Baines",
        "15:30–16:15 Reginald Okafor",
        "18:30–20:00 Arthur Penrose",
    ]
    assert today["first_name"] == "Sam" and all(s.done for s in today["steps"])  # type: ignore[attr-defined]


# ---------------------------------------------------------------- visits, by hand


def test_todays_visits_in_london_time_across_the_autumn_clock_change(
    store: Store, plain: ConnectionReader
) -> None:
    day = date(2026, 10, 25)  # BST ends at 01:00 UTC
    with store.unit_of_work() as s:
        peggy = client_named(s, "Margaret Ellis", "Peggy")
        harold = client_named(s, "Harold Baines")
        # 00:30-01:15 BST on the 25th: 23:30 UTC the day before
        early = add_visit(s, peggy, utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 0, 15))
        # delivered: its actual times show, not the planned ones
        delivered = add_visit(
            s,
            harold,
            utc(2026, 10, 25, 10),
            utc(2026, 10, 25, 11),
            VisitStatus.DELIVERED,
            (utc(2026, 10, 25, 10, 5), utc(2026, 10, 25, 11, 20)),
        )
        add_visit(
            s, peggy, utc(2026, 10, 25, 14), utc(2026, 10, 25, 15), VisitStatus.CANCELLED_BY_CLIENT
        )
        add_visit(
            s, peggy, utc(2026, 10, 25, 16), utc(2026, 10, 25, 17), VisitStatus.CANCELLED_BY_CARER
        )
        # 23:00-23:45 BST on the 24th: yesterday's, still planned
        add_visit(s, harold, utc(2026, 10, 24, 22), utc(2026, 10, 24, 22, 45))
        late = add_visit(s, harold, utc(2026, 10, 25, 23, 30), utc(2026, 10, 25, 23, 55))
        add_visit(s, harold, utc(2026, 10, 26, 0), utc(2026, 10, 26, 1))  # tomorrow, GMT
    found = assert_same_everywhere(store, plain, day)
    assert [astuple(i) for i in found["visits"]] == [  # type: ignore[attr-defined]
        (Area.VISITS, "Visits today", "00:30–01:15 Margaret Ellis", day, Urgency.TODAY, early, ""),
        (
            Area.VISITS,
            "Visits today",
            "10:05–11:20 Harold Baines (delivered)",
            day,
            Urgency.TODAY,
            delivered,
            "",
        ),
        (Area.VISITS, "Visits today", "23:30–23:55 Harold Baines", day, Urgency.TODAY, late, ""),
        (
            Area.VISITS,
            "Visits to record",
            "1 past visit still planned: mark each delivered or cancelled so it can be invoiced",
            day,
            Urgency.OVERDUE,
            None,
            "",
        ),
    ]
    assert not any("SECRET" in i.text for i in found["visits"])  # type: ignore[attr-defined]
    # Sunday 25/10: 'last week' is 12-18 October, empty; the day itself counts four visits
    assert found["visits_last_week"] == 0
    assert count_visits(plain, day, day) == 5
    assert count_visits(plain, day, day, status=VisitStatus.PLANNED) == 2
    assert count_visits(plain, day, day, client_id=peggy.id) == 3
    assert count_visits(plain, day, day, client_id=peggy.id, status="planned") == 1


def test_a_visit_across_the_spring_clock_change_shows_both_local_times(
    store: Store, plain: ConnectionReader
) -> None:
    day = date(2026, 3, 29)  # BST starts at 01:00 UTC
    with store.unit_of_work() as s:
        peggy = client_named(s, "Margaret Ellis", "Peggy")
        night = add_visit(s, peggy, utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 2))
    found = assert_same_everywhere(store, plain, day)
    assert [(i.text, i.record_id) for i in found["visits"]] == [  # type: ignore[attr-defined]
        ("00:30–03:00 Margaret Ellis", night)
    ]
    assert count_visits(plain, date(2026, 3, 28), date(2026, 3, 28)) == 0


def test_past_visits_still_planned_are_counted_back_62_london_days(
    store: Store, plain: ConnectionReader
) -> None:
    with store.unit_of_work() as s:
        c = client_named(s, "Margaret Ellis", "Peggy")
        # 62 days before 25/11 is 24/09, whose London midnight (BST) is 23:00 UTC on 23/09
        add_visit(s, c, utc(2026, 9, 23, 23), utc(2026, 9, 24, 0))  # counted
        add_visit(s, c, utc(2026, 9, 23, 22, 59), utc(2026, 9, 23, 23, 30))  # a minute too early
        add_visit(s, c, utc(2026, 11, 24, 23), utc(2026, 11, 24, 23, 59))  # yesterday: counted
        # ends exactly at midnight: not "ended before today" (as before), nor today's
        add_visit(s, c, utc(2026, 11, 24, 23, 30), utc(2026, 11, 25, 0))
        add_visit(s, c, utc(2026, 11, 20, 9), utc(2026, 11, 20, 10), VisitStatus.DELIVERED)
        add_visit(
            s, c, utc(2026, 11, 19, 9), utc(2026, 11, 19, 10), VisitStatus.CANCELLED_BY_CLIENT
        )
        add_visit(s, c, utc(2026, 11, 18, 9), utc(2026, 11, 18, 10))  # last week: counted
    found = assert_same_everywhere(store, plain, TODAY)
    assert [(i.heading, i.text, i.urgency, i.record_id) for i in found["visits"]] == [  # type: ignore[attr-defined]
        (
            "Visits to record",
            "3 past visits still planned: mark each delivered or cancelled so it can be invoiced",
            Urgency.OVERDUE,
            None,
        )
    ]
    # Wed 25/11: last week is Mon 16/11 to Sun 22/11, three visits, one still planned
    assert found["planned_last_week"] == 1 and found["visits_last_week"] == 3
    # a day later the visit from 62 days back has dropped out, and the one that ended at
    # midnight has joined: still three
    later = assert_same_everywhere(store, plain, TODAY + timedelta(days=1))
    assert later["visits"][0].text.startswith("3 past visits")  # type: ignore[index]


# ---------------------------------------------------------------- complaints, by hand


def test_complaints_waiting_for_a_reply_by_their_reply_due_date(
    store: Store, plain: ConnectionReader
) -> None:
    with store.unit_of_work() as s:
        peggy = client_named(s, "Margaret Ellis", "Peggy")
        harold = client_named(s, "Harold Baines")

        def complaint(client: Client, due: date | None, **more: object) -> int:
            item = Feedback(
                client_id=client.id,
                kind=more.pop("kind", FeedbackKind.COMPLAINT),
                received_on=TODAY - timedelta(days=6),
                received_how=ReceivedHow.PHONE,
                summary="SECRET COMPLAINT",
                reply_due=due,
                reply_days=7,
                **more,
            )
            s.add(item)
            s.flush()
            return item.id

        overdue = complaint(peggy, TODAY - timedelta(days=1))
        today = complaint(harold, TODAY)
        tomorrow = complaint(harold, TODAY + timedelta(days=1))
        in_three = complaint(peggy, TODAY + timedelta(days=3))
        complaint(peggy, TODAY + timedelta(days=4))  # not yet
        complaint(peggy, TODAY - timedelta(days=9), resolved_on=TODAY)
        complaint(peggy, TODAY - timedelta(days=9), outcome="SECRET OUTCOME")
        complaint(peggy, TODAY, kind=FeedbackKind.COMPLIMENT)
        complaint(peggy, None)
    found = assert_same_everywhere(store, plain, TODAY)
    assert [astuple(i) for i in found["feedback"]] == [  # type: ignore[attr-defined]
        (
            Area.FEEDBACK,
            "Complaints to reply to",
            "Reply to Peggy's complaint (was due 24/11/2026)",
            date(2026, 11, 24),
            Urgency.OVERDUE,
            overdue,
            "",
        ),
        (
            Area.FEEDBACK,
            "Complaints to reply to",
            "Reply to Harold's complaint today",
            TODAY,
            Urgency.TODAY,
            today,
            "",
        ),
        (
            Area.FEEDBACK,
            "Complaints to reply to",
            "Reply to Harold's complaint by 26/11/2026 (in 1 day)",
            date(2026, 11, 26),
            Urgency.SOON,
            tomorrow,
            "",
        ),
        (
            Area.FEEDBACK,
            "Complaints to reply to",
            "Reply to Peggy's complaint by 28/11/2026 (in 3 days)",
            date(2026, 11, 28),
            Urgency.SOON,
            in_three,
            "",
        ),
    ]


# ---------------------------------------------------------------- recovery, steps, greeting


def test_the_recovery_sheet_is_asked_for_until_the_code_is_confirmed(
    store: Store, plain: ConnectionReader
) -> None:
    assert assert_same_everywhere(store, plain, TODAY)["recovery"] == []
    with store.unit_of_work() as s:
        set_setting(s, SETTING, "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567")
    found = assert_same_everywhere(store, plain, TODAY)
    assert found["needs_confirming"] is True
    assert [astuple(i) for i in found["recovery"]] == [  # type: ignore[attr-defined]
        (
            Area.SETTINGS,
            "Keeping your records safe",
            "Print your recovery sheet and keep it safe",
            None,
            Urgency.TODAY,
            None,
            "recovery-sheet",
        )
    ]
    with store.unit_of_work() as s:
        set_setting(s, CONFIRMED_SETTING, "not a date")
    assert assert_same_everywhere(store, plain, TODAY)["needs_confirming"] is True
    with store.unit_of_work() as s:
        set_setting(s, CONFIRMED_SETTING, "2026-11-20")
    assert assert_same_everywhere(store, plain, TODAY)["recovery"] == []


def test_getting_started_ticks_each_step_from_the_records(
    store: Store, plain: ConnectionReader
) -> None:
    def done() -> list[bool]:
        return [s.done for s in assert_same_everywhere(store, plain, TODAY)["steps"]]  # type: ignore[attr-defined]

    assert done() == [False] * 5
    with store.unit_of_work() as s:
        c = client_named(s, "Margaret Ellis", "Peggy")
        contract = Contract(client_id=c.id)
        s.add(contract)
        s.flush()
    assert done() == [True, False, False, False, False]

    def version(status: ContractStatus, number: int) -> None:
        with store.unit_of_work() as s:
            s.add(
                ContractVersion(
                    contract_id=contract.id,
                    version_no=number,
                    status=status,
                    starts_on=TODAY,
                    standard_rate_pence=2400,
                    schedule=[],
                )
            )

    version(ContractStatus.DRAFT, 1)
    assert done() == [True, True, False, False, False]
    version(ContractStatus.SUPERSEDED, 2)
    assert done() == [True, True, True, False, False]
    with store.unit_of_work() as s:
        add_visit(s, c, utc(2026, 12, 1, 9), utc(2026, 12, 1, 10))

    def invoice(status: InvoiceStatus) -> None:
        with store.unit_of_work() as s:
            s.add(Invoice(client_id=c.id, status=status, period_start=TODAY, period_end=TODAY))

    invoice(InvoiceStatus.DRAFT)
    assert done() == [True, True, True, True, False]
    invoice(InvoiceStatus.VOID)
    assert done() == [True] * 5
    # the stored values the plain read compares with are the models' own
    assert SIGNED_CONTRACT_STATUSES == (ContractStatus.SIGNED, ContractStatus.SUPERSEDED)
    assert DRAFT_INVOICE_STATUS == InvoiceStatus.DRAFT


def test_the_greeting_uses_the_first_word_of_the_carers_name(
    store: Store, plain: ConnectionReader
) -> None:
    from app.demo.clients import PROFILE

    assert assert_same_everywhere(store, plain, TODAY)["first_name"] == ""
    with store.unit_of_work() as s:
        save_profile(s, PROFILE)
    assert PROFILE.carer_name.split()[0] == "Sam"
    assert assert_same_everywhere(store, plain, TODAY)["first_name"] == "Sam"


def test_the_providers_are_registered_as_plain() -> None:
    import_due_modules()
    assert _PROVIDERS["visits"] is visits_due
    assert _PROVIDERS["feedback"] is feedback_due
    assert _PROVIDERS["recovery"] is recovery_due


# ---------------------------------------------------------------- no ORM on the way

FRESH = """
import json, sys
from datetime import date
from pathlib import Path
from app.storage.database import connect_raw
from app.storage.keys import DatabaseKey, KeySource
from app.core.reading import ConnectionReader
from app.core.visits.due import due as visits_due
from app.core.visits.counts import count_visits
from app.core.feedback.reminders import due as feedback_due
from app.core.recovery_confirm import due as recovery_due
from app.core.getting_started import getting_started
from app.core.profile_reads import carer_first_name

db = ConnectionReader(connect_raw(Path(sys.argv[-1]), DatabaseKey(%r, KeySource.ENVIRONMENT)))
day = date.fromisoformat(%r)
items = [*visits_due(db, day), *feedback_due(db, day), *recovery_due(db, day)]
print(json.dumps({
    "items": [[i.text, i.urgency, i.record_id] for i in items],
    "count": count_visits(db, day, day),
    "steps": [s.done for s in getting_started(db)],
    "name": carer_first_name(db),
    "sqlalchemy": sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy"),
}))
"""


def test_today_reads_all_this_without_importing_sqlalchemy(store: Store) -> None:
    from app.demo.clients import PROFILE

    day = date(2026, 10, 25)
    with store.unit_of_work() as s:
        save_profile(s, PROFILE)
        set_setting(s, SETTING, "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567")
        peggy = client_named(s, "Margaret Ellis", "Peggy")
        visit = add_visit(s, peggy, utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 0, 15))
        s.add(
            Feedback(
                client_id=peggy.id,
                kind=FeedbackKind.COMPLAINT,
                received_on=day,
                received_how=ReceivedHow.LETTER,
                summary="SECRET",
                reply_due=day,
            )
        )
    path = store.path
    store.close()
    script = FRESH % (TEST_KEY.secret, day.isoformat()) + "\n"
    out = json.loads(run_fresh(script.replace("sys.argv[-1]", repr(str(path)))))
    assert out["sqlalchemy"] == []
    assert out["items"] == [
        ["00:30–01:15 Margaret Ellis", Urgency.TODAY, visit],
        ["Reply to Peggy's complaint today", Urgency.TODAY, 1],
        ["Print your recovery sheet and keep it safe", Urgency.TODAY, None],
    ]
    assert out["count"] == 1
    assert out["steps"] == [True, False, False, True, False]
    assert out["name"] == "Sam"
