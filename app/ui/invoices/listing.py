"""The invoice list as the panel and each client's tab show it: columns, status words,
money right-aligned, the period as a tooltip."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from app.core.formatting import format_date, format_money
from app.core.invoicing.models import STATUS_LABELS, InvoiceStatus
from app.core.invoicing.queries import InvoiceRow
from app.ui.lazy_model import LazyTableModel

FILTERS = [
    ("All invoices", None),
    ("Drafts", "draft"),
    ("Unpaid", "unpaid"),
    ("Overdue", "overdue"),
    ("Issued, nothing paid yet", "issued"),
    ("Part paid", "part_paid"),
    ("Paid", "paid"),
    ("Credited in full (void)", "void"),
]
MONEY_COLUMNS = {4, 5}


def status_text(row: InvoiceRow, today: date) -> str:
    days = row.days_overdue(today)
    if days <= 0:
        return STATUS_LABELS[row.status]
    late = f"overdue {days} day{'s' if days != 1 else ''}"
    return f"Part paid, {late}" if row.status == InvoiceStatus.PART_PAID else late.capitalize()


def columns(today_fn: Callable[[], date]) -> list[tuple[str, Callable[[InvoiceRow], str]]]:
    return [
        ("Number", lambda r: r.reference),
        ("Status", lambda r: status_text(r, today_fn())),
        ("Issued", lambda r: format_date(r.issue_date)),
        ("Due", lambda r: format_date(r.due_date)),
        ("Total", lambda r: format_money(r.total_pence)),
        ("Owed", lambda r: format_money(r.balance_pence) if r.balance_pence else ""),
        ("Payer", lambda r: r.payer),
    ]


class InvoiceListModel(LazyTableModel[InvoiceRow]):
    """The lazy list, with money right-aligned and the period as a tooltip."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            row = self.row_at(index.row())
            if row is not None:
                return (
                    f"{row.reference} to {row.payer}: care from "
                    f"{format_date(row.period_start)} to {format_date(row.period_end)} "
                    f"for {row.person or row.payer}"
                )
        return super().data(index, role)


def fit_columns(table: QTableView) -> None:
    """Short columns fit their contents; the payer (last) takes what is left, shortened
    with '…' when narrow (the full name is in the tooltip)."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(header.count() - 1, QHeaderView.ResizeMode.Stretch)
