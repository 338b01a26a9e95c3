"""Feedback on Today: complaints waiting for a reply, read without the ORM."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.core.changes import Area
from app.core.feedback.kinds import FeedbackKind
from app.core.formatting import format_date, plural, short_name_of
from app.core.reading import Reader, day, reader, stored
from app.core.reminders import DueItem, Urgency, plain_due_provider

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

REMIND_DAYS = 3  # a reply due within this many days shows on Today


@plain_due_provider("feedback")
def due(db: Session | Reader, today: date) -> list[DueItem]:
    """Open complaints still waiting for a reply (an outcome), by their reply-due date."""
    rows = reader(db).rows(
        "SELECT feedback.id, feedback.reply_due, client.name, client.preferred_name"
        " FROM feedback JOIN client ON feedback.client_id = client.id"
        " WHERE feedback.kind = ? AND feedback.resolved_on IS NULL AND feedback.outcome = ''"
        " AND feedback.reply_due IS NOT NULL AND feedback.reply_due <= ?"
        " ORDER BY feedback.id",
        (FeedbackKind.COMPLAINT.value, stored(today + timedelta(days=REMIND_DAYS))),
    )
    items = []
    for feedback_id, reply_due, name, preferred_name in rows:
        due_on = day(reply_due)
        if due_on is None:
            continue
        days = (due_on - today).days
        who = short_name_of(name, preferred_name)
        if days < 0:
            text, urgency = (
                f"Reply to {who}'s complaint (was due {format_date(due_on)})",
                Urgency.OVERDUE,
            )
        elif days == 0:
            text, urgency = f"Reply to {who}'s complaint today", Urgency.TODAY
        else:
            text, urgency = (
                f"Reply to {who}'s complaint by {format_date(due_on)} (in {plural(days, 'day')})",
                Urgency.SOON,
            )
        items.append(
            DueItem(Area.FEEDBACK, "Complaints to reply to", text, due_on, urgency, feedback_id)
        )
    return items
