"""Credit notes: the only way to correct or cancel an issued invoice.

A credit note has its own gapless series (CN-0001, ...), references its invoice, credits
chosen lines or an amount (by default all that is left), gives a reason, and keeps its PDF.
Crediting everything makes the invoice void, and its visits can be invoiced again.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record
from app.core.changes import Area, Changes, Done, changes
from app.core.errors import DaybookError, NotFound, ValidationError
from app.core.formatting import format_money
from app.core.invoicing.balances import refresh_status
from app.core.invoicing.issuing import build_document
from app.core.invoicing.models import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
)
from app.core.invoicing.numbering import CREDIT_NOTES, peek_number, take_number
from app.core.invoicing.owed import credited_pence, paid_pence
from app.core.invoicing.payments import release_excess
from app.core.invoicing.queries import get_invoice
from app.core.invoicing.snapshot import DocLine, InvoiceDocument, Renderer
from app.core.sealing.seals import seal_pdf, seal_record

CHANGES: Changes = changes(Area.INVOICES, Area.VISITS, Area.MONEY)


def credit_note_document(
    session: Session, invoice: Invoice, note: CreditNote, number: str, today: date
) -> InvoiceDocument:
    base = build_document(session, invoice)
    lines = tuple(
        DocLine(
            kind="credit",
            line_date=today,
            start="",
            end="",
            minutes=None,
            rate_pence=None,
            quantity=None,
            description=ln.description,
            amount_pence=ln.amount_pence,
        )
        for ln in note.lines
    )
    frozen = InvoiceDocument.from_json(invoice.snapshot) if invoice.snapshot else base
    return InvoiceDocument(
        kind="credit_note",
        number=number,
        issue_date=today,
        due_date=None,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        business_name=base.business_name,
        carer_name=base.carer_name,
        business_address=base.business_address,
        business_phone=base.business_phone,
        business_email=base.business_email,
        bank_account_name="",
        sort_code="",
        account_number="",
        payer_name=frozen.payer_name,
        payer_address=frozen.payer_address,
        person_name=frozen.person_name,
        payer_is_client=frozen.payer_is_client,
        lines=lines,
        total_pence=note.total_pence,
        invoice_number=invoice.number or "",
        invoice_date=invoice.issue_date,
        reason=note.reason,
    )


def create_credit_note(
    session: Session,
    invoice_id: int,
    *,
    reason: str,
    today: date,
    render: Renderer | None,
    amount_pence: int | None = None,
    line_ids: list[int] | None = None,
) -> Done[CreditNote]:
    """Credits chosen lines, or an amount, or (neither given) everything left on the invoice."""
    invoice = get_invoice(session, invoice_id)
    if invoice.status == InvoiceStatus.DRAFT:
        raise DaybookError(
            "This invoice is still a draft: change its lines or delete it; "
            "credit notes are for issued invoices."
        )
    if invoice.status == InvoiceStatus.VOID:
        raise DaybookError(f"Invoice {invoice.reference} has already been credited in full.")
    why = v.required_text(reason, "reason", "reason for the credit note", max_len=500)
    if invoice.issue_date and today < invoice.issue_date:
        raise ValidationError("issue_date", "A credit note cannot be dated before its invoice.")
    already = credited_pence(session, invoice.id)
    available = invoice.total_pence - already
    # Kept out of the session (invoice_id, not the relationship) until nothing can fail.
    note = CreditNote(invoice_id=invoice.id, issue_date=today, reason=why, number="")
    if line_ids:
        credited_lines = set(
            session.scalars(
                select(CreditNoteLine.invoice_line_id)
                .join(CreditNote, CreditNoteLine.credit_note_id == CreditNote.id)
                .where(CreditNote.invoice_id == invoice.id)
            ).all()
        )
        for lid in dict.fromkeys(line_ids):
            line = session.get(InvoiceLine, lid)
            if line is None or line.invoice_id != invoice.id:
                raise ValidationError("line_ids", "Choose lines of this invoice.")
            if lid in credited_lines:
                raise ValidationError("line_ids", "One of the chosen lines was credited already.")
            note.lines.append(
                CreditNoteLine(
                    invoice_line_id=lid,
                    amount_pence=line.amount_pence,
                    description=f"Credit: {line.description}"[:300],
                )
            )
        amount = sum(ln.amount_pence for ln in note.lines)
        if amount <= 0:
            raise ValidationError("line_ids", "The chosen lines add up to nothing to credit.")
    else:
        amount = available if amount_pence is None else amount_pence
        if amount <= 0:
            raise ValidationError("amount_pence", "The amount to credit must be more than £0.00.")
        label = (
            "Credit of the whole invoice"
            if amount == invoice.total_pence
            else "Credit against the invoice"
        )
        note.lines.append(
            CreditNoteLine(amount_pence=amount, description=f"{label} {invoice.reference}")
        )
    if amount > available:
        raise ValidationError(
            "amount_pence",
            f"That is more than the {format_money(available)} left to credit on "
            f"invoice {invoice.reference}.",
        )
    note.total_pence = amount
    value, number = peek_number(session, CREDIT_NOTES)
    document = credit_note_document(session, invoice, note, number, today)
    pdf = render(document) if render is not None else None  # may fail: nothing written yet
    note.number = take_number(session, CREDIT_NOTES, value)
    note.snapshot = document.to_json()
    note.pdf = pdf
    session.add(note)
    session.flush()
    seal_record(session, "credit_note", note.id)
    session.expire(invoice, ["credit_notes"])
    net = invoice.total_pence - already - amount
    if paid_pence(session, invoice.id) > net:
        release_excess(session, invoice, net)
    refresh_status(session, invoice)
    session.flush()
    return Done(note, CHANGES)


def get_credit_note(session: Session, note_id: int) -> CreditNote:
    return get_record(session, CreditNote, note_id, f"There is no credit note with id {note_id}.")


def find_credit_note(session: Session, number: str) -> CreditNote:
    cleaned = (number or "").strip().upper()
    note = session.scalars(select(CreditNote).where(CreditNote.number == cleaned)).first()
    if note is None:
        raise NotFound(f"There is no credit note numbered {cleaned[:30]!r}.")
    return note


def credit_note_pdf(session: Session, note_id: int, render: Renderer) -> Done[bytes]:
    note = get_credit_note(session, note_id)
    if note.pdf is None:
        if note.snapshot is None:
            raise DaybookError(f"Credit note {note.number} has no stored document.")
        note.pdf = render(InvoiceDocument.from_json(note.snapshot))
        seal_pdf(session, "credit_note", note.id)
    return Done(note.pdf, changes())  # stored on first use: nothing on screen changes
