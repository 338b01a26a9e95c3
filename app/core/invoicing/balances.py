"""What an invoice still owes (the sums: owed.py), its status as payments and credit notes
make it, and the credit held for a payer from money received beyond what their invoices took."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.invoicing.models import (
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentMethod,
)
from app.core.invoicing.owed import owed_pence, paid_and_credited


def balance_pence(session: Session, invoice: Invoice) -> int:
    """What is still owed on an issued invoice (0 for drafts and void ones)."""
    if invoice.status in (InvoiceStatus.DRAFT, InvoiceStatus.VOID):
        return 0
    return owed_pence(invoice.status, invoice.total_pence, *paid_and_credited(session, invoice.id))


def status_from(total_pence: int, paid: int, credited: int) -> InvoiceStatus:
    """An issued invoice's status as its payments and credit notes make it."""
    if credited >= total_pence:
        return InvoiceStatus.VOID
    if paid + credited >= total_pence:
        return InvoiceStatus.PAID
    if paid > 0:
        return InvoiceStatus.PART_PAID
    return InvoiceStatus.ISSUED


def refresh_status(session: Session, invoice: Invoice) -> None:
    """part_paid / paid / void follow from payments and credit notes."""
    if invoice.status == InvoiceStatus.DRAFT:
        return
    session.flush()
    invoice.status = status_from(invoice.total_pence, *paid_and_credited(session, invoice.id))


@dataclass(frozen=True)
class PaymentRow:
    id: int
    received_on: date
    amount_pence: int
    method: PaymentMethod
    payer: str
    reference: str
    allocated_pence: int

    @property
    def credit_pence(self) -> int:
        return self.amount_pence - self.allocated_pence


def payment_row(p: Payment) -> PaymentRow:
    return PaymentRow(
        p.id,
        p.received_on,
        p.amount_pence,
        PaymentMethod(p.method),
        p.payer,
        p.reference,
        p.allocated_pence,
    )


def payments_with_credit(session: Session, payer: str | None = None) -> list[PaymentRow]:
    """Payments holding unallocated credit (optionally for one payer)."""
    stmt = select(Payment).order_by(Payment.received_on, Payment.id)
    if payer:
        stmt = stmt.where(Payment.payer == payer)
    return [r for r in (payment_row(p) for p in session.scalars(stmt)) if r.credit_pence > 0]


def payer_credit_pence(session: Session, payer: str) -> int:
    """Credit held for a payer: money received beyond what their invoices took."""
    return sum(r.credit_pence for r in payments_with_credit(session, payer))
