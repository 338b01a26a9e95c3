"""Today: clients whose records may now be erased, and the ICO fee 30 days before renewal."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.changes import Area
from app.core.clients import Client, ClientStatus
from app.core.formatting import format_date, plural
from app.core.privacy.ico import REMIND_DAYS, get_ico_fee
from app.core.privacy.retention import retention_of
from app.core.reminders import DueItem, Urgency, due_provider


def _past_clients(session: Session) -> list[Client]:
    """Clients no longer in care. A client in care counts today as their last care, so their
    records are kept at least a year more (retention is 1 to 100 years): never erasable yet,
    and not worth the queries at start-up."""
    return list(
        session.scalars(
            select(Client)
            .where(or_(Client.status != ClientStatus.ACTIVE, Client.archived_at.is_not(None)))
            .order_by(Client.id)
        )
    )


@due_provider("privacy")
def due(session: Session, today: date) -> list[DueItem]:
    items = [
        DueItem(
            Area.CLIENTS,
            "Records that may now be erased",
            f"Client {r.client_id}: retention ended on {format_date(r.erasable_from)}",
            r.erasable_from,
            Urgency.LATER,
            r.client_id,
        )
        for r in (retention_of(session, c, today=today) for c in _past_clients(session))
        if r.erasable
    ]
    fee = get_ico_fee(session)
    if fee.renewal is not None and (fee.renewal - today).days <= REMIND_DAYS:
        days = (fee.renewal - today).days
        if days < 0:
            text, urgency = (
                f"ICO data protection fee was due on {format_date(fee.renewal)}",
                (Urgency.OVERDUE),
            )
        else:
            text, urgency = (
                f"ICO data protection fee is due on {format_date(fee.renewal)} (in {plural(days, 'day')})",
                Urgency.TODAY if days == 0 else Urgency.SOON,
            )
        items.append(DueItem(Area.SETTINGS, "ICO fee", text, fee.renewal, urgency))
    return items
