"""The contract form: every term, the schedule editor, and the clause wording."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.contracts.clauses import CLAUSE_LABELS
from app.core.contracts.form import SERVICE_CHOICES, ContractDraft
from app.core.contracts.models import (
    FREQUENCY_LABELS,
    PAYMENT_METHOD_LABELS,
    InvoiceFrequency,
    PaymentMethod,
    ScheduleSlot,
)
from app.core.contracts.schedule import DAY_NAMES
from app.core.errors import ValidationError
from app.core.pricing import CHARGE_RULE_LABELS, ChargeRule
from app.ui.forms import DateEdit, FormGrid, MoneyEdit, TextArea, TimeEdit


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _pytime(q: QTime) -> time:
    return time(q.hour(), q.minute())


class SlotRow(QWidget):
    """One regular visit: day, start, end, specialist, remove."""

    removed = Signal(object)
    edited = Signal()

    def __init__(self, slot: ScheduleSlot | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = QComboBox()
        self.day.addItems(list(DAY_NAMES))
        self.day.setAccessibleName("Day")
        self.start = TimeEdit()
        self.start.setAccessibleName("Start time")
        self.end = TimeEdit()
        self.end.setAccessibleName("End time")
        self.specialist = QCheckBox("Specialist")
        self.remove = QPushButton("Remove")
        s = slot or ScheduleSlot(0, time(9, 0), time(10, 0))
        self.day.setCurrentIndex(s.weekday)
        self.start.setTime(_qtime(s.start))
        self.end.setTime(_qtime(s.end))
        self.specialist.setChecked(s.specialist)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day, 2)
        row.addWidget(QLabel("from"))
        row.addWidget(self.start, 1)
        row.addWidget(QLabel("to"))
        row.addWidget(self.end, 1)
        row.addWidget(self.specialist)
        row.addWidget(self.remove)
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        self.day.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.start.timeChanged.connect(lambda _t: self.edited.emit())
        self.end.timeChanged.connect(lambda _t: self.edited.emit())
        self.specialist.toggled.connect(lambda _c: self.edited.emit())

    def slot(self) -> ScheduleSlot:
        return ScheduleSlot(
            self.day.currentIndex(),
            _pytime(self.start.time()),
            _pytime(self.end.time()),
            self.specialist.isChecked(),
        )


class ScheduleEditor(QWidget):
    """Rows of day + start + end; "Add a visit"; every week or every other week."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SlotRow] = []
        self._rows_box = QVBoxLayout()
        self._rows_box.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel("No regular visits yet: add one.")
        self.add_button = QPushButton("Add a v&isit")
        self.every_week = QRadioButton("Every &week")
        self.every_other_week = QRadioButton("Every &other week")
        self.every_week.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.every_week)
        group.addButton(self.every_other_week)
        how_often = QHBoxLayout()
        how_often.addWidget(self.every_week)
        how_often.addWidget(self.every_other_week)
        how_often.addStretch(1)
        how_often.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_box)
        layout.addWidget(self.empty_label)
        layout.addLayout(how_often)
        self.add_button.clicked.connect(self._add_next)
        self.every_week.toggled.connect(lambda _c: self.edited.emit())

    def _add_next(self) -> None:
        last = self.rows[-1].slot() if self.rows else None
        if last is not None:
            self.add_row(ScheduleSlot((last.weekday + 1) % 7, last.start, last.end))
        else:
            self.add_row()
        self.rows[-1].day.setFocus()

    def add_row(self, slot: ScheduleSlot | None = None) -> SlotRow:
        row = SlotRow(slot, self)
        row.removed.connect(self._remove)
        row.edited.connect(self.edited.emit)
        self.rows.append(row)
        self._rows_box.addWidget(row)
        self.empty_label.setVisible(False)
        self.edited.emit()
        return row

    def _remove(self, row: SlotRow) -> None:
        self.rows.remove(row)
        self._discard(row)
        self.empty_label.setVisible(not self.rows)
        self.edited.emit()

    def _discard(self, row: SlotRow) -> None:
        self._rows_box.removeWidget(row)
        row.hide()
        row.setParent(None)
        row.deleteLater()

    def slots(self) -> list[ScheduleSlot]:
        return [r.slot() for r in self.rows]

    def every_n_weeks(self) -> int:
        return 2 if self.every_other_week.isChecked() else 1

    def load(self, slots: list[ScheduleSlot], every_n_weeks: int) -> None:
        for row in list(self.rows):
            self._discard(row)
        self.rows = []
        for s in slots:
            self.add_row(s)
        self.empty_label.setVisible(not self.rows)
        (self.every_other_week if every_n_weeks == 2 else self.every_week).setChecked(True)


class ServicesBox(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (key, label) in enumerate(SERVICE_CHOICES.items()):
            box = QCheckBox(label)
            box.toggled.connect(lambda _c: self.edited.emit())
            self.boxes[key] = box
            grid.addWidget(box, i, 0)
        grid.setColumnStretch(1, 1)

    def chosen(self) -> list[str]:
        return [k for k, b in self.boxes.items() if b.isChecked()]

    def load(self, chosen: list[str]) -> None:
        for k, b in self.boxes.items():
            b.setChecked(k in chosen)


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    box.setAccelerated(True)
    return box


class ContractForm(FormGrid):
    """All the terms of one version. `draft()` raises ValidationError naming a field."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = QComboBox()
        self.client.setAccessibleName("Client")
        self.starts_on = DateEdit()
        self.ends_on = DateEdit()
        self.services = ServicesBox()
        self.services_text = TextArea(2)
        self.schedule = ScheduleEditor()
        self.standard_rate = MoneyEdit()
        self.evening_rate = MoneyEdit()
        self.weekend_rate = MoneyEdit()
        self.bank_holiday_rate = MoneyEdit()
        self.specialist_rate = MoneyEdit()
        self.minimum_charge = MoneyEdit()
        self.mileage = MoneyEdit()
        self.mileage.setPlaceholderText("No charge")
        for edit in (
            self.evening_rate,
            self.weekend_rate,
            self.bank_holiday_rate,
            self.specialist_rate,
        ):
            edit.setPlaceholderText("Same as the standard rate")
        self.minimum_charge.setPlaceholderText("None")
        self.ends_on.setPlaceholderText("No fixed end (dd/mm/yyyy)")
        self.charge_rule = QComboBox()
        self.charge_rule.setAccessibleName("How visits are charged")
        for rule in ChargeRule:
            self.charge_rule.addItem(CHARGE_RULE_LABELS[rule], rule.value)
        self.charge_overruns = QCheckBox("Charge the time spent when a visit runs more than")
        self.overrun_after_minutes = _spin(0, 240, " minutes")
        self.overrun_after_minutes.setValue(15)
        self.overrun_after_minutes.setAccessibleName("Over-run allowance in minutes")
        self.christmas_holiday_rate = QCheckBox(
            "Holiday rate on 25 and 26 December whatever the weekday"
        )
        self.late_cancel_hours = _spin(0, 168, " hours")
        self.late_cancel_percent = _spin(0, 100, "%")
        self.payment_method = QComboBox()
        for m in PaymentMethod:
            self.payment_method.addItem(PAYMENT_METHOD_LABELS[m], m.value)
        self.invoice_frequency = QComboBox()
        for f in InvoiceFrequency:
            self.invoice_frequency.addItem(FREQUENCY_LABELS[f], f.value)
        self.payment_terms_days = _spin(0, 365, " days")
        self.notice_days_client = _spin(0, 999, " days")
        self.notice_days_carer = _spin(0, 999, " days")
        self.clauses = {name: TextArea(4) for name in CLAUSE_LABELS}

        self.add_field("client_id", "&Client", self.client)
        self.add_field("starts_on", "&Starts on", self.starts_on)
        self.add_field(
            "ends_on",
            "Ends on",
            self.ends_on,
            help="Leave empty unless the agreement is for a fixed time.",
        )
        self.add_field("services", "Help agreed", self.services)
        self.add_field("services_text", "In words", self.services_text)
        self.add_field("schedule", "Regular &visits", self.schedule)
        self.errors.bind(
            "every_n_weeks", self.schedule.every_week, self.findChild(QLabel, "error_schedule")
        )
        self.add_field("standard_rate_pence", "Standard &rate (£/h)", self.standard_rate)
        self.add_field(
            "evening_rate_pence",
            "Evening rate (£/h)",
            self.evening_rate,
            help="18:00 to 07:00. Leave empty to use the standard rate.",
        )
        self.add_field("weekend_rate_pence", "Weekend rate (£/h)", self.weekend_rate)
        self.add_field(
            "bank_holiday_rate_pence",
            "Bank holiday rate (£/h)",
            self.bank_holiday_rate,
            help="England and Wales bank holidays.",
        )
        self.add_field(
            "christmas_holiday_rate",
            "Christmas",
            self.christmas_holiday_rate,
            help="Otherwise, when 25 or 26 December falls on a weekend, the holiday rate "
            "applies on the substitute weekday bank holiday only.",
        )
        self.add_field("specialist_rate_pence", "Specialist rate (£/h)", self.specialist_rate)
        self.add_field("minimum_charge_pence", "Minimum charge a visit (£)", self.minimum_charge)
        self.add_field(
            "mileage_pence_per_mile",
            "Mileage (£ a mile)",
            self.mileage,
            help="For example 0.45 for 45p a mile.",
        )
        self.add_field(
            "charge_rule",
            "Visits &charged for",
            self.charge_rule,
            help="Many Direct Payment agreements charge the booked time.",
        )
        overrun = QWidget()  # two lines, so the sentence fits a small screen
        ov = QVBoxLayout(overrun)
        ov.setContentsMargins(0, 0, 0, 0)
        ov.addWidget(self.charge_overruns)
        oh = QHBoxLayout()
        oh.setContentsMargins(24, 0, 0, 0)
        oh.addWidget(self.overrun_after_minutes)
        oh.addWidget(QLabel("past the booking, when the client agreed"))
        oh.addStretch(1)
        ov.addLayout(oh)
        self.add_field("overrun_after_minutes", "Over-runs", overrun)
        self.charge_rule.currentIndexChanged.connect(lambda _i: self._charging_changed())
        self.charge_overruns.toggled.connect(lambda _on: self._charging_changed())
        self._charging_changed()
        late = QWidget()
        lh = QHBoxLayout(late)
        lh.setContentsMargins(0, 0, 0, 0)
        lh.addWidget(QLabel("Less than"))
        lh.addWidget(self.late_cancel_hours)
        lh.addWidget(QLabel("notice: charge"))
        lh.addWidget(self.late_cancel_percent)
        lh.addStretch(1)
        self.add_field("late_cancel_hours", "Late cancellation", late)
        self.errors.bind(
            "late_cancel_percent",
            self.late_cancel_percent,
            self.findChild(QLabel, "error_late_cancel_hours"),
        )
        self.add_field("payment_method", "How the client pa&ys", self.payment_method)
        self.add_field("invoice_frequency", "Invoices sent", self.invoice_frequency)
        self.add_field("payment_terms_days", "Payment due within", self.payment_terms_days)
        self.add_field(
            "notice_days_client",
            "Client's notice",
            self.notice_days_client,
            help="7 to 14 days is usual.",
        )
        self.add_field("notice_days_carer", "Your notice", self.notice_days_carer)
        for name, label in CLAUSE_LABELS.items():
            self.add_field(name, label, self.clauses[name])

        for w in (
            self.starts_on,
            self.ends_on,
            self.standard_rate,
            self.evening_rate,
            self.weekend_rate,
            self.bank_holiday_rate,
            self.specialist_rate,
        ):
            w.textChanged.connect(lambda _t: self.edited.emit())
        for spin in (self.notice_days_client, self.notice_days_carer):
            spin.valueChanged.connect(lambda _v: self.edited.emit())
        self.client.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.schedule.edited.connect(self.edited.emit)

    def _charging_changed(self) -> None:
        booked = self.charge_rule.currentData() == ChargeRule.BOOKED.value
        self.charge_overruns.setEnabled(booked)
        self.overrun_after_minutes.setEnabled(booked and self.charge_overruns.isChecked())

    def set_clients(self, choices: list[tuple[int, str]]) -> None:
        current = self.client.currentData()
        self.client.blockSignals(True)
        self.client.clear()
        for cid, name in choices:
            self.client.addItem(name, cid)
        i = self.client.findData(current)
        self.client.setCurrentIndex(max(i, 0) if choices else -1)
        self.client.blockSignals(False)

    def load(self, d: ContractDraft) -> None:
        i = self.client.findData(d.client_id)
        if i >= 0:
            self.client.setCurrentIndex(i)
        self.starts_on.set_date(d.starts_on)
        self.ends_on.set_date(d.ends_on)
        self.services.load(d.services)
        self.services_text.setText(d.services_text)
        self.schedule.load(list(d.schedule), d.every_n_weeks)
        self.standard_rate.set_pence(d.standard_rate_pence)
        self.evening_rate.set_pence(d.evening_rate_pence)
        self.weekend_rate.set_pence(d.weekend_rate_pence)
        self.bank_holiday_rate.set_pence(d.bank_holiday_rate_pence)
        self.specialist_rate.set_pence(d.specialist_rate_pence)
        self.minimum_charge.set_pence(d.minimum_charge_pence or None)
        self.mileage.set_pence(d.mileage_pence_per_mile or None)
        self.charge_rule.setCurrentIndex(
            max(self.charge_rule.findData(ChargeRule(d.charge_rule).value), 0)
        )
        self.charge_overruns.setChecked(d.overrun_after_minutes is not None)
        self.overrun_after_minutes.setValue(
            15 if d.overrun_after_minutes is None else d.overrun_after_minutes
        )
        self.christmas_holiday_rate.setChecked(bool(d.christmas_holiday_rate))
        self.late_cancel_hours.setValue(d.late_cancel_hours)
        self.late_cancel_percent.setValue(d.late_cancel_percent)
        self.payment_method.setCurrentIndex(
            max(self.payment_method.findData(PaymentMethod(d.payment_method).value), 0)
        )
        self.invoice_frequency.setCurrentIndex(
            max(self.invoice_frequency.findData(InvoiceFrequency(d.invoice_frequency).value), 0)
        )
        self.payment_terms_days.setValue(d.payment_terms_days)
        self.notice_days_client.setValue(d.notice_days_client)
        self.notice_days_carer.setValue(d.notice_days_carer)
        for name, area in self.clauses.items():
            area.setText(getattr(d, name))
        self.errors.clear()

    def _money(
        self, edit: MoneyEdit, field: str, *, required: bool = False, lenient: bool = False
    ) -> int | None:
        try:
            return edit.pence(field, required=required)
        except ValidationError:
            if lenient:
                return None
            raise

    def draft(self, *, lenient: bool = False) -> ContractDraft:
        """The terms as typed. `lenient` gives None for figures that do not parse (warnings)."""

        def date_of(edit: DateEdit, field: str):  # type: ignore[no-untyped-def]
            try:
                return edit.date_value(field)
            except ValidationError:
                if lenient:
                    return None
                raise

        m = self._money
        return ContractDraft(
            client_id=self.client.currentData(),
            starts_on=date_of(self.starts_on, "starts_on"),
            ends_on=date_of(self.ends_on, "ends_on"),
            services=self.services.chosen(),
            services_text=self.services_text.text(),
            schedule=self.schedule.slots(),
            every_n_weeks=self.schedule.every_n_weeks(),
            standard_rate_pence=m(self.standard_rate, "standard_rate_pence", lenient=lenient),
            evening_rate_pence=m(self.evening_rate, "evening_rate_pence", lenient=lenient),
            weekend_rate_pence=m(self.weekend_rate, "weekend_rate_pence", lenient=lenient),
            bank_holiday_rate_pence=m(
                self.bank_holiday_rate, "bank_holiday_rate_pence", lenient=lenient
            ),
            specialist_rate_pence=m(self.specialist_rate, "specialist_rate_pence", lenient=lenient),
            minimum_charge_pence=m(self.minimum_charge, "minimum_charge_pence", lenient=lenient)
            or 0,
            mileage_pence_per_mile=m(self.mileage, "mileage_pence_per_mile", lenient=lenient) or 0,
            charge_rule=ChargeRule(self.charge_rule.currentData()),
            overrun_after_minutes=(
                self.overrun_after_minutes.value() if self.charge_overruns.isChecked() else None
            ),
            christmas_holiday_rate=self.christmas_holiday_rate.isChecked(),
            late_cancel_hours=self.late_cancel_hours.value(),
            late_cancel_percent=self.late_cancel_percent.value(),
            payment_method=PaymentMethod(self.payment_method.currentData()),
            invoice_frequency=InvoiceFrequency(self.invoice_frequency.currentData()),
            payment_terms_days=self.payment_terms_days.value(),
            notice_days_client=self.notice_days_client.value(),
            notice_days_carer=self.notice_days_carer.value(),
            **{name: area.text() for name, area in self.clauses.items()},
        )
