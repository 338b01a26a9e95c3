"""The visit list's columns, shared by the Visits panel and each client's Visits tab (kept
apart from both so neither imports the other)."""

from __future__ import annotations

from app.core.formatting import format_date, format_hours, format_miles, format_money
from app.core.visits.models import STATUS_LABELS

LIST_COLUMNS = [
    ("Date", lambda r: f"{r.local_start:%a} {format_date(r.local_start.date())}"),
    ("Time", lambda r: f"{r.local_start:%H:%M}–{r.local_end:%H:%M}"),
    ("Client", lambda r: r.client_name),
    ("Status", lambda r: STATUS_LABELS[r.status] + (" (one-off)" if r.one_off else "")),
    ("Length", lambda r: format_hours(r.minutes)),
    ("Miles", lambda r: format_miles(r.miles_tenths) if r.miles_tenths else ""),
    ("Charge", lambda r: format_money(r.charge_pence) if r.charge_pence else ""),
]
