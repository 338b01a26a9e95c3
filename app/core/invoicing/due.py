"""What Today shows about invoices: each unpaid one (overdue, or awaiting payment) with what
is still owed on it, and how many drafts wait to be issued. Plain reads: no ORM."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from app.core.changes import Area
from app.core.formatting import format_date, format_money
from app.core.invoicing.rows import count_invoices, unpaid_invoices
from app.core.reading import Reader, reader
from app.core.reminders import DueItem, Urgency, plain_due_provider

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@plain_due_provider("invoices")
def due(db: Session | Reader, today: date) -> list[DueItem]:
    plain = reader(db)
    items: list[DueItem] = []
    for row in unpaid_invoices(plain):
        if row.due_date is None:
            continue
        days = (today - row.due_date).days
        owed = format_money(row.balance_pence)
        if days > 0:
            items.append(
                DueItem(
                    Area.INVOICES,
                    "Overdue invoices",
                    f"{row.number} · {row.payer} · {owed} · {days} day{'s' if days != 1 else ''} "
                    "overdue",
                    row.due_date,
                    Urgency.OVERDUE,
                    row.id,
                )
            )
        else:
            items.append(
                DueItem(
                    Area.INVOICES,
                    "Invoices awaiting payment",
                    f"{row.number} · {row.payer} · {owed} · due {format_date(row.due_date)}",
                    row.due_date,
                    Urgency.TODAY if days == 0 else Urgency.LATER,
                    row.id,
                )
            )
    drafts = count_invoices(plain, status="draft")
    if drafts:
        items.append(
            DueItem(
                Area.INVOICES,
                "Draft invoices",
                f"{drafts} draft invoice{'s' if drafts != 1 else ''} to check and issue",
                None,
                Urgency.SOON,
            )
        )
    return items
