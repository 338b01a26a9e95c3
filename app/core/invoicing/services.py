"""Invoices: drafts from delivered visits, editing drafts, issuing, listing, Today.

A draft is built from a client's delivered visits in a period that are not on an invoice yet
(priced with `app.core.pricing.price_visit` under the contract version in force), their
mileage, late-cancellation charges, and any extra lines the carer adds. Issuing locks it: the
number is taken from a gapless counter in the same transaction, the due date is the issue
date plus the contract's payment terms, and the PDF is stored byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record, utcnow
from app.core.changes import Area, Changes, changes
from app.core.clients import Client
from app.core.errors import DaybookError, LockedRecord, NotFound, ValidationError
from app.core.formatting import LONDON, format_date, format_money, format_time
from app.core.invoicing.models import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
    PaymentAllocation,
)
from app.core.invoicing.numbering import INVOICES, peek_number, take_number
from app.core.invoicing.snapshot import InvoiceDocument, Renderer, doc_line_from
from app.core.pricing import price_visit, round_half_up_div
from app.core.profile import get_profile

DEFAULT_TERMS_DAYS = 14
MAX_LINE_PENCE = 10_000_00  # £10,000 for one line is surely a typing slip
MAX_PERIOD_DAYS = 366
CHANGES = changes(Area.INVOICES)
CHANGES_WITH_VISITS = changes(Area.INVOICES, Area.VISITS)


def locked_message(invoice: Invoice) -> str:
    return (
        f"Invoice {invoice.reference} has been issued, so it cannot be changed. "
        "To correct it, make a credit note for it (and a new invoice if needed)."
    )


# ---------------------------------------------------------------- look-ups


def get_invoice(session: Session, invoice_id: int) -> Invoice:
    return get_record(session, Invoice, invoice_id, f"There is no invoice with id {invoice_id}.")


def find_invoice(session: Session, number: str) -> Invoice:
    cleaned = (number or "").strip().upper()
    invoice = session.scalars(select(Invoice).where(Invoice.number == cleaned)).first()
    if invoice is None:
        raise NotFound(f"There is no issued invoice numbered {cleaned[:30]!r}.")
    return invoice


def paid_pence(session: Session, invoice_id: int) -> int:
    return (
        session.scalar(
            select(func.coalesce(func.sum(PaymentAllocation.amount_pence), 0)).where(
                PaymentAllocation.invoice_id == invoice_id
            )
        )
        or 0
    )


def credited_pence(session: Session, invoice_id: int) -> int:
    return (
        session.scalar(
            select(func.coalesce(func.sum(CreditNote.total_pence), 0)).where(
                CreditNote.invoice_id == invoice_id
            )
        )
        or 0
    )


def balance_pence(session: Session, invoice: Invoice) -> int:
    """What is still owed on an issued invoice (0 for drafts and void ones)."""
    if invoice.status in (InvoiceStatus.DRAFT, InvoiceStatus.VOID):
        return 0
    return (
        invoice.total_pence - paid_pence(session, invoice.id) - credited_pence(session, invoice.id)
    )


def refresh_status(session: Session, invoice: Invoice) -> None:
    """part_paid / paid / void follow from payments and credit notes."""
    if invoice.status == InvoiceStatus.DRAFT:
        return
    session.flush()
    paid = paid_pence(session, invoice.id)
    credited = credited_pence(session, invoice.id)
    if credited >= invoice.total_pence:
        invoice.status = InvoiceStatus.VOID
    elif paid + credited >= invoice.total_pence:
        invoice.status = InvoiceStatus.PAID
    elif paid > 0:
        invoice.status = InvoiceStatus.PART_PAID
    else:
        invoice.status = InvoiceStatus.ISSUED


# ---------------------------------------------------------------- which visits are invoiced


def _live_line_clause():  # type: ignore[no-untyped-def]
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


def _period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    lo = datetime.combine(start, time(0, 0), tzinfo=LONDON).astimezone(UTC)
    hi = datetime.combine(end + timedelta(days=1), time(0, 0), tzinfo=LONDON).astimezone(UTC)
    return lo, hi


def uninvoiced_visits(session: Session, client_id: int, start: date, end: date) -> list:
    """Delivered visits, and client cancellations with a charge, not on any live invoice."""
    from app.core.visits.models import Visit, VisitStatus

    lo, hi = _period_bounds(start, end)
    billed = (
        select(InvoiceLine.id)
        .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
        .where(InvoiceLine.visit_id == Visit.id, _live_line_clause())
    )
    stmt = (
        select(Visit)
        .where(
            Visit.client_id == client_id,
            Visit.planned_start >= lo,
            Visit.planned_start < hi,
            (Visit.status == VisitStatus.DELIVERED)
            | (
                (Visit.status == VisitStatus.CANCELLED_BY_CLIENT)
                & (Visit.late_cancel_charge_pence > 0)
            ),
            ~billed.exists(),
        )
        .order_by(Visit.planned_start, Visit.id)
    )
    return list(session.scalars(stmt))


def _version_for(session: Session, visit):  # type: ignore[no-untyped-def]
    from app.core.contracts import ContractVersion, version_in_effect

    if visit.contract_version_id is not None:
        version = session.get(ContractVersion, visit.contract_version_id)
        if version is not None:
            return version
    return version_in_effect(session, visit.client_id, visit.start.astimezone(LONDON).date())


def _lines_for_visit(session: Session, visit) -> list[InvoiceLine]:  # type: ignore[no-untyped-def]
    from app.core.visits.models import VisitStatus

    day = visit.start.astimezone(LONDON).date()
    if visit.status == VisitStatus.CANCELLED_BY_CLIENT:
        return [
            InvoiceLine(
                visit_id=visit.id,
                kind=LineKind.LATE_CANCEL,
                line_date=day,
                starts_at=visit.planned_start,
                ends_at=visit.planned_end,
                description=(
                    f"Late cancellation of the visit planned for "
                    f"{format_time(visit.planned_start)}–{format_time(visit.planned_end)}"
                ),
                amount_pence=visit.late_cancel_charge_pence,
            )
        ]
    version = _version_for(session, visit)
    if version is None:
        raise DaybookError(
            f"The visit on {format_date(day)} has no signed contract in force, so its rate is "
            "not known. Sign the client's contract (or its new terms) first."
        )
    price = price_visit(version.rate_card, visit.start, visit.end, specialist=visit.specialist)
    description = price.description
    if price.minimum_applied:
        description = f"{description} (minimum charge {format_money(price.amount_pence)})"
    lines = [
        InvoiceLine(
            visit_id=visit.id,
            kind=LineKind.VISIT,
            line_date=day,
            starts_at=visit.start,
            ends_at=visit.end,
            minutes=price.minutes,
            rate_pence=price.parts[0].rate_pence if len(price.parts) == 1 else None,
            description=description,
            amount_pence=price.amount_pence,
        )
    ]
    tenths = visit.miles_tenths or 0
    per_mile = version.mileage_pence_per_mile or 0
    if tenths > 0 and per_mile > 0:
        miles = f"{tenths // 10}.{tenths % 10}"
        lines.append(
            InvoiceLine(
                visit_id=visit.id,
                kind=LineKind.MILEAGE,
                line_date=day,
                quantity=tenths,
                rate_pence=per_mile,
                description=f"Mileage: {miles} miles",
                amount_pence=round_half_up_div(tenths * per_mile, 10),
            )
        )
    return lines


# ---------------------------------------------------------------- drafts


def _check_period(start: date | None, end: date | None) -> tuple[date, date]:
    if start is None:
        raise ValidationError("period_start", "Enter the first day of the period.")
    if end is None:
        raise ValidationError("period_end", "Enter the last day of the period.")
    if not 2000 <= start.year <= 2100:
        raise ValidationError("period_start", "Check the year of the period's first day.")
    if end < start:
        raise ValidationError("period_end", "The period ends before it starts; check the dates.")
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise ValidationError("period_end", "An invoice covers at most a year; check the dates.")
    return start, end


def _snapshot_payer(invoice: Invoice, client: Client) -> None:
    invoice.payer_name = client.billing_name
    invoice.payer_address = client.billing_address
    invoice.person_name = client.name
    invoice.payer_is_client = client.pays_for_self


def _renumber(invoice: Invoice) -> None:
    ordered = sorted(
        invoice.lines,
        key=lambda ln: (
            ln.line_date,
            ln.starts_at or datetime.max.replace(tzinfo=UTC),
            0 if ln.kind == LineKind.VISIT else 1,
            ln.id or 0,
        ),
    )
    for i, line in enumerate(ordered):
        line.position = i
    invoice.total_pence = sum(ln.amount_pence for ln in invoice.lines)


def draft_invoice(
    session: Session, client_id: int | None, period_start: date | None, period_end: date | None
) -> Invoice:
    """A draft invoice for one client's uninvoiced visits in the period (inclusive dates)."""
    if client_id is None:
        raise ValidationError("client_id", "Choose the client to invoice.")
    start, end = _check_period(period_start, period_end)
    client = session.get(Client, client_id)
    if client is None:
        raise ValidationError("client_id", "That client no longer exists; choose another.")
    visits = uninvoiced_visits(session, client_id, start, end)
    if not visits:
        raise ValidationError(
            "period_start",
            f"There is nothing to invoice for this client from {format_date(start)} "
            f"to {format_date(end)}: no delivered visits that are not on an "
            "invoice already.",
        )
    invoice = Invoice(
        client_id=client_id, period_start=start, period_end=end, status=InvoiceStatus.DRAFT
    )
    _snapshot_payer(invoice, client)
    for visit in visits:
        invoice.lines.extend(_lines_for_visit(session, visit))
    _renumber(invoice)
    session.add(invoice)
    session.flush()
    return invoice


@dataclass
class InvoiceRun:
    """What 'invoice everyone' did: drafts made, and clients skipped with the reason."""

    created: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        made = f"{len(self.created)} draft invoice{'s' if len(self.created) != 1 else ''} made"
        return made + (f"; {len(self.skipped)} skipped" if self.skipped else "")


def invoice_everyone(
    session: Session, period_start: date | None, period_end: date | None
) -> InvoiceRun:
    """Drafts for every client with something to invoice in the period; others are skipped."""
    from app.core.visits.models import Visit, VisitStatus

    start, end = _check_period(period_start, period_end)
    lo, hi = _period_bounds(start, end)
    client_ids = session.scalars(
        select(Visit.client_id)
        .where(
            Visit.planned_start >= lo,
            Visit.planned_start < hi,
            Visit.status.in_([VisitStatus.DELIVERED, VisitStatus.CANCELLED_BY_CLIENT]),
        )
        .distinct()
    ).all()
    names = dict(
        session.execute(select(Client.id, Client.name).where(Client.id.in_(client_ids))).all()
    )
    run = InvoiceRun()
    for cid in sorted(client_ids, key=lambda c: (names.get(c, "").casefold(), c)):
        if not uninvoiced_visits(session, cid, start, end):
            continue
        try:  # a draft is added to the session only once all its lines are priced
            run.created.append(draft_invoice(session, cid, start, end).id)
        except DaybookError as exc:
            run.skipped.append(f"{names.get(cid, 'A client')}: {getattr(exc, 'message', exc)}")
    return run


def _draft(session: Session, invoice_id: int) -> Invoice:
    invoice = get_invoice(session, invoice_id)
    if invoice.status != InvoiceStatus.DRAFT:
        raise LockedRecord(locked_message(invoice))
    return invoice


def add_extra_line(
    session: Session,
    invoice_id: int,
    description: str,
    amount_pence: int | None,
    line_date: date | None = None,
) -> Changes:
    """A free line on a draft (e.g. 'Shopping bought for the client'); negative = a discount."""
    invoice = _draft(session, invoice_id)
    text = v.required_text(description, "description", "line's description", max_len=300)
    if amount_pence is None:
        raise ValidationError("amount_pence", "Enter the amount, for example 12.50.")
    if amount_pence == 0:
        raise ValidationError("amount_pence", "The amount cannot be £0.00.")
    if abs(amount_pence) > MAX_LINE_PENCE:
        raise ValidationError(
            "amount_pence", f"That is more than {format_money(MAX_LINE_PENCE)}; check the figure."
        )
    day = line_date or invoice.period_end
    if not 2000 <= day.year <= 2100:
        raise ValidationError("line_date", "Check the year of the line's date.")
    invoice.lines.append(
        InvoiceLine(kind=LineKind.EXTRA, description=text, line_date=day, amount_pence=amount_pence)
    )
    session.flush()
    _renumber(invoice)
    session.flush()
    return CHANGES


def remove_line(session: Session, line_id: int) -> Changes:
    """Takes a line off a draft; a visit's line goes with its mileage (the visit is free again)."""
    line = get_record(session, InvoiceLine, line_id, "That invoice line no longer exists.")
    invoice = _draft(session, line.invoice_id)
    doomed = [
        ln
        for ln in invoice.lines
        if ln.id == line.id
        or (
            line.kind == LineKind.VISIT
            and line.visit_id is not None
            and ln.visit_id == line.visit_id
        )
    ]
    for ln in doomed:
        invoice.lines.remove(ln)
    session.flush()
    _renumber(invoice)
    session.flush()
    return CHANGES_WITH_VISITS


def add_visits_to_draft(session: Session, invoice_id: int) -> int:
    """Adds visits delivered in the draft's period since it was made. Returns how many."""
    invoice = _draft(session, invoice_id)
    visits = uninvoiced_visits(session, invoice.client_id, invoice.period_start, invoice.period_end)
    for visit in visits:
        invoice.lines.extend(_lines_for_visit(session, visit))
    session.flush()
    _renumber(invoice)
    session.flush()
    return len(visits)


def set_notes(session: Session, invoice_id: int, notes: str) -> Changes:
    invoice = _draft(session, invoice_id)
    invoice.notes = v.optional_text(notes, "notes", "note on the invoice", max_len=1000)
    return CHANGES


def delete_draft(session: Session, invoice_id: int) -> Changes:
    """Deletes a draft (never an issued invoice); its visits can be invoiced again."""
    invoice = _draft(session, invoice_id)
    session.delete(invoice)
    session.flush()
    return CHANGES_WITH_VISITS


# ---------------------------------------------------------------- issuing


def _terms_for(session: Session, invoice: Invoice) -> int:
    from app.core.contracts import version_in_effect

    version = version_in_effect(session, invoice.client_id, invoice.period_end)
    if version is None:
        for line in invoice.lines:
            if line.visit_id is not None:
                from app.core.visits.models import Visit

                visit = session.get(Visit, line.visit_id)
                version = _version_for(session, visit) if visit is not None else None
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
) -> Invoice:
    """Locks a draft: number, payer snapshot, due date, frozen document and its PDF.

    `render` turns the document into PDF bytes (app.documents.invoice_pdf.render_invoice);
    with None the PDF is rendered from the frozen document the first time it is asked for.
    If anything fails, nothing is kept and no number is used up.
    """
    invoice = _draft(session, invoice_id)
    if not invoice.lines:
        raise ValidationError("lines", "This invoice has no lines; add a visit or a line first.")
    total = sum(ln.amount_pence for ln in invoice.lines)
    if total <= 0:
        raise ValidationError("lines", "The invoice's total must be more than £0.00.")
    if invoice.period_start > today:
        raise ValidationError("period_start", "The period has not started yet; issue it later.")
    client = session.get(Client, invoice.client_id)
    if client is not None:
        _snapshot_payer(invoice, client)
    if not invoice.payer_name.strip():
        raise ValidationError(
            "payer_name", "The client's payer has no name; add it on the client's page first."
        )
    _renumber(invoice)
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
    return invoice


def invoice_pdf(session: Session, invoice_id: int, render: Renderer) -> bytes:
    """The issued invoice's stored PDF (stored on first request if issued without one),
    or a preview of a draft, marked DRAFT and not stored."""
    invoice = get_invoice(session, invoice_id)
    if invoice.status == InvoiceStatus.DRAFT:
        return render(build_document(session, invoice))
    if invoice.pdf is None:
        if invoice.snapshot is None:
            raise DaybookError(f"Invoice {invoice.reference} has no stored document.")
        invoice.pdf = render(InvoiceDocument.from_json(invoice.snapshot))
        session.flush()
    return invoice.pdf


def issued_document(invoice: Invoice) -> InvoiceDocument | None:
    return InvoiceDocument.from_json(invoice.snapshot) if invoice.snapshot else None


# ---------------------------------------------------------------- listing


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    number: str | None
    client_id: int
    payer: str
    person: str
    period_start: date
    period_end: date
    issue_date: date | None
    due_date: date | None
    total_pence: int
    paid_pence: int
    credited_pence: int
    status: InvoiceStatus

    @property
    def reference(self) -> str:
        return self.number or "Draft"

    @property
    def balance_pence(self) -> int:
        if self.status in (InvoiceStatus.DRAFT, InvoiceStatus.VOID):
            return 0
        return self.total_pence - self.paid_pence - self.credited_pence

    def days_overdue(self, today: date) -> int:
        if self.due_date is None or self.balance_pence <= 0:
            return 0
        return max(0, (today - self.due_date).days)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "number": self.number,
            "client_id": self.client_id,
            "payer": self.payer,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "issue_date": self.issue_date,
            "due_date": self.due_date,
            "total_pence": self.total_pence,
            "paid_pence": self.paid_pence,
            "credited_pence": self.credited_pence,
            "balance_pence": self.balance_pence,
            "status": str(self.status),
        }


def _rows_stmt():  # type: ignore[no-untyped-def]
    # Per-invoice sums by index lookup, not a GROUP BY over every allocation ever made:
    # Today's unpaid list then costs the same in year ten as in year one.
    paid = (
        select(func.coalesce(func.sum(PaymentAllocation.amount_pence), 0))
        .where(PaymentAllocation.invoice_id == Invoice.id)
        .scalar_subquery()
    )
    credited = (
        select(func.coalesce(func.sum(CreditNote.total_pence), 0))
        .where(CreditNote.invoice_id == Invoice.id)
        .scalar_subquery()
    )
    return select(
        Invoice.id,
        Invoice.number,
        Invoice.client_id,
        Invoice.payer_name,
        Invoice.person_name,
        Invoice.period_start,
        Invoice.period_end,
        Invoice.issue_date,
        Invoice.due_date,
        Invoice.total_pence,
        paid,
        credited,
        Invoice.status,
    )


def _filtered(
    stmt,
    status: str | None,
    client_id: int | None,  # type: ignore[no-untyped-def]
    today: date | None,
):
    if status == "overdue":
        stmt = stmt.where(
            Invoice.status.in_([InvoiceStatus.ISSUED, InvoiceStatus.PART_PAID]),
            Invoice.due_date < (today or date.today()),
        )
    elif status == "unpaid":
        stmt = stmt.where(Invoice.status.in_([InvoiceStatus.ISSUED, InvoiceStatus.PART_PAID]))
    elif status:
        stmt = stmt.where(Invoice.status == InvoiceStatus(status))
    if client_id is not None:
        stmt = stmt.where(Invoice.client_id == client_id)
    return stmt


STATUS_FILTERS = ("draft", "issued", "part_paid", "paid", "void", "unpaid", "overdue")


def check_status_filter(status: str | None) -> str | None:
    if status in (None, "", "all"):
        return None
    cleaned = status.strip().lower().replace("-", "_").replace(" ", "_")
    if cleaned not in STATUS_FILTERS:
        raise ValidationError("status", f"Unknown status; use one of {', '.join(STATUS_FILTERS)}.")
    return cleaned


def list_invoices(
    session: Session,
    *,
    status: str | None = None,
    client_id: int | None = None,
    today: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[InvoiceRow]:
    """Newest first: drafts, then issued by number descending."""
    stmt = _filtered(_rows_stmt(), check_status_filter(status), client_id, today)
    stmt = stmt.order_by(
        Invoice.number.is_(None).desc(),
        Invoice.issue_date.desc(),
        Invoice.number.desc(),
        Invoice.id.desc(),
    ).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        InvoiceRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            r[9],
            int(r[10]),
            int(r[11]),
            InvoiceStatus(r[12]),
        )
        for r in session.execute(stmt)
    ]


def count_invoices(
    session: Session,
    *,
    status: str | None = None,
    client_id: int | None = None,
    today: date | None = None,
) -> int:
    stmt = _filtered(select(func.count(Invoice.id)), check_status_filter(status), client_id, today)
    return session.scalar(stmt) or 0


def invoice_row(session: Session, invoice_id: int) -> InvoiceRow:
    r = session.execute(_rows_stmt().where(Invoice.id == invoice_id)).first()
    if r is None:
        raise NotFound(f"There is no invoice with id {invoice_id}.")
    return InvoiceRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        r[6],
        r[7],
        r[8],
        r[9],
        int(r[10]),
        int(r[11]),
        InvoiceStatus(r[12]),
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
    from app.core.invoicing.models import Payment

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
        from app.core.invoicing.payments import payer_credit_pence

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
