"""Safeguarding: a list of records (date, person, categories) whose content stays hidden
until the carer opens one; then the record with its addenda, "Add addendum" and the PDF.
There is no edit and no delete: a saved record is final."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, changes
from app.core.errors import ValidationError
from app.core.formatting import format_date, format_datetime
from app.core.safeguarding.models import ADDENDUM_LABELS, AddendumKind
from app.core.safeguarding.services import (
    RecordRow,
    RecordView,
    add_addendum,
    category_labels,
    list_records,
    record_view,
)
from app.ui.forms import DateEdit, FormGrid, TextArea
from app.ui.layout import side_by_side
from app.ui.registry import Panel, register_panel
from app.ui.safeguarding.concern_dialog import ConcernDialog
from app.ui.tables import fill, read_only_table, selected_id

CHANGES = changes(Area.SAFEGUARDING)
HIDDEN_TEXT = (
    "Records stay hidden until you open one.\n\n"
    "Choose a record in the list and press “Open record” (or double-click it)."
)


def _text(value: str, empty: str = "Not recorded") -> str:
    value = (value or "").strip()
    if not value:
        return f"<i>{empty}</i>"
    return "<br>".join(escape(line) for line in value.splitlines())


def record_html(v: RecordView) -> str:
    """The opened record as simple HTML (every piece of the carer's text escaped)."""
    who = escape(v.who) + ("" if v.is_client else " (not a client)")
    rows = [
        ("When it happened", escape(format_datetime(v.happened_at))),
        ("Written", escape(format_datetime(v.written_at))),
        ("Where", _text(v.place)),
        ("Who was present", _text(v.present)),
        ("Categories", escape(", ".join(v.categories))),
        ("Consent to referral", escape(v.consent)),
        (
            "Follow-up",
            escape(format_date(v.follow_up_waiting)) + " (waiting)"
            if v.follow_up_waiting
            else ("Marked done" if v.follow_up_due else "None set"),
        ),
    ]
    parts = [f"<h2>Record #{v.id}: {who}</h2>", "<table cellspacing='0' cellpadding='3'>"]
    parts += [f"<tr><td valign='top'><b>{k}</b></td><td>{val}</td></tr>" for k, val in rows]
    parts.append("</table>")
    parts.append(f"<h3>What was seen and heard</h3><p>{_text(v.seen_heard)}</p>")
    parts.append(f"<h3>What was done</h3><p>{_text(v.actions_taken)}</p>")
    parts.append("<h3>Who was told</h3>")
    if v.notifications:
        parts.append(
            "<table border='1' cellspacing='0' cellpadding='4'>"
            "<tr><th>Who</th><th>When</th><th>Name</th><th>Reference</th></tr>"
        )
        for n in v.notifications:
            parts.append(
                f"<tr><td>{escape(n.kind)}</td>"
                f"<td>{escape(format_datetime(n.at)) if n.at else ''}</td>"
                f"<td>{_text(n.name, '')}</td><td>{_text(n.reference, '')}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p><i>No one recorded.</i></p>")
    parts.append(f"<h3>Addenda ({len(v.addenda)})</h3>")
    if not v.addenda:
        parts.append("<p><i>None yet. Corrections and follow-ups are added here.</i></p>")
    for a in v.addenda:
        due = (
            f"<br><i>Next follow-up: {escape(format_date(a.follow_up_due))}</i>"
            if a.follow_up_due
            else ""
        )
        parts.append(
            f"<p><b>{a.seq}. {escape(a.kind)}</b>, written "
            f"{escape(format_datetime(a.written_at))}<br>{_text(a.text)}{due}</p>"
        )
    # The seal itself is for the PDF and `daybook check`; a string of hex helps no carer.
    parts.append(
        "<p style='color:gray; font-size:small'>Kept exactly as written: corrections and "
        "follow-ups go in an addendum.</p>"
    )
    return "\n".join(parts)


class AddendumDialog(QDialog):
    """A dated correction, follow-up, or "follow-up done" under a record."""

    def __init__(
        self,
        ctx,
        record_id: int,
        *,
        follow_up_waiting: bool,  # type: ignore[no-untyped-def]
        about: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.saved_id: int | None = None
        self.setWindowTitle(f"Add an addendum to record #{record_id}")
        heading = QLabel(
            f"<b>Addendum to safeguarding record #{record_id}</b>"
            + (f" ({escape(about)})" if about else "")
            + "<br>It is dated with the time you save it."
        )
        heading.setWordWrap(True)
        self.form = FormGrid()
        self.kind = QComboBox()
        for kind in AddendumKind:
            if kind == AddendumKind.FOLLOW_UP_DONE and not follow_up_waiting:
                continue
            self.kind.addItem(ADDENDUM_LABELS[kind], kind.value)
        self.form.add_field(
            "kind",
            "&Kind",
            self.kind,
            help="A correction says what was wrong and what is right; the "
            "record itself stays as it was written.",
        )
        self.text = self.form.add_field("text", "&Text", TextArea(lines=6))
        self.text.setPlaceholderText("Facts, with times. Quote people's own words.")
        self.follow_up_due = self.form.add_field(
            "follow_up_due",
            "&Next follow-up by",
            DateEdit(),
            help="Optional: a new date to check again.",
        )
        buttons = QDialogButtonBox()
        self.save_button = QPushButton("&Save — this cannot be changed later")
        self.save_button.setAutoDefault(False)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.text.setFocus()

    def _kind_changed(self, _index: int) -> None:
        done = self.kind.currentData() == AddendumKind.FOLLOW_UP_DONE.value
        self.follow_up_due.setEnabled(not done)
        if done:
            self.follow_up_due.clear()

    def save(self) -> None:
        self.form.errors.clear()
        try:
            due = self.follow_up_due.date_value("follow_up_due")
        except ValidationError as exc:
            self.form.errors.show(exc.field, exc.message)
            return
        kind, text = self.kind.currentData(), self.text.text()
        if kind != AddendumKind.FOLLOW_UP_DONE.value and not text.strip():
            self.form.errors.show("text", "Enter the text of the addendum.")
            return
        answer = QMessageBox.question(
            self,
            "Save this addendum?",
            "Once saved, this addendum cannot be changed or deleted. Save it now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        saved = self.ctx.runner.run(
            lambda s: add_addendum(s, self.record_id, kind, text, follow_up_due=due).map(
                lambda a: a.id
            ),
            errors=self.form.errors,
            parent=self,
        )
        if saved is None:
            return
        self.saved_id = saved
        self.accept()


COLUMNS = ("Happened", "Person", "Categories", "Addenda", "Follow-up")


@register_panel
class SafeguardingPanel(Panel):
    AREA = Area.SAFEGUARDING
    WATCHES = frozenset({Area.SAFEGUARDING, Area.CLIENTS})

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.rows: list[RecordRow] = []
        self.opened_id: int | None = None
        self.opened: RecordView | None = None
        self._dialog: QDialog | None = None

        self.record_button = QPushButton("&Record a concern…")
        self.record_button.setToolTip("Ctrl+Shift+S from anywhere in Daybook")
        intro = QLabel("Saved records are final. Corrections and follow-ups are dated addenda.")
        intro.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.record_button)

        self.table = read_only_table(COLUMNS, stretch=2)
        self.count_label = QLabel()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.table, 1)
        lv.addWidget(self.count_label)

        self.hidden_label = QLabel(HIDDEN_TEXT)
        self.hidden_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hidden_label.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hidden_label)
        self.stack.addWidget(self.browser)
        self.open_button = QPushButton("&Open record")
        self.hide_button = QPushButton("H&ide")
        self.addendum_button = QPushButton("&Add addendum…")
        self.pdf_button = QPushButton("&PDF (preview, print, save)…")
        actions = QHBoxLayout()
        for b in (self.open_button, self.hide_button, self.addendum_button, self.pdf_button):
            actions.addWidget(b)
        actions.addStretch(1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.stack, 1)
        rv.addLayout(actions)
        splitter = self.list_detail = side_by_side(left, right, noun="safeguarding records")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.record_button.clicked.connect(self.record_concern)
        self.open_button.clicked.connect(self.open_selected)
        self.hide_button.clicked.connect(self.hide_record)
        self.addendum_button.clicked.connect(self.add_addendum)
        self.pdf_button.clicked.connect(self.show_pdf)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.open_selected())
        self.refresh()

    # --- data -------------------------------------------------------------------------
    def refresh(self) -> None:
        self.rows = self.ctx.runner.read(list_records)
        selected = self.selected_id()
        cells = [
            [
                format_datetime(r.happened_at),
                r.who if r.client_id is not None else f"{r.who} (not a client)",
                ", ".join(category_labels(r.categories)),
                str(r.addenda_count),
                format_date(r.follow_up_due) if r.follow_up_due else "",
            ]
            for r in self.rows
        ]
        self.table.blockSignals(True)
        fill(self.table, cells, [r.id for r in self.rows])
        self.table.blockSignals(False)
        n = len(self.rows)
        self.count_label.setText(
            "No safeguarding records." if n == 0 else f"{n} record{'s' if n != 1 else ''}"
        )
        keep = self.opened_id if self.opened_id is not None else selected
        if keep is not None:
            self.select(keep)
        if self.opened_id is not None:
            self.open_record(self.opened_id)  # show new addenda
        self._update_buttons()

    def selected_id(self) -> int | None:
        return selected_id(self.table)

    def select(self, record_id: int) -> None:
        for i, r in enumerate(self.rows):
            if r.id == record_id:
                self.table.blockSignals(True)
                self.table.selectRow(i)
                self.table.blockSignals(False)
                return

    def _selection_changed(self) -> None:
        if self.selected_id() != self.opened_id:
            self.hide_record()
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        is_open = self.opened is not None
        self.open_button.setEnabled(has and not is_open)
        self.hide_button.setEnabled(is_open)
        self.addendum_button.setEnabled(is_open)
        self.pdf_button.setEnabled(is_open)

    # --- actions ----------------------------------------------------------------------
    def open_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.open_record(record_id)

    def open_record(self, record_id: int) -> None:
        view = self.ctx.runner.read(lambda s: record_view(s, record_id))
        self.opened_id, self.opened = record_id, view
        self.browser.setHtml(record_html(view))
        self.stack.setCurrentWidget(self.browser)
        self._update_buttons()

    def hide_record(self) -> None:
        self.opened_id, self.opened = None, None
        self.browser.clear()
        self.stack.setCurrentWidget(self.hidden_label)
        self._update_buttons()

    def record_concern(self) -> ConcernDialog:
        dialog = ConcernDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.saved_id and self._show_new(dialog.saved_id))
        self._dialog = dialog
        dialog.open()
        return dialog

    def _show_new(self, record_id: int) -> None:
        self.refresh()
        self.select(record_id)
        self.open_record(record_id)
        self.list_detail.show_detail()

    def add_addendum(self) -> AddendumDialog | None:
        if self.opened is None:
            return None
        v = self.opened
        dialog = AddendumDialog(
            self.ctx,
            v.id,
            follow_up_waiting=v.follow_up_waiting is not None,
            about=f"{v.who}, {format_datetime(v.happened_at)}",
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        dialog.open()
        return dialog

    def show_pdf(self):  # type: ignore[no-untyped-def]
        if self.opened is None:
            return None
        from app.core.profile import get_profile
        from app.documents.safeguarding_pdf import render_safeguarding_pdf
        from app.ui.pdf_preview import show_pdf

        record_id = self.opened.id
        data = self.ctx.runner.read(
            lambda s: render_safeguarding_pdf(record_view(s, record_id), get_profile(s))
        )
        return show_pdf(
            self, data, f"Safeguarding record #{record_id}", f"safeguarding-record-{record_id}.pdf"
        )
