"""Money's expenses tab: the year's expenses with their receipts, a form to add one, and the
hours worked at home each month (the use-of-home flat rate)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, Done, changes
from app.core.errors import ValidationError
from app.core.formatting import format_date, format_money, plural
from app.core.money import expenses as ex
from app.core.money.explain import use_of_home_rule
from app.core.money.tax_rates import rates_for
from app.core.money.use_of_home import set_use_of_home, use_of_home_for_year
from app.ui.forms import DateEdit, FormGrid, MoneyEdit, submit_on_enter
from app.ui.images import read_image
from app.ui.money.common import RECEIPT_FILTER, MoneyTab, fill, item, selected_id, table, wrap

NO_RECEIPT = "No receipt attached (a photo or a PDF)."


class ExpensesTab(MoneyTab):
    def __init__(self, ctx, year) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, year)
        self.receipt: ex.Receipt | None = None
        v = QVBoxLayout(self)
        self.expense_table = table(
            ["Date", "Supplier", "Category", "Description", "Amount", "Receipt"], (1, 2, 3, 5)
        )
        self.expense_table.setWordWrap(False)
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
        self.receipt_name = QLabel(NO_RECEIPT)
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
        submit_on_enter(box, self.add_expense_button)
        v.addWidget(box)

        home = QGroupBox("Use of home (hours you worked at home in a month)")
        hl = QHBoxLayout(home)
        self.home_month = QComboBox()
        self.home_month.setAccessibleName("Month")
        self.home_hours = QSpinBox()
        self.home_hours.setAccessibleName("Hours worked at home")
        self.home_hours.setRange(0, 744)
        self.home_hours.setSuffix(" hours")
        self.home_save = QPushButton("Save &hours")
        self.home_save.clicked.connect(self.save_home_hours)
        self.home_month.currentIndexChanged.connect(self._home_month_changed)
        self.home_summary = wrap()
        month_label = QLabel("Mon&th")
        month_label.setBuddy(self.home_month)
        hl.addWidget(month_label)
        hl.addWidget(self.home_month)
        hl.addWidget(self.home_hours)
        hl.addWidget(self.home_save)
        hl.addWidget(self.home_summary, 1)
        v.addWidget(home)
        self._home_hours: dict[tuple[int, int], int] = {}

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        year = self.year
        rates = rates_for(year)
        expenses, home = self.ctx.runner.read(
            lambda s: (ex.list_expenses(s, year), use_of_home_for_year(s, year, rates))
        )
        fill(
            self.expense_table,
            [
                [
                    item(format_date(e.spent_on), record_id=e.id),
                    item(e.supplier),
                    item(e.category_label),
                    item(e.description),
                    item(format_money(e.amount_pence), right=True),
                    item(e.receipt_filename if e.receipt_mime else ""),
                ]
                for e in expenses
            ],
        )
        total = sum(e.amount_pence for e in expenses)
        count = f"{len(expenses)} expense" + ("" if len(expenses) == 1 else "s")
        self.expense_total.setText(f"{count}, {format_money(total)} in all")
        self.receipt_preview.setPixmap(QPixmap())
        self.receipt_preview.setText("Choose an expense to see its receipt.")
        self.view_receipt_button.hide()

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
        hours = sum(m.hours for m in home)
        self.home_summary.setText(
            f"{plural(hours, 'hour')} this tax year: {format_money(sum(m.amount_pence for m in home))} "
            f"at the flat rate ({use_of_home_rule(rates)})."
        )

    # ---------------------------------------------------------------- receipts
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
            self.receipt_name.setText(NO_RECEIPT)
            errors.show(exc.field, exc.message)
            return
        except OSError:
            errors.show("receipt", "Daybook could not read that file; try another copy.")
            return
        self.receipt = ex.Receipt(path.name, data)
        self.receipt_name.setText(f"Attached: {path.name}")

    def _expense_selected(self) -> None:
        expense_id = selected_id(self.expense_table)
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
        expense_id = selected_id(self.expense_table)
        if expense_id is None:
            return
        found = self.ctx.runner.read(lambda s: ex.receipt_of(s, expense_id))
        if found and found[1] == "application/pdf":
            from app.ui.pdf_preview import show_pdf

            self.pdf_dialog = show_pdf(self, found[2], "Receipt", found[0])

    # ----------------------------------------------------------------- actions
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
            row = ex.add_expense(session, self._expense_draft(), today=today)
            return Done(row.id, changes(Area.MONEY))

        if self.run(fn, self.expense_form.errors) is not None:
            for w in (
                self.expense_date,
                self.expense_supplier,
                self.expense_description,
                self.expense_amount,
            ):
                w.clear()
            self.receipt = None
            self.receipt_name.setText(NO_RECEIPT)
            self.expense_date.setFocus()

    def delete_expense(self) -> None:
        expense_id = selected_id(self.expense_table)
        if expense_id is None:
            QMessageBox.information(self, "Delete expense", "Choose an expense in the list first.")
            return
        answer = QMessageBox.question(
            self, "Delete expense", "Delete this expense and its receipt? This cannot be undone."
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.run(lambda s: ex.delete_expense(s, expense_id))

    def _home_month_changed(self) -> None:
        key = self.home_month.currentData()
        if key:
            self.home_hours.setValue(self._home_hours.get(tuple(key), 0))

    def save_home_hours(self) -> None:
        key = self.home_month.currentData()
        if not key:
            return
        hours = self.home_hours.value()
        self.run(lambda s: set_use_of_home(s, key[0], key[1], hours))
