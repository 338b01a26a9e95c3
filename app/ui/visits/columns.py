"""The visit list's columns, shared by the Visits panel and each client's Visits tab (kept
apart from both so neither imports the other)."""

from __future__ import annotations

from app.core.formatting import format_date, format_hours, format_miles, format_money
from app.core.visits.models import STATUS_LABELS
from app.core.visits.services import VisitRow

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _date(r: VisitRow) -> str:
    start = r.local_start
    return f"{DAYS[start.weekday()]} {format_date(start.date())}"


def _times(r: VisitRow) -> str:
    # spelt out rather than strftime, which imports a module per call (hundreds per list)
    start, end = r.local_start, r.local_end
    return f"{start.hour:02d}:{start.minute:02d}–{end.hour:02d}:{end.minute:02d}"


LIST_COLUMNS = [
    ("Date", _date),
    ("Time", _times),
    ("Client", lambda r: r.client_name),
    ("Status", lambda r: STATUS_LABELS[r.status] + (" (one-off)" if r.one_off else "")),
    ("Length", lambda r: format_hours(r.minutes)),
    ("Miles", lambda r: format_miles(r.miles_tenths) if r.miles_tenths else ""),
    ("Charge", lambda r: format_money(r.charge_pence) if r.charge_pence else ""),
]
