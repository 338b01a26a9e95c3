"""Bank statement lines matched to open invoices and earlier expenses, then recorded once.

Money in: first an invoice number in the reference, then the exact amount owed together with
a word of the payer's name, else the carer chooses (the window offers the open invoices with
that amount first). A match becomes a payment with allocations through the invoicing
services, as when typed in. Money out becomes an expense when its supplier was seen before
(its category suggested from that earlier expense); other lines are skipped. Every line is
recorded by its bank id or a hash, so importing the same file again adds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.bank.models import BankTransaction
from app.core.bank.statements import (
    Layout,
    StatementLine,
    read_statement,
    remember_layout,
    transaction_uid,
)
from app.core.changes import Area, Done, changes
from app.core.errors import ValidationError
from app.core.invoicing.balances import balance_pence
from app.core.invoicing.models import Invoice, InvoiceStatus, PaymentMethod
from app.core.invoicing.payments import PaymentDraft, record_payment
from app.core.money.expenses import ExpenseDraft, add_expense
from app.core.money.models import Expense, ExpenseCategory

OPEN = (InvoiceStatus.ISSUED, InvoiceStatus.PART_PAID)
CHANGES = changes(Area.INVOICES, Area.MONEY)


@dataclass
class PlannedLine:
    line: StatementLine
    uid: str
    action: str  # payment | expense | skip | duplicate
    invoice_id: int | None = None
    invoice_number: str | None = None
    category: ExpenseCategory | None = None
    supplier: str = ""
    choices: list[tuple[int, str, int]] = field(default_factory=list)  # id, number, owed
    note: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "date": self.line.posted_on.isoformat(),
            "amount_pence": self.line.amount_pence,
            "description": self.line.description,
            "match": self.invoice_number,
            "action": self.action,
        }


@dataclass(frozen=True)
class OpenInvoice:
    id: int
    number: str
    payer_name: str
    owed_pence: int


def open_invoices(session: Session) -> list[OpenInvoice]:
    rows = session.scalars(
        select(Invoice).where(Invoice.status.in_(OPEN)).order_by(Invoice.due_date, Invoice.id)
    )
    out = []
    for invoice in rows:
        owed = balance_pence(session, invoice)
        if owed > 0 and invoice.number:
            out.append(OpenInvoice(invoice.id, invoice.number, invoice.payer_name, owed))
    return out


def _squash(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _number_in(reference: str, number: str) -> bool:
    """INV-0007 found as INV-0007, INV0007 or inv 0007, but not inside INV-00071."""
    digits = re.sub(r"\D", "", number)
    prefix = re.sub(r"[^A-Z]", "", number.upper())
    if not digits:
        return False
    pattern = rf"(?<![A-Z0-9]){prefix}[\s\-/#:]*0*{int(digits)}(?![0-9])"
    return re.search(pattern, reference.upper()) is not None


def _names(payer: str) -> set[str]:
    return {w for w in re.findall(r"[A-Z]+", payer.upper()) if len(w) >= 3} - {
        "MRS",
        "MISS",
        "THE",
        "AND",
        "COUNCIL",
        "LTD",
    }


def match_money_in(line: StatementLine, invoices: list[OpenInvoice]) -> PlannedLine:
    planned = PlannedLine(line, "", "skip")
    by_number = [i for i in invoices if _number_in(line.description, i.number)]
    if len(by_number) == 1:
        chosen = by_number[0]
    else:
        words = set(re.findall(r"[A-Z]+", line.description.upper()))
        same = [i for i in invoices if i.owed_pence == line.amount_pence]
        named = [i for i in same if _names(i.payer_name) & words]
        chosen = named[0] if len(named) == 1 else None  # type: ignore[assignment]
        if chosen is None:
            planned.choices = [(i.id, i.number, i.owed_pence) for i in (same or invoices)]
            planned.note = "choose the invoice this pays"
            return planned
    planned.action = "payment"
    planned.invoice_id = chosen.id
    planned.invoice_number = chosen.number
    return planned


def _supplier_key(text: str) -> str:
    words = re.findall(r"[A-Z]{3,}", text.upper())
    return words[0] if words else ""


def suggest_expense(session: Session, line: StatementLine) -> tuple[str, ExpenseCategory] | None:
    """The category of an earlier expense from the same supplier (by its first word)."""
    key = _supplier_key(line.description)
    if not key:
        return None
    for supplier, category in session.execute(
        select(Expense.supplier, Expense.category).order_by(Expense.spent_on.desc())
    ):
        if _supplier_key(supplier) == key:
            return supplier, ExpenseCategory(category)
    return None


def plan_lines(session: Session, lines: list[StatementLine]) -> list[PlannedLine]:
    seen_uids = set(session.scalars(select(BankTransaction.uid)))
    invoices = open_invoices(session)
    counts: dict[tuple[date, int, str], int] = {}
    planned: list[PlannedLine] = []
    for line in lines:
        key = (line.posted_on, line.amount_pence, line.description)
        counts[key] = counts.get(key, 0) + 1
        uid = transaction_uid(line, counts[key])
        if uid in seen_uids:
            planned.append(PlannedLine(line, uid, "duplicate"))
            continue
        seen_uids.add(uid)
        if line.amount_pence > 0:
            p = match_money_in(line, invoices)
            if p.invoice_id is not None:  # the same invoice is not paid twice in one file
                invoices = [
                    i
                    if i.id != p.invoice_id
                    else OpenInvoice(
                        i.id, i.number, i.payer_name, max(0, i.owed_pence - line.amount_pence)
                    )
                    for i in invoices
                ]
                invoices = [i for i in invoices if i.owed_pence > 0]
        else:
            p = PlannedLine(line, uid, "skip")
            suggestion = suggest_expense(session, line)
            if suggestion:
                p.action, p.supplier, p.category = "expense", suggestion[0], suggestion[1]
        p.uid = uid
        planned.append(p)
    return planned


@dataclass
class ImportResult:
    lines: list[PlannedLine]
    layout: Layout | None
    bank_key: str

    def as_json(self) -> list[dict[str, object]]:
        return [p.as_json() for p in self.lines]


def preview_import(session: Session, data: bytes) -> ImportResult:
    """What importing would do; changes nothing."""
    lines, layout, key = read_statement(session, data)
    return ImportResult(plan_lines(session, lines), layout, key)


def apply_plan(session: Session, result: ImportResult, *, today: date) -> Done[ImportResult]:
    """Records each planned line once: payments and expenses through the usual services."""
    if result.layout is not None and result.bank_key:
        remember_layout(session, result.bank_key, result.layout)
    for p in result.lines:
        if p.action == "duplicate":
            continue
        record = BankTransaction(
            uid=p.uid,
            posted_on=p.line.posted_on,
            amount_pence=p.line.amount_pence,
            description=p.line.description,
            action=p.action,
        )
        if p.action == "payment" and p.invoice_id is not None:
            payment = record_payment(
                session,
                PaymentDraft(
                    received_on=p.line.posted_on,
                    amount_pence=p.line.amount_pence,
                    method=PaymentMethod.BANK_TRANSFER,
                    reference=p.line.description[:200],
                    invoice_ids=[p.invoice_id],
                ),
                today=today,
                allow_overpayment=True,  # the money arrived: any extra is kept as credit
            ).value
            record.payment_id = payment.id
        elif p.action == "expense" and p.category is not None:
            expense = add_expense(
                session,
                ExpenseDraft(
                    spent_on=p.line.posted_on,
                    supplier=p.supplier or p.line.description[:200] or "Bank payment",
                    category=p.category,
                    description=p.line.description[:500],
                    amount_pence=-p.line.amount_pence,
                ),
                today=today,
            )
            record.expense_id = expense.id
        elif p.action in ("payment", "expense"):
            raise ValidationError("action", "Choose an invoice or a category for each line.")
        session.add(record)
    session.flush()
    return Done(result, CHANGES)


def import_statement(session: Session, data: bytes, *, today: date) -> Done[ImportResult]:
    return apply_plan(session, preview_import(session, data), today=today)
