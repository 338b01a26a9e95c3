"""Money's mileage tab: every business journey in the tax year (those from the visit log in
grey, changed on the visit), and a form to add a journey by hand."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QGroupBox, QLineEdit, QMessageBox, QPushButton, QVBoxLayout

from app.core.changes import Area, Done, changes
from app.core.formatting import format_date, format_money
from app.core.money import mileage as mi
from app.core.money.explain import mileage_rule
from app.core.money.tax_rates import rates_for
from app.ui.forms import DateEdit, FormGrid, submit_on_enter
from app.ui.lazy_model import Index, LazyTableModel
from app.ui.money.common import MoneyTab, model_table, wrap
from app.ui.style import MUTED

COLUMNS = (
    ("Date", lambda r: format_date(r.travelled_on)),
    ("From", lambda r: r.from_place),
    ("To", lambda r: r.to_place),
    ("Purpose", lambda r: r.purpose),
    ("Miles", lambda r: mi.format_miles(r.miles_tenths)),
    ("Allowance", lambda r: format_money(r.allowance_pence)),
    ("Client", lambda r: r.client_name),
)
RIGHT = frozenset({4, 5})  # the figures
RIGHT_ALIGNED = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value


class MileageModel(LazyTableModel[mi.MileageRow]):
    """The year's journeys as text made once per row, not a Qt item per cell; rows from the
    visit log in grey, figures on the right, the whole text as a tooltip where it is long."""

    def __init__(self) -> None:
        super().__init__(COLUMNS, lambda _offset, _limit: [])
        self._grey = QColor(MUTED)

    def show(self, log: list[mi.MileageRow]) -> None:
        self.reset(lambda offset, _limit: log[offset:])  # the whole year at once

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == _TOOLTIP:
            text = super().data(index, role)
            return text if len(text) > 30 else None
        if role == _ALIGNMENT:
            return RIGHT_ALIGNED if index.column() in RIGHT else None
        if role == _FOREGROUND:
            row = self.row_at(index.row())
            return self._grey if row is not None and row.read_only else None
        return super().data(index, role)


class MileageTab(MoneyTab):
    def __init__(self, ctx, year) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, year)
        v = QVBoxLayout(self)
        self.mileage_model = MileageModel()
        self.mileage_table = model_table(self.mileage_model, (1, 2, 3))
        self.mileage_table.setWordWrap(False)
        self.mileage_table.setAccessibleName("Mileage log")
        self.mileage_total = wrap()
        v.addWidget(self.mileage_table, 1)
        v.addWidget(self.mileage_total)
        self.delete_journey_button = QPushButton("Delete &journey…")
        self.delete_journey_button.clicked.connect(self.delete_journey)
        v.addWidget(self.delete_journey_button, 0, Qt.AlignmentFlag.AlignLeft)
        box = QGroupBox("Add a journey")
        bv = QVBoxLayout(box)
        self.journey_form = FormGrid()
        f = self.journey_form
        self.journey_date = f.add_field("travelled_on", "&Date", DateEdit())
        self.journey_from = f.add_field("from_place", "&From", QLineEdit())
        self.journey_to = f.add_field("to_place", "&To", QLineEdit())
        self.journey_purpose = f.add_field("purpose", "&Purpose", QLineEdit())
        self.journey_purpose.setPlaceholderText("e.g. shopping for a client")
        self.journey_miles = f.add_field("miles_tenths", "M&iles", QLineEdit())
        self.journey_miles.setPlaceholderText("e.g. 12.5")
        self.journey_client = QComboBox()
        f.add_field("client_id", "&Client (if any)", self.journey_client)
        self.add_journey_button = QPushButton("Add jo&urney")
        self.add_journey_button.clicked.connect(self.add_journey)
        bv.addWidget(f)
        bv.addWidget(self.add_journey_button, 0, Qt.AlignmentFlag.AlignRight)
        submit_on_enter(box, self.add_journey_button)
        v.addWidget(box)

    def refresh(self) -> None:
        year = self.year
        rates = rates_for(year)

        def load(session):  # type: ignore[no-untyped-def]
            from app.core.clients import client_choices

            return mi.mileage_log(session, year, rates), client_choices(session)

        log, clients = self.ctx.runner.read(load)
        self.mileage_model.show(log)
        miles = sum(r.miles_tenths for r in log)
        self.mileage_total.setText(
            f"{mi.format_miles(miles)} business miles this tax year: "
            f"{format_money(sum(r.allowance_pence for r in log))} at {mileage_rule(rates)}. "
            "Grey rows come from the visit log."
        )
        chosen = self.journey_client.currentData()
        self.journey_client.clear()
        self.journey_client.addItem("No client", None)
        for cid, name in clients:
            self.journey_client.addItem(name, cid)
        self.journey_client.setCurrentIndex(max(0, self.journey_client.findData(chosen)))

    def add_journey(self) -> None:
        today = self.ctx.today()

        def fn(session):  # type: ignore[no-untyped-def]
            draft = mi.JourneyDraft(
                travelled_on=self.journey_date.date_value("travelled_on", required=True),
                from_place=self.journey_from.text(),
                to_place=self.journey_to.text(),
                purpose=self.journey_purpose.text(),
                miles_tenths=mi.parse_miles(self.journey_miles.text()),
                client_id=self.journey_client.currentData(),
            )
            return Done(mi.add_journey(session, draft, today=today).id, changes(Area.MONEY))

        if self.run(fn, self.journey_form.errors) is not None:
            for w in (self.journey_to, self.journey_miles):
                w.clear()  # the date and where from usually stay the same for the next one
            self.journey_to.setFocus()

    def delete_journey(self) -> None:
        chosen = self.mileage_model.row_at(self.mileage_table.currentIndex().row())
        if chosen is None or chosen.read_only:
            QMessageBox.information(
                self,
                "Delete journey",
                "Choose a journey you entered (miles from the visit log are changed on the visit).",
            )
            return
        journey_id = chosen.record_id
        answer = QMessageBox.question(self, "Delete journey", "Delete this journey?")
        if answer == QMessageBox.StandardButton.Yes:
            self.run(lambda s: mi.delete_journey(s, journey_id))
