"""The portfolio's Today reminders: documents expiring (read plainly, before the ORM loads)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from app.core.changes import Area
from app.core.formatting import format_date, plural
from app.core.portfolio.expiry import ExpiryStatus, expiry_status, next_date
from app.core.reading import Reader, day, reader
from app.core.reminders import DueItem, Urgency, plain_due_provider

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@plain_due_provider("portfolio")
def due(db: Session | Reader, today: date) -> list[DueItem]:
    """Documents that expired, or expire (or need their DBS renewal) within 30 days."""
    items = []
    for doc_id, title, expiry, renewal in reader(db).rows(
        "SELECT id, title, expiry_date, renewal_date FROM portfolio_document"
        " WHERE archived_at IS NULL AND (expiry_date IS NOT NULL OR renewal_date IS NOT NULL)"
        " ORDER BY id"
    ):
        expiry_date, renewal_date = day(expiry), day(renewal)
        status = expiry_status(expiry_date, renewal_date, today)
        nd = next_date(expiry_date, renewal_date)
        if status == ExpiryStatus.VALID or nd is None:
            continue
        days = (nd.when - today).days
        what = "DBS update service renewal" if nd.kind == "renewal" else f"“{title}”"
        if status == ExpiryStatus.EXPIRED:
            verb = "was due" if nd.kind == "renewal" else "expired"
            text, urgency = f"{what} {verb} on {format_date(nd.when)}", Urgency.OVERDUE
        elif days == 0:
            text, urgency = (
                f"{what} {'is due' if nd.kind == 'renewal' else 'expires'} today",
                Urgency.TODAY,
            )
        else:
            verb = "is due" if nd.kind == "renewal" else "expires"
            text, urgency = (
                f"{what} {verb} on {format_date(nd.when)} (in {plural(days, 'day')})",
                Urgency.SOON,
            )
        items.append(DueItem(Area.PORTFOLIO, "Portfolio", text, nd.when, urgency, doc_id))
    return items
