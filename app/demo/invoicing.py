"""Demo invoices over the demo's years, one per client per billing period (the contract's
frequency): most issued and paid, some part paid, some overdue, a couple of drafts for the
latest period, one payment covering two invoices, a credit note for one line, and one
invoice credited in full (void) and issued again.

Quick for 10 years: PDFs are rendered now only for the last few months' invoices; older ones
are rendered from their frozen document the first time they are asked for (and then stored).
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.clients import Client
from app.core.contracts.models import ContractVersion, InvoiceFrequency
from app.core.errors import DaybookError
from app.core.invoicing.balances import balance_pence
from app.core.invoicing.credit_notes import create_credit_note
from app.core.invoicing.drafts import add_extra_line, draft_invoice
from app.core.invoicing.issuing import issue_invoice
from app.core.invoicing.models import Invoice, InvoiceStatus, LineKind, PaymentMethod
from app.core.invoicing.payments import PaymentDraft, record_payment
from app.core.invoicing.queries import period_bounds
from app.core.visits.models import Visit, VisitStatus
from app.demo import DemoContext

RENDER_NOW_DAYS = 92  # invoices issued in the last three months get their PDF at once
STEP_DAYS = {
    InvoiceFrequency.WEEKLY: 7,
    InvoiceFrequency.FORTNIGHTLY: 14,
    InvoiceFrequency.FOUR_WEEKLY: 28,
}


def _periods(frequency: str, first: date, today: date) -> list[tuple[date, date]]:
    """Complete billing periods from `first` that ended before today."""
    out = []
    if frequency == InvoiceFrequency.MONTHLY or frequency not in STEP_DAYS:
        start = first.replace(day=1)
        while True:
            nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
            end = nxt - timedelta(days=1)
            if end >= today:
                return out
            out.append((start, end))
            start = nxt
    step = STEP_DAYS[InvoiceFrequency(frequency)]
    start = first + timedelta(days=(7 - first.weekday()) % 7)  # a Monday
    while start + timedelta(days=step - 1) < today:
        out.append((start, start + timedelta(days=step - 1)))
        start += timedelta(days=step)
    return out


def _billable_starts(session: Session) -> dict[int, list[datetime]]:
    """Each client's billable visits' starts, sorted: what `uninvoiced_visits` would find
    before any invoice exists, read once (asking it per client and period was a fifth of
    `demo --years 10`)."""
    starts: dict[int, list[datetime]] = {}
    for client_id, start in session.execute(
        select(Visit.client_id, Visit.planned_start)
        .where(
            (Visit.status == VisitStatus.DELIVERED)
            | (
                (Visit.status == VisitStatus.CANCELLED_BY_CLIENT)
                & (Visit.late_cancel_charge_pence > 0)
            )
        )
        .order_by(Visit.planned_start)
    ):
        starts.setdefault(client_id, []).append(start)
    return starts


def _any_within(starts: list[datetime], lo: datetime, hi: datetime) -> bool:
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def extend(session: Session, ctx: DemoContext) -> str:
    from app.core.visits.generate import signed_versions

    try:
        from app.documents.invoice_pdf import render_invoice
    except ImportError:  # documents not installed: PDFs come later, on first request
        render_invoice = None  # type: ignore[assignment]
    rng = ctx.rng
    today = ctx.today
    first = date(today.year - ctx.years, today.month, 1)
    versions = signed_versions(session, ctx.client_ids or None)
    # Held for the step: the session's identity map keeps only objects referenced somewhere,
    # and each draft and issue looks its client up again.
    _clients = session.scalars(select(Client).where(Client.id.in_(list(versions)))).all()
    # 1. drafts for every client and complete period with delivered visits
    planned: list[tuple[date, int, date, date]] = []  # (issue date, client, start, end)
    for client_id, vs in sorted(versions.items()):
        frequency = vs[-1].invoice_frequency or InvoiceFrequency.MONTHLY
        for start, end in _periods(frequency, first, today):
            issue_on = min(today, end + timedelta(days=rng.randint(1, 4)))
            planned.append((issue_on, client_id, start, end))
    planned.sort()
    latest_end = max((p[3] for p in planned), default=None)
    drafts: list[tuple[date, Invoice]] = []
    skipped = 0
    billable = _billable_starts(session)  # no invoice yet, and periods never overlap
    for issue_on, client_id, start, end in planned:
        if not _any_within(billable.get(client_id, []), *period_bounds(start, end)):
            continue
        try:
            drafts.append((issue_on, draft_invoice(session, client_id, start, end).value))
        except DaybookError:  # e.g. a one-off visit before the contract was signed
            skipped += 1
    # 2. leave a couple of the latest period's invoices as drafts; issue the rest in date order
    latest = [inv for _, inv in drafts if inv.period_end == latest_end]
    keep_draft = {inv.id for inv in latest[-2:]}
    if keep_draft:
        add_extra_line(
            session,
            latest[-1].id,
            "Prescription collected from the pharmacy",
            rng.choice([450, 980, 1250]),
        )
    issued: list[Invoice] = []
    to_void = drafts[len(drafts) // 2][1].id if len(drafts) > 4 else None
    voided_on = date.min  # credit notes are numbered in the order made: keep them in date order
    for issue_on, inv in drafts:
        if inv.id in keep_draft:
            continue
        recent = (today - issue_on).days <= RENDER_NOW_DAYS
        render = render_invoice if recent else None
        issue_invoice(session, inv.id, today=issue_on, render=render)
        if inv.id != to_void:
            issued.append(inv)
            continue
        # Sent with the wrong billing address: credited in full (void) and issued again.
        voided_on = issue_on
        create_credit_note(
            session,
            inv.id,
            today=issue_on,
            render=render,
            reason="Issued with an old billing address; replaced by a corrected invoice.",
        )
        again = draft_invoice(session, inv.client_id, inv.period_start, inv.period_end).value
        issued.append(issue_invoice(session, again.id, today=issue_on, render=render).value)
    # 3. payments, part payments, overdue ones, one payment for two invoices, a credit note
    counts = {"paid": 0, "part_paid": 0, "overdue": 0, "credit_notes": 1 if to_void else 0}
    credit_target = next(
        (
            inv
            for inv in issued[len(issued) // 3 :]
            if sum(ln.kind == LineKind.VISIT for ln in inv.lines) >= 3
            and inv.issue_date is not None
            and inv.issue_date >= voided_on
        ),
        None,
    )
    waiting: dict[str, Invoice] = {}  # payer -> an invoice to be paid with the next one
    for i, inv in enumerate(issued):
        if inv is credit_target:
            visit_line = next(ln for ln in inv.lines if ln.kind == LineKind.VISIT)
            create_credit_note(
                session,
                inv.id,
                today=min(today, inv.issue_date + timedelta(days=6)),
                reason=(
                    f"The visit on {visit_line.line_date:%d/%m/%Y} was charged by mistake: "
                    "the client was in hospital that day."
                ),
                line_ids=[visit_line.id],
                render=render_invoice,
            )
            counts["credit_notes"] += 1
        due = inv.due_date
        overdue_days = (today - due).days
        roll = rng.random()
        if overdue_days > 75:
            outcome = "part" if roll < 0.04 else "paid"
        elif overdue_days > 0:
            outcome = "unpaid" if roll < 0.25 else ("part" if roll < 0.33 else "paid")
        else:
            outcome = "paid" if roll < 0.35 else "unpaid"
        if i == len(issued) - 40 and outcome == "paid" and overdue_days > 0:
            outcome = "part"  # make sure the demo shows a part payment
        received = inv.issue_date + timedelta(
            days=rng.randint(2, (inv.payment_terms_days or 14) + 6)
        )
        if outcome != "unpaid" and received > today:
            outcome = "unpaid"
        if outcome == "unpaid":
            counts["overdue"] += 1 if overdue_days > 0 else 0
            continue
        owed = balance_pence(session, inv)
        method = _method(versions.get(inv.client_id, []), inv)
        if outcome == "part":
            amount = max(100, owed // 2 // 100 * 100)
            _pay(session, ctx, [inv], amount, received, method)
            rest_on = received + timedelta(days=rng.randint(14, 40))
            if overdue_days > 75 and rest_on < today:  # the rest came later
                _pay(session, ctx, [inv], balance_pence(session, inv), rest_on, method)
                counts["paid"] += 1
            else:
                counts["part_paid"] += 1
            continue
        held = waiting.pop(inv.payer_name, None)
        if held is None and overdue_days > 90 and rng.random() < 0.08:
            waiting[inv.payer_name] = inv  # paid together with the next invoice
            continue
        group = [held, inv] if held is not None else [inv]
        amount = owed + (balance_pence(session, held) if held is not None else 0)
        _pay(session, ctx, group, amount, received, method)
        counts["paid"] += len(group)
    for inv in waiting.values():  # none came after: pay them on their own
        _pay(
            session,
            ctx,
            [inv],
            balance_pence(session, inv),
            min(today, inv.due_date),
            _method(versions.get(inv.client_id, []), inv),
        )
        counts["paid"] += 1
    ctx.notes["invoicing"] = {"issued": len(issued), "drafts": len(keep_draft), **counts}
    total = len(drafts) + (1 if to_void else 0)
    return (
        f"{total} invoices ({len(keep_draft)} drafts, {counts['overdue']} overdue, "
        f"{counts['part_paid']} part paid, {counts['credit_notes']} credit notes)"
    )


def _method(versions: list[ContractVersion], inv: Invoice) -> PaymentMethod:
    """How the client pays: the signed terms in force at the period's end (the versions are
    in the order they took effect), asked of the versions already read."""
    version = next((v for v in reversed(versions) if v.starts_on <= inv.period_end), None)
    try:
        return (
            PaymentMethod(str(version.payment_method)) if version else PaymentMethod.BANK_TRANSFER
        )
    except ValueError:
        return PaymentMethod.OTHER


def _pay(
    session: Session,
    ctx: DemoContext,
    invoices: list[Invoice],
    amount: int,
    received: date,
    method: PaymentMethod,
) -> None:
    if amount <= 0 or any(i.status == InvoiceStatus.VOID for i in invoices):
        return
    received = min(ctx.today, max(received, max(i.issue_date for i in invoices)))
    ref = " ".join(i.number or "" for i in invoices)
    record_payment(
        session,
        PaymentDraft(
            received_on=received,
            amount_pence=amount,
            method=method,
            reference=ref,
            invoice_ids=[i.id for i in invoices],
        ),
        today=ctx.today,
    )
