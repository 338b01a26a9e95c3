"""Turnover: the business income received in a period, the figure behind the tax year's
summary, the SA103S turnover box, the VAT warning, Making Tax Digital and Today's reminders.

Cash basis: a payment counts on the date it was received (credit held for a payer too), and
other business income on the date entered; credit notes reduce what a client owes, not what
was received, so they change nothing here. Both ends of a period are included: a payment on
5 April is the old tax year's, one on 6 April the new one's.

Read plainly (app/core/reading.py), so that Today can ask before the ORM has loaded; Money
passes its Session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.core.invoicing.income import payments_received, received_pence
from app.core.money.tax_year import TaxYear
from app.core.reading import Reader, day, reader, scalar, stored

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_OTHER = "FROM other_income WHERE received_on >= ? AND received_on <= ?"


@dataclass(frozen=True)
class IncomeRow:
    source: str  # "invoice" (a payment received) or "other" (entered by hand)
    record_id: int | None
    received_on: date
    description: str  # payer and reference for payments, the description otherwise
    amount_pence: int


def income_between(db: Session | Reader, start: date, end: date) -> list[IncomeRow]:
    """Each payment and each piece of other business income received from `start` to `end`
    inclusive, in date order."""
    db = reader(db)
    rows = []
    for p in payments_received(db, start, end):
        text = " – ".join(x for x in (p.payer, p.reference) if x)
        rows.append(
            IncomeRow("invoice", p.id, p.received_on, text or "Payment received", p.amount_pence)
        )
    for record_id, on, description, amount in db.rows(
        f"SELECT id, received_on, description, amount_pence {_OTHER}", (stored(start), stored(end))
    ):
        received_on = day(on)
        assert received_on is not None  # the column is NOT NULL
        rows.append(IncomeRow("other", record_id, received_on, description, amount))
    return sorted(rows, key=lambda r: (r.received_on, r.source, r.record_id or 0))


def turnover_between(db: Session | Reader, start: date, end: date) -> int:
    """Business income received from `start` to `end` inclusive (invoice payments and other
    business income), in pence: the total of `income_between`, summed in the database."""
    db = reader(db)
    other = scalar(
        db, f"SELECT COALESCE(SUM(amount_pence), 0) {_OTHER}", (stored(start), stored(end))
    )
    return received_pence(db, start, end) + int(other or 0)


def turnover_for_year(db: Session | Reader, year: TaxYear) -> int:
    return turnover_between(db, year.start, year.end)


def income_for_year(db: Session | Reader, year: TaxYear) -> list[IncomeRow]:
    return income_between(db, year.start, year.end)
