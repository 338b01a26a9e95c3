"""The schedule as an .ics calendar file for the carer's phone (icalendar).

Events carry Europe/London times with a TZID (and the VTIMEZONE it names), so a phone shows
09:00 in summer and winter. No sensitive text: the summary is the client's preferred or
first name and “visit”; no notes, addresses or key-safe details.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.base import utcnow
from app.core.clients import Client
from app.core.formatting import LONDON
from app.core.visits.models import Visit, VisitStatus
from app.core.visits.services import _check_range, local_midnight, short_name

MAX_ICS_DAYS = 366 * 3


def visits_ics(session: Session, start: date, end: date, *, stamp: datetime | None = None) -> bytes:
    """Planned and delivered visits from `start` to `end` (London days, inclusive)."""
    from icalendar import Calendar, Event

    _check_range(start, end, first_field="start", last_field="end", max_days=MAX_ICS_DAYS)
    stamp = stamp or utcnow()
    cal = Calendar()
    cal.add("prodid", "-//Daybook//Visits//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Daybook visits")
    cal.add("x-wr-timezone", "Europe/London")
    stmt = (
        select(Visit, Client)
        .join(Client, Visit.client_id == Client.id)
        .where(
            Visit.planned_start >= local_midnight(start),
            Visit.planned_start < local_midnight(end + timedelta(days=1)),
            Visit.status.in_([VisitStatus.PLANNED, VisitStatus.DELIVERED]),
        )
        .order_by(Visit.planned_start, Visit.id)
    )
    for visit, client in session.execute(stmt):
        event = Event()
        event.add("uid", f"{visit.uid}@daybook.local")
        event.add("dtstamp", stamp)
        event.add("dtstart", visit.start.astimezone(LONDON))
        event.add("dtend", visit.end.astimezone(LONDON))
        event.add("summary", f"{short_name(client)} visit")
        if visit.status == VisitStatus.DELIVERED:
            event.add("status", "CONFIRMED")
            event.add("description", "Delivered")
        else:
            event.add("status", "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
