"""A read-only table model that loads rows a page at a time (canFetchMore/fetchMore)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
PAGE = 100  # a screenful and more at 150%; each page costs ~0.3 ms a row to build
ROOT = QModelIndex()
# Qt passes the role as a plain int, and asks data() for a dozen roles per cell per paint
_TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.ToolTipRole.value})


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class LazyTableModel(QAbstractTableModel, Generic[Row]):
    """`fetch(offset, limit)` returns the next rows; `columns` are (header, row -> text)."""

    def __init__(
        self,
        columns: Sequence[tuple[str, Callable[[Row], Any]]],
        fetch: Callable[[int, int], list[Row]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._fetch = fetch
        self._rows: list[Row] = []
        self._texts: list[list[str]] = []  # each row's cells, made once when it is fetched
        self._exhausted = False

    def reset(self, fetch: Callable[[int, int], list[Row]] | None = None) -> None:
        self.beginResetModel()
        if fetch is not None:
            self._fetch = fetch
        self._rows = []
        self._texts = []
        self._exhausted = False
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[Row]:
        return list(self._rows)

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: Index = ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = ROOT) -> None:  # noqa: N802
        more = self._fetch(len(self._rows), PAGE)
        if len(more) < PAGE:
            self._exhausted = True
        if more:
            first = len(self._rows)
            texts = [[_text(cell(row)) for _title, cell in self._columns] for row in more]
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self._texts.extend(texts)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _TEXT_ROLES or not index.isValid():
            return None
        return self._texts[index.row()][index.column()]

    def headerData(  # noqa: N802 (the library's method name)
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return None
