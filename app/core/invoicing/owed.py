"""What an invoice still owes: its total, less the payments allocated to it, less its credit
notes (nothing for a draft or a void invoice). The one computation behind Today, the Invoices
list, aged debtors, statements and paying or crediting an invoice.

Read with plain SQL (app/core/reading.py), so that Today shows what is owed before the ORM has
loaded; a caller holding a Session passes it as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.invoicing.status import InvoiceStatus
from app.core.reading import Reader, one, reader, scalar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The two sums for the invoice whose id is `{invoice}`: a column of the outer query
# ("invoice.id") or a parameter ("?"). Per invoice, by index lookup, not a GROUP BY over every
# allocation ever made: Today's unpaid list then costs the same in year ten as in year one.
_PAID = (
    "SELECT coalesce(sum(payment_allocation.amount_pence), 0) FROM payment_allocation "
    "WHERE payment_allocation.invoice_id = {invoice}"
)
_CREDITED = (
    "SELECT coalesce(sum(credit_note.total_pence), 0) FROM credit_note "
    "WHERE credit_note.invoice_id = {invoice}"
)


def paid_and_credited_columns(invoice: str = "invoice.id") -> str:
    """`paid, credited` as two columns of a SELECT over the invoice table."""
    return f"({_PAID.format(invoice=invoice)}), ({_CREDITED.format(invoice=invoice)})"


def paid_and_credited(db: Session | Reader, invoice_id: int) -> tuple[int, int]:
    """What was paid towards an invoice and what credit notes took off it, in one query."""
    row = one(reader(db), f"SELECT {paid_and_credited_columns('?')}", (invoice_id, invoice_id))
    assert row is not None  # a SELECT without FROM gives one row
    return int(row[0] or 0), int(row[1] or 0)


def paid_pence(db: Session | Reader, invoice_id: int) -> int:
    return int(scalar(reader(db), _PAID.format(invoice="?"), (invoice_id,)) or 0)


def credited_pence(db: Session | Reader, invoice_id: int) -> int:
    return int(scalar(reader(db), _CREDITED.format(invoice="?"), (invoice_id,)) or 0)


def owed_pence(status: str, total_pence: int, paid: int, credited: int) -> int:
    """What is still owed on an invoice with these sums (0 for drafts and void ones): the
    one rule behind both `balance_pence` and `InvoiceRow.balance_pence`."""
    if status in (InvoiceStatus.DRAFT, InvoiceStatus.VOID):
        return 0
    return total_pence - paid - credited
