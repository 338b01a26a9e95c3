"""Small pieces the Money tabs share: tables that fill from rows, wrapped labels, headings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.core.money.tax_year import TaxYear
from app.ui.style import EXPENSE, INCOME, MUTED, WARNING_BOX_STYLE

ROLE_ID = Qt.ItemDataRole.UserRole
INCOME_COLOUR = INCOME
EXPENSE_COLOUR = EXPENSE
WARN_STYLE = WARNING_BOX_STYLE
View = TypeVar("View", bound=QTableView)
RECEIPT_FILTER = "Receipts (*.png *.jpg *.jpeg *.heic *.heif *.pdf);;All files (*)"


def table(headers: list[str], stretch: int | tuple[int, ...]) -> QTableWidget:
    """A read-only table; the `stretch` columns share the width left by the others."""
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    return _read_only(t, len(headers), stretch)


def model_table(model: QAbstractItemModel, stretch: int | tuple[int, ...]) -> QTableView:
    """The same read-only table over a model: for a long list, where an item per cell would
    cost about 1 KiB each (the mileage log of a busy year: 800 rows, 5 MiB)."""
    t = QTableView()
    t.setModel(model)
    return _read_only(t, model.columnCount(), stretch)


def _read_only(t: View, columns: int, stretch: int | tuple[int, ...]) -> View:
    stretched = (stretch,) if isinstance(stretch, int) else stretch
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().hide()
    t.setAlternatingRowColors(True)
    for col in range(columns):
        t.horizontalHeader().setSectionResizeMode(
            col,
            QHeaderView.ResizeMode.Stretch
            if col in stretched
            else QHeaderView.ResizeMode.ResizeToContents,
        )
    return t


def item(
    text: str, *, right: bool = False, record_id: int | None = None, grey: bool = False
) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    if len(text) > 30:
        cell.setToolTip(text)  # the whole text where a narrow column elides it
    if right:
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if record_id is not None:
        cell.setData(ROLE_ID, record_id)
    if grey:
        cell.setForeground(QColor(MUTED))
    return cell


def fill(t: QTableWidget, rows: list[list[QTableWidgetItem]]) -> None:
    t.setRowCount(0)
    t.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            t.setItem(r, c, cell)
    if t.property("fit_rows"):
        t.resizeRowsToContents()
        height = t.horizontalHeader().height() + 2 * t.frameWidth()
        height += sum(t.rowHeight(r) for r in range(t.rowCount()))
        t.setFixedHeight(max(height, t.horizontalHeader().height() * 2))


def fitted(t: QTableWidget) -> QTableWidget:
    """A table in the scrolling year view: as tall as its rows, no scroll bar of its own."""
    t.setProperty("fit_rows", True)
    t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return t


def selected_id(t: QTableWidget) -> int | None:
    row = t.currentRow()
    cell = t.item(row, 0) if row >= 0 else None
    return None if cell is None else cell.data(ROLE_ID)


def wrap(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 12pt; font-weight: 600; margin-top: 8px;")
    return label


class MoneyTab(QWidget):
    """One tab of the Money panel: it loads and shows its own figures for the chosen year."""

    def __init__(self, ctx, year: Callable[[], TaxYear]) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ctx = ctx
        self._year = year

    @property
    def year(self) -> TaxYear:
        return self._year()

    def run(self, fn, errors=None):  # type: ignore[no-untyped-def]
        """Runs `fn(session)` (which returns Changes or Done) through the action runner."""
        return self.ctx.runner.run(fn, errors=errors, parent=self)

    def refresh(self) -> None:
        raise NotImplementedError
