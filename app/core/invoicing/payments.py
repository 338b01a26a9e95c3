"""Payments received and how they pay off invoices.

One payment may cover several invoices (allocated oldest first); part payments leave an
invoice part paid. Money beyond what is owed is refused unless the carer agrees to keep it as
credit: it stays on the payment, unallocated, until used on a later invoice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record
from app.core.changes import Area, Changes, Done, changes
from app.core.errors import ValidationError
from app.core.formatting import format_money
from app.core.invoicing.balances import (
    PaymentRow,
    balance_pence,
    payment_row,
    payments_with_credit,
    refresh_status,
    status_from,
)
from app.core.invoicing.models import (
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentAllocation,
    PaymentMethod,
)
from app.core.invoicing.owed import owed_pence, paid_and_credited
from app.core.invoicing.queries import get_invoice

MAX_PAYMENT_PENCE = 100_000_00  # £100,000
CHANGES = changes(Area.INVOICES, Area.MONEY)


@dataclass
class PaymentDraft:
    received_on: date | None = None
    amount_pence: int | None = None
    method: PaymentMethod | str = PaymentMethod.BANK_TRANSFER
    payer: str = ""
    reference: str = ""
    invoice_ids: list[int] = field(default_factory=list)


class Overpayment(ValidationError):
    """The payment is more than is owed; `extra_pence` could be kept as credit."""

    def __init__(self, extra_pence: int, owed_pence: int) -> None:
        super().__init__(
            "amount_pence",
            f"That is {format_money(extra_pence)} more than the {format_money(owed_pence)} owed "
            "on the chosen invoices. Check the amount, or record the extra as credit.",
        )
        self.extra_pence = extra_pence
        self.owed_pence = owed_pence


def _open_invoices(session: Session, ids: list[int]) -> list[Invoice]:
    invoices = []
    for iid in dict.fromkeys(ids):
        invoice = session.get(Invoice, iid)
        if invoice is None:
            raise ValidationError("invoice_ids", "One of the chosen invoices no longer exists.")
        if invoice.status == InvoiceStatus.DRAFT:
            raise ValidationError("invoice_ids", "A draft cannot be paid; issue it first.")
        if invoice.status == InvoiceStatus.VOID:
            raise ValidationError(
                "invoice_ids", f"Invoice {invoice.reference} was credited in full (void)."
            )
        if invoice.status == InvoiceStatus.PAID:
            raise ValidationError("invoice_ids", f"Invoice {invoice.reference} is already paid.")
        invoices.append(invoice)
    return sorted(invoices, key=lambda i: (i.due_date or date.max, i.number or "", i.id))


def validate_payment(draft: PaymentDraft, *, today: date) -> PaymentDraft:
    if draft.received_on is None:
        raise ValidationError("received_on", "Enter the date the money was received.")
    if draft.received_on > today:
        raise ValidationError("received_on", "The date received cannot be in the future.")
    if draft.received_on.year < 2000:
        raise ValidationError("received_on", "Check the year of the date received.")
    if draft.amount_pence is None:
        raise ValidationError("amount_pence", "Enter the amount received, for example 180.00.")
    if draft.amount_pence <= 0:
        raise ValidationError("amount_pence", "The amount received must be more than £0.00.")
    if draft.amount_pence > MAX_PAYMENT_PENCE:
        raise ValidationError(
            "amount_pence",
            f"That is more than {format_money(MAX_PAYMENT_PENCE)}; check the figure.",
        )
    try:
        method = PaymentMethod(draft.method)
    except ValueError:
        raise ValidationError("method", "Choose how the money was paid.") from None
    return PaymentDraft(
        received_on=draft.received_on,
        amount_pence=draft.amount_pence,
        method=method,
        payer=v.optional_text(draft.payer, "payer", "payer's name", max_len=200),
        reference=v.optional_text(draft.reference, "reference", "reference", max_len=200),
        invoice_ids=list(draft.invoice_ids or []),
    )


def record_payment(
    session: Session, draft: PaymentDraft, *, today: date, allow_overpayment: bool = False
) -> Done[Payment]:
    """Records money received and pays off the chosen invoices, oldest due first.

    More than the chosen invoices owe raises `Overpayment` (a ValidationError on
    amount_pence) unless allow_overpayment: then the extra is kept as credit on the payment.
    """
    clean = validate_payment(draft, today=today)
    invoices = _open_invoices(session, clean.invoice_ids)
    if not invoices and not allow_overpayment:
        raise ValidationError("invoice_ids", "Choose the invoice or invoices this payment is for.")
    # Each invoice's sums are read once: the shares and statuses follow from them.
    sums = {i.id: paid_and_credited(session, i.id) for i in invoices}
    owed_by = {i.id: owed_pence(i.status, i.total_pence, *sums[i.id]) for i in invoices}
    owed = sum(owed_by.values())
    amount = clean.amount_pence or 0
    if amount > owed and not allow_overpayment:
        raise Overpayment(amount - owed, owed)
    payer = clean.payer or (invoices[0].payer_name if invoices else "")
    if not payer:
        raise ValidationError("payer", "Enter who paid.")
    payment = Payment(
        received_on=clean.received_on,
        amount_pence=amount,
        method=clean.method,
        payer=payer,
        reference=clean.reference,
        client_id=invoices[0].client_id if invoices else None,
        allocations=[],  # a new payment has none: no query to find that out
    )
    session.add(payment)
    left = amount
    for invoice in invoices:
        share = min(left, owed_by[invoice.id])
        if share <= 0:
            continue
        payment.allocations.append(PaymentAllocation(invoice_id=invoice.id, amount_pence=share))
        left -= share
        paid, credited = sums[invoice.id]
        invoice.status = status_from(invoice.total_pence, paid + share, credited)
    session.flush()
    return Done(payment, CHANGES)


def get_payment(session: Session, payment_id: int) -> Payment:
    return get_record(session, Payment, payment_id, f"There is no payment with id {payment_id}.")


def use_credit(session: Session, payment_id: int, invoice_id: int) -> Changes:
    """Pays an invoice (as far as it goes) from credit held on an earlier payment."""
    payment = get_payment(session, payment_id)
    invoice = _open_invoices(session, [invoice_id])[0]
    credit = payment.unallocated_pence
    if credit <= 0:
        raise ValidationError("payment_id", "That payment has no credit left.")
    share = min(credit, balance_pence(session, invoice))
    existing = next((a for a in payment.allocations if a.invoice_id == invoice.id), None)
    if existing is not None:
        existing.amount_pence += share
    else:
        payment.allocations.append(PaymentAllocation(invoice_id=invoice.id, amount_pence=share))
    session.flush()
    refresh_status(session, invoice)
    return CHANGES


def delete_payment(session: Session, payment_id: int) -> Changes:
    """Removes a payment recorded by mistake; its invoices owe that money again."""
    payment = get_payment(session, payment_id)
    invoices = [a.invoice for a in payment.allocations]
    session.delete(payment)
    session.flush()
    for invoice in invoices:
        refresh_status(session, invoice)
    return CHANGES


def release_excess(session: Session, invoice: Invoice, net_total_pence: int) -> None:
    """When a credit note leaves an invoice paid beyond what it now costs, the excess goes
    back onto the payments (latest first) as credit held for the payer."""
    allocations = sorted(
        invoice.allocations, key=lambda a: (a.payment.received_on, a.id), reverse=True
    )
    excess = sum(a.amount_pence for a in allocations) - net_total_pence
    for allocation in allocations:
        if excess <= 0:
            break
        cut = min(excess, allocation.amount_pence)
        allocation.amount_pence -= cut
        excess -= cut
        if allocation.amount_pence == 0:
            session.delete(allocation)
    session.flush()
    session.expire(invoice, ["allocations"])


def payments_for_invoice(session: Session, invoice_id: int) -> list[tuple[PaymentRow, int]]:
    """Each payment towards the invoice with the amount it put on it."""
    get_invoice(session, invoice_id)
    stmt = (
        select(Payment, PaymentAllocation.amount_pence)
        .join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
        .where(PaymentAllocation.invoice_id == invoice_id)
        .order_by(Payment.received_on, Payment.id)
    )
    return [(payment_row(p), amount) for p, amount in session.execute(stmt)]


def apply_payer_credit(session: Session, invoice_id: int) -> Done[int]:
    """Pays an invoice from any credit held for its payer (oldest first). Returns the pence
    used; ValidationError when there is none."""
    invoice = _open_invoices(session, [invoice_id])[0]
    used = 0
    for row in payments_with_credit(session, invoice.payer_name):
        before = balance_pence(session, invoice)
        if before <= 0:
            break
        use_credit(session, row.id, invoice.id)
        used += before - balance_pence(session, invoice)
    if used == 0:
        raise ValidationError("payment_id", f"No credit is held for {invoice.payer_name}.")
    return Done(used, CHANGES)
