"""Visit services: one-offs, delivered, cancelled, deleted, week and list views.

Every change a carer makes to an existing visit first asks the registered guards (another
area, e.g. invoicing, refuses changes to visits on an issued invoice) and raises
`LockedRecord` with the guard's message on refusal. Services flush, never commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record
from app.core.changes import Area, Changes, Done, changes
from app.core.checks import integrity_check
from app.core.clients import Client
from app.core.errors import DaybookError, LockedRecord, ValidationError
from app.core.formatting import (  # noqa: F401  (local_date and the rest: their old home)
    LONDON,
    format_money,
    local_date,
    local_midnight,
    london_datetime,
    short_name_of,
)
from app.core.visits.counts import count_visits  # noqa: F401  (its old home)
from app.core.visits.models import Visit, VisitStatus

MAX_VISIT_MINUTES = 24 * 60
MAX_MILES_TENTHS = 5000  # 500 miles for one visit is surely a typing slip
MAX_NOTE = 500
MAX_RANGE_DAYS = 366 * 2  # the longest range one action may cover

# ---------------------------------------------------------------- guards

VisitGuard = Callable[[Session, Visit, str], "str | None"]
_GUARDS: list[VisitGuard] = []
ACTIONS = ("delete", "edit", "cancel")


def register_visit_guard(fn: VisitGuard) -> VisitGuard:
    """Adds a guard called before a visit is deleted, edited or cancelled.

    `fn(session, visit, action)` returns None to allow, or a plain-English refusal message.
    Usable as a decorator; registering the same function twice has no further effect.
    """
    if fn not in _GUARDS:
        _GUARDS.append(fn)
    return fn


def check_guards(session: Session, visit: Visit, action: str) -> None:
    """Raises LockedRecord with the first refusal among the registered guards."""
    if action not in ACTIONS:
        raise ValueError(f"unknown visit action {action!r}")
    for guard in list(_GUARDS):
        message = guard(session, visit, action)
        if message:
            raise LockedRecord(message)


# ---------------------------------------------------------------- time helpers


def _aware(dt: datetime | None, field: str, label: str) -> datetime:
    if dt is None:
        raise ValidationError(field, f"Enter the {label}.")
    if not isinstance(dt, datetime):
        raise ValidationError(field, f"The {label} must be a date and time.")
    if dt.tzinfo is None:  # a wall-clock time typed by the carer: London time
        dt = dt.replace(tzinfo=LONDON)
    if not 2000 <= dt.astimezone(LONDON).year <= 2100:
        raise ValidationError(field, f"Check the year of the {label}.")
    return dt.astimezone(UTC)


def validate_times(
    start: datetime | None,
    end: datetime | None,
    *,
    start_field: str = "start",
    end_field: str = "end",
    label: str = "visit",
) -> tuple[datetime, datetime]:
    s = _aware(start, start_field, "start time")
    e = _aware(end, end_field, "end time")
    if e < s:
        raise ValidationError(end_field, f"The {label} ends before it starts; check the times.")
    if e == s:
        raise ValidationError(
            end_field, f"The {label} has no length: the end is the same as the start."
        )
    if (e - s) > timedelta(minutes=MAX_VISIT_MINUTES):
        raise ValidationError(end_field, f"The {label} is longer than 24 hours; check the dates.")
    return s, e


def find_overlap(
    session: Session, start: datetime, end: datetime, *, ignore_id: int | None = None
) -> Visit | None:
    """Another planned or delivered visit (any client) that overlaps start–end, if any."""
    near = select(Visit).where(
        Visit.planned_start < end + timedelta(minutes=MAX_VISIT_MINUTES) + timedelta(days=1),
        Visit.planned_start > start - timedelta(minutes=MAX_VISIT_MINUTES) - timedelta(days=1),
        Visit.status.in_([VisitStatus.PLANNED, VisitStatus.DELIVERED]),
    )
    for other in session.scalars(near):
        if other.id == ignore_id:
            continue
        if other.start < end and start < other.end:
            return other
    return None


def _refuse_overlap(
    session: Session, start: datetime, end: datetime, field: str, ignore_id: int | None
) -> None:
    other = find_overlap(session, start, end, ignore_id=ignore_id)
    if other is not None:
        s, e = other.start.astimezone(LONDON), other.end.astimezone(LONDON)
        raise ValidationError(
            field,
            f"This overlaps another visit on {s:%d/%m/%Y} from {s:%H:%M} to {e:%H:%M} "
            f"({short_name(other.client)}). You cannot be in two places at once.",
        )


def short_name(client: Client | None) -> str:
    """What a calendar or Today shows: the preferred name, else the first name."""
    if client is None:
        return "Client"
    return short_name_of(client.name, client.preferred_name)


# ---------------------------------------------------------------- look-ups


def get_visit(session: Session, visit_id: int) -> Visit:
    return get_record(session, Visit, visit_id, f"There is no visit with number {visit_id}.")


def _get_client(session: Session, client_id: int | None) -> Client:
    if client_id is None:
        raise ValidationError("client_id", "Choose the client.")
    client = session.get(Client, client_id)
    if client is None:
        raise ValidationError("client_id", "That client no longer exists; choose another.")
    return client


def contract_version_for(session: Session, client_id: int, on: date):
    """The signed contract version in effect for the client on `on` (None without one)."""
    from app.core.contracts.in_force import version_in_effect

    return version_in_effect(session, client_id, on)


# ---------------------------------------------------------------- rows for views


@dataclass(frozen=True)
class VisitRow:
    """What the week view, list, CLI and ics show. Never the note's text."""

    id: int
    client_id: int
    client_name: str
    short_name: str
    start: datetime  # aware UTC: actual when delivered, else planned
    end: datetime
    planned_start: datetime
    planned_end: datetime
    status: VisitStatus
    one_off: bool
    specialist: bool
    miles_tenths: int
    late_cancel_charge_pence: int
    has_note: bool
    charge_pence: int = 0  # delivered: priced by its agreement; cancelled late: the charge

    @property
    def minutes(self) -> int:
        return round((self.end - self.start).total_seconds() / 60)

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(LONDON)

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(LONDON)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "client_id": self.client_id,
            "client": self.client_name,
            "date": self.local_start.date().isoformat(),
            "start": self.local_start.isoformat(),
            "end": self.local_end.isoformat(),
            "planned_start": self.planned_start.astimezone(LONDON).isoformat(),
            "planned_end": self.planned_end.astimezone(LONDON).isoformat(),
            "minutes": self.minutes,
            "status": str(self.status),
            "one_off": self.one_off,
            "specialist": self.specialist,
            "miles": self.miles_tenths / 10,
            "late_cancel_charge_pence": self.late_cancel_charge_pence,
        }


def row_of(visit: Visit, client: Client | None = None) -> VisitRow:
    client = client or visit.client
    return VisitRow(
        id=visit.id,
        client_id=visit.client_id,
        client_name=client.name if client else "",
        short_name=short_name(client),
        start=visit.start,
        end=visit.end,
        planned_start=visit.planned_start,
        planned_end=visit.planned_end,
        status=VisitStatus(visit.status),
        one_off=bool(visit.one_off),
        specialist=bool(visit.specialist),
        miles_tenths=visit.miles_tenths or 0,
        late_cancel_charge_pence=visit.late_cancel_charge_pence or 0,
        has_note=bool(visit.note),
        charge_pence=visit_charge(visit),
    )


def visit_charge(visit: Visit) -> int:
    """What the visit is charged: a delivered visit priced by its agreement's terms as its
    invoice line will be (app.core.pricing), a late cancellation its charge, else 0."""
    if visit.status == VisitStatus.CANCELLED_BY_CLIENT:
        return visit.late_cancel_charge_pence or 0
    version = visit.contract_version
    if visit.status != VisitStatus.DELIVERED or version is None or visit.end <= visit.start:
        return 0
    from app.core.pricing import price_visit

    return price_visit(
        version.rate_card,
        visit.start,
        visit.end,
        specialist=bool(visit.specialist),
        charging=version.charging,
        booked=(visit.planned_start, visit.planned_end),
    ).amount_pence


def _range_query(
    first: datetime, until: datetime, client_id: int | None, status: VisitStatus | str | None
):
    stmt = (
        select(Visit, Client)
        .join(Client, Visit.client_id == Client.id)
        .where(Visit.planned_start >= first, Visit.planned_start < until)
    )
    if client_id is not None:
        stmt = stmt.where(Visit.client_id == client_id)
    if status:
        stmt = stmt.where(Visit.status == VisitStatus(status))
    return stmt


def _check_range(
    first_day: date,
    last_day: date,
    *,
    first_field: str = "first_day",
    last_field: str = "last_day",
    max_days: int = MAX_RANGE_DAYS,
) -> None:
    if first_day is None:
        raise ValidationError(first_field, "Enter the first day.")
    if last_day is None:
        raise ValidationError(last_field, "Enter the last day.")
    if last_day < first_day:
        raise ValidationError(last_field, "The last day is before the first day.")
    if (last_day - first_day).days > max_days:
        raise ValidationError(last_field, f"Choose at most {max_days} days at a time.")


def list_visits(
    session: Session,
    start: date,
    end: date,
    client_id: int | None = None,
    status: VisitStatus | str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[VisitRow]:
    """Visits planned from `start` to `end` (London days, both included), earliest first.

    One page of at most `limit` rows from `offset`: a list view fetches more as it scrolls.
    """
    _check_range(start, end, first_field="start", last_field="end", max_days=366 * 50)
    stmt = (
        _range_query(
            local_midnight(start), local_midnight(end + timedelta(days=1)), client_id, status
        )
        .order_by(Visit.planned_start, Visit.id)
        .limit(max(0, limit))
        .offset(max(0, offset))
    )
    return [row_of(visit, client) for visit, client in session.execute(stmt)]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def visits_in_week(session: Session, monday: date) -> dict[date, list[VisitRow]]:
    """The seven London days from `monday` (any day: its week's Monday), each day's visits."""
    monday = monday_of(monday)
    days = {monday + timedelta(days=i): [] for i in range(7)}  # type: dict[date, list[VisitRow]]
    stmt = _range_query(
        local_midnight(monday), local_midnight(monday + timedelta(days=7)), None, None
    ).order_by(Visit.planned_start, Visit.id)
    for visit, client in session.execute(stmt):
        row = row_of(visit, client)
        day = local_date(visit.planned_start)
        if day in days:
            days[day].append(row)
    for rows in days.values():
        rows.sort(key=lambda r: (r.start, r.id))
    return days


# ---------------------------------------------------------------- one-offs and edits


@dataclass
class VisitDraft:
    client_id: int | None = None
    start: datetime | None = None
    end: datetime | None = None
    specialist: bool = False
    note: str = ""

    def __repr__(self) -> str:  # never the note
        return f"VisitDraft(client_id={self.client_id!r})"


def add_one_off(session: Session, draft: VisitDraft) -> Done[Visit]:
    """A visit outside the schedule (extra help, a hospital discharge, a swap)."""
    client = _get_client(session, draft.client_id)
    start, end = validate_times(draft.start, draft.end)
    note = v.optional_text(draft.note, "note", "note", max_len=MAX_NOTE)
    _refuse_overlap(session, start, end, "start", None)
    version = contract_version_for(session, client.id, local_date(start))
    visit = Visit(
        client_id=client.id,
        contract_version_id=version.id if version else None,
        planned_start=start,
        planned_end=end,
        status=VisitStatus.PLANNED,
        one_off=True,
        specialist=bool(draft.specialist),
        miles_tenths=0,
        note=note,
        late_cancel_charge_pence=0,
    )
    session.add(visit)
    session.flush()
    return Done(visit, changes(Area.VISITS))


def update_visit(session: Session, visit_id: int, draft: VisitDraft) -> Changes:
    """Moves or changes a planned visit (times, specialist, note)."""
    visit = get_visit(session, visit_id)
    check_guards(session, visit, "edit")
    if visit.status != VisitStatus.PLANNED:
        raise DaybookError(
            "Only a planned visit can be moved. For a delivered visit, "
            "change its actual times with “Mark delivered”."
        )
    start, end = validate_times(draft.start, draft.end)
    note = v.optional_text(draft.note, "note", "note", max_len=MAX_NOTE)
    _refuse_overlap(session, start, end, "start", visit.id)
    visit.planned_start, visit.planned_end = start, end
    visit.specialist = bool(draft.specialist)
    visit.note = note
    session.flush()
    return changes(Area.VISITS)


def mark_delivered(
    session: Session,
    visit_id: int,
    actual_start: datetime | None,
    actual_end: datetime | None,
    *,
    miles_tenths: int | None = 0,
    note: str = "",
) -> Changes:
    """Records a visit as delivered with its actual times, miles for the client and a note."""
    visit = get_visit(session, visit_id)
    check_guards(session, visit, "edit")
    start, end = validate_times(
        actual_start, actual_end, start_field="actual_start", end_field="actual_end"
    )
    if abs(start - visit.planned_start) > timedelta(hours=24):
        raise ValidationError(
            "actual_start",
            "The actual start is more than a day away from the planned time; check the date.",
        )
    miles = 0 if miles_tenths is None else int(miles_tenths)
    if miles < 0:
        raise ValidationError("miles", "Miles cannot be negative.")
    if miles > MAX_MILES_TENTHS:
        raise ValidationError(
            "miles", "That is more than 500 miles for one visit; check the figure."
        )
    clean_note = v.optional_text(note, "note", "note", max_len=MAX_NOTE)
    _refuse_overlap(session, start, end, "actual_start", visit.id)
    visit.actual_start, visit.actual_end = start, end
    visit.status = VisitStatus.DELIVERED
    visit.miles_tenths = miles
    visit.note = clean_note
    visit.cancelled_at = None
    visit.late_cancel_charge_pence = 0
    session.flush()
    return changes(Area.VISITS)


@dataclass(frozen=True)
class MarkedAsPlanned:
    marked: int
    skipped: int  # not planned (already delivered or cancelled) or locked by an invoice

    def summary(self) -> str:
        text = f"{self.marked} visit{'s' if self.marked != 1 else ''} marked delivered as planned."
        if self.skipped:
            text += f" {self.skipped} left as they were (not planned, or already invoiced)."
        return text


def mark_delivered_as_planned(session: Session, visit_ids: Iterable[int]) -> Done[MarkedAsPlanned]:
    """Records several planned visits as delivered at their planned times (no miles, no note):
    the carer's "they all happened as planned" for a week. Visits that are not planned are left
    as they were and counted."""
    marked = skipped = 0
    for visit_id in dict.fromkeys(visit_ids):
        visit = get_visit(session, visit_id)
        if visit.status != VisitStatus.PLANNED:
            skipped += 1
            continue
        try:
            check_guards(session, visit, "edit")
        except LockedRecord:
            skipped += 1
            continue
        visit.actual_start, visit.actual_end = visit.planned_start, visit.planned_end
        visit.status = VisitStatus.DELIVERED
        visit.cancelled_at = None
        visit.late_cancel_charge_pence = 0
        marked += 1
    session.flush()
    return Done(MarkedAsPlanned(marked, skipped), changes(Area.VISITS) if marked else changes())


# ---------------------------------------------------------------- cancelling


def late_cancel_charge(session: Session, visit: Visit, cancelled_at: datetime) -> int:
    """What the client owes for cancelling `visit` at `cancelled_at` under their contract.

    Inside the contract's notice window (`late_cancel_hours` before the planned start, or
    after it) the charge is `late_cancel_percent` of the visit's price, rounded half-up to
    the penny once; otherwise nothing. No contract in effect: nothing.
    """
    from app.core.pricing import price_visit, round_half_up_div

    version = visit.contract_version or contract_version_for(
        session, visit.client_id, local_date(visit.planned_start)
    )
    if version is None:
        return 0
    cancelled_at = _aware(cancelled_at, "cancelled_at", "time of cancelling")
    hours = version.late_cancel_hours or 0
    # "Less than 24 hours' notice": cancelling exactly 24 hours before is in time.
    if cancelled_at <= visit.planned_start - timedelta(hours=hours):
        return 0
    percent = max(0, min(100, version.late_cancel_percent or 0))
    price = price_visit(
        version.rate_card, visit.planned_start, visit.planned_end, specialist=bool(visit.specialist)
    ).amount_pence
    return round_half_up_div(price * percent, 100)


@dataclass(frozen=True)
class CancelQuote:
    """What cancelling now would cost, in words the carer can read out to the client."""

    charge_pence: int
    hours_notice: float  # hours between cancelling and the planned start (negative: after)
    window_hours: int
    percent: int
    has_contract: bool

    @property
    def late(self) -> bool:
        return self.charge_pence > 0

    def describe(self) -> str:
        if not self.has_contract:
            return "No contract is in force for this visit, so there is no charge."
        if self.hours_notice < 0:
            notice = "after the visit was due to start"
        else:
            notice = f"{_hours_text(self.hours_notice)} before the start"
        if self.charge_pence == 0 and self.percent == 0:
            return f"Cancelled {notice}. The contract has no late-cancellation charge."
        if self.charge_pence == 0 and self.hours_notice >= self.window_hours:
            return (
                f"Cancelled {notice}: at least the contract's {self.window_hours} hours' "
                "notice, so there is no charge."
            )
        return (
            f"Cancelled {notice}: inside the contract's {self.window_hours} hours' notice. "
            f"Late-cancellation charge: {format_money(self.charge_pence)} "
            f"({self.percent}% of the visit)."
        )


def _hours_text(hours: float) -> str:
    if hours < 1:
        minutes = int(round(hours * 60))
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    whole = int(hours)
    return f"{whole} hour{'s' if whole != 1 else ''}" if hours < 48 else f"{int(hours // 24)} days"


def cancel_quote(session: Session, visit_id: int, cancelled_at: datetime) -> CancelQuote:
    visit = get_visit(session, visit_id)
    when = _aware(cancelled_at, "cancelled_at", "time of cancelling")
    version = visit.contract_version or contract_version_for(
        session, visit.client_id, local_date(visit.planned_start)
    )
    hours = (visit.planned_start - when).total_seconds() / 3600
    if version is None:
        return CancelQuote(0, hours, 0, 0, False)
    return CancelQuote(
        late_cancel_charge(session, visit, when),
        hours,
        version.late_cancel_hours or 0,
        max(0, min(100, version.late_cancel_percent or 0)),
        True,
    )


def _cancellable(session: Session, visit_id: int) -> Visit:
    visit = get_visit(session, visit_id)
    check_guards(session, visit, "cancel")
    if visit.status == VisitStatus.DELIVERED:
        raise DaybookError("This visit is marked as delivered, so it cannot be cancelled.")
    if visit.status != VisitStatus.PLANNED:
        raise DaybookError("This visit is already cancelled.")
    return visit


def cancel_by_client(
    session: Session, visit_id: int, *, cancelled_at: datetime, charge: bool = True
) -> Changes:
    """The client cancelled. A late cancellation is charged from the contract's terms
    unless `charge` is False (the carer chose to waive it)."""
    visit = _cancellable(session, visit_id)
    when = _aware(cancelled_at, "cancelled_at", "time of cancelling")
    visit.status = VisitStatus.CANCELLED_BY_CLIENT
    visit.cancelled_at = when
    visit.late_cancel_charge_pence = late_cancel_charge(session, visit, when) if charge else 0
    session.flush()
    return changes(Area.VISITS)


def cancel_by_carer(session: Session, visit_id: int, *, cancelled_at: datetime) -> Changes:
    """The carer could not go (ill, car broke down): never charged."""
    visit = _cancellable(session, visit_id)
    visit.status = VisitStatus.CANCELLED_BY_CARER
    visit.cancelled_at = _aware(cancelled_at, "cancelled_at", "time of cancelling")
    visit.late_cancel_charge_pence = 0
    session.flush()
    return changes(Area.VISITS)


def reinstate_visit(session: Session, visit_id: int) -> Changes:
    """Undoes a cancellation: the visit is planned again, with no charge."""
    visit = get_visit(session, visit_id)
    check_guards(session, visit, "edit")
    if visit.status not in (VisitStatus.CANCELLED_BY_CLIENT, VisitStatus.CANCELLED_BY_CARER):
        raise DaybookError("Only a cancelled visit can be put back.")
    _refuse_overlap(session, visit.planned_start, visit.planned_end, "start", visit.id)
    visit.status = VisitStatus.PLANNED
    visit.cancelled_at = None
    visit.late_cancel_charge_pence = 0
    session.flush()
    return changes(Area.VISITS)


def delete_visit(session: Session, visit_id: int) -> Changes:
    """Removes a visit entered by mistake. Guards (e.g. an issued invoice) may refuse."""
    visit = get_visit(session, visit_id)
    check_guards(session, visit, "delete")
    session.delete(visit)
    session.flush()
    return changes(Area.VISITS)


def describe_charge(pence: int) -> str:
    return "No charge" if pence == 0 else f"Late-cancellation charge {format_money(pence)}"


@integrity_check("visits")
def _check(session: Session) -> list[str]:
    def counted(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    # one pass over the table for all three (ten years are 100,000 visits)
    backwards, no_times, charged = session.execute(
        select(
            counted(Visit.planned_end <= Visit.planned_start),
            counted(
                (Visit.status == VisitStatus.DELIVERED)
                & ((Visit.actual_start.is_(None)) | (Visit.actual_end.is_(None)))
            ),
            counted(
                (Visit.status != VisitStatus.CANCELLED_BY_CLIENT)
                & (Visit.late_cancel_charge_pence != 0)
            ),
        )
    ).one()
    problems = []
    if backwards:
        problems.append(f"{backwards} visit(s) end before they start")
    if no_times:
        problems.append(f"{no_times} delivered visit(s) have no actual times")
    if charged:
        problems.append(
            f"{charged} visit(s) carry a late-cancellation charge but were not "
            "cancelled by the client"
        )
    return problems
