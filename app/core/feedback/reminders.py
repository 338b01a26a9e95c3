"""Feedback on Today: complaints waiting for a reply."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.changes import Area
from app.core.feedback.models import Feedback, FeedbackEntry, FeedbackKind  # noqa: F401
from app.core.formatting import format_date, plural
from app.core.reminders import DueItem, Urgency, due_provider

REMIND_DAYS = 3  # a reply due within this many days shows on Today


@due_provider("feedback")
def due(session: Session, today: date) -> list[DueItem]:
    """Open complaints still waiting for a reply (an outcome), by their reply-due date."""
    from app.core.clients import Client
    from app.core.visits.services import short_name

    items = []
    rows = session.execute(
        select(Feedback, Client)
        .join(Client, Feedback.client_id == Client.id)
        .where(
            Feedback.kind == FeedbackKind.COMPLAINT.value,
            Feedback.resolved_on.is_(None),
            Feedback.outcome == "",
            Feedback.reply_due.is_not(None),
        )
    )
    for item, client in rows:
        due_on = item.reply_due
        if due_on is None:
            continue
        days = (due_on - today).days
        if days > REMIND_DAYS:
            continue
        who = short_name(client)
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
            DueItem(Area.FEEDBACK, "Complaints to reply to", text, due_on, urgency, item.id)
        )
    return items
