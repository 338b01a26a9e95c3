"""Money: the tax year at a glance (with a chart of income and expenses by month), expenses
with receipts, the mileage log, other income and tax choices, and the export for an
accountant. Each tab is its own module and loads its own figures; this panel holds the
year they all show."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout

from app.core.changes import Area
from app.core.money.models import ExpenseCategory
from app.core.money.tax_rates import known_years
from app.core.money.tax_year import TaxYear
from app.ui.feedback.status_box import StatusView
from app.ui.layout import scrolling
from app.ui.money.common import MoneyTab, wrap
from app.ui.money.expenses_tab import ExpensesTab
from app.ui.money.export_tab import ExportTab
from app.ui.money.income_tab import IncomeTab
from app.ui.money.mileage_tab import MileageTab
from app.ui.money.year_view import YearViewTab
from app.ui.registry import Panel, register_panel


@register_panel
class MoneyPanel(Panel):
    AREA = Area.MONEY
    # visits carry mileage into the log and the year's figures; clients fill the journey's
    # client list; payments on invoices come as MONEY
    WATCHES = frozenset({Area.MONEY, Area.VISITS, Area.CLIENTS})

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Tax year")
        for y in reversed(known_years()):
            self.year_combo.addItem(
                f"{y.label} (6 April {y.start_year} – 5 April {y.start_year + 1})", y.start_year
            )
        current = TaxYear.of(ctx.today())
        index = self.year_combo.findData(current.start_year)
        self.year_combo.setCurrentIndex(max(0, index))
        self.year_note = wrap()
        self.year_note.setAccessibleName("About the tax year shown")
        if index < 0:
            self.year_note.setText(
                f"Rates for {current.label} are not in this version; "
                "showing the latest year it knows."
            )
        top = QHBoxLayout()
        year_label = QLabel("Tax &year")
        year_label.setBuddy(self.year_combo)
        top.addWidget(year_label)
        top.addWidget(self.year_combo)
        top.addWidget(self.year_note, 1)

        def year() -> TaxYear:
            return self.year

        self.year_view = YearViewTab(ctx, year)
        self.expenses = ExpensesTab(ctx, year)
        self.mileage = MileageTab(ctx, year)
        self.income = IncomeTab(ctx, year)
        self.export = ExportTab(ctx, year)
        self.tabs = QTabWidget()
        for page, title in (
            (self.year_view, "Year &view"),
            (self.expenses, "&Expenses"),
            (self.mileage, "&Mileage"),
            (self.income, "&Other income and tax choices"),
            (self.export, "E&xport"),
            (StatusView(ctx), "&Being self-employed"),
        ):  # each tab scrolls by itself, so none holds the window taller than a small screen
            self.tabs.addTab(scrolling(page), title)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    @property
    def year(self) -> TaxYear:
        return TaxYear(int(self.year_combo.currentData()))

    @property
    def pages(self) -> list[MoneyTab]:
        return [self.year_view, self.expenses, self.mileage, self.income, self.export]

    def refresh(self) -> None:
        for page in self.pages:
            page.refresh()


__all__ = ["MoneyPanel", "ExpenseCategory"]
