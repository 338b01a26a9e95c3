"""Dialogs for one visit: mark delivered, cancel by the client, add a one-off; and the
range dialogs: generate from schedules, “I'm ill”."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError
from app.core.formatting import LONDON, format_date
from app.core.visits import services as vs
from app.ui.forms import DateEdit, FormGrid


def time_edit(value: time | None = None) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    if value is not None:
        edit.setTime(QTime(value.hour, value.minute))
    return edit


def when(date_edit: DateEdit, time_field: QTimeEdit, field: str = "date") -> datetime:
    day = date_edit.date_value(field, required=True)
    assert day is not None
    t = time_field.time()
    return datetime.combine(day, time(t.hour(), t.minute()), tzinfo=LONDON)


def parse_miles(text: str) -> int:
    cleaned = (text or "").strip().replace(",", "")
    if not cleaned:
        return 0
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError("miles", "Enter miles as a number, for example 3.5.") from None
    if not value.is_finite():
        raise ValidationError("miles", "Enter miles as a number, for example 3.5.")
    return int((value * 10).to_integral_value())


def describe_row(row: vs.VisitRow) -> str:
    s, e = row.local_start, row.local_end
    return f"{s:%A} {format_date(s.date())}, {s:%H:%M}–{e:%H:%M}, {row.client_name}"


class _FormDialog(QDialog):
    """A form with OK/Cancel; OK runs `work` through the action runner, errors by fields."""

    ok_text = "OK"

    def __init__(self, ctx, title: str, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: object = None
        self.setWindowTitle(title)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("m") * 36)
        self.form = FormGrid()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.ok_text)
        self.back_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.back_button.setText("&Go back")  # never a second “Cancel” beside “Cancel visit”
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def work(self, session):  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def accept(self) -> None:
        result = self.ctx.runner.run(self.work, errors=self.form.errors, parent=self)
        if result is not None:
            self.result_value = result
            super().accept()


class DeliveredDialog(_FormDialog):
    ok_text = "&Mark delivered"

    def __init__(self, ctx, row: vs.VisitRow, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, "Mark visit delivered", parent)
        self.visit_id = row.id
        note, miles = ctx.runner.read(
            lambda s: (vs.get_visit(s, row.id).note, vs.get_visit(s, row.id).miles_tenths)
        )
        self.intro.setText(describe_row(row))
        self.date = DateEdit()
        self.date.set_date(row.local_start.date())
        self.start = time_edit(row.local_start.time())
        self.end = time_edit(row.local_end.time())
        self.miles = QLineEdit("" if not miles else f"{miles / 10:g}")
        self.miles.setPlaceholderText("0")
        self.note = QLineEdit(note)
        self.note.setMaxLength(vs.MAX_NOTE)
        self.form.add_field("date", "&Date", self.date)
        self.form.add_field("actual_start", "&Started at", self.start)
        self.form.add_field("actual_end", "&Finished at", self.end)
        self.form.add_field(
            "miles",
            "M&iles for the client",
            self.miles,
            help="Miles driven on the client's behalf (shopping, appointments).",
        )
        self.form.add_field(
            "note",
            "&Note",
            self.note,
            help="A short note only. Care details belong in the care records.",
        )
        self.start.setFocus()

    def work(self, session):  # type: ignore[no-untyped-def]
        start = when(self.date, self.start)
        end = when(self.date, self.end)
        return vs.mark_delivered(
            session,
            self.visit_id,
            start,
            end,
            miles_tenths=parse_miles(self.miles.text()),
            note=self.note.text(),
        )


class CancelByClientDialog(_FormDialog):
    ok_text = "&Record the cancellation"

    def __init__(
        self,
        ctx,
        row: vs.VisitRow,
        now: datetime,  # type: ignore[no-untyped-def]
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Cancelled by the client", parent)
        self.visit_id = row.id
        self.intro.setText(describe_row(row))
        now = now.astimezone(LONDON)
        self.date = DateEdit()
        self.date.set_date(now.date())
        self.time = time_edit(now.time())
        self.charge_label = QLabel()
        self.charge_label.setWordWrap(True)
        self.charge_label.setObjectName("charge_label")
        self.charge = QCheckBox("C&harge the late-cancellation fee")
        self.form.add_field("date", "&Told on", self.date)
        self.form.add_field("cancelled_at", "&At", self.time)
        self.form.add_widget(self.charge_label)
        self.form.add_widget(self.charge)
        self.quote: vs.CancelQuote | None = None
        self.date.textChanged.connect(lambda _t: self.update_quote())
        self.time.timeChanged.connect(lambda _t: self.update_quote())
        self.update_quote()

    def update_quote(self) -> None:
        try:
            at = when(self.date, self.time)
        except ValidationError:
            self.charge_label.setText("Enter the date as dd/mm/yyyy to see any charge.")
            self.charge.hide()
            return
        self.quote = self.ctx.runner.read(lambda s: vs.cancel_quote(s, self.visit_id, at))
        self.charge_label.setText(self.quote.describe())
        self.charge.setVisible(self.quote.late)
        self.charge.setChecked(self.quote.late)

    def work(self, session):  # type: ignore[no-untyped-def]
        at = when(self.date, self.time)
        return vs.cancel_by_client(
            session, self.visit_id, cancelled_at=at, charge=self.charge.isChecked()
        )


class OneOffDialog(_FormDialog):
    ok_text = "&Add visit"

    def __init__(self, ctx, day: date, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, "Add a one-off visit", parent)
        from app.core.clients import client_choices

        self.intro.setText("A visit outside the regular schedule.")
        self.client = QComboBox()
        self.client.addItem("Choose…", None)
        for client_id, name in ctx.runner.read(client_choices):
            self.client.addItem(name, client_id)
        self.date = DateEdit()
        self.date.set_date(day)
        self.start = time_edit(time(10, 0))
        self.end = time_edit(time(11, 0))
        self.specialist = QCheckBox("&Specialist care (specialist rate)")
        self.note = QLineEdit()
        self.note.setMaxLength(vs.MAX_NOTE)
        self.form.add_field("client_id", "&Client", self.client)
        self.form.add_field("date", "&Date", self.date)
        self.form.add_field("start", "&From", self.start)
        self.form.add_field("end", "&To", self.end)
        self.form.add_widget(self.specialist)
        self.form.add_field("note", "&Note", self.note, help="Why the extra visit (short).")

    def work(self, session):  # type: ignore[no-untyped-def]
        return vs.add_one_off(
            session,
            vs.VisitDraft(
                client_id=self.client.currentData(),
                start=when(self.date, self.start),
                end=when(self.date, self.end),
                specialist=self.specialist.isChecked(),
                note=self.note.text(),
            ),
        )


class RangeDialog(_FormDialog):
    """First and last day."""

    def __init__(
        self,
        ctx,
        title: str,
        first: date,
        last: date,  # type: ignore[no-untyped-def]
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, title, parent)
        self.first = DateEdit()
        self.first.set_date(first)
        self.last = DateEdit()
        self.last.set_date(last)
        self.form.add_field("first_day", "&From", self.first)
        self.form.add_field("last_day", "&To (inclusive)", self.last)

    def days(self) -> tuple[date, date]:
        first = self.first.date_value("first_day", required=True)
        last = self.last.date_value("last_day", required=True)
        assert first is not None and last is not None
        return first, last


class GenerateDialog(RangeDialog):
    ok_text = "&Add planned visits"

    def __init__(  # type: ignore[no-untyped-def]
        self, ctx, first: date, parent: QWidget | None = None, last: date | None = None
    ) -> None:
        super().__init__(
            ctx,
            "Plan visits from the agreements",
            first,
            last or first + timedelta(weeks=8) - timedelta(days=1),
            parent,
        )
        self.intro.setText(
            "Adds the visits each signed agreement's schedule asks for, from the day it "
            "starts (weeks already gone included, to record as delivered). Visits "
            "already there are kept; doing this twice adds nothing twice."
        )

    def work(self, session):  # type: ignore[no-untyped-def]
        from app.core.visits.generate import generate_visits

        first, last = self.days()
        return generate_visits(session, first, last)


class IllDialog(RangeDialog):
    ok_text = "Mark these visits &missed"

    def __init__(self, ctx, first: date, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, "I'm ill", first, first, parent)
        self.intro.setText(
            "Every planned visit on these days is marked as missed by you (the "
            "client is never charged). You then get a list of who to tell, with "
            "their Plan B contacts, to print."
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.form.add_widget(self.count_label)
        self.first.textChanged.connect(lambda _t: self.update_count())
        self.last.textChanged.connect(lambda _t: self.update_count())
        self.update_count()

    def update_count(self) -> None:
        from app.core.visits.ill import planned_in_range

        try:
            first, last = self.days()
        except ValidationError:
            self.count_label.setText("")
            return
        if last < first or (last - first).days > 366:
            self.count_label.setText("")
            return
        n = self.ctx.runner.read(lambda s: len(planned_in_range(s, first, last)))
        self.count_label.setText(f"{n} planned visit{'s' if n != 1 else ''} on these days.")

    def work(self, session):  # type: ignore[no-untyped-def]
        from app.core.visits.ill import mark_carer_ill

        first, last = self.days()
        return mark_carer_ill(session, first, last)
