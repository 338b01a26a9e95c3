"""Money's income tab: income received this tax year (invoice payments and income entered
by hand), and the carer's tax choices for the year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from app.core.changes import Area, Done, changes
from app.core.formatting import format_date, format_money
from app.core.money import income as inc
from app.core.money.explain import trading_allowance_name
from app.core.money.models import AllowanceChoice
from app.core.money.tax_rates import rates_for
from app.core.money.tax_settings import TaxSettingsDraft, get_tax_settings, save_tax_settings
from app.ui.forms import DateEdit, FormGrid, MoneyEdit
from app.ui.money.common import ROLE_ID, MoneyTab, fill, heading, item, table, wrap


def allowance_labels(allowance_name: str) -> dict[AllowanceChoice, str]:
    return {
        AllowanceChoice.AUTO: "Whichever is better (Daybook works it out)",
        AllowanceChoice.TRADING_ALLOWANCE: allowance_name[0].upper() + allowance_name[1:],
        AllowanceChoice.EXPENSES: "My actual expenses",
    }


class IncomeTab(MoneyTab):
    def __init__(self, ctx, year) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, year)
        v = QVBoxLayout(self)
        v.addWidget(heading("Income received this tax year"))
        v.addWidget(
            wrap(
                "Payments on your invoices are listed by themselves. Add here any "
                "money for your care work that did not come through a Daybook "
                "invoice."
            )
        )
        self.income_table = table(["Date received", "Description", "Amount", "From"], 1)
        self.income_table.setAccessibleName("Income received this tax year")
        v.addWidget(self.income_table, 1)
        self.delete_income_button = QPushButton("De&lete income…")
        self.delete_income_button.clicked.connect(self.delete_income)
        v.addWidget(self.delete_income_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.income_form = FormGrid()
        f = self.income_form
        self.income_date = f.add_field("received_on", "Date &received", DateEdit())
        self.income_description = f.add_field("description", "Descri&ption", QLineEdit())
        self.income_amount = f.add_field("amount_pence", "&Amount", MoneyEdit())
        self.add_income_button = QPushButton("Add &income")
        self.add_income_button.clicked.connect(self.add_income)
        v.addWidget(f)
        v.addWidget(self.add_income_button, 0, Qt.AlignmentFlag.AlignRight)

        box = QGroupBox("Your tax choices for this year")
        bv = QVBoxLayout(box)
        self.settings_form = FormGrid()
        g = self.settings_form
        self.allowance_combo = QComboBox()
        name = trading_allowance_name(rates_for(self.year))
        g.add_field(
            "allowance_choice",
            "&Claim",
            self.allowance_combo,
            help=f"{name[0].upper() + name[1:]} or your actual expenses, not both.",
        )
        self.other_income = g.add_field(
            "other_income_pence",
            "&Job or pension income",
            MoneyEdit(),
            help="Income from elsewhere this tax year, before tax.",
        )
        self.taxed_at_source = QCheckBox("Tax is taken from it before I get it (PAYE)")
        g.add_field("other_income_taxed_at_source", "", self.taxed_at_source)
        self.first_year = QCheckBox("This is my first year of self-employment")
        g.add_field("first_year_of_trading", "", self.first_year)
        self.scottish = QCheckBox("I live in Scotland (Scottish Income Tax)")
        g.add_field("scottish", "", self.scottish)
        self.last_year_bill = g.add_field(
            "last_year_bill_pence",
            "&Last year's tax bill",
            MoneyEdit(),
            help="Through Self Assessment, if you had one: it sets "
            "this year's payments on account.",
        )
        self.save_settings_button = QPushButton("&Save tax choices")
        self.save_settings_button.clicked.connect(self.save_settings)
        bv.addWidget(g)
        bv.addWidget(self.save_settings_button, 0, Qt.AlignmentFlag.AlignRight)
        v.addWidget(box)

    def refresh(self) -> None:
        year = self.year
        income, settings = self.ctx.runner.read(
            lambda s: (inc.income_for_year(s, year), get_tax_settings(s, year))
        )
        fill(
            self.income_table,
            [
                [
                    item(
                        format_date(r.received_on),
                        record_id=r.record_id if r.source == "other" else None,
                    ),
                    item(r.description),
                    item(format_money(r.amount_pence), right=True),
                    item("Entered here" if r.source == "other" else "Invoice payment"),
                ]
                for r in income
            ],
        )
        name = trading_allowance_name(rates_for(year))
        self.allowance_combo.clear()
        for choice, label in allowance_labels(name).items():
            self.allowance_combo.addItem(label, choice.value)
        self.allowance_combo.setCurrentIndex(
            max(0, self.allowance_combo.findData(AllowanceChoice(settings.allowance_choice).value))
        )
        self.other_income.set_pence(settings.other_income_pence)
        self.taxed_at_source.setChecked(settings.other_income_taxed_at_source)
        self.first_year.setChecked(settings.first_year_of_trading)
        self.scottish.setChecked(settings.scottish)
        self.last_year_bill.set_pence(settings.last_year_bill_pence)

    def add_income(self) -> None:
        today = self.ctx.today()

        def fn(session):  # type: ignore[no-untyped-def]
            draft = inc.OtherIncomeDraft(
                self.income_date.date_value("received_on", required=True),
                self.income_description.text(),
                self.income_amount.pence("amount_pence", maximum_pence=10**8),
            )
            return Done(inc.add_other_income(session, draft, today=today).id, changes(Area.MONEY))

        if self.run(fn, self.income_form.errors) is not None:
            for w in (self.income_date, self.income_description, self.income_amount):
                w.clear()

    def delete_income(self) -> None:
        row = self.income_table.currentRow()
        cell = self.income_table.item(row, 0) if row >= 0 else None
        if cell is None or cell.data(ROLE_ID) is None:
            QMessageBox.information(
                self,
                "Delete income",
                "Choose income you entered here (payments on invoices are changed in Invoices).",
            )
            return
        income_id = cell.data(ROLE_ID)
        answer = QMessageBox.question(self, "Delete income", "Delete this income record?")
        if answer == QMessageBox.StandardButton.Yes:
            self.run(lambda s: inc.delete_other_income(s, income_id))

    def save_settings(self) -> None:
        year = self.year

        def fn(session):  # type: ignore[no-untyped-def]
            draft = TaxSettingsDraft(
                allowance_choice=self.allowance_combo.currentData(),
                other_income_pence=self.other_income.pence("other_income_pence", required=False)
                or 0,
                other_income_taxed_at_source=self.taxed_at_source.isChecked(),
                first_year_of_trading=self.first_year.isChecked(),
                scottish=self.scottish.isChecked(),
                last_year_bill_pence=self.last_year_bill.pence(
                    "last_year_bill_pence", required=False
                ),
            )
            return save_tax_settings(session, year, draft)

        self.run(fn, self.settings_form.errors)
