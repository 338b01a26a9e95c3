"""Income: payments received on invoices (cash basis, by date received) and other business
income entered by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record
from app.core.changes import Area, Changes, changes
from app.core.money import common
from app.core.money.models import OtherIncome
from app.core.money.tax_year import TaxYear


@dataclass
class OtherIncomeDraft:
    received_on: date | None = None
    description: str = ""
    amount_pence: int | None = None


@dataclass(frozen=True)
class IncomeRow:
    source: str  # "invoice" (a payment received) or "other" (entered by hand)
    record_id: int | None
    received_on: date
    description: str  # payer and reference for payments, the description otherwise
    amount_pence: int


def add_other_income(session: Session, draft: OtherIncomeDraft, *, today: date) -> OtherIncome:
    row = OtherIncome(
        received_on=common.record_date(
            draft.received_on, "received_on", "date received", today=today
        ),
        description=v.required_text(draft.description, "description", "description"),
        amount_pence=common.amount(draft.amount_pence, "amount_pence", "amount"),
    )
    session.add(row)
    session.flush()
    return row


def delete_other_income(session: Session, income_id: int) -> Changes:
    row = get_record(
        session, OtherIncome, income_id, f"There is no income record with number {income_id}."
    )
    session.delete(row)
    session.flush()
    return changes(Area.MONEY)


def invoice_payments(session: Session, year: TaxYear) -> list[IncomeRow]:
    """Payments received on invoices in the tax year (none until invoicing is built)."""
    try:
        from app.core.invoicing.income import payments_received
    except ImportError:
        return []
    rows = []
    for p in payments_received(session, year.start, year.end):
        text = " – ".join(x for x in (getattr(p, "payer", ""), getattr(p, "reference", "")) if x)
        rows.append(
            IncomeRow(
                "invoice",
                getattr(p, "id", None),
                p.received_on,
                text or "Payment received",
                p.amount_pence,
            )
        )
    return rows


def other_income(session: Session, year: TaxYear) -> list[IncomeRow]:
    stmt = select(OtherIncome).where(
        OtherIncome.received_on >= year.start, OtherIncome.received_on <= year.end
    )
    return [
        IncomeRow("other", r.id, r.received_on, r.description, r.amount_pence)
        for r in session.scalars(stmt)
    ]


def income_for_year(session: Session, year: TaxYear) -> list[IncomeRow]:
    rows = invoice_payments(session, year) + other_income(session, year)
    return sorted(rows, key=lambda r: (r.received_on, r.source, r.record_id or 0))


def turnover_between(session: Session, start: date, end: date) -> int:
    """Business income received from `start` to `end` inclusive (invoice payments and other
    business income), in pence."""
    total = 0
    try:
        from app.core.invoicing.income import payments_received
    except ImportError:
        pass
    else:
        total += sum(p.amount_pence for p in payments_received(session, start, end))
    from sqlalchemy import func

    total += (
        session.scalar(
            select(func.coalesce(func.sum(OtherIncome.amount_pence), 0)).where(
                OtherIncome.received_on >= start, OtherIncome.received_on <= end
            )
        )
        or 0
    )
    return int(total)


def turnover_for_year(session: Session, year: TaxYear) -> int:
    return turnover_between(session, year.start, year.end)
