"""Invoicing's hooks: the guard on invoiced visits and the numbering and totals check."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.checks import integrity_check
from app.core.invoicing.balances import status_from
from app.core.invoicing.models import (  # noqa: F401
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
    NumberCounter,
    Payment,
    PaymentAllocation,
    PaymentMethod,
)
from app.core.invoicing.numbering import CREDIT_NOTES, INVOICES
from app.core.invoicing.queries import list_invoices
from app.core.visits.services import register_visit_guard

_ACTION_WORDS = {"delete": "deleted", "edit": "changed", "cancel": "cancelled"}


def visit_guard(session: Session, visit, action: str) -> str | None:
    """Refuses changes to a visit that is billed on an invoice."""
    from app.core.invoicing.queries import invoice_holding_visit

    if visit.id is None:
        return None
    invoice = invoice_holding_visit(session, visit.id)
    if invoice is None:
        return None
    word = _ACTION_WORDS.get(action, "changed")
    if invoice.status == InvoiceStatus.DRAFT:
        return (
            f"This visit is on a draft invoice, so it cannot be {word} yet. Take it off "
            "the draft first (Invoices → the draft → Remove line), then try again."
        )
    return (
        f"This visit is on invoice {invoice.number}, which has been issued, so it cannot be "
        f"{word}. To correct it, make a credit note for that invoice."
    )


register_visit_guard(visit_guard)


@integrity_check("invoicing")
def _check(session: Session) -> list[str]:
    problems: list[str] = []
    for series, model in ((INVOICES, Invoice), (CREDIT_NOTES, CreditNote)):
        numbers = sorted(
            int(n[len(series.prefix) :])
            for n in session.scalars(select(model.number).where(model.number.is_not(None)))
            if n is not None and n.startswith(series.prefix)
        )
        if numbers and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            problems.append(f"{series.prefix} numbers have a gap or a repeat")
        counter = session.get(NumberCounter, series.name)
        if numbers and (counter is None or counter.next_value <= numbers[-1]):
            problems.append(f"the {series.prefix} counter is behind the numbers issued")
        elif counter is not None and counter.next_value - 1 > (numbers[-1] if numbers else 0):
            problems.append(
                f"the newest number issued, {series.format(counter.next_value - 1)}, is not in "
                "the database (was it removed?)"
            )
    sums = dict(
        session.execute(
            select(InvoiceLine.invoice_id, func.sum(InvoiceLine.amount_pence)).group_by(
                InvoiceLine.invoice_id
            )
        ).all()
    )
    for iid, number, total, status in session.execute(
        select(Invoice.id, Invoice.number, Invoice.total_pence, Invoice.status)
    ):
        if status != InvoiceStatus.DRAFT and sums.get(iid, 0) != total:
            problems.append(f"invoice {number}: total differs from the sum of its lines")
        if status != InvoiceStatus.DRAFT and number is None:
            problems.append(f"invoice id {iid} is issued without a number")
    for row in list_invoices(session):
        if row.status != InvoiceStatus.DRAFT and row.status != status_from(
            row.total_pence, row.paid_pence, row.credited_pence
        ):
            problems.append(
                f"invoice {row.reference}: its status does not follow from its payments "
                "and credit notes"
            )
    allocated = dict(
        session.execute(
            select(PaymentAllocation.payment_id, func.sum(PaymentAllocation.amount_pence)).group_by(
                PaymentAllocation.payment_id
            )
        ).all()
    )
    for pid, amount in session.execute(select(Payment.id, Payment.amount_pence)):
        if allocated.get(pid, 0) > amount:
            problems.append(f"payment {pid} pays off more than was received")
    return problems
