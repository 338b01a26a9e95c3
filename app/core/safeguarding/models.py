"""Safeguarding tables: a record of a concern, and dated addenda under it.

Both are final once saved. Three layers refuse a change: an attribute set on a saved
object raises LockedRecord at once; a `before_flush` listener refuses any dirty or deleted
record or addendum; and database triggers (migration 0007) refuse UPDATE and DELETE.
Each row carries the sha256 of its canonical content, chained to the previous entry's
hash (one chain over records and addenda, in `chain_seq` order): see chain.py.

Nothing here may put the free text (what was seen, who was present...) into a repr, a log
line or an exception message.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.core.base import Base, UTCDateTime
from app.core.clients import Client
from app.core.errors import LockedRecord
from app.core.safeguarding.follow_ups import AddendumKind

FINAL_MESSAGE = (
    "A saved safeguarding record cannot be changed or deleted. "
    "Add a dated addendum (a correction or a follow-up) instead."
)


class Category(StrEnum):
    """The ten categories of abuse and neglect in the Care Act 2014 statutory guidance."""

    PHYSICAL = "physical"
    DOMESTIC = "domestic"
    SEXUAL = "sexual"
    PSYCHOLOGICAL = "psychological"
    FINANCIAL = "financial"
    MODERN_SLAVERY = "modern_slavery"
    DISCRIMINATORY = "discriminatory"
    ORGANISATIONAL = "organisational"
    NEGLECT = "neglect"
    SELF_NEGLECT = "self_neglect"
    OTHER = "other"  # other, or unsure which


CATEGORY_LABELS: dict[Category, str] = {
    Category.PHYSICAL: "Physical abuse",
    Category.DOMESTIC: "Domestic abuse",
    Category.SEXUAL: "Sexual abuse",
    Category.PSYCHOLOGICAL: "Psychological or emotional abuse",
    Category.FINANCIAL: "Financial or material abuse",
    Category.MODERN_SLAVERY: "Modern slavery",
    Category.DISCRIMINATORY: "Discriminatory abuse",
    Category.ORGANISATIONAL: "Organisational abuse",
    Category.NEGLECT: "Neglect and acts of omission",
    Category.SELF_NEGLECT: "Self-neglect",
    Category.OTHER: "Other, or not sure",
}

CATEGORY_HELP: dict[Category, str] = {
    Category.PHYSICAL: "Hitting, pushing, rough handling, wrong use of medicine or restraint; "
    "unexplained marks or injuries.",
    Category.DOMESTIC: "Abuse by a partner or family member, including coercive control and "
    "so-called honour-based abuse.",
    Category.SEXUAL: "Any sexual act or contact the person did not or could not agree to.",
    Category.PSYCHOLOGICAL: "Threats, humiliation, blaming, controlling, isolating, shouting.",
    Category.FINANCIAL: "Money or belongings taken or misused, pressure about wills or "
    "gifts, scams.",
    Category.MODERN_SLAVERY: "Forced work, trafficking, being controlled by others for their gain.",
    Category.DISCRIMINATORY: "Harassment or unfair treatment because of age, race, disability, "
    "sex, religion or sexuality.",
    Category.ORGANISATIONAL: "Poor care or neglect by a service or organisation, not one person.",
    Category.NEGLECT: "Needs not met by someone who should meet them: food, medicine, warmth, "
    "care.",
    Category.SELF_NEGLECT: "The person not looking after their own health, hygiene or "
    "surroundings; hoarding.",
    Category.OTHER: "Something worries you but it does not fit above, or you are not sure. "
    "Record it anyway.",
}


class Consent(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_ASKED = "not_asked"
    LACKS_CAPACITY = "lacks_capacity"


CONSENT_LABELS: dict[Consent, str] = {
    Consent.YES: "Yes, they agreed to the concern being shared",
    Consent.NO: "No, they did not want it shared",
    Consent.NOT_ASKED: "Not asked (for example, it was not safe or not possible to ask)",
    Consent.LACKS_CAPACITY: "They seemed unable to decide about this at the time "
    "(possible lack of capacity; not a formal assessment)",
}


class NotifiedKind(StrEnum):
    COUNCIL = "council"
    POLICE = "police"
    GP = "gp"
    FAMILY = "family"
    SCHEME = "scheme"
    OTHER = "other"


NOTIFIED_LABELS: dict[NotifiedKind, str] = {
    NotifiedKind.COUNCIL: "Council adult safeguarding team",
    NotifiedKind.POLICE: "Police",
    NotifiedKind.GP: "GP",
    NotifiedKind.FAMILY: "Family",
    NotifiedKind.SCHEME: "The scheme (micro-provider network)",
    NotifiedKind.OTHER: "Someone else",
}


ADDENDUM_LABELS: dict[AddendumKind, str] = {
    AddendumKind.CORRECTION: "Correction",
    AddendumKind.FOLLOW_UP: "Follow-up",
    AddendumKind.FOLLOW_UP_DONE: "Follow-up done",
}


class SafeguardingRecord(Base):
    """One concern, as written at the time. Final once saved."""

    __tablename__ = "safeguarding_record"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    chain_seq: Mapped[int] = mapped_column(Integer, unique=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(200), default="")  # when not a client
    happened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(Text, default="")
    present: Mapped[str] = mapped_column(Text, default="")
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    seen_heard: Mapped[str] = mapped_column(Text)
    actions_taken: Mapped[str] = mapped_column(Text, default="")
    # [{"kind": "council", "at": "2026-11-25T10:30:00+00:00", "name": "...", "reference": "..."}]
    notifications: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    consent: Mapped[Consent] = mapped_column(String(20))
    follow_up_due: Mapped[date | None] = mapped_column(Date)
    prev_hash: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))

    client: Mapped[Client | None] = relationship(viewonly=True)
    addenda: Mapped[list[SafeguardingAddendum]] = relationship(
        viewonly=True, order_by="SafeguardingAddendum.seq"
    )

    def __repr__(self) -> str:  # ids only: never the account or names
        return f"SafeguardingRecord(id={self.id!r})"


class SafeguardingAddendum(Base):
    """A dated correction or follow-up under a record. Final once saved."""

    __tablename__ = "safeguarding_addendum"
    __table_args__ = (UniqueConstraint("record_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    chain_seq: Mapped[int] = mapped_column(Integer, unique=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("safeguarding_record.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # 1, 2, 3 ... within its record
    kind: Mapped[AddendumKind] = mapped_column(String(20))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
    text: Mapped[str] = mapped_column(Text, default="")
    follow_up_due: Mapped[date | None] = mapped_column(Date)  # a new follow-up date, if any
    prev_hash: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"SafeguardingAddendum(id={self.id!r}, record_id={self.record_id!r})"


FINAL_MODELS = (SafeguardingRecord, SafeguardingAddendum)


def _refuse_set(target: object, value: object, oldvalue: object, initiator: object) -> object:
    state = inspect(target)
    if state.persistent or state.detached or state.deleted:
        raise LockedRecord(FINAL_MESSAGE)
    return value


for _model in FINAL_MODELS:
    for _attr in _model.__mapper__.column_attrs:
        event.listen(getattr(_model, _attr.key), "set", _refuse_set, retval=True)


@event.listens_for(Session, "before_flush")
def _refuse_changes(session: Session, flush_context: object, instances: object) -> None:
    for obj in session.deleted:
        if isinstance(obj, FINAL_MODELS):
            raise LockedRecord(FINAL_MESSAGE)
    for obj in session.dirty:
        if isinstance(obj, FINAL_MODELS) and session.is_modified(obj, include_collections=False):
            raise LockedRecord(FINAL_MESSAGE)
