"""The portfolio's Today reminders (documents expiring) and its `daybook check`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.changes import Area
from app.core.checks import integrity_check
from app.core.formatting import format_date, plural
from app.core.portfolio.expiry import ExpiryStatus, expiry_status, next_date
from app.core.portfolio.models import PortfolioDocument, PortfolioFile
from app.core.reminders import DueItem, Urgency, due_provider


@due_provider("portfolio")
def due(session: Session, today: date) -> list[DueItem]:
    """Documents that expired, or expire (or need their DBS renewal) within 30 days."""
    items = []
    for doc in session.scalars(
        select(PortfolioDocument).where(PortfolioDocument.archived_at.is_(None))
    ):
        status = expiry_status(doc.expiry_date, doc.renewal_date, today)
        nd = next_date(doc.expiry_date, doc.renewal_date)
        if status == ExpiryStatus.VALID or nd is None:
            continue
        days = (nd.when - today).days
        what = "DBS update service renewal" if nd.kind == "renewal" else f"“{doc.title}”"
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
        items.append(DueItem(Area.PORTFOLIO, "Portfolio", text, nd.when, urgency, doc.id))
    return items


@integrity_check("portfolio")
def check_files(session: Session) -> list[str]:
    """Every attached file still has all its bytes."""
    rows = session.execute(
        select(PortfolioFile.id, PortfolioFile.size, func.length(PortfolioFile.content))
    )
    return [
        f"portfolio file {fid} has {actual or 0} bytes, {size} expected"
        for fid, size, actual in rows
        if (actual or 0) != size
    ]
