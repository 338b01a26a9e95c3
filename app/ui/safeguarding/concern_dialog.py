"""The "Record a concern" dialog: a guided form, the council's number in view, and a
confirmation before saving, because a saved record can never be changed.

`open_record_concern_dialog(ctx, parent)` is what the main window's toolbar button and its
Ctrl+Shift+S shortcut call.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.base import utcnow
from app.core.changes import Area, changes
from app.core.clients import client_choices
from app.core.errors import ValidationError
from app.core.formatting import LONDON
from app.core.profile import get_profile
from app.core.safeguarding.models import (
    CATEGORY_HELP,
    CATEGORY_LABELS,
    CONSENT_LABELS,
    NOTIFIED_LABELS,
    Category,
    Consent,
    NotifiedKind,
)
from app.core.safeguarding.services import (
    ConcernDraft,
    NotificationDraft,
    create_record,
    validate_concern,
)
from app.ui.forms import DateEdit, FormGrid, TextArea

CHANGES = changes(Area.SAFEGUARDING)
NOT_A_CLIENT = 0
NOBODY_CHOSEN = -1
HINT_STYLE = "color: palette(placeholder-text);"
DATETIME_FORMAT = "dd/MM/yyyy HH:mm"


def london_now_naive() -> datetime:
    return datetime.now(LONDON).replace(second=0, microsecond=0, tzinfo=None)


def datetime_edit(value: datetime | None = None) -> QDateTimeEdit:
    """A date and time typed as dd/mm/yyyy hh:mm, read as London time."""
    edit = QDateTimeEdit()
    edit.setDisplayFormat(DATETIME_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDateTime(QDateTime(value or london_now_naive()))
    return edit


def read_datetime(edit: QDateTimeEdit) -> datetime:
    """The edit's value as an aware London datetime (the widget itself has no zone)."""
    naive = edit.dateTime().toPython()
    return naive.replace(second=0, microsecond=0, tzinfo=LONDON)


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


class CategoryChecks(QWidget):
    """The ten Care Act categories and "other or not sure", each with a plain description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[Category, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        for i, cat in enumerate(Category):
            box = QCheckBox(CATEGORY_LABELS[cat])
            box.setObjectName(f"category_{cat.value}")
            box.setToolTip(CATEGORY_HELP[cat])
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(box)
            desc = hint(CATEGORY_HELP[cat])
            desc.setContentsMargins(22, 0, 0, 4)
            cell.addWidget(desc)
            grid.addLayout(cell, i // 2, i % 2)
            self.boxes[cat] = box

        self.setFocusProxy(self.boxes[Category.PHYSICAL])  # a label's mnemonic, an error

    def chosen(self) -> list[Category]:
        return [cat for cat, box in self.boxes.items() if box.isChecked()]


class ConsentChoice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[Consent, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for consent in Consent:
            button = QRadioButton(CONSENT_LABELS[consent])
            button.setObjectName(f"consent_{consent.value}")
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[consent] = button
        self.setFocusProxy(self.buttons[Consent.YES])

    def value(self) -> Consent | None:
        for consent, button in self.buttons.items():
            if button.isChecked():
                return consent
        return None


class NotificationRow(QWidget):
    def __init__(self, kind: NotifiedKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for k in NotifiedKind:
            self.kind.addItem(NOTIFIED_LABELS[k], k.value)
        self.kind.setCurrentIndex(list(NotifiedKind).index(kind))
        self.at = datetime_edit()
        self.name = QLineEdit()
        self.name.setPlaceholderText("Who you spoke to")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("Reference number, if given")
        self.remove = QPushButton("Remove")
        layout = QGridLayout(self)  # two lines, so each field stays wide enough to read
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(self.kind, 0, 0)
        layout.addWidget(self.at, 0, 1)
        layout.addWidget(self.remove, 0, 2)
        layout.addWidget(self.name, 1, 0)
        layout.addWidget(self.reference, 1, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)

    def draft(self) -> NotificationDraft:
        return NotificationDraft(
            kind=self.kind.currentData(),
            at=read_datetime(self.at),
            name=self.name.text(),
            reference=self.reference.text(),
        )


class NotificationList(QWidget):
    """Who the carer told, one row each, with the council's number in view."""

    def __init__(self, council_phone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[NotificationRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        if council_phone:
            self.council = QLabel(
                f"Council adult safeguarding team: <b>{escape(council_phone)}</b>. "
                "If someone is in danger now, call 999."
            )
        else:
            self.council = QLabel(
                "Add your council's adult safeguarding number in Settings "
                "(business profile). If someone is in danger now, call 999."
            )
        self.council.setWordWrap(True)
        self._layout.addWidget(self.council)
        # the buttons above the rows they add, so they stay under the mouse after a click
        buttons = QHBoxLayout()
        self.add_council = QPushButton("Add the &council team")
        self.add_other = QPushButton("Add someone else &you told")
        buttons.addWidget(self.add_council)
        buttons.addWidget(self.add_other)
        buttons.addStretch(1)
        self._layout.addLayout(buttons)
        self._rows_box = QVBoxLayout()
        self._layout.addLayout(self._rows_box)
        self.setFocusProxy(self.add_council)
        self.add_council.clicked.connect(lambda: self.add_row(NotifiedKind.COUNCIL))
        self.add_other.clicked.connect(lambda: self.add_row(NotifiedKind.FAMILY))

    def add_row(self, kind: NotifiedKind) -> NotificationRow:
        row = NotificationRow(kind)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        before = self.rows[-1].remove if self.rows else self.add_other
        self.rows.append(row)
        self._rows_box.addWidget(row)
        chain = [before, row.kind, row.at, row.name, row.reference, row.remove]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        row.name.setFocus()
        return row

    def remove_row(self, row: NotificationRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()

    def drafts(self) -> list[NotificationDraft]:
        return [r.draft() for r in self.rows]


class ConcernDialog(QDialog):
    """A guided form for one safeguarding concern. Saving asks first; then it is final."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.saved_id: int | None = None
        self.setWindowTitle("Record a safeguarding concern")
        clients, profile_phone = ctx.runner.read(
            lambda s: (
                client_choices(s),
                (get_profile(s).safeguarding_phone if get_profile(s) is not None else ""),
            )
        )

        danger = QLabel(
            "<b>If someone is in danger now, call 999 first.</b>"
            + (
                f" Council adult safeguarding team: <b>{escape(profile_phone)}</b>."
                if profile_phone
                else ""
            )
        )
        danger.setObjectName("danger_line")
        danger.setWordWrap(True)
        intro = QLabel(
            "Write down the facts while they are fresh: what you saw and heard, when and "
            "where. Put the person's own words in quotes. Say what you did and who you told. "
            "Facts, not opinions."
        )
        intro.setWordWrap(True)

        self.form = FormGrid()
        f = self.form
        who = QWidget()
        who_layout = QHBoxLayout(who)
        who_layout.setContentsMargins(0, 0, 0, 0)
        self.client = QComboBox()
        self.client.addItem("Choose who the concern is about…", NOBODY_CHOSEN)
        for cid, name in clients:
            self.client.addItem(name, cid)
        self.client.addItem("Someone who is not a client", NOT_A_CLIENT)
        self.person_name = QLineEdit()
        self.person_name.setPlaceholderText("Their name")
        self.person_name.setEnabled(False)
        who_layout.addWidget(self.client, 1)
        who_layout.addWidget(self.person_name, 1)
        who.setFocusProxy(self.client)
        f.add_field("client_id", "&Who is it about", who)
        self._share_error("person_name", "client_id", self.person_name)
        self.client.currentIndexChanged.connect(self._client_changed)

        self.happened_at = f.add_field(
            "happened_at",
            "When did it &happen",
            datetime_edit(),
            help="Your best estimate if you are not sure of the exact time.",
        )
        written = QLabel("When you save (the time is recorded for you)")
        f.add_field("written_at", "Written", written)
        self.place = f.add_field("place", "Wh&ere", QLineEdit())
        self.place.setPlaceholderText("For example: her kitchen, at her home")
        self.present = f.add_field("present", "Who was &present", QLineEdit())
        self.present.setPlaceholderText("Everyone who was there, including you")
        self.categories = f.add_field(
            "categories",
            "What &kind of concern",
            CategoryChecks(),
            help="Tick all that may apply. If you are not sure, tick “Other, or not sure”.",
        )
        self.seen_heard = f.add_field(
            "seen_heard",
            "What you saw and hea&rd",
            TextArea(lines=8),
            help="Facts, in the order they happened. Quote the person's own words exactly, "
            "for example: She said: “He took my purse.” Describe marks or injuries "
            "(where, size, colour) rather than guessing a cause.",
        )
        self.seen_heard.setPlaceholderText(
            "What did you see? What did you hear? Use “quotes” for the person's own words."
        )
        self.seen_heard.setMaximumHeight(16777215)
        self.actions_taken = f.add_field(
            "actions_taken",
            "What you &did",
            TextArea(lines=4),
            help="For example: made sure they were safe, called for help, did not disturb "
            "anything.",
        )
        self.notifications = f.add_field(
            "notifications", "Who you &told", NotificationList(profile_phone)
        )
        self.consent = f.add_field(
            "consent",
            "Did they &agree to a referral",
            ConsentChoice(),
            help="Whether the person agreed to the concern being "
            "shared. You can still share it without consent when "
            "someone is at risk; the council will advise.",
        )
        self.follow_up_due = f.add_field(
            "follow_up_due",
            "&Follow up by",
            DateEdit(),
            help="Optional: a date to check what happened next. "
            "It appears on Today until you mark it done.",
        )

        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(f)

        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton("&Save — this cannot be changed later")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(danger)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(1000, int(screen.width() * 0.8)), int(screen.height() * 0.85))
        self.client.setFocus()

    # --- form ------------------------------------------------------------------------
    def _share_error(self, field: str, shown_under: str, widget: QWidget) -> None:
        label = self.form.findChild(QLabel, f"error_{shown_under}")
        if label is not None:
            self.form.errors.bind(field, widget, label)

    def _client_changed(self, _index: int) -> None:
        other = self.client.currentData() == NOT_A_CLIENT
        self.person_name.setEnabled(other)
        if other:
            self.person_name.setFocus()

    def draft(self) -> ConcernDraft:
        """What the form says. A date typed badly raises ValidationError for its field."""
        choice = self.client.currentData()
        return ConcernDraft(
            client_id=choice if choice not in (NOT_A_CLIENT, NOBODY_CHOSEN) else None,
            person_name=self.person_name.text() if choice == NOT_A_CLIENT else "",
            happened_at=read_datetime(self.happened_at),
            place=self.place.text(),
            present=self.present.text(),
            categories=list(self.categories.chosen()),
            seen_heard=self.seen_heard.text(),
            actions_taken=self.actions_taken.text(),
            notifications=self.notifications.drafts(),
            consent=self.consent.value(),
            follow_up_due=self.follow_up_due.date_value("follow_up_due"),
        )

    def _show(self, exc: ValidationError) -> None:
        if exc.field == "person_name" and self.client.currentData() == NOBODY_CHOSEN:
            exc = ValidationError(
                "client_id",
                "Choose the client, or “Someone who is not a client” and write their name.",
            )
        if not self.form.errors.show(exc.field, exc.message):
            QMessageBox.information(self, "Please check", exc.message)
            return
        focused = QApplication.focusWidget()
        if focused is not None and self.form.isAncestorOf(focused):
            self.scroll.ensureWidgetVisible(focused)

    def has_typing(self) -> bool:
        return any(
            w.text().strip()
            for w in (
                self.seen_heard,
                self.actions_taken,
                self.place,
                self.present,
                self.person_name,
            )
        )

    # --- actions ---------------------------------------------------------------------
    def save(self) -> None:
        self.form.errors.clear()
        try:
            draft = self.draft()
            self.ctx.runner.read(lambda s: validate_concern(s, draft, now=utcnow()))
        except ValidationError as exc:
            self._show(exc)
            return
        answer = QMessageBox.question(
            self,
            "Save this safeguarding record?",
            "Once saved, this record cannot be changed or deleted. If you need to correct "
            "or add something later, you add a dated addendum under it.\n\nSave it now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        record_id = self.ctx.runner.run(
            lambda s: create_record(s, draft).map(lambda r: r.id),
            errors=self.form.errors,
            parent=self,
        )
        if record_id is None:
            return
        self.saved_id = record_id
        self.accept()

    def reject(self) -> None:
        if self.saved_id is None and self.has_typing():
            answer = QMessageBox.question(
                self,
                "Close without saving?",
                "What you have written has not been saved. Close and lose it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()


def open_record_concern_dialog(ctx, parent: QWidget | None) -> None:  # type: ignore[no-untyped-def]
    """Opens the "Record a concern" dialog (window-modal); the panels refresh on save."""
    dialog = ConcernDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
