"""Money's first tab: the tax year at a glance, the chart by month, the SA103S boxes in the
form's order, the Making Tax Digital quarters, the payments and deadlines."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout

from app.core.formatting import format_date, format_money, plural
from app.core.money import mileage as mi
from app.core.money.models import AllowanceChoice
from app.core.money.quarters import QuarterFigures, mtd_quarters
from app.core.money.summary import YearSummary, tax_year_summary
from app.ui.money.common import (
    EXPENSE_COLOUR,
    INCOME_COLOUR,
    WARN_STYLE,
    MoneyTab,
    fill,
    fitted,
    heading,
    item,
    table,
    wrap,
)

FIGURES = [
    ("turnover", "Turnover (money received)"),
    ("expenses", "Expenses claimed"),
    ("profit", "Profit"),
    ("income_tax", "Income Tax (estimate)"),
    ("class4", "Class 4 National Insurance (estimate)"),
    ("total", "Total tax and NI (estimate)"),
    ("to_pay", "To pay through Self Assessment"),
    ("put_aside", "Put aside each month"),
]


class YearViewTab(MoneyTab):
    def __init__(self, ctx, year) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, year)
        self.summary: YearSummary | None = None
        body = QFrame()
        v = QVBoxLayout(body)
        self.figures: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        grid = QGridLayout()
        for i, (key, text) in enumerate(FIGURES):
            value = QLabel()
            value.setObjectName(f"figure_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if key in ("profit", "total", "put_aside"):
                value.setStyleSheet("font-weight: 600;")
            caption = QLabel(text)
            row, col = i % 4, (i // 4) * 2
            grid.addWidget(caption, row, col)
            grid.addWidget(value, row, col + 1)
            self.figures[key] = value
            self.captions[key] = caption
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(18)
        v.addLayout(grid)

        self.advice_label = wrap()
        self.advice_label.setObjectName("advice")
        self.advice_label.setStyleSheet("font-weight: 600; margin-top: 6px;")
        self.vat_label = wrap()
        self.vat_label.setStyleSheet(WARN_STYLE)
        v.addWidget(self.advice_label)
        v.addWidget(self.vat_label)

        v.addWidget(heading("Income and expenses by month"))
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(self.fontMetrics().lineSpacing() * 16)
        self.chart_view.setAccessibleName("Chart of income and expenses by month")
        v.addWidget(self.chart_view)

        cols = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(heading("Expenses by category"))
        self.category_table = fitted(table(["Category", "Amount"], 0))
        self.category_table.setAccessibleName("Expenses by category")
        left.addWidget(self.category_table)
        right = QVBoxLayout()
        right.addWidget(heading("Self Assessment (SA103S short form)"))
        self.sa_table = fitted(table(["Box", "What", "Amount"], 1))
        self.sa_table.setAccessibleName("SA103S boxes in the form's order")
        right.addWidget(self.sa_table)
        self.box_note = wrap()
        self.box_note.setObjectName("sa103s_note")
        right.addWidget(self.box_note)
        left.addStretch(1)
        right.addStretch(1)
        cols.addLayout(left, 1)
        cols.addLayout(right, 1)
        v.addLayout(cols)

        v.addWidget(heading("Making Tax Digital: quarterly figures (from 6 April)"))
        self.quarters_note = wrap()
        v.addWidget(self.quarters_note)
        self.quarters_table = fitted(table(["", "Q1", "Q2", "Q3", "Q4"], 0))
        self.quarters_table.setWordWrap(False)  # rows sized before the first layout stay one line
        self.quarters_table.setAccessibleName("Making Tax Digital quarterly figures")
        v.addWidget(self.quarters_table)

        v.addWidget(heading("Payments and deadlines"))
        self.deadline_table = fitted(table(["Date", "What", "Amount"], 1))
        self.deadline_table.setAccessibleName("Payments and deadlines")
        self.deadline_table.setWordWrap(False)
        v.addWidget(self.deadline_table)
        v.addWidget(heading("Good to know"))
        self.notes_label = wrap()
        self.notes_label.setObjectName("notes")
        v.addWidget(self.notes_label)
        v.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def refresh(self) -> None:
        year = self.year
        today = self.ctx.today()
        summary, quarters = self.ctx.runner.read(
            lambda s: (tax_year_summary(s, year, today=today), mtd_quarters(s, year))
        )
        self.summary = summary
        self.show_summary(summary)
        self.show_quarters(summary, quarters)

    def show_summary(self, s: YearSummary) -> None:
        e = s.estimate
        values = {
            "turnover": s.turnover_pence,
            "expenses": s.deduction_pence,
            "profit": s.profit_pence,
            "income_tax": e.income_tax_pence,
            "class4": e.class4_nic_pence,
            "total": e.total_pence,
            "to_pay": e.to_pay_pence,
            "put_aside": e.put_aside_monthly_pence,
        }
        for key, pence in values.items():
            self.figures[key].setText(format_money(pence))
        # the allowance is never called "expenses": the carer would copy the wrong figure
        allowance = s.used == AllowanceChoice.TRADING_ALLOWANCE
        self.captions["expenses"].setText(
            "Trading allowance used" if allowance else "Expenses claimed"
        )
        if s.loss_pence:
            self.figures["profit"].setText(f"Loss {format_money(s.loss_pence)}")
        self.advice_label.setText(s.advice)
        self.vat_label.setText(s.vat_warning)
        self.vat_label.setVisible(bool(s.vat_warning))
        self._draw_chart(s)
        cats = [
            [item(c.label), item(format_money(c.amount_pence), right=True)]
            for c in s.expenses_by_category
        ]
        cats.append(
            [
                item(f"Mileage ({mi.format_miles(s.mileage_tenths)} miles)"),
                item(format_money(s.mileage_allowance_pence), right=True),
            ]
        )
        cats.append(
            [
                item(f"Use of home ({plural(s.use_of_home_hours, 'hour')})"),
                item(format_money(s.use_of_home_pence), right=True),
            ]
        )
        cats.append([item("Total"), item(format_money(s.actual_expenses_pence), right=True)])
        fill(self.category_table, cats)
        fill(
            self.sa_table,
            [
                [item(b.box), item(b.label), item(format_money(b.amount_pence), right=True)]
                for b in s.sa103s
            ],
        )
        self.box_note.setText(s.sa103s_note)
        rows = [
            [
                item(format_date(p.due)),
                item(p.what),
                item(format_money(p.amount_pence), right=True),
            ]
            for p in e.payments
        ]
        paid = {(p.due, "payment") for p in e.payments}
        for d in s.deadlines:
            if d.kind == "payment" and (d.when, "payment") in paid:
                continue
            if d.kind == "return":
                continue  # the balancing payment row says it
            rows.append([item(format_date(d.when)), item(d.what), item("")])
        rows.sort(key=lambda r: tuple(reversed(r[0].text().split("/"))))
        fill(self.deadline_table, rows)
        notes = [e.class2_note, e.payments_on_account_reason, s.mtd.text, *e.notes, *s.notes]
        self.notes_label.setText("\n\n".join(f"• {n}" for n in notes if n))

    def show_quarters(self, s: YearSummary, quarters: list[QuarterFigures]) -> None:
        self.quarters_note.setText(
            "Each quarterly update counts from 6 April to the quarter's end."
            + ("" if s.mtd.applies else " You need these only once Making Tax Digital applies.")
        )
        self.quarters_table.setHorizontalHeaderLabels(
            ["", *(f"Q{q.quarter} to {format_date(q.period_end)}" for q in quarters)]
        )
        rows = [
            [item("Update due"), *(item(format_date(q.due), right=True) for q in quarters)],
            [
                item("Income"),
                *(item(format_money(q.cumulative_income_pence), right=True) for q in quarters),
            ],
        ]
        boxes = [(c.box, c.label) for c in quarters[-1].expenses_by_category]
        for box, label in boxes:
            amounts = [{c.box: c.amount_pence for c in q.expenses_by_category} for q in quarters]
            rows.append(
                [
                    item(f"Box {box}: {label}"),
                    *(item(format_money(a.get(box, 0)), right=True) for a in amounts),
                ]
            )
        rows.append(
            [
                item("Expenses in total"),
                *(item(format_money(q.cumulative_expenses_pence), right=True) for q in quarters),
            ]
        )
        fill(self.quarters_table, rows)

    def _draw_chart(self, s: YearSummary) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        income_set = QBarSet("Income")
        expense_set = QBarSet("Expenses")
        income_set.setColor(QColor(INCOME_COLOUR))
        expense_set.setColor(QColor(EXPENSE_COLOUR))
        top = 0
        for m in s.months:
            income_set.append(m.income_pence / 100)
            expense_set.append(m.expenses_pence / 100)
            top = max(top, m.income_pence, m.expenses_pence)
        series = QBarSeries()
        series.append(income_set)
        series.append(expense_set)
        self.chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([m.label for m in s.months])
        y = QValueAxis()
        y.setLabelFormat("%.0f")  # a £ in the format comes out garbled
        y.setTitleText("£")
        y.setRange(0, max(100.0, top / 100 * 1.1))
        y.applyNiceNumbers()
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self.chart.setTitle(
            f"{s.year}: income {format_money(s.turnover_pence)}, "
            f"expenses {format_money(s.actual_expenses_pence)}"
        )
