"""Where a Today line leads: the area's page, and there the record it names."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QWidget

from app.core.changes import Area
from app.ui.layout import show_chosen
from app.ui.registry import PAGES

# Each panel's own way to show one record (panels keep their names; Today knows them here).
OPENERS: dict[str, str] = {
    Area.CLIENTS: "open_client",
    Area.CONTRACTS: "open_contract",
    Area.VISITS: "show_visit",
    Area.INVOICES: "select_invoice",
    Area.PORTFOLIO: "open_document",
    Area.SAFEGUARDING: "open_record",
}
PAGE_KEYS = {str(p.key) for p in PAGES}


def can_open(area: str) -> bool:
    return str(area) in PAGE_KEYS


def open_target(origin: QWidget, area: str, record_id: int | None = None) -> QWidget | None:
    """Opens the area's page in the window holding `origin`, then the record if there is one.
    Returns the panel (None when `origin` is not inside the main window)."""
    window = origin.window()
    go_to = getattr(window, "go_to", None)
    if go_to is None or not can_open(area):
        return None
    panel = go_to(str(area))
    opener = getattr(panel, OPENERS.get(str(area), ""), None)
    if record_id is not None and opener is not None:
        shown = opener(record_id)
        if shown is False and hasattr(panel, "show_invoice"):  # filtered out of the list
            panel.show_invoice(record_id)
        show_chosen(panel)
    return panel


def last_week(today: date) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday() + 7)
    return monday, monday + timedelta(days=6)
