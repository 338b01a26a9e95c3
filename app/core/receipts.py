"""Receipts for payments received: who paid, how, when, how much, the invoices it settled and
what is still owed ("Ask for invoices or receipts", the scheme tells families).

A receipt is worked out from the payment each time, as it stood when the money came in: the
amount still owed counts only the payments and credit notes up to that payment, so a receipt
printed again later says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.base import get_record
from app.core.invoicing.models import (
    METHOD_LABELS,
    CreditNote,
    Invoice,
    Payment,
    PaymentAllocation,
    PaymentMethod,
)


@dataclass(frozen=True)
class ReceiptLine:
    invoice_number: str
    period_start: date
    period_end: date
    invoice_total_pence: int
    paid_now_pence: int  # what this payment put on the invoice
    left_pence: int  # still owed on it once this payment was received


@dataclass(frozen=True)
class Receipt:
    number: str
    payment_id: int
    received_on: date
    amount_pence: int
    method: str  # a label: "Cash", "Bank transfer"…
    payer: str
    reference: str
    person_name: str  # the person cared for, when it is not the payer
    lines: list[ReceiptLine]
    credit_pence: int  # received beyond what the invoices owed, held for the payer

    @property
    def still_owed_pence(self) -> int:
        return sum(line.left_pence for line in self.lines)


@dataclass(frozen=True)
class PaymentListRow:
    id: int
    received_on: date
    amount_pence: int
    method: str
    payer: str
    invoice_numbers: list[str]

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "received_on": self.received_on,
            "amount_pence": self.amount_pence,
            "method": self.method,
            "payer": self.payer,
            "invoice_numbers": self.invoice_numbers,
        }


def receipt_number(payment_id: int) -> str:
    return f"R{payment_id:05d}"


def method_label(method: str) -> str:
    try:
        return METHOD_LABELS[PaymentMethod(method)]
    except ValueError:
        return "Other"


def list_payments(session: Session, *, client_id: int | None = None) -> list[PaymentListRow]:
    """Every payment received, newest first, with the invoices it paid."""
    stmt = select(Payment).order_by(Payment.received_on.desc(), Payment.id.desc())
    if client_id is not None:
        stmt = stmt.where(Payment.client_id == client_id)
    rows = []
    for p in session.scalars(stmt):
        numbers = [a.invoice.reference for a in sorted(p.allocations, key=lambda a: a.id)]
        rows.append(
            PaymentListRow(
                p.id, p.received_on, p.amount_pence, PaymentMethod(p.method), p.payer, numbers
            )
        )
    return rows


def _left_after(session: Session, invoice: Invoice, payment: Payment) -> int:
    """What the invoice still owed once `payment` was received: its total less credit notes
    issued by then and the payments received up to and including this one."""
    credited = sum(
        c.total_pence
        for c in session.scalars(select(CreditNote).where(CreditNote.invoice_id == invoice.id))
        if c.issue_date <= payment.received_on
    )
    paid = sum(
        a.amount_pence
        for a in session.scalars(
            select(PaymentAllocation).where(PaymentAllocation.invoice_id == invoice.id)
        )
        if (a.payment.received_on, a.payment.id) <= (payment.received_on, payment.id)
    )
    return max(0, invoice.total_pence - credited - paid)


def payment_receipt(session: Session, payment_id: int) -> Receipt:
    payment = get_record(session, Payment, payment_id, f"There is no payment with id {payment_id}.")
    lines = []
    person = ""
    for allocation in sorted(payment.allocations, key=lambda a: a.id):
        invoice = allocation.invoice
        if invoice.person_name and invoice.person_name != payment.payer:
            person = invoice.person_name
        lines.append(
            ReceiptLine(
                invoice.reference,
                invoice.period_start,
                invoice.period_end,
                invoice.total_pence,
                allocation.amount_pence,
                _left_after(session, invoice, payment),
            )
        )
    return Receipt(
        number=receipt_number(payment.id),
        payment_id=payment.id,
        received_on=payment.received_on,
        amount_pence=payment.amount_pence,
        method=method_label(payment.method),
        payer=payment.payer,
        reference=payment.reference,
        person_name=person,
        lines=lines,
        credit_pence=payment.unallocated_pence,
    )
