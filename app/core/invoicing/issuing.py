"""Issuing locks a draft: the number is taken from a gapless counter in the same
transaction, the due date is the issue date plus the contract's payment terms, the whole
document is frozen, and its PDF is stored byte for byte."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.core.base import utcnow
from app.core.changes import Area, Done, changes
from app.core.clients import Client
from app.core.errors import DaybookError, ValidationError
from app.core.invoicing.drafts import get_draft, renumber, snapshot_payer, version_for
from app.core.invoicing.models import Invoice, InvoiceStatus
from app.core.invoicing.numbering import INVOICES, peek_number, take_number
from app.core.invoicing.queries import get_invoice
from app.core.invoicing.snapshot import InvoiceDocument, Renderer, doc_line_from
from app.core.profile import get_profile
from app.core.sealing.seals import seal_pdf, seal_record

DEFAULT_TERMS_DAYS = 14
ISSUED = changes(Area.INVOICES, Area.VISITS)  # its visits are now billed for good
NOTHING_SHOWN = changes()  # storing a PDF on first use changes nothing on screen


def _terms_for(session: Session, invoice: Invoice) -> int:
    from app.core.contracts.in_force import version_in_effect

    version = version_in_effect(session, invoice.client_id, invoice.period_end)
    if version is None:
        for line in invoice.lines:
            if line.visit_id is not None:
                from app.core.visits.models import Visit

                visit = session.get(Visit, line.visit_id)
                version = version_for(session, visit) if visit is not None else None
                if version is not None:
                    break
    return version.payment_terms_days if version is not None else DEFAULT_TERMS_DAYS


def build_document(
    session: Session,
    invoice: Invoice,
    *,
    number: str | None = None,
    issue_date: date | None = None,
    due_date: date | None = None,
    terms_days: int | None = None,
) -> InvoiceDocument:
    """The document as it stands (for a draft preview, or to freeze at issue)."""
    profile = get_profile(session)
    return InvoiceDocument(
        kind="invoice",
        number=number or invoice.number or "DRAFT",
        issue_date=issue_date or invoice.issue_date,
        due_date=due_date or invoice.due_date,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        business_name=profile.trading_name if profile else "",
        carer_name=profile.carer_name if profile else "",
        business_address=profile.address if profile else "",
        business_phone=profile.phone if profile else "",
        business_email=profile.email if profile else "",
        bank_account_name=profile.bank_account_name if profile else "",
        sort_code=profile.sort_code if profile else "",
        account_number=profile.account_number if profile else "",
        payer_name=invoice.payer_name,
        payer_address=invoice.payer_address,
        person_name=invoice.person_name,
        payer_is_client=invoice.payer_is_client,
        lines=tuple(doc_line_from(ln) for ln in sorted(invoice.lines, key=lambda ln: ln.position)),
        total_pence=sum(ln.amount_pence for ln in invoice.lines),
        payment_terms_days=terms_days if terms_days is not None else invoice.payment_terms_days,
        notes=invoice.notes,
        draft=invoice.status == InvoiceStatus.DRAFT and number is None,
    )


def issue_invoice(
    session: Session, invoice_id: int, *, today: date, render: Renderer | None
) -> Done[Invoice]:
    """Locks a draft: number, payer snapshot, due date, frozen document and its PDF.

    `render` turns the document into PDF bytes (app.documents.invoice_pdf.render_invoice);
    with None the PDF is rendered from the frozen document the first time it is asked for.
    If anything fails, nothing is kept and no number is used up.
    """
    invoice = get_draft(session, invoice_id)
    if not invoice.lines:
        raise ValidationError("lines", "This invoice has no lines; add a visit or a line first.")
    total = sum(ln.amount_pence for ln in invoice.lines)
    if total <= 0:
        raise ValidationError("lines", "The invoice's total must be more than £0.00.")
    if invoice.period_start > today:
        raise ValidationError("period_start", "The period has not started yet; issue it later.")
    client = session.get(Client, invoice.client_id)
    if client is not None:
        snapshot_payer(invoice, client)
    if not invoice.payer_name.strip():
        raise ValidationError(
            "payer_name", "The client's payer has no name; add it on the client's page first."
        )
    renumber(invoice)
    session.flush()  # line positions settle while it is a draft: once issued, lines are final
    terms = _terms_for(session, invoice)
    due = today + timedelta(days=terms)
    value, number = peek_number(session, INVOICES)
    document = build_document(
        session, invoice, number=number, issue_date=today, due_date=due, terms_days=terms
    )
    pdf = render(document) if render is not None else None  # may fail: nothing written yet
    invoice.number = take_number(session, INVOICES, value)
    invoice.issue_date = today
    invoice.due_date = due
    invoice.payment_terms_days = terms
    invoice.total_pence = total
    invoice.snapshot = document.to_json()
    invoice.pdf = pdf
    invoice.status = InvoiceStatus.ISSUED
    invoice.issued_at = utcnow()
    session.flush()
    seal_record(session, "invoice", invoice.id)
    return Done(invoice, ISSUED)


def invoice_pdf(session: Session, invoice_id: int, render: Renderer) -> Done[bytes]:
    """The issued invoice's stored PDF (stored on first request if issued without one),
    or a preview of a draft, marked DRAFT and not stored."""
    invoice = get_invoice(session, invoice_id)
    if invoice.status == InvoiceStatus.DRAFT:
        return Done(render(build_document(session, invoice)), NOTHING_SHOWN)
    if invoice.pdf is None:
        if invoice.snapshot is None:
            raise DaybookError(f"Invoice {invoice.reference} has no stored document.")
        invoice.pdf = render(InvoiceDocument.from_json(invoice.snapshot))
        seal_pdf(session, "invoice", invoice.id)
    return Done(invoice.pdf, NOTHING_SHOWN)


def issued_document(invoice: Invoice) -> InvoiceDocument | None:
    return InvoiceDocument.from_json(invoice.snapshot) if invoice.snapshot else None
