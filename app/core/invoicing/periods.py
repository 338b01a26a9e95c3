"""Which period to invoice next: a client's delivered visits (and chargeable cancellations)
that are on no invoice yet, grouped into the invoicing periods of the agreement in force
(weekly, fortnightly, every four weeks, monthly).

Weeks run Monday to Sunday. A new period follows on from the client's latest invoice when
there is one (so periods are contiguous with what was invoiced already); otherwise weekly
kinds count from the Monday of the week the agreement started, and monthly ones are
calendar months. Read-only: nothing here changes a record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.clients import Client
from app.core.contracts.models import FREQUENCY_LABELS, InvoiceFrequency
from app.core.errors import DaybookError, ValidationError
from app.core.formatting import LONDON, format_date, format_time
from app.core.invoicing.models import Invoice, InvoiceStatus, LineKind
from app.core.invoicing.queries import uninvoiced_visits

PERIOD_DAYS = {
    InvoiceFrequency.WEEKLY: 7,
    InvoiceFrequency.FORTNIGHTLY: 14,
    InvoiceFrequency.FOUR_WEEKLY: 28,
}
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


@dataclass(frozen=True)
class VisitToInvoice:
    """One visit as the carer checks it before the draft is made."""

    visit_id: int
    day: date
    times: str  # "09:00–10:30"
    minutes: int | None  # None for a late cancellation
    charge_pence: int | None  # None when no signed agreement gives its rate
    what: str  # "Visit" or "Late cancellation"; never the visit's note


@dataclass(frozen=True)
class ProposedPeriod:
    start: date
    end: date
    frequency: InvoiceFrequency
    visits: tuple[VisitToInvoice, ...]

    @property
    def total_pence(self) -> int:
        return sum(v.charge_pence or 0 for v in self.visits)

    @property
    def minutes(self) -> int:
        return sum(v.minutes or 0 for v in self.visits)

    def is_over(self, today: date) -> bool:
        return self.end < today

    @property
    def label(self) -> str:
        return f"{format_date(self.start)} to {format_date(self.end)}"


@dataclass(frozen=True)
class InvoiceProposal:
    """What is waiting to be invoiced for one client, oldest period first."""

    client_id: int
    client_name: str
    periods: tuple[ProposedPeriod, ...]

    @property
    def first(self) -> ProposedPeriod | None:
        return self.periods[0] if self.periods else None

    @property
    def message(self) -> str:
        """A sentence for the carer about what is waiting (or that nothing is)."""
        first = self.first
        if first is None:
            return (
                f"Nothing to invoice for {self.client_name}: every delivered visit is on an "
                "invoice already."
            )
        n = len(first.visits)
        text = (
            f"{n} visit{'s' if n != 1 else ''} to invoice from {first.label} "
            f"({FREQUENCY_LABELS[first.frequency].lower()} invoicing)."
        )
        later = len(self.periods) - 1
        if later:
            text += (
                f" {later} later period{'s' if later != 1 else ''} also "
                f"{'have' if later != 1 else 'has'} visits to invoice, from "
                f"{self.periods[1].label}."
            )
        return text


def visit_to_invoice(session: Session, visit) -> VisitToInvoice:
    from app.core.invoicing.drafts import lines_for_visit

    day = visit.start.astimezone(LONDON).date()
    try:
        lines = lines_for_visit(session, visit)
    except DaybookError:  # no signed agreement in force: the draft will say so
        lines = []
    late = [ln for ln in lines if ln.kind == LineKind.LATE_CANCEL]
    return VisitToInvoice(
        visit_id=visit.id,
        day=day,
        times=f"{format_time(visit.start)}–{format_time(visit.end)}",
        minutes=None if late else _minutes(visit, lines),
        charge_pence=sum(ln.amount_pence for ln in lines) if lines else None,
        what="Late cancellation" if late else "Visit",
    )


def _minutes(visit, lines) -> int:
    """The minutes charged, or (with no agreement to price it) the time the visit took."""
    if lines:
        return sum(ln.minutes or 0 for ln in lines)
    return max(0, int((visit.end - visit.start).total_seconds() // 60))


def visits_to_invoice(
    session: Session, client_id: int, start: date, end: date
) -> tuple[VisitToInvoice, ...]:
    """The visits a draft for these dates would take, priced as the draft would price them."""
    return tuple(
        visit_to_invoice(session, v) for v in uninvoiced_visits(session, client_id, start, end)
    )


def _frequency_and_start(session: Session, visit) -> tuple[InvoiceFrequency, date | None]:
    from app.core.invoicing.drafts import version_for

    version = version_for(session, visit)
    if version is None:
        return InvoiceFrequency.MONTHLY, None
    signed = [v.starts_on for v in version.contract.versions if v.locked]
    return InvoiceFrequency(version.invoice_frequency), min(signed, default=version.starts_on)


def _month_of(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def period_around(
    day: date, frequency: InvoiceFrequency, agreement_start: date | None, follows: date | None
) -> tuple[date, date]:
    """The invoicing period holding `day`. `follows` is the day after the client's latest
    invoice, from which periods carry on; else weeks count from the agreement's first week."""
    if frequency in PERIOD_DAYS:
        length = PERIOD_DAYS[frequency]
        anchor = follows or agreement_start or day
        if follows is None:
            anchor -= timedelta(days=anchor.weekday())  # the Monday of that week
        start = anchor + timedelta(days=length * ((day - anchor).days // length))
        return start, start + timedelta(days=length - 1)
    start, end = _month_of(day)
    if follows is not None and start < follows <= day:
        start = follows  # the month's first part is on the latest invoice already
    return start, end


def _day(visit) -> date:
    """The day a visit counts in, as `uninvoiced_visits` counts it: its planned start's."""
    return visit.planned_start.astimezone(LONDON).date()


def _follows(session: Session, client_id: int) -> date | None:
    latest = session.scalar(
        select(func.max(Invoice.period_end)).where(
            Invoice.client_id == client_id, Invoice.status != InvoiceStatus.VOID
        )
    )
    return latest + timedelta(days=1) if latest else None


def propose_periods(session: Session, client_id: int | None) -> InvoiceProposal:
    """The client's uninvoiced delivered visits, grouped by the invoicing periods of the
    agreement in force on each. Empty `periods` when there is nothing to invoice."""
    if client_id is None:
        raise ValidationError("client_id", "Choose the client to invoice.")
    client = session.get(Client, client_id)
    if client is None:
        raise ValidationError("client_id", "That client no longer exists; choose another.")
    visits = uninvoiced_visits(session, client_id, EARLIEST, LATEST)
    follows = _follows(session, client_id)
    periods: list[ProposedPeriod] = []
    i = 0
    while i < len(visits):
        day = _day(visits[i])
        frequency, agreement_start = _frequency_and_start(session, visits[i])
        start, end = period_around(day, frequency, agreement_start, follows)
        if periods and start <= periods[-1].end:  # the agreement's frequency changed
            start = periods[-1].end + timedelta(days=1)
        taken = []
        while i < len(visits) and _day(visits[i]) <= end:
            taken.append(visit_to_invoice(session, visits[i]))
            i += 1
        periods.append(ProposedPeriod(start, end, frequency, tuple(taken)))
    return InvoiceProposal(client_id, client.name, tuple(periods))


def uninvoiced_counts(session: Session) -> dict[int, int]:
    """How many visits (delivered, or cancelled with a charge) wait to be invoiced, by client."""
    from app.core.invoicing.queries import uninvoiced_clause
    from app.core.visits.models import Visit

    stmt = (
        select(Visit.client_id, func.count(Visit.id))
        .where(uninvoiced_clause())
        .group_by(Visit.client_id)
    )
    return {cid: int(n) for cid, n in session.execute(stmt)}


def clients_to_invoice(session: Session) -> list[int]:
    """Clients with at least one visit waiting to be invoiced, by name."""
    ids = set(uninvoiced_counts(session))
    rows = session.execute(select(Client.id, Client.name).where(Client.id.in_(ids))).all()
    return [cid for cid, _name in sorted(rows, key=lambda r: (r[1].casefold(), r[0]))]
