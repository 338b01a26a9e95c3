"""Money: the tax year at a glance (with a chart of income and expenses by month), expenses
with receipts, the mileage log, other income and tax choices, and the export for an
accountant."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, changes
from app.core.errors import ValidationError
from app.core.formatting import format_date, format_money
from app.core.money import expenses as ex
from app.core.money import income as inc
from app.core.money import mileage as mi
from app.core.money.models import AllowanceChoice, ExpenseCategory
from app.core.money.summary import YearSummary, tax_year_summary
from app.core.money.tax_rates import known_years, rates_for
from app.core.money.tax_settings import TaxSettingsDraft, get_tax_settings, save_tax_settings
from app.core.money.tax_year import TaxYear
from app.core.money.use_of_home import set_use_of_home, use_of_home_for_year
from app.ui.feedback.status_box import StatusView
from app.ui.forms import DateEdit, FormGrid, MoneyEdit
from app.ui.images import read_image
from app.ui.registry import Panel, register_panel
from app.ui.style import EXPENSE, INCOME, MUTED, WARNING_BOX_STYLE

ROLE_ID = Qt.ItemDataRole.UserRole
INCOME_COLOUR = INCOME
EXPENSE_COLOUR = EXPENSE
WARN_STYLE = WARNING_BOX_STYLE
ALLOWANCE_LABELS = {
    AllowanceChoice.AUTO: "Whichever is better (Daybook works it out)",
    AllowanceChoice.TRADING_ALLOWANCE: "The £1,000 trading allowance",
    AllowanceChoice.EXPENSES: "My actual expenses",
}
RECEIPT_FILTER = "Receipts (*.png *.jpg *.jpeg *.heic *.heif *.pdf);;All files (*)"


def _table(headers: list[str], stretch: int) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName("List: " + ", ".join(headers))
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().hide()
    t.setAlternatingRowColors(True)
    for col in range(len(headers)):
        t.horizontalHeader().setSectionResizeMode(
            col,
            QHeaderView.ResizeMode.Stretch
            if col == stretch
            else QHeaderView.ResizeMode.ResizeToContents,
        )
    return t


def _item(
    text: str, *, right: bool = False, record_id: int | None = None, grey: bool = False
) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if record_id is not None:
        item.setData(ROLE_ID, record_id)
    if grey:
        item.setForeground(QColor(MUTED))
    return item


def _fill(table: QTableWidget, rows: list[list[QTableWidgetItem]]) -> None:
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            table.setItem(r, c, cell)
    if table.property("fit_rows"):
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(max(height, table.horizontalHeader().height() * 2))


def _fitted(table: QTableWidget) -> QTableWidget:
    """A table in the scrolling year view: as tall as its rows, no scroll bar of its own."""
    table.setProperty("fit_rows", True)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _wrap(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 12pt; font-weight: 600; margin-top: 8px;")
    return label


@register_panel
class MoneyPanel(Panel):
    AREA = Area.MONEY
    # visits carry mileage into the log and the year's figures; clients fill the
    # journey's client list; payments on invoices come as MONEY
    WATCHES = frozenset({Area.MONEY, Area.VISITS, Area.CLIENTS})

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.summary: YearSummary | None = None
        self.receipt: ex.Receipt | None = None

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Tax year")
        years = known_years()
        for y in reversed(years):
            self.year_combo.addItem(
                f"{y.label} (6 April {y.start_year} – 5 April {y.start_year + 1})", y.start_year
            )
        current = TaxYear.of(ctx.today())
        index = self.year_combo.findData(current.start_year)
        self.year_combo.setCurrentIndex(max(0, index))
        self.year_note = _wrap()
        self.year_note.setAccessibleName("About this tax year")
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

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_year_view(), "Year &view")
        self.tabs.addTab(self._build_expenses(), "&Expenses")
        self.tabs.addTab(self._build_mileage(), "&Mileage")
        self.tabs.addTab(self._build_other_income(), "&Other income and tax choices")
        self.tabs.addTab(self._build_export(), "E&xport")
        self.tabs.addTab(StatusView(ctx), "&Being self-employed")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    # ----------------------------------------------------------------- helpers
    @property
    def year(self) -> TaxYear:
        return TaxYear(int(self.year_combo.currentData()))

    def _run(self, fn, errors=None):  # type: ignore[no-untyped-def]
        return self.ctx.runner.run(fn, changes=changes(Area.MONEY), errors=errors, parent=self)

    # --------------------------------------------------------------- year view
    def _build_year_view(self) -> QWidget:
        body = QWidget()
        v = QVBoxLayout(body)
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        names = [
            ("turnover", "Turnover (money received)"),
            ("expenses", "Expenses claimed"),
            ("profit", "Profit"),
            ("income_tax", "Income Tax (estimate)"),
            ("class4", "Class 4 National Insurance (estimate)"),
            ("total", "Total tax and NI (estimate)"),
            ("to_pay", "To pay through Self Assessment"),
            ("put_aside", "Put aside each month"),
        ]
        for i, (key, text) in enumerate(names):
            value = QLabel()
            value.setObjectName(f"figure_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            strong = key in ("profit", "total", "put_aside")
            if strong:
                value.setStyleSheet("font-weight: 600;")
            caption = QLabel(text)
            row, col = i % 4, (i // 4) * 2
            grid.addWidget(caption, row, col)
            grid.addWidget(value, row, col + 1)
            self.figures[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(18)
        v.addLayout(grid)

        self.advice_label = _wrap()
        self.advice_label.setObjectName("advice")
        self.advice_label.setStyleSheet("font-weight: 600; margin-top: 6px;")
        self.vat_label = _wrap()
        self.vat_label.setStyleSheet(WARN_STYLE)
        v.addWidget(self.advice_label)
        v.addWidget(self.vat_label)

        v.addWidget(_heading("Income and expenses by month"))
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
        left.addWidget(_heading("Expenses by category"))
        self.category_table = _fitted(_table(["Category", "Amount"], 0))
        left.addWidget(self.category_table)
        right = QVBoxLayout()
        right.addWidget(_heading("Self Assessment (SA103S short form)"))
        self.sa_table = _fitted(_table(["Box", "What", "Amount"], 1))
        right.addWidget(self.sa_table)
        box_note = _wrap("Box numbers to be checked against the form for the year.")
        box_note.setStyleSheet("color: palette(placeholder-text);")
        right.addWidget(box_note)
        left.addStretch(1)
        right.addStretch(1)
        cols.addLayout(left, 1)
        cols.addLayout(right, 1)
        v.addLayout(cols)

        v.addWidget(_heading("Payments and deadlines"))
        self.deadline_table = _fitted(_table(["Date", "What", "Amount"], 1))
        v.addWidget(self.deadline_table)
        v.addWidget(_heading("Good to know"))
        self.notes_label = _wrap()
        self.notes_label.setObjectName("notes")
        v.addWidget(self.notes_label)
        v.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    def _show_summary(self, s: YearSummary) -> None:
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
        if s.loss_pence:
            self.figures["profit"].setText(f"Loss {format_money(s.loss_pence)}")
        self.advice_label.setText(s.advice)
        self.vat_label.setText(s.vat_warning)
        self.vat_label.setVisible(bool(s.vat_warning))
        self._draw_chart(s)
        cats = [
            [_item(c.label), _item(format_money(c.amount_pence), right=True)]
            for c in s.expenses_by_category
        ]
        cats.append(
            [
                _item(f"Mileage ({mi.format_miles(s.mileage_tenths)} miles)"),
                _item(format_money(s.mileage_allowance_pence), right=True),
            ]
        )
        cats.append(
            [
                _item(f"Use of home ({s.use_of_home_hours} hours)"),
                _item(format_money(s.use_of_home_pence), right=True),
            ]
        )
        cats.append([_item("Total"), _item(format_money(s.actual_expenses_pence), right=True)])
        _fill(self.category_table, cats)
        _fill(
            self.sa_table,
            [
                [_item(b.box), _item(b.label), _item(format_money(b.amount_pence), right=True)]
                for b in s.sa103s
            ],
        )
        rows = [
            [
                _item(format_date(p.due)),
                _item(p.what),
                _item(format_money(p.amount_pence), right=True),
            ]
            for p in e.payments
        ]
        paid = {(p.due, "payment") for p in e.payments}
        for d in s.deadlines:
            if d.kind == "payment" and (d.when, "payment") in paid:
                continue
            if d.kind == "return":
                continue  # the balancing payment row says it
            rows.append([_item(format_date(d.when)), _item(d.what), _item("")])
        rows.sort(key=lambda r: tuple(reversed(r[0].text().split("/"))))
        _fill(self.deadline_table, rows)
        notes = [e.class2_note, e.payments_on_account_reason, s.mtd.text, *e.notes, *s.notes]
        self.notes_label.setText("\n\n".join(f"• {n}" for n in notes if n))

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

    # ---------------------------------------------------------------- expenses
    def _build_expenses(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.expense_table = _table(
            ["Date", "Supplier", "Category", "Description", "Amount", "Receipt"], 3
        )
        self.expense_table.setAccessibleName("Expenses this tax year")
        self.expense_table.itemSelectionChanged.connect(self._expense_selected)
        self.expense_total = QLabel()
        lists = QHBoxLayout()
        lv = QVBoxLayout()
        lv.addWidget(self.expense_table, 1)
        lv.addWidget(self.expense_total)
        self.delete_expense_button = QPushButton("&Delete expense…")
        self.delete_expense_button.clicked.connect(self.delete_expense)
        lv.addWidget(self.delete_expense_button, 0, Qt.AlignmentFlag.AlignLeft)
        lists.addLayout(lv, 3)

        preview = QGroupBox("Receipt")
        pv = QVBoxLayout(preview)
        self.receipt_preview = QLabel("Choose an expense to see its receipt.")
        self.receipt_preview.setObjectName("receipt_preview")
        self.receipt_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.receipt_preview.setWordWrap(True)
        self.receipt_preview.setMinimumWidth(self.fontMetrics().averageCharWidth() * 28)
        self.view_receipt_button = QPushButton("&View PDF receipt…")
        self.view_receipt_button.clicked.connect(self.view_receipt)
        self.view_receipt_button.hide()
        pv.addWidget(self.receipt_preview, 1)
        pv.addWidget(self.view_receipt_button)
        lists.addWidget(preview, 1)
        v.addLayout(lists, 1)

        box = QGroupBox("Add an expense")
        bv = QVBoxLayout(box)
        self.expense_form = FormGrid()
        f = self.expense_form
        self.expense_date = f.add_field("spent_on", "&Date", DateEdit())
        self.expense_supplier = f.add_field("supplier", "&Supplier", QLineEdit())
        self.expense_supplier.setPlaceholderText("Who you paid")
        self.expense_category = QComboBox()
        for cat, label in ex.CATEGORY_LABELS.items():
            hint = ex.CATEGORY_HINTS.get(cat)
            self.expense_category.addItem(f"{label} – {hint}" if hint else label, cat.value)
        f.add_field("category", "&Category", self.expense_category)
        self.expense_description = f.add_field("description", "Descri&ption", QLineEdit())
        self.expense_amount = f.add_field("amount_pence", "&Amount", MoneyEdit())
        self.receipt_button = QPushButton("Attach &receipt…")
        self.receipt_name = QLabel("No receipt attached (a photo or a PDF).")
        rrow = QWidget()
        rl = QHBoxLayout(rrow)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.receipt_button)
        rl.addWidget(self.receipt_name, 1)
        f.add_field("receipt", "Receipt", rrow)
        self.receipt_button.clicked.connect(self.choose_receipt)
        self.add_expense_button = QPushButton("Add e&xpense")
        self.add_expense_button.clicked.connect(self.add_expense)
        bv.addWidget(f)
        bv.addWidget(self.add_expense_button, 0, Qt.AlignmentFlag.AlignRight)
        v.addWidget(box)

        home = QGroupBox("Use of home (hours you worked at home in a month)")
        hl = QHBoxLayout(home)
        self.home_month = QComboBox()
        self.home_hours = QSpinBox()
        self.home_hours.setRange(0, 744)
        self.home_hours.setSuffix(" hours")
        self.home_save = QPushButton("Save &hours")
        self.home_save.clicked.connect(self.save_home_hours)
        self.home_month.currentIndexChanged.connect(self._home_month_changed)
        self.home_summary = _wrap()
        month_label = QLabel("Mon&th")
        month_label.setBuddy(self.home_month)
        hl.addWidget(month_label)
        hl.addWidget(self.home_month)
        hl.addWidget(self.home_hours)
        hl.addWidget(self.home_save)
        hl.addWidget(self.home_summary, 1)
        v.addWidget(home)
        self._home_hours: dict[tuple[int, int], int] = {}
        return page

    def choose_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Attach a receipt", str(Path.home()), RECEIPT_FILTER
        )
        if path:
            self.attach_receipt_file(Path(path))

    def attach_receipt_file(self, path: Path) -> None:
        errors = self.expense_form.errors
        errors.clear()
        try:
            if path.stat().st_size > ex.MAX_RECEIPT_BYTES:
                raise ValidationError(
                    "receipt",
                    "The receipt is larger than 20 MB; take a "
                    "smaller photo or scan it at a lower resolution.",
                )
            data = path.read_bytes()
            ex.sniff_receipt(data)
        except ValidationError as exc:
            self.receipt = None
            self.receipt_name.setText("No receipt attached (a photo or a PDF).")
            errors.show(exc.field, exc.message)
            return
        except OSError:
            errors.show("receipt", "Daybook could not read that file; try another copy.")
            return
        self.receipt = ex.Receipt(path.name, data)
        self.receipt_name.setText(f"Attached: {path.name}")

    def _expense_draft(self) -> ex.ExpenseDraft:
        return ex.ExpenseDraft(
            spent_on=self.expense_date.date_value("spent_on", required=True),
            supplier=self.expense_supplier.text(),
            category=self.expense_category.currentData(),
            description=self.expense_description.text(),
            amount_pence=self.expense_amount.pence("amount_pence", maximum_pence=10**8),
            receipt=self.receipt,
        )

    def add_expense(self) -> None:
        today = self.ctx.today()

        def fn(session):  # type: ignore[no-untyped-def]
            return ex.add_expense(session, self._expense_draft(), today=today).id

        if self._run(fn, self.expense_form.errors) is not None:
            for w in (
                self.expense_date,
                self.expense_supplier,
                self.expense_description,
                self.expense_amount,
            ):
                w.clear()
            self.receipt = None
            self.receipt_name.setText("No receipt attached (a photo or a PDF).")
            self.expense_date.setFocus()

    def _selected_id(self, table: QTableWidget) -> int | None:
        row = table.currentRow()
        item = table.item(row, 0) if row >= 0 else None
        return None if item is None else item.data(ROLE_ID)

    def _expense_selected(self) -> None:
        expense_id = self._selected_id(self.expense_table)
        self.view_receipt_button.hide()
        self.receipt_preview.setPixmap(QPixmap())
        if expense_id is None:
            self.receipt_preview.setText("Choose an expense to see its receipt.")
            return
        found = self.ctx.runner.read(lambda s: ex.receipt_of(s, expense_id))
        if found is None:
            self.receipt_preview.setText("No receipt kept for this expense.")
            return
        name, mime, data = found
        if mime == "application/pdf":
            self.receipt_preview.setText(f"PDF receipt: {name}")
            self.view_receipt_button.show()
            return
        image = read_image(data, 2000)
        if not image.isNull():
            pixmap = QPixmap.fromImage(image)
            width = max(self.receipt_preview.width(), self.receipt_preview.minimumWidth())
            self.receipt_preview.setPixmap(
                pixmap.scaledToWidth(
                    min(width, pixmap.width() * 2), Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.receipt_preview.setText(
                f"{name}: this picture cannot be shown here, but it is kept safely."
            )

    def view_receipt(self) -> None:
        expense_id = self._selected_id(self.expense_table)
        if expense_id is None:
            return
        found = self.ctx.runner.read(lambda s: ex.receipt_of(s, expense_id))
        if found and found[1] == "application/pdf":
            from app.ui.pdf_preview import show_pdf

            self.pdf_dialog = show_pdf(self, found[2], "Receipt", found[0])

    def delete_expense(self) -> None:
        expense_id = self._selected_id(self.expense_table)
        if expense_id is None:
            QMessageBox.information(self, "Delete expense", "Choose an expense in the list first.")
            return
        answer = QMessageBox.question(
            self, "Delete expense", "Delete this expense and its receipt? This cannot be undone."
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda s: ex.delete_expense(s, expense_id))

    def _home_month_changed(self) -> None:
        key = self.home_month.currentData()
        if key:
            self.home_hours.setValue(self._home_hours.get(tuple(key), 0))

    def save_home_hours(self) -> None:
        key = self.home_month.currentData()
        if not key:
            return
        hours = self.home_hours.value()
        self._run(lambda s: set_use_of_home(s, key[0], key[1], hours))

    # ----------------------------------------------------------------- mileage
    def _build_mileage(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.mileage_table = _table(
            ["Date", "From", "To", "Purpose", "Miles", "Allowance", "Client"], 3
        )
        self.mileage_table.setAccessibleName("Mileage log")
        self.mileage_total = _wrap()
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
        v.addWidget(box)
        return page

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
            return mi.add_journey(session, draft, today=today).id

        if self._run(fn, self.journey_form.errors) is not None:
            for w in (self.journey_to, self.journey_miles):
                w.clear()  # the date and where from usually stay the same for the next one
            self.journey_to.setFocus()

    def delete_journey(self) -> None:
        row = self.mileage_table.currentRow()
        item = self.mileage_table.item(row, 0) if row >= 0 else None
        if item is None or item.data(ROLE_ID) is None:
            QMessageBox.information(
                self,
                "Delete journey",
                "Choose a journey you entered (miles from the visit log are changed on the visit).",
            )
            return
        journey_id = item.data(ROLE_ID)
        answer = QMessageBox.question(self, "Delete journey", "Delete this journey?")
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda s: mi.delete_journey(s, journey_id))

    # ----------------------------------------------------- other income, settings
    def _build_other_income(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(_heading("Income received this tax year"))
        v.addWidget(
            _wrap(
                "Payments on your invoices are listed by themselves. Add here any "
                "money for your care work that did not come through a Daybook "
                "invoice."
            )
        )
        self.income_table = _table(["Date received", "Description", "Amount", "From"], 1)
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
        for choice, label in ALLOWANCE_LABELS.items():
            self.allowance_combo.addItem(label, choice.value)
        g.add_field(
            "allowance_choice",
            "&Claim",
            self.allowance_combo,
            help="The £1,000 trading allowance or your actual expenses, not both.",
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
        return page

    def add_income(self) -> None:
        today = self.ctx.today()

        def fn(session):  # type: ignore[no-untyped-def]
            draft = inc.OtherIncomeDraft(
                self.income_date.date_value("received_on", required=True),
                self.income_description.text(),
                self.income_amount.pence("amount_pence", maximum_pence=10**8),
            )
            return inc.add_other_income(session, draft, today=today).id

        if self._run(fn, self.income_form.errors) is not None:
            for w in (self.income_date, self.income_description, self.income_amount):
                w.clear()

    def delete_income(self) -> None:
        row = self.income_table.currentRow()
        item = self.income_table.item(row, 0) if row >= 0 else None
        if item is None or item.data(ROLE_ID) is None:
            QMessageBox.information(
                self,
                "Delete income",
                "Choose income you entered here (payments on invoices are changed in Invoices).",
            )
            return
        income_id = item.data(ROLE_ID)
        answer = QMessageBox.question(self, "Delete income", "Delete this income record?")
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda s: inc.delete_other_income(s, income_id))

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

        self._run(fn, self.settings_form.errors)

    # ------------------------------------------------------------------ export
    def _build_export(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(
            _wrap(
                "Export this tax year for your accountant: income, expenses, "
                "mileage and summary as CSV files (they open in Excel), and a "
                "one-page PDF summary, all in one folder. Receipts stay inside "
                "Daybook."
            )
        )
        row = QHBoxLayout()
        self.export_button = QPushButton("&Export to a folder…")
        self.export_button.clicked.connect(self.choose_export_folder)
        self.preview_button = QPushButton("&Preview the PDF summary…")
        self.preview_button.clicked.connect(self.preview_pdf)
        row.addWidget(self.export_button)
        row.addWidget(self.preview_button)
        row.addStretch(1)
        v.addLayout(row)
        self.export_status = _wrap()
        self.export_status.setObjectName("export_status")
        v.addWidget(self.export_status)
        v.addStretch(1)
        return page

    def _pdf(self) -> bytes:
        from app.core.profile import get_profile
        from app.documents.tax_summary_pdf import render_tax_summary

        year = self.year

        def build(session):  # type: ignore[no-untyped-def]
            profile = get_profile(session)
            return render_tax_summary(
                tax_year_summary(session, year),
                trading_name=profile.trading_name if profile else "",
                carer_name=profile.carer_name if profile else "",
            )

        return self.ctx.runner.read(build)

    def preview_pdf(self) -> None:
        from app.ui.pdf_preview import show_pdf

        self.pdf_dialog = show_pdf(
            self,
            self._pdf(),
            f"Tax year {self.year.label} summary",
            f"tax-summary-{self.year.label}.pdf",
        )

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Choose a folder for the export", str(Path.home())
        )
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> list[Path] | None:
        from app.core.money.export import export_year

        year = self.year
        try:
            paths = self.ctx.runner.read(lambda s: export_year(s, year, folder))
            pdf_path = folder / f"tax-summary-{year.label}.pdf"
            pdf_path.write_bytes(self._pdf())
        except OSError as exc:
            QMessageBox.information(
                self,
                "Export",
                f"Daybook could not write to that folder ({exc.strerror}). Choose another folder.",
            )
            return None
        paths = [*paths, pdf_path]
        self.export_status.setText(
            f"Saved {len(paths)} files in {folder}: " + ", ".join(p.name for p in paths)
        )
        return paths

    # ----------------------------------------------------------------- loading
    def refresh(self) -> None:
        year = self.year
        rates = rates_for(year)

        def load(session):  # type: ignore[no-untyped-def]
            from app.core.clients import client_choices

            return (
                tax_year_summary(session, year, today=self.ctx.today()),
                ex.list_expenses(session, year),
                mi.mileage_log(session, year, rates),
                inc.income_for_year(session, year),
                get_tax_settings(session, year),
                use_of_home_for_year(session, year, rates),
                client_choices(session),
            )

        summary, expenses, log, income, settings, home, clients = self.ctx.runner.read(load)
        self.summary = summary
        self._show_summary(summary)

        _fill(
            self.expense_table,
            [
                [
                    _item(format_date(e.spent_on), record_id=e.id),
                    _item(e.supplier),
                    _item(e.category_label),
                    _item(e.description),
                    _item(format_money(e.amount_pence), right=True),
                    _item(e.receipt_filename if e.receipt_mime else ""),
                ]
                for e in expenses
            ],
        )
        total = sum(e.amount_pence for e in expenses)
        self.expense_total.setText(f"{len(expenses)} expenses, {format_money(total)} in all")
        self.receipt_preview.setPixmap(QPixmap())
        self.receipt_preview.setText("Choose an expense to see its receipt.")
        self.view_receipt_button.hide()

        _fill(
            self.mileage_table,
            [
                [
                    _item(
                        format_date(r.travelled_on),
                        record_id=None if r.read_only else r.record_id,
                        grey=r.read_only,
                    ),
                    _item(r.from_place, grey=r.read_only),
                    _item(r.to_place, grey=r.read_only),
                    _item(r.purpose, grey=r.read_only),
                    _item(mi.format_miles(r.miles_tenths), right=True, grey=r.read_only),
                    _item(format_money(r.allowance_pence), right=True, grey=r.read_only),
                    _item(r.client_name, grey=r.read_only),
                ]
                for r in log
            ],
        )
        self.mileage_total.setText(
            f"{mi.format_miles(summary.mileage_tenths)} business miles this tax year: "
            f"{format_money(summary.mileage_allowance_pence)} at 45p a mile for the first "
            "10,000 and 25p after. Grey rows come from the visit log."
        )
        chosen = self.journey_client.currentData()
        self.journey_client.clear()
        self.journey_client.addItem("No client", None)
        for cid, name in clients:
            self.journey_client.addItem(name, cid)
        self.journey_client.setCurrentIndex(max(0, self.journey_client.findData(chosen)))

        _fill(
            self.income_table,
            [
                [
                    _item(
                        format_date(r.received_on),
                        record_id=r.record_id if r.source == "other" else None,
                    ),
                    _item(r.description),
                    _item(format_money(r.amount_pence), right=True),
                    _item("Entered here" if r.source == "other" else "Invoice payment"),
                ]
                for r in income
            ],
        )
        self.allowance_combo.setCurrentIndex(
            max(0, self.allowance_combo.findData(AllowanceChoice(settings.allowance_choice).value))
        )
        self.other_income.set_pence(settings.other_income_pence)
        self.taxed_at_source.setChecked(settings.other_income_taxed_at_source)
        self.first_year.setChecked(settings.first_year_of_trading)
        self.scottish.setChecked(settings.scottish)
        self.last_year_bill.set_pence(settings.last_year_bill_pence)

        current_key = self.home_month.currentData()
        self._home_hours = {(m.year, m.month): m.hours for m in home}
        self.home_month.blockSignals(True)
        self.home_month.clear()
        for m in home:
            self.home_month.addItem(date(m.year, m.month, 1).strftime("%B %Y"), [m.year, m.month])
        index = self.home_month.findData(current_key) if current_key else -1
        if index < 0:
            this_month = [self.ctx.today().year, self.ctx.today().month]
            index = max(0, self.home_month.findData(this_month))
        self.home_month.setCurrentIndex(index)
        self.home_month.blockSignals(False)
        self._home_month_changed()
        self.home_summary.setText(
            f"{summary.use_of_home_hours} hours this tax year: "
            f"{format_money(summary.use_of_home_pence)} at the flat rate "
            "(25–50 h £10, 51–100 h £18, 101 h or more £26 a month)."
        )


__all__ = ["MoneyPanel", "ExpenseCategory"]
