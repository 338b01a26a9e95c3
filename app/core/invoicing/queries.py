"""Reading invoices: look-ups, which visits are invoiced, and the detail the Invoices panel and
`daybook invoice` show (the list rows: rows.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from sqlalchemy import Select, and_, bindparam, exists, select
from sqlalchemy.orm import Session

from app.core.base import get_record
from app.core.clients import Client
from app.core.errors import NotFound
from app.core.formatting import LONDON, format_date, format_money, format_time
from app.core.invoicing.balances import payer_credit_pence
from app.core.invoicing.models import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
    Payment,
    PaymentAllocation,
)
from app.core.invoicing.rows import (  # noqa: F401  (their old home)
    STATUS_FILTERS,
    InvoiceRow,
    check_status_filter,
    count_invoices,
    invoice_row,
    list_invoices,
)


def get_invoice(session: Session, invoice_id: int) -> Invoice:
    return get_record(session, Invoice, invoice_id, f"There is no invoice with id {invoice_id}.")


def find_invoice(session: Session, number: str) -> Invoice:
    cleaned = (number or "").strip().upper()
    invoice = session.scalars(select(Invoice).where(Invoice.number == cleaned)).first()
    if invoice is None:
        raise NotFound(f"There is no issued invoice numbered {cleaned[:30]!r}.")
    return invoice


# ---------------------------------------------------------------- which visits are invoiced


def _live_line_clause():
    """An invoice line that still counts: its invoice is not void and it was not credited."""
    return and_(
        InvoiceLine.invoice_id == Invoice.id,
        Invoice.status != InvoiceStatus.VOID,
        ~exists().where(CreditNoteLine.invoice_line_id == InvoiceLine.id),
    )


def invoice_holding_visit(session: Session, visit_id: int) -> Invoice | None:
    """The invoice (draft or issued) a visit is billed on, if any."""
    stmt = (
        select(Invoice)
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(InvoiceLine.visit_id == visit_id, _live_line_clause())
        .order_by(Invoice.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    lo = datetime.combine(start, time(0, 0), tzinfo=LONDON).astimezone(UTC)
    hi = datetime.combine(end + timedelta(days=1), time(0, 0), tzinfo=LONDON).astimezone(UTC)
    return lo, hi


def uninvoiced_clause():
    """A visit that can go on an invoice: delivered, or cancelled by the client with a
    charge, and on no live invoice yet."""
    from app.core.visits.models import Visit, VisitStatus

    billed = (
        select(InvoiceLine.id)
        .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
        .where(InvoiceLine.visit_id == Visit.id, _live_line_clause())
    )
    return and_(
        (Visit.status == VisitStatus.DELIVERED)
        | (
            (Visit.status == VisitStatus.CANCELLED_BY_CLIENT) & (Visit.late_cancel_charge_pence > 0)
        ),
        ~billed.exists(),
    )


def uninvoiced_visits(session: Session, client_id: int, start: date, end: date) -> list:
    """Delivered visits, and client cancellations with a charge, not on any live invoice."""
    lo, hi = period_bounds(start, end)
    return list(session.scalars(_uninvoiced_stmt(), {"client_id": client_id, "lo": lo, "hi": hi}))


@cache
def _uninvoiced_stmt() -> Select:
    # Built once: drafting asks this for every client and period (building it cost a third
    # of running it); the bound values take the columns' types.
    from app.core.visits.models import Visit

    return (
        select(Visit)
        .where(
            Visit.client_id == bindparam("client_id"),
            Visit.planned_start >= bindparam("lo"),
            Visit.planned_start < bindparam("hi"),
            uninvoiced_clause(),
        )
        .order_by(Visit.planned_start, Visit.id)
    )


# ---------------------------------------------------------------- detail (for the panel)


@dataclass(frozen=True)
class LineRow:
    id: int
    kind: LineKind
    line_date: date
    times: str
    minutes: int | None
    rate_pence: int | None
    quantity: int | None
    description: str
    amount_pence: int
    visit_id: int | None
    credited: bool


@dataclass(frozen=True)
class PaymentLink:
    payment_id: int
    received_on: date
    method: str
    reference: str
    amount_pence: int  # what this payment put on the invoice


@dataclass(frozen=True)
class CreditRow:
    id: int
    number: str
    issue_date: date
    reason: str
    total_pence: int


@dataclass(frozen=True)
class InvoiceDetail:
    row: InvoiceRow
    lines: tuple[LineRow, ...]
    payments: tuple[PaymentLink, ...]
    credit_notes: tuple[CreditRow, ...]
    payer_address: str
    person_name: str
    payer_is_client: bool
    payer_email: str
    notes: str
    payer_credit_pence: int = 0  # held from earlier overpayments, usable on this invoice

    @property
    def visit_minutes(self) -> int:
        return sum(ln.minutes or 0 for ln in self.lines if ln.kind == LineKind.VISIT)


def invoice_detail(session: Session, invoice_id: int) -> InvoiceDetail:
    invoice = get_invoice(session, invoice_id)
    row = invoice_row(session, invoice_id)
    credited_lines = set(
        session.scalars(
            select(CreditNoteLine.invoice_line_id)
            .join(CreditNote)
            .where(CreditNote.invoice_id == invoice_id)
        ).all()
    )
    lines = tuple(
        LineRow(
            ln.id,
            LineKind(ln.kind),
            ln.line_date,
            f"{format_time(ln.starts_at)}–{format_time(ln.ends_at)}"
            if ln.starts_at and ln.ends_at
            else "",
            ln.minutes,
            ln.rate_pence,
            ln.quantity,
            ln.description,
            ln.amount_pence,
            ln.visit_id,
            ln.id in credited_lines,
        )
        for ln in sorted(invoice.lines, key=lambda x: x.position)
    )
    payments = tuple(
        PaymentLink(p.id, p.received_on, str(p.method), p.reference, amount)
        for p, amount in session.execute(
            select(Payment, PaymentAllocation.amount_pence)
            .join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
            .where(PaymentAllocation.invoice_id == invoice_id)
            .order_by(Payment.received_on, Payment.id)
        )
    )
    notes = tuple(
        CreditRow(n.id, n.number, n.issue_date, n.reason, n.total_pence)
        for n in invoice.credit_notes
    )
    client = session.get(Client, invoice.client_id)
    email = ""
    if client is not None:
        email = client.email if client.pays_for_self else (client.payer_email or client.email)
    credit = 0
    if row.balance_pence > 0:
        credit = payer_credit_pence(session, invoice.payer_name)
    return InvoiceDetail(
        row,
        lines,
        payments,
        notes,
        invoice.payer_address,
        invoice.person_name,
        invoice.payer_is_client,
        email,
        invoice.notes,
        credit,
    )


def email_text(detail: InvoiceDetail, saved_path: str, sender: str) -> tuple[str, str]:
    """(subject, body) for the carer's own email program; the body says where the PDF is."""
    r = detail.row
    subject = (
        f"Invoice {r.reference} for care from {format_date(r.period_start)} to "
        f"{format_date(r.period_end)}"
    )
    care_for = "" if detail.payer_is_client else f" for {detail.person_name}"
    due = f", due by {format_date(r.due_date)}" if r.due_date else ""
    body = (
        f"Dear {r.payer},\n\nPlease find attached invoice {r.reference}{care_for}, "
        f"for {format_money(r.total_pence)}{due}.\n\n"
        f"[Attach the PDF saved at: {saved_path}]\n\n"
        f"Thank you.\n\n{sender}".rstrip()
    )
    return subject, body
