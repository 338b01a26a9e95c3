"""Today: clients whose records may now be erased, and the ICO fee 30 days before renewal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from app.core.changes import Area
from app.core.formatting import format_date, plural
from app.core.privacy.ico import REMIND_DAYS, get_ico_fee
from app.core.privacy.retention import past_clients_retention
from app.core.reading import Reader, reader
from app.core.reminders import DueItem, Urgency, plain_due_provider

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@plain_due_provider("privacy")
def due(db: Session | Reader, today: date) -> list[DueItem]:
    db = reader(db)
    items = [
        DueItem(
            Area.CLIENTS,
            "Records that may now be erased",
            f"Client {r.client_id}: retention ended on {format_date(r.erasable_from)}",
            r.erasable_from,
            Urgency.LATER,
            r.client_id,
        )
        for r in past_clients_retention(db, today=today)
        if r.erasable
    ]
    fee = get_ico_fee(db)
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
