"""A “Timesheets” tab on each client's detail: make a timesheet for a period (each delivered
visit, the total, signature lines), keep it, and record when it was signed."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, Changes
from app.core.formatting import format_date
from app.core.visits import timesheets as ts
from app.ui.clients.tabs import register_client_tab
from app.ui.forms import DateEdit, FormGrid

COLUMNS = ("Period", "Visits", "Time", "Made on", "Signed")


def last_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _make(session, client_id: int, start_text: str, end_text: str, today: date):  # type: ignore[no-untyped-def]
    """Reads the period, renders the timesheet and keeps it: Done(id, changes)."""
    from app.core.formatting import parse_date
    from app.core.profile import get_profile
    from app.documents.letterhead import Letterhead
    from app.documents.timesheet_pdf import render_timesheet

    start = parse_date(start_text, "period_start")
    end = parse_date(end_text, "period_end")
    data = ts.timesheet_data(session, client_id, start, end)
    pdf = render_timesheet(data, Letterhead.of(get_profile(session)))
    return ts.save_timesheet(session, data, pdf, today=today)


class SignedDialog(QDialog):
    """When the timesheet was signed, and by whom."""

    def __init__(self, signer: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Timesheet signed")
        self.form = FormGrid()
        self.signed_on = DateEdit()
        self.signed_on.set_date(today)
        self.signed_by = QLineEdit(signer)
        self.form.add_field("signed_on", "Signed &on", self.signed_on)
        self.form.add_field(
            "signed_by", "Signed &by", self.signed_by, help="The client, or who signs for them."
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Record as signed")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        note = QLabel("Once recorded as signed, the timesheet cannot change.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.on_submit = lambda: True

    def _accept(self) -> None:
        if self.on_submit():
            self.accept()


class TimesheetsTab(QWidget):
    def __init__(self, ctx, client_id: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ctx = ctx
        self.client_id = client_id
        self.rows: list[ts.TimesheetRow] = []
        intro = QLabel(
            "A timesheet lists each delivered visit in a period with its times and the total, "
            "for the client or their representative to sign. Councils checking a Direct "
            "Payment often ask for one."
        )
        intro.setWordWrap(True)
        first, last = last_month(ctx.today())
        self.form = FormGrid()
        self.start = DateEdit()
        self.start.set_date(first)
        self.end = DateEdit()
        self.end.set_date(last)
        for edit in (self.start, self.end):
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.form.add_field("period_start", "&From", self.start)
        self.form.add_field("period_end", "&To", self.end)
        self.make_button = QPushButton("Ma&ke timesheet…")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.open_button = QPushButton("&Open")
        self.signed_button = QPushButton("Record &signed…")
        make_row = QHBoxLayout()
        make_row.addWidget(self.form)
        make_row.addWidget(self.make_button, 0, Qt.AlignmentFlag.AlignBottom)
        make_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.signed_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(make_row)
        layout.addWidget(QLabel("<b>Timesheets kept</b>"))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.make_button.clicked.connect(self.make)
        self.open_button.clicked.connect(self.open_chosen)
        self.signed_button.clicked.connect(self.record_signed)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.doubleClicked.connect(self.open_chosen)
        ctx.runner.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if Area.VISITS in changes:
            try:
                self.refresh()
            except RuntimeError:  # the tab was closed
                pass

    def refresh(self) -> None:
        self.rows = self.ctx.runner.read(lambda s: ts.timesheets_for(s, self.client_id))
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            signed = f"{format_date(r.signed_on)} by {r.signed_by}" if r.signed_on else "Not yet"
            values = (
                f"{format_date(r.period_start)} to {format_date(r.period_end)}",
                str(r.visit_count),
                ts.hours_and_minutes(r.total_minutes),
                format_date(r.made_on),
                signed,
            )
            for c, value in enumerate(values):
                self.table.setItem(i, c, QTableWidgetItem(value))
        self._enable()

    def chosen(self) -> ts.TimesheetRow | None:
        picked = self.table.selectionModel().selectedRows()
        return self.rows[picked[0].row()] if picked else None

    def _enable(self) -> None:
        row = self.chosen()
        self.open_button.setEnabled(row is not None)
        self.signed_button.setEnabled(row is not None and row.signed_on is None)

    def make(self) -> None:
        today = self.ctx.today()
        start, end = self.start.text(), self.end.text()
        new_id = self.ctx.runner.run(
            lambda s: _make(s, self.client_id, start, end, today),
            errors=self.form.errors,
            parent=self,
        )
        if new_id is None:
            return
        row = next((i for i, r in enumerate(self.rows) if r.id == new_id), None)
        if row is not None:
            self.table.selectRow(row)
        self.open_chosen()

    def open_chosen(self) -> None:
        from app.ui.pdf_preview import show_pdf

        row = self.chosen()
        if row is None:
            return
        pdf = self.ctx.runner.read(lambda s: ts.timesheet_pdf(s, row.id))
        name = f"Timesheet {row.period_start:%Y-%m-%d} to {row.period_end:%Y-%m-%d}.pdf"
        self.last_preview = show_pdf(self, pdf, "Timesheet", name)

    def record_signed(self) -> None:
        row = self.chosen()
        if row is None or row.signed_on is not None:
            return
        from app.core.clients import Client

        signer = self.ctx.runner.read(lambda s: s.get(Client, self.client_id).billing_name)
        today = self.ctx.today()
        dialog = SignedDialog(signer, today, self)

        def submit() -> bool:
            form = dialog.form

            def sign(s):  # type: ignore[no-untyped-def]
                signed_on = dialog.signed_on.date_value("signed_on", required=True)
                return ts.record_signed(
                    s, row.id, signed_on=signed_on, signed_by=dialog.signed_by.text(), today=today
                )

            return self.ctx.runner.run(sign, errors=form.errors, parent=dialog) is not None

        dialog.on_submit = submit
        self.last_dialog = dialog
        dialog.open()


@register_client_tab("Ti&mesheets", order=35)
def timesheets_tab(ctx, client_id: int) -> QWidget:  # type: ignore[no-untyped-def]
    return TimesheetsTab(ctx, client_id)
