"""Read-only record tables, one way: build, fill with each row's record id, read the chosen id."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

ROLE_ID = Qt.ItemDataRole.UserRole


def read_only_table(headers: list[str], *, stretch: int | None = None) -> QTableWidget:
    """Rows chosen one at a time, never edited in place; columns fit their contents, and
    column `stretch` (or else the last) takes the spare width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName("List: " + ", ".join(headers))  # a caller may name it better
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows: list[list[str]], ids: list[int]) -> None:
    """One line per record; every cell carries the record's id and shows its text in full
    as a tooltip (for a clipped column)."""
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, (cells, record_id) in enumerate(zip(rows, ids, strict=True)):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            item.setData(ROLE_ID, record_id)
            table.setItem(r, c, item)


def selected_id(table: QTableWidget) -> int | None:
    model = table.selectionModel()
    rows = model.selectedRows() if model is not None else []
    item = table.item(rows[0].row(), 0) if rows else None
    return item.data(ROLE_ID) if item is not None else None
