"""Form building blocks: a message beside each field, and en_GB money and date inputs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError, ValidationErrors
from app.core.formatting import format_date, parse_date, parse_money, pence_to_decimal_text
from app.ui.style import ERROR_STYLE


def things_to_fix(count: int) -> str:
    return "1 thing to fix" if count == 1 else f"{count} things to fix"


def _edited_signal(widget: QWidget):  # type: ignore[no-untyped-def]
    """The signal a widget sends when the carer changes it (None for a plain container)."""
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QTimeEdit):
        return widget.timeChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    if isinstance(widget, QListWidget):
        return widget.itemChanged
    return None


class FieldErrors:
    """Maps a service's field names to the label under each widget."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self.summary: QLabel | None = None  # "2 things to fix", beside Save

    def bind(self, field: str, widget: QWidget, label: QLabel) -> None:
        self._labels[field] = label
        self._widgets[field] = widget
        signal = _edited_signal(widget)
        if signal is not None:  # the message goes as soon as the carer changes its field
            signal.connect(lambda *_a, f=field: self.clear_field(f))

    def show_summary_beside(self, label: QLabel) -> None:
        self.summary = label

    def _resolve(self, field: str) -> str | None:
        if field in self._labels:
            return field
        # "emergency_contacts.0.phone" falls back to "emergency_contacts"
        prefix = field.split(".")[0]
        return prefix if prefix in self._labels else None

    def show(self, field: str, message: str) -> bool:
        return self.show_all([(field, message)])

    def show_all(self, problems: list[tuple[str, str]]) -> bool:
        """Shows each message under its field, scrolls to and focuses the first, and counts
        them beside Save. False when a problem names no field of this form."""
        shown: list[str] = []
        for field, message in problems:
            key = self._resolve(field)
            if key is None:
                return False
            self._labels[key].setText(message)
            self._labels[key].show()
            shown.append(key)
        if not shown:
            return False
        first = self._widgets[shown[0]]
        scroll_to(first)
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.summary is not None:
            self.summary.setText(things_to_fix(len(shown)))
            self.summary.show()
        return True

    def clear_field(self, field: str) -> None:
        label = self._labels[field]
        if label.isHidden():
            return
        label.clear()
        label.hide()
        if self.summary is not None:
            left = sum(1 for lb in self._labels.values() if not lb.isHidden())
            self.summary.setText(things_to_fix(left) if left else "")
            self.summary.setVisible(bool(left))

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()
        if self.summary is not None:
            self.summary.clear()
            self.summary.hide()

    def message(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None and label.isVisibleTo(label.parentWidget()) else ""


def scroll_to(widget: QWidget) -> None:
    """Brings a widget into view in every scroll area it sits in (innermost first)."""
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(child, 20, 20)
            child = parent
        parent = parent.parentWidget()


def read_all(*readers: Callable[[], Any]) -> list[Any]:
    """Reads every field of a form and reports every field that cannot be read at once
    (ValidationErrors), not only the first."""
    values: list[Any] = []
    problems: list[tuple[str, str]] = []
    for reader in readers:
        try:
            values.append(reader())
        except ValidationError as exc:
            problems.append((exc.field, exc.message))
            values.append(None)
    if len(problems) == 1:
        raise ValidationError(*problems[0])
    if problems:
        raise ValidationErrors(problems)
    return values


SAVE, DISCARD, STAY = "save", "discard", "stay"


class _EnterSubmits(QObject):
    """Enter or Return typed in any field of an inline form presses its button."""

    def __init__(self, form: QWidget, button: QAbstractButton) -> None:
        super().__init__(form)
        self.button = button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()  # type: ignore[attr-defined]
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # type: ignore[attr-defined]
        if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or modifiers:
            return False
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and focused is not self.button:
            return False  # Enter on "Attach receipt…" is that button's business
        if self.button.isEnabled() and self.button.isVisible():
            self.button.click()
            return True
        return False


def submit_on_enter(form: QWidget, button: QAbstractButton) -> None:
    """An inline form (not a dialog, so it has no default button): Enter in any of its
    fields does what `button` does. The fields pass Enter up to `form`, which presses it."""
    form.installEventFilter(_EnterSubmits(form, button))


def ask_unsaved(parent: QWidget | None, text: str) -> str:
    """Save (the default, Enter), Don't save, or Stay (Escape): SAVE, DISCARD or STAY."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes", text, parent=parent)
    save = box.addButton("&Save", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Don't save", QMessageBox.ButtonRole.DestructiveRole)
    stay = box.addButton("S&tay", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else STAY


class _UnkernedLabel(QLabel):
    """The underlined mnemonic letter is drawn apart from the next one, so a kerned pair
    such as "To" comes out wider than QLabel measures it: size for the letters one by one."""

    def _unkerned(self) -> int:
        plain = self.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        metrics = self.fontMetrics()
        return sum(metrics.horizontalAdvance(c) for c in plain) + 2

    def sizeHint(self):  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), self._unkerned()))
        return hint

    def minimumSizeHint(self):  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        hint.setWidth(max(hint.width(), self._unkerned()))
        return hint


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label with a mnemonic ("&To") for `buddy`, never clipped."""
    label = _UnkernedLabel(text)
    label.setBuddy(buddy)
    return label


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


def typed_time(text: str) -> tuple[int, int] | None:
    """What a carer means by "0830", "830", "8:30", "8.30" or "8": (8, 30); None if not a time."""
    text = text.strip()
    if not text:
        return None
    for sep in (":", "."):
        if sep in text:
            hours, _, minutes = text.partition(sep)
            if not hours.isdigit() or not (minutes.isdigit() or minutes == ""):
                return None
            h, m = int(hours), int(minutes or 0)
            return (h, m) if h < 24 and m < 60 and len(minutes) <= 2 else None
    if not text.isdigit() or len(text) > 4:
        return None
    h, m = (int(text), 0) if len(text) <= 2 else (int(text[:-2]), int(text[-2:]))
    return (h, m) if h < 24 and m < 60 else None


class TimeEdit(QTimeEdit):
    """A 24-hour time that reads what is typed as a whole ("0830", "8:30", "8.30"), wherever
    the cursor was: a plain QTimeEdit fills only the section the cursor is in, so after Tab
    "0830" became 09:08 without a word. Arrow keys still step the hours and minutes."""

    def __init__(self, value: time | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self._typed = ""
        if value is not None:
            self.setTime(QTime(value.hour, value.minute))

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self._typed = ""
        super().focusInEvent(event)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        key, text = event.key(), event.text()
        if text and (text.isdigit() or text in ":."):
            self._typed = self._typed + text if len(self._typed) < 5 else text
            self._apply()
            return
        if key == Qt.Key.Key_Backspace and self._typed:
            self._typed = self._typed[:-1]
            self._apply()
            return
        self._typed = ""
        super().keyPressEvent(event)

    def _apply(self) -> None:
        parsed = typed_time(self._typed)
        if parsed is not None:
            self.setTime(QTime(*parsed))

    def value(self) -> time:
        t = self.time()
        return time(t.hour(), t.minute())


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


class FormDialog(QDialog):
    """The one form dialog: an intro, a FormGrid (scrolling when the screen is short), and
    the main action as the default button (Enter does it, Escape cancels).

    The main action runs `work(session)` through `ctx.runner` (override `work`, or pass
    `work=`); a dialog without work (or with `on_submit`, a callable returning True when
    done) simply accepts. Messages go beside their fields and are counted beside the
    button; the dialog stays open until the action worked."""

    def __init__(
        self,
        ctx: Any,
        title: str,
        ok_text: str,
        parent: QWidget | None = None,
        *,
        intro: str = "",
        cancel_text: str = "Cancel",
        work: Callable[[Any], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: object = None
        self.on_submit: Callable[[], bool] | None = None
        self._work = work
        self.setWindowTitle(title)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.form = FormGrid()
        self.errors = self.form.errors
        self.grid = self.form  # the name the contract dialogs use
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        self.scroll = scroll
        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton(ok_text)
        self.back_button = QPushButton(cancel_text)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.ok_button, self.back_button):
            # A focused Cancel must not take Enter: only the main action is ever default.
            button.setAutoDefault(False)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.summary = error_label()
        self.summary.setObjectName("things_to_fix")
        self.errors.show_summary_beside(self.summary)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.show()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        self.fit_to_screen()
        super().showEvent(event)

    def fit_to_screen(self) -> None:
        """As tall as the form needs, no taller than the screen's free area (then it scrolls)."""
        screen = self.screen()
        wanted = (
            self.form.sizeHint().height()
            + self.sizeHint().height()
            - self.scroll.sizeHint().height()
        )
        if screen is not None:
            wanted = min(wanted, screen.availableGeometry().height() - 60)
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def work(self, session: Any) -> Any:
        if self._work is None:
            raise NotImplementedError
        return self._work(session)

    def _has_work(self) -> bool:
        return self._work is not None or type(self).work is not FormDialog.work

    def accept(self) -> None:
        if self._has_work():
            self.errors.clear()
            result = self.ctx.runner.run(self.work, errors=self.errors, parent=self)
            if result is None:
                self.fit_to_screen()  # room for the messages
                return
            self.result_value = result
        elif self.on_submit is not None:
            self.errors.clear()
            try:
                ok = self.on_submit()
            except ValidationError as exc:  # a value typed here that cannot be read
                problems = getattr(exc, "problems", [(exc.field, exc.message)])
                if not self.errors.show_all(problems):
                    raise
                self.fit_to_screen()
                return
            if not ok:
                self.fit_to_screen()
                return
        super().accept()
