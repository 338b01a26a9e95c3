"""Money received, for the money area's cash-basis income (no invoicing internals needed).

Read plainly (app/core/reading.py): Today's tax reminders ask for turnover before the ORM has
loaded, and Money's figures ask the same functions through their Session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.core.reading import Reader, day, reader, scalar, stored

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Money is income when it arrives (the cash basis): every payment by the date it was received,
# including credit held for a payer. Credit notes reduce what is owed, not what was received.
_RECEIVED = "FROM payment WHERE received_on >= ? AND received_on <= ?"


@dataclass(frozen=True)
class ReceivedPayment:
    received_on: date
    amount_pence: int
    payer: str
    reference: str
    id: int | None = None  # the payment's id


def payments_received(db: Session | Reader, start: date, end: date) -> list[ReceivedPayment]:
    """Every payment received from `start` to `end` inclusive, in date order (credit held
    for a payer counts too: under the cash basis money is income when it arrives)."""
    rows = reader(db).rows(
        f"SELECT received_on, amount_pence, payer, reference, id {_RECEIVED}"
        " ORDER BY received_on, id",
        (stored(start), stored(end)),
    )
    found = []
    for on, amount, payer, reference, pid in rows:
        received_on = day(on)
        assert received_on is not None  # the column is NOT NULL
        found.append(ReceivedPayment(received_on, amount, payer, reference, pid))
    return found


def received_pence(db: Session | Reader, start: date, end: date) -> int:
    """The total of `payments_received(db, start, end)`, in one sum."""
    total = scalar(
        reader(db),
        f"SELECT COALESCE(SUM(amount_pence), 0) {_RECEIVED}",
        (stored(start), stored(end)),
    )
    return int(total or 0)


def received_by_client(db: Session | Reader, start: date, end: date) -> dict[int, int]:
    """`payments_received(db, start, end)` totalled by client: the payment's client, or else
    the client of the invoice it settled (the latest allocation, where credit paid invoices of
    two clients). Credit not yet used for anyone's invoice is nobody's."""
    rows = reader(db).rows(
        "SELECT client_id, amount_pence, (SELECT i.client_id FROM payment_allocation a"
        " JOIN invoice i ON i.id = a.invoice_id WHERE a.payment_id = payment.id"
        f" ORDER BY a.id DESC LIMIT 1) {_RECEIVED}",
        (stored(start), stored(end)),
    )
    income: dict[int, int] = {}
    for client_id, amount, settled in rows:
        who = client_id if client_id is not None else settled
        if who is not None:
            income[who] = income.get(who, 0) + amount
    return income
