"""What is owed: overdue invoices, aged debtors and a statement per payer (Today: due.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.invoicing.models import (
    CreditNote,
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentAllocation,
)
from app.core.invoicing.rows import InvoiceRow, unpaid_invoices

BUCKETS = ("not_due", "d0_30", "d31_60", "d61_90", "d90_plus")
BUCKET_LABELS = {
    "not_due": "Not yet due",
    "d0_30": "0–30 days",
    "d31_60": "31–60 days",
    "d61_90": "61–90 days",
    "d90_plus": "Over 90 days",
}


def bucket_for(days_overdue: int) -> str:
    """Days past the due date -> its aged-debtors column (0 or less: not yet due)."""
    if days_overdue <= 0:
        return "not_due"
    if days_overdue <= 30:
        return "d0_30"
    if days_overdue <= 60:
        return "d31_60"
    if days_overdue <= 90:
        return "d61_90"
    return "d90_plus"


def overdue_invoices(session: Session, today: date) -> list[InvoiceRow]:
    """Issued, not fully paid, and past the due date; most overdue first."""
    rows = [r for r in unpaid_invoices(session) if r.due_date and r.due_date < today]
    return sorted(rows, key=lambda r: (r.due_date, r.number or ""))


@dataclass
class AgedDebtor:
    payer: str
    amounts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    invoices: list[str] = field(default_factory=list)

    @property
    def total_pence(self) -> int:
        return sum(self.amounts.values())

    @property
    def overdue_pence(self) -> int:
        return self.total_pence - self.amounts["not_due"]


def aged_debtors(session: Session, today: date) -> list[AgedDebtor]:
    """Per payer: what is owed, by how long past its due date. Biggest debt first."""
    by_payer: dict[str, AgedDebtor] = {}
    for row in unpaid_invoices(session):
        key = row.payer.strip().casefold()
        debtor = by_payer.setdefault(key, AgedDebtor(payer=row.payer.strip()))
        days = (today - row.due_date).days if row.due_date else 0
        debtor.amounts[bucket_for(days)] += row.balance_pence
        debtor.invoices.append(row.number or "")
    return sorted(by_payer.values(), key=lambda d: (-d.total_pence, d.payer.casefold()))


def aged_totals(debtors: list[AgedDebtor]) -> dict[str, int]:
    totals = dict.fromkeys(BUCKETS, 0)
    for d in debtors:
        for b in BUCKETS:
            totals[b] += d.amounts[b]
    return totals


# ---------------------------------------------------------------- statements


@dataclass(frozen=True)
class StatementEntry:
    when: date
    kind: str  # invoice | payment | credit_note
    reference: str
    description: str
    debit_pence: int  # what the payer was charged
    credit_pence: int  # what they paid or were credited
    balance_pence: int  # running balance after this entry


@dataclass(frozen=True)
class Statement:
    payer: str
    entries: tuple[StatementEntry, ...]
    balance_pence: int  # positive: the payer owes; negative: credit held for them
    open_invoices: tuple[InvoiceRow, ...]


def payers(session: Session) -> list[str]:
    """Every payer named on an issued invoice or a payment, A–Z."""
    names = set(
        session.scalars(
            select(Invoice.payer_name).where(Invoice.status != InvoiceStatus.DRAFT)
        ).all()
    )
    names |= set(session.scalars(select(Payment.payer)).all())
    return sorted({n.strip() for n in names if n and n.strip()}, key=str.casefold)


def statement(
    session: Session, payer: str, *, start: date | None = None, end: date | None = None
) -> Statement:
    """Invoices, credit notes and payments for one payer, in date order, with a running balance.

    With `start`, what happened before it is brought forward as an opening balance."""
    key = (payer or "").strip().casefold()
    invoices = [
        i
        for i in session.scalars(select(Invoice).where(Invoice.status != InvoiceStatus.DRAFT))
        if i.payer_name.strip().casefold() == key
    ]
    invoice_ids = {i.id for i in invoices}
    payments = {
        p.id: p for p in session.scalars(select(Payment)) if p.payer.strip().casefold() == key
    }
    if invoice_ids:
        for p in session.scalars(
            select(Payment)
            .join(PaymentAllocation)
            .where(PaymentAllocation.invoice_id.in_(invoice_ids))
        ):
            payments.setdefault(p.id, p)
    raw: list[tuple[date, int, str, str, str, int, int]] = []
    for inv in invoices:
        raw.append(
            (
                inv.issue_date or inv.period_end,
                0,
                "invoice",
                inv.number or "",
                f"Invoice: care {inv.period_start:%d/%m}–{inv.period_end:%d/%m/%Y}",
                inv.total_pence,
                0,
            )
        )
    notes: Iterable[CreditNote] = (
        session.scalars(select(CreditNote).where(CreditNote.invoice_id.in_(invoice_ids)))
        if invoice_ids
        else []
    )
    for note in notes:
        raw.append(
            (
                note.issue_date,
                1,
                "credit_note",
                note.number,
                f"Credit note against {note.invoice.number}",
                0,
                note.total_pence,
            )
        )
    for p in payments.values():
        raw.append(
            (
                p.received_on,
                2,
                "payment",
                p.reference or f"Payment {p.id}",
                "Payment received, thank you",
                0,
                p.amount_pence,
            )
        )
    raw.sort(key=lambda r: (r[0], r[1], r[3]))
    entries: list[StatementEntry] = []
    balance = 0
    opening = 0
    for when, _, kind, ref, desc, debit, credit in raw:
        balance += debit - credit
        if start is not None and when < start:
            opening = balance
            continue
        if end is not None and when > end:
            continue
        entries.append(StatementEntry(when, kind, ref, desc, debit, credit, balance))
    if start is not None and opening:
        entries.insert(
            0,
            StatementEntry(
                start, "opening", "", "Brought forward", max(opening, 0), max(-opening, 0), opening
            ),
        )
    shown_balance = entries[-1].balance_pence if entries else opening
    open_rows = tuple(r for r in unpaid_invoices(session) if r.id in invoice_ids)
    display = invoices[0].payer_name.strip() if invoices else (payer or "").strip()
    return Statement(display, tuple(entries), shown_balance, open_rows)


def unpaid_summary(session: Session, today: date) -> dict[str, int]:
    rows = unpaid_invoices(session)
    return {
        "unpaid_count": len(rows),
        "unpaid_pence": sum(r.balance_pence for r in rows),
        "overdue_pence": sum(r.balance_pence for r in rows if r.due_date and r.due_date < today),
    }
