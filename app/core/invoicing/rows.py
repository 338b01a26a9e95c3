"""The invoice list: one row per invoice with what was paid, credited and is still owed, as
the Invoices panel, `daybook invoice list`, aged debtors and Today show it.

Plain SQL (app/core/reading.py), so Today reads the unpaid invoices before the ORM has loaded;
a caller holding a Session passes it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.core.errors import NotFound, ValidationError
from app.core.invoicing.owed import owed_pence, paid_and_credited_columns
from app.core.invoicing.status import OPEN_STATUSES, InvoiceStatus
from app.core.reading import Reader, Row, day, placeholders, reader, scalar, stored

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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
        return owed_pence(self.status, self.total_pence, self.paid_pence, self.credited_pence)

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


_COLUMNS = (
    "invoice.id, invoice.number, invoice.client_id, invoice.payer_name, invoice.person_name, "
    "invoice.period_start, invoice.period_end, invoice.issue_date, invoice.due_date, "
    f"invoice.total_pence, {paid_and_credited_columns()}, invoice.status"
)
# Newest first: drafts, then issued by number descending.
_NEWEST_FIRST = (
    "invoice.number IS NULL DESC, invoice.issue_date DESC, invoice.number DESC, invoice.id DESC"
)


def _row_from(r: Row) -> InvoiceRow:
    """The one place an InvoiceRow is built, from a row of `_COLUMNS`."""
    period_start, period_end = day(r[5]), day(r[6])
    assert period_start is not None and period_end is not None  # NOT NULL columns
    return InvoiceRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        period_start,
        period_end,
        day(r[7]),
        day(r[8]),
        r[9],
        int(r[10]),
        int(r[11]),
        InvoiceStatus(r[12]),
    )


STATUS_FILTERS = ("draft", "issued", "part_paid", "paid", "void", "unpaid", "overdue")


def check_status_filter(status: str | None) -> str | None:
    if status in (None, "", "all"):
        return None
    cleaned = status.strip().lower().replace("-", "_").replace(" ", "_")
    if cleaned not in STATUS_FILTERS:
        raise ValidationError("status", f"Unknown status; use one of {', '.join(STATUS_FILTERS)}.")
    return cleaned


def _where(
    status: str | None, client_id: int | None, today: date | None
) -> tuple[str, list[object]]:
    """The WHERE clause (or '') and its parameters for a checked status filter and a client."""
    terms: list[str] = []
    params: list[object] = []
    if status in ("overdue", "unpaid"):
        terms.append(f"invoice.status IN ({placeholders(len(OPEN_STATUSES))})")
        params.extend(s.value for s in OPEN_STATUSES)
        if status == "overdue":
            terms.append("invoice.due_date < ?")
            params.append(stored(today or date.today()))
    elif status:
        terms.append("invoice.status = ?")
        params.append(InvoiceStatus(status).value)
    if client_id is not None:
        terms.append("invoice.client_id = ?")
        params.append(client_id)
    return (" WHERE " + " AND ".join(terms) if terms else ""), params


def list_invoices(
    db: Session | Reader,
    *,
    status: str | None = None,
    client_id: int | None = None,
    today: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[InvoiceRow]:
    """Newest first: drafts, then issued by number descending."""
    where, params = _where(check_status_filter(status), client_id, today)
    sql = f"SELECT {_COLUMNS} FROM invoice{where} ORDER BY {_NEWEST_FIRST} LIMIT ? OFFSET ?"
    rows = reader(db).rows(sql, [*params, -1 if limit is None else limit, offset])
    return [_row_from(r) for r in rows]


def count_invoices(
    db: Session | Reader,
    *,
    status: str | None = None,
    client_id: int | None = None,
    today: date | None = None,
) -> int:
    where, params = _where(check_status_filter(status), client_id, today)
    return int(scalar(reader(db), f"SELECT count(invoice.id) FROM invoice{where}", params) or 0)


def invoice_row(db: Session | Reader, invoice_id: int) -> InvoiceRow:
    found = reader(db).rows(f"SELECT {_COLUMNS} FROM invoice WHERE invoice.id = ?", (invoice_id,))
    if not found:
        raise NotFound(f"There is no invoice with id {invoice_id}.")
    return _row_from(found[0])


def unpaid_invoices(db: Session | Reader) -> list[InvoiceRow]:
    """Issued or part paid, with something still owed; newest first."""
    return [r for r in list_invoices(db, status="unpaid") if r.balance_pence > 0]
