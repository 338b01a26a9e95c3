"""Money received, for the money area's cash-basis income (no invoicing internals needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.invoicing.models import Payment


@dataclass(frozen=True)
class ReceivedPayment:
    received_on: date
    amount_pence: int
    payer: str
    reference: str
    id: int | None = None  # the payment's id


def payments_received(session: Session, start: date, end: date) -> list[ReceivedPayment]:
    """Every payment received from `start` to `end` inclusive, in date order (credit held
    for a payer counts too: under the cash basis money is income when it arrives)."""
    stmt = (
        select(
            Payment.received_on, Payment.amount_pence, Payment.payer, Payment.reference, Payment.id
        )
        .where(Payment.received_on >= start, Payment.received_on <= end)
        .order_by(Payment.received_on, Payment.id)
    )
    return [ReceivedPayment(*row) for row in session.execute(stmt)]
