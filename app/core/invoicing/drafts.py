"""Draft invoices: built from a client's delivered visits in a period that are not on an
invoice yet (priced with `app.core.pricing.price_visit` under the contract version in force),
their mileage, late-cancellation charges, and any extra lines the carer adds. A draft stays
fully editable until it is issued (app/core/invoicing/issuing.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record
from app.core.changes import Area, Changes, Done, changes
from app.core.clients import Client
from app.core.errors import DaybookError, LockedRecord, ValidationError
from app.core.formatting import LONDON, format_date, format_money, format_time
from app.core.invoicing.models import Invoice, InvoiceLine, InvoiceStatus, LineKind
from app.core.invoicing.queries import get_invoice, uninvoiced_visits
from app.core.pricing import price_visit, round_half_up_div

MAX_LINE_PENCE = 10_000_00  # £10,000 for one line is surely a typing slip
MAX_PERIOD_DAYS = 366
CHANGES = changes(Area.INVOICES)
CHANGES_WITH_VISITS = changes(Area.INVOICES, Area.VISITS)


def locked_message(invoice: Invoice) -> str:
    return (
        f"Invoice {invoice.reference} has been issued, so it cannot be changed. "
        "To correct it, make a credit note for it (and a new invoice if needed)."
    )


def version_for(session: Session, visit):
    from app.core.contracts.in_force import version_in_effect
    from app.core.contracts.models import ContractVersion

    if visit.contract_version_id is not None:
        version = session.get(ContractVersion, visit.contract_version_id)
        if version is not None:
            return version
    return version_in_effect(session, visit.client_id, visit.start.astimezone(LONDON).date())


def lines_for_visit(session: Session, visit) -> list[InvoiceLine]:
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
    version = version_for(session, visit)
    if version is None:
        raise DaybookError(
            f"The visit on {format_date(day)} has no signed contract in force, so its rate is "
            "not known. Sign the client's contract (or its new terms) first."
        )
    price = price_visit(
        version.rate_card,
        visit.start,
        visit.end,
        specialist=visit.specialist,
        charging=version.charging,
        booked=(visit.planned_start, visit.planned_end),
    )
    description = price.description
    if price.charging_note:
        description = f"{description} ({price.charging_note})"
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


def snapshot_payer(invoice: Invoice, client: Client) -> None:
    invoice.payer_name = client.billing_name
    invoice.payer_address = client.billing_address
    invoice.person_name = client.name
    invoice.payer_is_client = client.pays_for_self


def renumber(invoice: Invoice) -> None:
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
) -> Done[Invoice]:
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
    snapshot_payer(invoice, client)
    for visit in visits:
        invoice.lines.extend(lines_for_visit(session, visit))
    renumber(invoice)
    session.add(invoice)
    session.flush()
    return Done(invoice, CHANGES_WITH_VISITS)


@dataclass
class InvoiceRun:
    """What 'invoice everyone' did: drafts made, periods not over yet, and what was skipped
    with the reason."""

    created: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        made = f"{len(self.created)} draft invoice{'s' if len(self.created) != 1 else ''} made"
        return made + (f"; {len(self.skipped)} skipped" if self.skipped else "")


def invoice_everyone(session: Session, today: date) -> Done[InvoiceRun]:
    """A draft for every client and every invoicing period of theirs (by the agreement's
    frequency) that has ended and holds uninvoiced visits; periods still running wait."""
    from app.core.invoicing.periods import clients_to_invoice, propose_periods

    run = InvoiceRun()
    for cid in clients_to_invoice(session):
        proposal = propose_periods(session, cid)
        for period in proposal.periods:
            if not period.is_over(today):
                run.waiting.append(f"{proposal.client_name}: {period.label}")
                continue
            try:  # a draft is added to the session only once all its lines are priced
                made = draft_invoice(session, cid, period.start, period.end)
                run.created.append(made.value.id)
            except DaybookError as exc:
                why = f"{proposal.client_name}: {getattr(exc, 'message', exc)}"
                if why not in run.skipped:  # said once, not for each period it stops
                    run.skipped.append(why)
    return Done(run, CHANGES_WITH_VISITS)


def get_draft(session: Session, invoice_id: int) -> Invoice:
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
    invoice = get_draft(session, invoice_id)
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
    renumber(invoice)
    session.flush()
    return CHANGES


def remove_line(session: Session, line_id: int) -> Changes:
    """Takes a line off a draft; a visit's line goes with its mileage (the visit is free again)."""
    line = get_record(session, InvoiceLine, line_id, "That invoice line no longer exists.")
    invoice = get_draft(session, line.invoice_id)
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
    renumber(invoice)
    session.flush()
    return CHANGES_WITH_VISITS


def add_visits_to_draft(session: Session, invoice_id: int) -> Done[int]:
    """Adds visits delivered in the draft's period since it was made. Returns how many."""
    invoice = get_draft(session, invoice_id)
    visits = uninvoiced_visits(session, invoice.client_id, invoice.period_start, invoice.period_end)
    for visit in visits:
        invoice.lines.extend(lines_for_visit(session, visit))
    session.flush()
    renumber(invoice)
    session.flush()
    return Done(len(visits), CHANGES_WITH_VISITS)


def set_notes(session: Session, invoice_id: int, notes: str) -> Changes:
    invoice = get_draft(session, invoice_id)
    invoice.notes = v.optional_text(notes, "notes", "note on the invoice", max_len=1000)
    return CHANGES


def delete_draft(session: Session, invoice_id: int) -> Changes:
    """Deletes a draft (never an issued invoice); its visits can be invoiced again."""
    invoice = get_draft(session, invoice_id)
    session.delete(invoice)
    session.flush()
    return CHANGES_WITH_VISITS
