"""Timesheets: each delivered visit for a client over a period, for the client (or their
representative) to sign. Councils auditing a Direct Payment ask for them.

A timesheet made in the window is kept (its PDF byte for byte) with the date it was signed;
once signed it is final.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, select
from sqlalchemy.orm import Mapped, Session, deferred, mapped_column

from app.core.base import Base, UTCDateTime, get_record, utcnow
from app.core.changes import Area, Changes, Done, changes
from app.core.clients import Client
from app.core.errors import LockedRecord, ValidationError
from app.core.formatting import to_london
from app.core.visits.models import Visit, VisitStatus
from app.core.visits.services import local_midnight

CHANGES = changes(Area.VISITS)


class Timesheet(Base):
    __tablename__ = "timesheet"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    visit_count: Mapped[int] = mapped_column(Integer, default=0)
    total_minutes: Mapped[int] = mapped_column(Integer, default=0)
    made_on: Mapped[date] = mapped_column(Date)
    pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))  # byte for byte as given
    signed_on: Mapped[date | None] = mapped_column(Date)
    signed_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"Timesheet(id={self.id!r})"


@dataclass(frozen=True)
class TimesheetLine:
    day: date
    start: str  # "09:00", London time
    end: str
    minutes: int
    tasks: str


@dataclass(frozen=True)
class TimesheetData:
    client_id: int
    client_name: str
    signer_name: str  # who signs for the client: the client or their representative
    period_start: date
    period_end: date
    lines: list[TimesheetLine]

    @property
    def total_minutes(self) -> int:
        return sum(line.minutes for line in self.lines)


def hours_and_minutes(minutes: int) -> str:
    """65 -> "1 h 05 min", 45 -> "45 min", 120 -> "2 h 00 min"."""
    hours, rest = divmod(max(0, minutes), 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def _tasks(visit: Visit, cache: dict[int, str]) -> str:
    """The services agreed in the contract the visit falls under, in short words (never the
    visit's own note, which may hold health details)."""
    from app.core.contracts.form import SERVICE_CHOICES

    version = visit.contract_version
    if version is None:
        return "As agreed"
    if version.id not in cache:
        words = [SERVICE_CHOICES[s].split(" (")[0] for s in version.services or []]
        cache[version.id] = ", ".join(words) or "As agreed in the contract"
    return cache[version.id]


def validate_period(start: date | None, end: date | None) -> tuple[date, date]:
    if start is None:
        raise ValidationError("period_start", "Enter the first day of the timesheet.")
    if end is None:
        raise ValidationError("period_end", "Enter the last day of the timesheet.")
    if end < start:
        raise ValidationError("period_end", "The last day is before the first day.")
    return start, end


def timesheet_data(
    session: Session, client_id: int, start: date | None, end: date | None
) -> TimesheetData:
    first, last = validate_period(start, end)
    client = get_record(session, Client, client_id, f"There is no client with id {client_id}.")
    stmt = (
        select(Visit)
        .where(
            Visit.client_id == client_id,
            Visit.status == VisitStatus.DELIVERED,
            Visit.planned_start >= local_midnight(first),
            Visit.planned_start < local_midnight(last + timedelta(days=1)),
        )
        .order_by(Visit.planned_start, Visit.id)
    )
    cache: dict[int, str] = {}
    lines = []
    for visit in session.scalars(stmt):
        s, e = to_london(visit.start), to_london(visit.end)
        lines.append(
            TimesheetLine(s.date(), f"{s:%H:%M}", f"{e:%H:%M}", visit.minutes, _tasks(visit, cache))
        )
    return TimesheetData(client.id, client.name, client.billing_name, first, last, lines)


def save_timesheet(session: Session, data: TimesheetData, pdf: bytes, *, today: date) -> Done[int]:
    """Keeps a timesheet as given to the client (its PDF byte for byte); returns its id.

    Made again for the same period before anyone signed it (a visit corrected, say), it
    replaces the unsigned one; a signed timesheet is never touched."""
    unsigned = session.scalars(
        select(Timesheet).where(
            Timesheet.client_id == data.client_id,
            Timesheet.period_start == data.period_start,
            Timesheet.period_end == data.period_end,
            Timesheet.signed_on.is_(None),
        )
    ).first()
    sheet = unsigned or Timesheet(
        client_id=data.client_id, period_start=data.period_start, period_end=data.period_end
    )
    sheet.visit_count = len(data.lines)
    sheet.total_minutes = data.total_minutes
    sheet.made_on = today
    sheet.pdf = pdf
    session.add(sheet)
    session.flush()
    return Done(sheet.id, CHANGES)


def get_timesheet(session: Session, timesheet_id: int) -> Timesheet:
    return get_record(
        session, Timesheet, timesheet_id, f"There is no timesheet with id {timesheet_id}."
    )


def record_signed(
    session: Session, timesheet_id: int, *, signed_on: date | None, signed_by: str, today: date
) -> Changes:
    """The client or their representative signed the timesheet: the date and who signed."""
    from app.core import validators as v

    sheet = get_timesheet(session, timesheet_id)
    if sheet.signed_on is not None:
        raise LockedRecord("This timesheet is already recorded as signed; it cannot change.")
    if signed_on is None:
        raise ValidationError("signed_on", "Enter the date it was signed.")
    if signed_on > today:
        raise ValidationError("signed_on", "The date signed cannot be in the future.")
    if signed_on < sheet.made_on:
        raise ValidationError("signed_on", "The date signed is before the timesheet was made.")
    who = v.required_text(signed_by, "signed_by", "name of who signed")
    sheet.signed_on, sheet.signed_by = signed_on, who
    session.flush()
    return CHANGES


@dataclass(frozen=True)
class TimesheetRow:
    id: int
    period_start: date
    period_end: date
    visit_count: int
    total_minutes: int
    made_on: date
    signed_on: date | None
    signed_by: str


def timesheets_for(session: Session, client_id: int) -> list[TimesheetRow]:
    stmt = (
        select(Timesheet)
        .where(Timesheet.client_id == client_id)
        .order_by(Timesheet.period_start.desc(), Timesheet.id.desc())
    )
    return [
        TimesheetRow(
            t.id,
            t.period_start,
            t.period_end,
            t.visit_count,
            t.total_minutes,
            t.made_on,
            t.signed_on,
            t.signed_by,
        )
        for t in session.scalars(stmt)
    ]


def timesheet_pdf(session: Session, timesheet_id: int) -> bytes:
    pdf = get_timesheet(session, timesheet_id).pdf
    if not pdf:
        raise LockedRecord("This timesheet's PDF was not kept.")
    return pdf
