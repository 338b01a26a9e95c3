"""What Today shows about safeguarding: follow-up dates, and nothing of what was written.
Plain reads: no ORM."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from app.core.changes import Area
from app.core.reading import Reader
from app.core.reminders import DueItem, Urgency, plain_due_provider
from app.core.safeguarding.follow_ups import waiting_follow_ups

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@plain_due_provider("safeguarding")
def due(db: Session | Reader, today: date) -> list[DueItem]:
    items = []
    for record_id, follow_up_due in waiting_follow_ups(db):
        days = (follow_up_due - today).days
        urgency = (
            Urgency.OVERDUE
            if days < 0
            else Urgency.TODAY
            if days == 0
            else Urgency.SOON
            if days <= 7
            else Urgency.LATER
        )
        items.append(
            DueItem(
                area=Area.SAFEGUARDING,
                heading="Safeguarding follow-ups",
                text=f"Follow-up for record #{record_id} due",
                when=follow_up_due,
                urgency=urgency,
                record_id=record_id,
            )
        )
    return items
