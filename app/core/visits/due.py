"""Visits on Today, read without the ORM: today's visits (planned or delivered) with their
times in Europe/London, and how many past visits are still planned."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.core.changes import Area
from app.core.formatting import LONDON, local_midnight
from app.core.reading import Reader, moment, reader, scalar, stored
from app.core.reminders import DueItem, Urgency, plain_due_provider
from app.core.visits.status import VisitStatus, time_that_counts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

UNMARKED_DAYS = 62  # how far back a visit still planned is counted as "to record"


@plain_due_provider("visits")
def due(db: Session | Reader, today: date) -> list[DueItem]:
    start, end = local_midnight(today), local_midnight(today + timedelta(days=1))
    db = reader(db)
    rows = db.rows(
        "SELECT visit.id, visit.status, visit.planned_start, visit.planned_end,"
        " visit.actual_start, visit.actual_end, client.name"
        " FROM visit JOIN client ON visit.client_id = client.id"
        " WHERE visit.planned_start >= ? AND visit.planned_start < ? AND visit.status IN (?, ?)"
        " ORDER BY visit.planned_start, visit.id",
        (stored(start), stored(end), VisitStatus.PLANNED.value, VisitStatus.DELIVERED.value),
    )
    items = []
    for visit_id, status, planned_start, planned_end, actual_start, actual_end, name in rows:
        s = time_that_counts(status, _moment(planned_start), moment(actual_start))
        e = time_that_counts(status, _moment(planned_end), moment(actual_end))
        s, e = s.astimezone(LONDON), e.astimezone(LONDON)
        done = " (delivered)" if status == VisitStatus.DELIVERED else ""
        items.append(
            DueItem(
                area=Area.VISITS,
                heading="Visits today",
                text=f"{s:%H:%M}–{e:%H:%M} {name}{done}",
                when=today,
                urgency=Urgency.TODAY,
                record_id=visit_id,
            )
        )
    unmarked = scalar(
        db,
        "SELECT count(id) FROM visit WHERE status = ? AND planned_end < ? AND planned_start >= ?",
        (
            VisitStatus.PLANNED.value,
            stored(start),
            stored(local_midnight(today - timedelta(days=UNMARKED_DAYS))),
        ),
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


def _moment(value: object) -> datetime:
    """A planned time (NOT NULL in the table)."""
    found = moment(value)
    if found is None:
        raise ValueError("a visit without its planned time")
    return found
