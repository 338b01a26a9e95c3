"""Recording a safeguarding concern and adding addenda. There is deliberately no update or
delete: a saved record is final, and corrections and follow-ups are dated addenda.

Messages name the field and never repeat what the carer wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import utcnow
from app.core.changes import Area, Done, changes
from app.core.clients import Client
from app.core.errors import DaybookError, NotFound, ValidationError
from app.core.formatting import to_london
from app.core.safeguarding.chain import content_hash, iso_utc, last_link, remember_head
from app.core.safeguarding.due import due  # noqa: F401  (its old home)
from app.core.safeguarding.follow_ups import addenda_by_record, current_follow_up
from app.core.safeguarding.models import (
    ADDENDUM_LABELS,
    CATEGORY_LABELS,
    CONSENT_LABELS,
    NOTIFIED_LABELS,
    AddendumKind,
    Category,
    Consent,
    NotifiedKind,
    SafeguardingAddendum,
    SafeguardingRecord,
)

CLOCK_SLACK = timedelta(minutes=5)  # a laptop clock a few minutes out is not "the future"
MAX_ACCOUNT = v.MAX_LONG_TEXT
MAX_SHORT = v.MAX_TEXT
EARLIEST_YEAR = 1900
FOLLOW_UP_HORIZON_DAYS = 2 * 366
CHANGES = changes(Area.SAFEGUARDING)


@dataclass(repr=False)
class NotificationDraft:
    """Who the carer told: the kind of contact, when, the person's name, any reference."""

    kind: NotifiedKind | str = NotifiedKind.COUNCIL
    at: datetime | None = None
    name: str = ""
    reference: str = ""

    def __repr__(self) -> str:
        return f"NotificationDraft(kind={str(self.kind)!r})"


@dataclass(repr=False)
class ConcernDraft:
    client_id: int | None = None
    person_name: str = ""  # when the person is not a client
    happened_at: datetime | None = None
    place: str = ""
    present: str = ""
    categories: list[Category | str] = field(default_factory=list)
    seen_heard: str = ""
    actions_taken: str = ""
    notifications: list[NotificationDraft] = field(default_factory=list)
    consent: Consent | str | None = None
    follow_up_due: date | None = None

    def __repr__(self) -> str:  # never the account, names or places
        return f"ConcernDraft(client_id={self.client_id!r})"


# -- validation ---------------------------------------------------------------------------


def _aware(dt: datetime, field_name: str, label: str) -> datetime:
    if not isinstance(dt, datetime):
        raise ValidationError(field_name, f"Enter the {label} as a date and time.")
    if dt.tzinfo is None:  # a bare time from a form is London time
        from app.core.formatting import LONDON

        dt = dt.replace(tzinfo=LONDON)
    return dt.astimezone(UTC).replace(microsecond=0)


def _past_time(dt: datetime | None, field_name: str, label: str, *, now: datetime) -> datetime:
    if dt is None:
        raise ValidationError(field_name, f"Enter the {label}.")
    dt = _aware(dt, field_name, label)
    if dt > now + CLOCK_SLACK:
        raise ValidationError(field_name, f"The {label} cannot be in the future.")
    if dt.year < EARLIEST_YEAR:
        raise ValidationError(field_name, f"The {label} is too far in the past; check the year.")
    return dt


def _categories(values: list[Category | str]) -> list[str]:
    chosen: list[str] = []
    for raw in values or []:
        try:
            cat = Category(raw)
        except ValueError:
            raise ValidationError("categories", "Choose categories from the list.") from None
        if cat.value not in chosen:
            chosen.append(cat.value)
    if not chosen:
        raise ValidationError(
            "categories", "Choose at least one category (or “Other, or not sure”)."
        )
    order = list(Category)
    return sorted(chosen, key=lambda c: order.index(Category(c)))


def _notifications(
    drafts: list[NotificationDraft], *, happened_at: datetime, now: datetime
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i, n in enumerate(drafts or []):
        prefix = f"notifications.{i}"
        try:
            kind = NotifiedKind(n.kind)
        except ValueError:
            raise ValidationError(f"{prefix}.kind", "Choose who you told from the list.") from None
        at = _past_time(n.at, f"{prefix}.at", "time you told them", now=now)
        if at < happened_at - CLOCK_SLACK:
            raise ValidationError(
                f"{prefix}.at",
                "The time you told them is before the time it happened; check both times.",
            )
        name = v.optional_text(n.name, f"{prefix}.name", "name", max_len=200)
        if kind == NotifiedKind.OTHER and not name:
            raise ValidationError(f"{prefix}.name", "Enter who you told.")
        reference = v.optional_text(
            n.reference, f"{prefix}.reference", "reference number", max_len=100
        )
        out.append({"kind": kind.value, "at": iso_utc(at), "name": name, "reference": reference})
    return out


def _follow_up_due(
    value: date | None, field_name: str, *, earliest: date, now: datetime
) -> date | None:
    if value is None:
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ValidationError(field_name, "Enter the follow-up date as dd/mm/yyyy.")
    if value < earliest:
        raise ValidationError(field_name, "The follow-up date cannot be before the concern.")
    if value > to_london(now).date() + timedelta(days=FOLLOW_UP_HORIZON_DAYS):
        raise ValidationError(
            field_name, "The follow-up date is more than two years away; check the year."
        )
    return value


def validate_concern(session: Session, draft: ConcernDraft, *, now: datetime) -> dict[str, Any]:
    """The cleaned values of a new record, or ValidationError naming the first bad field."""
    client_id = draft.client_id
    person_name = v.optional_text(draft.person_name, "person_name", "person's name", max_len=200)
    if client_id is not None:
        if session.get(Client, client_id) is None:
            raise ValidationError("client_id", "That client no longer exists; choose again.")
        person_name = ""
    elif not person_name:
        raise ValidationError(
            "person_name",
            "Choose the client, or enter the name of the person the concern is about.",
        )
    happened_at = _past_time(draft.happened_at, "happened_at", "time it happened", now=now)
    categories = _categories(draft.categories)
    seen_heard = v.required_text(
        draft.seen_heard, "seen_heard", "account of what you saw and heard", max_len=MAX_ACCOUNT
    )
    try:
        consent = Consent(draft.consent) if draft.consent is not None else None
    except ValueError:
        consent = None
    if consent is None:
        raise ValidationError(
            "consent", "Choose whether the person agreed to the concern being shared."
        )
    return {
        "client_id": client_id,
        "person_name": person_name,
        "happened_at": happened_at,
        "place": v.optional_text(draft.place, "place", "place", max_len=MAX_SHORT),
        "present": v.optional_text(
            draft.present, "present", "list of who was present", max_len=MAX_SHORT
        ),
        "categories": categories,
        "seen_heard": seen_heard,
        "actions_taken": v.optional_text(
            draft.actions_taken, "actions_taken", "account of what you did", max_len=MAX_ACCOUNT
        ),
        "notifications": _notifications(draft.notifications, happened_at=happened_at, now=now),
        "consent": consent.value,
        "follow_up_due": _follow_up_due(
            draft.follow_up_due, "follow_up_due", earliest=to_london(happened_at).date(), now=now
        ),
    }


# -- the two writes -----------------------------------------------------------------------


def _now(now: datetime | None) -> datetime:
    now = now or utcnow()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC).replace(microsecond=0)


def _save(session: Session, entry: SafeguardingRecord | SafeguardingAddendum) -> None:
    """Inserts a new entry. A database error would carry the text in its SQL parameters, so
    it is replaced by a plain message (without its cause) before anything can log it."""
    session.add(entry)
    try:
        session.flush()
        remember_head(session, entry.chain_seq, entry.content_hash)
        session.flush()
    except DBAPIError:
        raise DaybookError(
            "Daybook could not save this safeguarding entry; nothing was saved. Please try again."
        ) from None


def _next_id(session: Session, model: type) -> int:
    return int(session.scalar(select(func.max(model.id))) or 0) + 1  # type: ignore[attr-defined]


def create_record(
    session: Session, draft: ConcernDraft, *, now: datetime | None = None
) -> Done[SafeguardingRecord]:
    """Saves a new concern, final from this moment. `now` is when it is written."""
    now = _now(now)
    values = validate_concern(session, draft, now=now)
    seq, previous = last_link(session)
    values.update(
        id=_next_id(session, SafeguardingRecord),
        chain_seq=seq + 1,
        written_at=now,
        prev_hash=previous,
    )
    values["content_hash"] = content_hash("record", values)
    record = SafeguardingRecord(**values)
    _save(session, record)
    return Done(record, CHANGES)


def get_record(session: Session, record_id: int) -> SafeguardingRecord:
    record = session.get(SafeguardingRecord, record_id) if isinstance(record_id, int) else None
    if record is None:
        raise NotFound(f"There is no safeguarding record number {record_id}.")
    return record


def add_addendum(
    session: Session,
    record_id: int,
    kind: AddendumKind | str,
    text: str,
    *,
    follow_up_due: date | None = None,
    now: datetime | None = None,
) -> Done[SafeguardingAddendum]:
    """A dated correction, follow-up, or "follow-up done" under a saved record."""
    now = _now(now)
    record = get_record(session, record_id)
    try:
        kind = AddendumKind(kind)
    except ValueError:
        raise ValidationError("kind", "Choose what kind of addendum this is.") from None
    addenda = list(
        session.scalars(
            select(SafeguardingAddendum)
            .where(SafeguardingAddendum.record_id == record.id)
            .order_by(SafeguardingAddendum.seq)
        )
    )
    waiting = current_follow_up(record.follow_up_due, [(a.kind, a.follow_up_due) for a in addenda])
    if kind == AddendumKind.FOLLOW_UP_DONE:
        if waiting is None:
            raise ValidationError("kind", "This record has no follow-up waiting to be marked done.")
        text = (
            v.optional_text(text, "text", "addendum", max_len=MAX_ACCOUNT)
            or "Follow-up marked done."
        )
        if follow_up_due is not None:
            raise ValidationError(
                "follow_up_due", "A “follow-up done” addendum cannot set a new follow-up date."
            )
    else:
        text = v.required_text(text, "text", "text of the addendum", max_len=MAX_ACCOUNT)
    new_due = _follow_up_due(
        follow_up_due, "follow_up_due", earliest=to_london(now).date(), now=now
    )
    seq, previous = last_link(session)
    values: dict[str, Any] = {
        "id": _next_id(session, SafeguardingAddendum),
        "chain_seq": seq + 1,
        "record_id": record.id,
        "seq": (addenda[-1].seq if addenda else 0) + 1,
        "kind": kind.value,
        "written_at": now,
        "text": text,
        "follow_up_due": new_due,
        "prev_hash": previous,
    }
    values["content_hash"] = content_hash("addendum", values)
    addendum = SafeguardingAddendum(**values)
    _save(session, addendum)
    session.expire(record, ["addenda"])
    return Done(addendum, CHANGES)


# -- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordRow:
    """What a list shows: dates, who, categories. No free text from the record."""

    id: int
    happened_at: datetime
    written_at: datetime
    client_id: int | None
    who: str  # the client's name, or the other person's
    categories: tuple[str, ...]
    addenda_count: int
    follow_up_due: date | None  # still waiting (not marked done)

    def __repr__(self) -> str:
        return f"RecordRow(id={self.id!r})"


def list_records(session: Session, *, client_id: int | None = None) -> list[RecordRow]:
    """Every record, newest first (by when it happened)."""
    stmt = (
        select(
            SafeguardingRecord.id,
            SafeguardingRecord.happened_at,
            SafeguardingRecord.written_at,
            SafeguardingRecord.client_id,
            SafeguardingRecord.person_name,
            SafeguardingRecord.categories,
            SafeguardingRecord.follow_up_due,
            Client.name,
        )
        .outerjoin(Client, Client.id == SafeguardingRecord.client_id)
        .order_by(SafeguardingRecord.happened_at.desc(), SafeguardingRecord.id.desc())
    )
    if client_id is not None:
        stmt = stmt.where(SafeguardingRecord.client_id == client_id)
    addenda = addenda_by_record(session)
    rows = []
    for r in session.execute(stmt):
        own = addenda.get(r.id, [])
        rows.append(
            RecordRow(
                id=r.id,
                happened_at=r.happened_at,
                written_at=r.written_at,
                client_id=r.client_id,
                who=r.name if r.client_id is not None else r.person_name,
                categories=tuple(r.categories or ()),
                addenda_count=len(own),
                follow_up_due=current_follow_up(r.follow_up_due, own),
            )
        )
    return rows


def record_as_json(row: RecordRow) -> dict[str, object]:
    """What `daybook safeguarding list --json` prints: ids, dates, categories; no free text."""
    return {
        "id": row.id,
        "happened_at": iso_utc(row.happened_at),
        "written_at": iso_utc(row.written_at),
        "client_id": row.client_id,
        "categories": list(row.categories),
        "addenda_count": row.addenda_count,
        "follow_up_due": row.follow_up_due.isoformat() if row.follow_up_due else None,
    }


def category_labels(values: list[str] | tuple[str, ...]) -> list[str]:
    out = []
    for c in values:
        try:
            out.append(CATEGORY_LABELS[Category(c)])
        except ValueError:
            out.append(str(c))
    return out


@dataclass(frozen=True)
class NotificationView:
    kind: str  # label
    at: datetime | None
    name: str
    reference: str


@dataclass(frozen=True)
class AddendumView:
    seq: int
    kind: str  # label
    written_at: datetime
    text: str
    follow_up_due: date | None
    content_hash: str

    def __repr__(self) -> str:
        return f"AddendumView(seq={self.seq!r})"


@dataclass(frozen=True)
class RecordView:
    """One record with its addenda, ready to show or print."""

    id: int
    client_id: int | None
    who: str
    is_client: bool
    happened_at: datetime
    written_at: datetime
    place: str
    present: str
    categories: tuple[str, ...]  # labels
    seen_heard: str
    actions_taken: str
    notifications: tuple[NotificationView, ...]
    consent: str  # label
    follow_up_due: date | None  # as first written
    follow_up_waiting: date | None  # after addenda
    content_hash: str
    addenda: tuple[AddendumView, ...]

    def __repr__(self) -> str:
        return f"RecordView(id={self.id!r})"


def _label(labels: dict[Any, str], enum: type, value: str) -> str:
    try:
        return labels[enum(value)]
    except ValueError:
        return str(value)


def record_view(session: Session, record_id: int) -> RecordView:
    record = get_record(session, record_id)
    addenda = list(
        session.scalars(
            select(SafeguardingAddendum)
            .where(SafeguardingAddendum.record_id == record.id)
            .order_by(SafeguardingAddendum.seq)
        )
    )
    notes = []
    for n in record.notifications or []:
        try:
            at = datetime.fromisoformat(str(n["at"])) if n.get("at") else None
        except (TypeError, ValueError):
            at = None
        notes.append(
            NotificationView(
                _label(NOTIFIED_LABELS, NotifiedKind, n.get("kind", "")),
                at,
                n.get("name", ""),
                n.get("reference", ""),
            )
        )
    client = session.get(Client, record.client_id) if record.client_id is not None else None
    return RecordView(
        id=record.id,
        client_id=record.client_id,
        who=client.name if client is not None else record.person_name,
        is_client=client is not None,
        happened_at=record.happened_at,
        written_at=record.written_at,
        place=record.place,
        present=record.present,
        categories=tuple(category_labels(record.categories or [])),
        seen_heard=record.seen_heard,
        actions_taken=record.actions_taken,
        notifications=tuple(notes),
        consent=_label(CONSENT_LABELS, Consent, record.consent),
        follow_up_due=record.follow_up_due,
        follow_up_waiting=current_follow_up(
            record.follow_up_due, [(a.kind, a.follow_up_due) for a in addenda]
        ),
        content_hash=record.content_hash,
        addenda=tuple(
            AddendumView(
                a.seq,
                _label(ADDENDUM_LABELS, AddendumKind, a.kind),
                a.written_at,
                a.text,
                a.follow_up_due,
                a.content_hash,
            )
            for a in addenda
        ),
    )
