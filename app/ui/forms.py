"""Form building blocks: a message beside each field, and en_GB money and date inputs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.core.formatting import format_date, parse_date, parse_money, pence_to_decimal_text
from app.ui.style import ERROR_STYLE


class FieldErrors:
    """Maps a service's field names to the label under each widget."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def bind(self, field: str, widget: QWidget, label: QLabel) -> None:
        self._labels[field] = label
        self._widgets[field] = widget

    def show(self, field: str, message: str) -> bool:
        label = self._labels.get(field)
        if label is None:
            # "emergency_contacts.0.phone" falls back to "emergency_contacts"
            prefix = field.split(".")[0]
            label = self._labels.get(prefix)
            field = prefix
        if label is None:
            return False
        label.setText(message)
        label.show()
        widget = self._widgets[field]
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()

    def message(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None and label.isVisibleTo(label.parentWidget()) else ""


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class FormGrid(QWidget):
    """Label | widget rows, with the field's message shown under its widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        self._grid = QGridLayout(self)
        self._grid.setColumnStretch(1, 1)
        self._row = 0

    def add_field(self, field: str, label: str, widget: QWidget, help: str = "") -> QWidget:
        caption = QLabel(label)
        caption.setBuddy(widget)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(caption, self._row, 0)
        self._grid.addWidget(widget, self._row, 1)
        self._row += 1
        if help:
            hint = QLabel(help)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: palette(placeholder-text);")
            self._grid.addWidget(hint, self._row, 1)
            self._row += 1
        err = error_label()
        err.setObjectName(f"error_{field}")
        self._grid.addWidget(err, self._row, 1)
        self._row += 1
        self.errors.bind(field, widget, err)
        self._push_stretch()
        return widget

    def _push_stretch(self) -> None:
        """Spare height goes to an empty last row, not between the fields."""
        self._grid.setRowStretch(self._row - 1, 0)
        self._grid.setRowStretch(self._row, 1)

    def add_widget(self, widget: QWidget) -> None:
        self._grid.addWidget(widget, self._row, 0, 1, 2)
        self._row += 1
        self._push_stretch()


class MoneyEdit(QLineEdit):
    """Pounds typed as text ('18.50', '£1,234'); read as pence with a field-named error."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("£0.00")

    def pence(
        self, field: str, *, required: bool = True, maximum_pence: int | None = None
    ) -> int | None:
        if not self.text().strip() and not required:
            return None
        return parse_money(self.text(), field, maximum_pence=maximum_pence)

    def set_pence(self, pence: int | None) -> None:
        self.setText("" if pence is None else pence_to_decimal_text(pence))


class DateEdit(QLineEdit):
    """A date typed as dd/mm/yyyy; may be left empty where the field is optional."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")

    def date_value(self, field: str, *, required: bool = False) -> date | None:
        return parse_date(self.text(), field, required=required)

    def set_date(self, value: date | None) -> None:
        self.setText(format_date(value))


class TextArea(QPlainTextEdit):
    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 12
        self.setMinimumHeight(height)
        self.setMaximumHeight(height * 2)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, value: str) -> None:  # noqa: N802 (Qt naming)
        self.setPlainText(value)
