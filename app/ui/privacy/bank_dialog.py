"""Importing a bank statement: each line with what will happen to it, which the carer may
change (which invoice a payment is for, whether money out is an expense), then Import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.bank.importing import ImportResult, apply_plan, preview_import
from app.core.errors import DaybookError
from app.core.formatting import format_date, format_money, plural
from app.core.money.expenses import CATEGORY_LABELS
from app.core.money.models import ExpenseCategory
from app.ui.settings.sections import register_settings_section

ACTION_TEXT = {"duplicate": "Already imported"}


class BankImportDialog(QDialog):
    def __init__(self, ctx, data: bytes, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Import a bank statement")
        self.plan: ImportResult = ctx.runner.read(lambda s: preview_import(s, data))
        v = QVBoxLayout(self)
        counts = {a: sum(p.action == a for p in self.plan.lines) for a in ("payment", "expense")}
        head = QLabel(
            f"{plural(len(self.plan.lines), 'line')}: {counts['payment']} matched to invoices, "
            f"{plural(counts['expense'], 'expense')}. Check each line, change what is wrong, "
            "then Import."
        )
        head.setWordWrap(True)
        v.addWidget(head)
        self.table = QTableWidget(len(self.plan.lines), 4)
        self.table.setHorizontalHeaderLabels(["Date", "Amount", "Description", "Becomes"])
        self.combos: list[QComboBox | None] = []
        for row, p in enumerate(self.plan.lines):
            self.table.setItem(row, 0, QTableWidgetItem(format_date(p.line.posted_on)))
            self.table.setItem(row, 1, QTableWidgetItem(format_money(p.line.amount_pence)))
            self.table.setItem(row, 2, QTableWidgetItem(p.line.description))
            if p.action == "duplicate":
                self.table.setItem(row, 3, QTableWidgetItem(ACTION_TEXT["duplicate"]))
                self.combos.append(None)
                continue
            combo = QComboBox()
            combo.addItem("Skip", ("skip", None))
            if p.line.amount_pence > 0:
                options = list(p.choices)
                if p.invoice_id is not None:
                    options.insert(0, (p.invoice_id, p.invoice_number or "", 0))
                for iid, number, owed in options:
                    owes = f" ({format_money(owed)} owed)" if owed else ""
                    combo.addItem(f"Payment for {number}{owes}", ("payment", (iid, number)))
                if p.invoice_id is not None:
                    combo.setCurrentIndex(1)
            else:
                for category in ExpenseCategory:
                    combo.addItem(f"Expense: {CATEGORY_LABELS[category]}", ("expense", category))
                    if p.category == category:
                        combo.setCurrentIndex(combo.count() - 1)
            self.table.setCellWidget(row, 3, combo)
            self.combos.append(combo)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        v.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton("&Import")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.do_import)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.resize(900, 500)

    def chosen(self) -> ImportResult:
        for p, combo in zip(self.plan.lines, self.combos, strict=True):
            if combo is None:
                continue
            action, value = combo.currentData()
            p.action = action
            if action == "payment":
                p.invoice_id, p.invoice_number = value
            elif action == "expense":
                p.category = value
                p.supplier = p.supplier or p.line.description[:200]
        return self.plan

    def do_import(self) -> None:
        chosen = self.chosen()
        today = self.ctx.today()
        if (
            self.ctx.runner.run(lambda s: apply_plan(s, chosen, today=today), parent=self)
            is not None
        ):
            self.accept()


def import_statement_file(ctx, parent: QWidget) -> bool:  # type: ignore[no-untyped-def]
    name, _ = QFileDialog.getOpenFileName(
        parent, "Bank statement", "", "Bank statements (*.csv *.ofx *.qfx);;All files (*)"
    )
    if not name:
        return False
    try:
        data = Path(name).read_bytes()
        dialog = BankImportDialog(ctx, data, parent)
    except OSError as exc:
        QMessageBox.warning(parent, "Bank statement", f"Could not read the file: {exc.strerror}")
        return False
    except DaybookError as exc:
        QMessageBox.warning(parent, "Bank statement", str(exc))
        return False
    return dialog.exec() == QDialog.DialogCode.Accepted


class BankSection(QWidget):
    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        v = QVBoxLayout(self)
        text = QLabel(
            "Download a statement from your bank's website as CSV (or OFX) and import it here. "
            "Money in that names an invoice, or matches the amount owed and the payer's name, "
            "is recorded as a payment; you choose for the rest. Importing the same statement "
            "again adds nothing."
        )
        text.setWordWrap(True)
        v.addWidget(text)
        button = QPushButton("Import a bank &statement…")
        button.clicked.connect(lambda: import_statement_file(ctx, self))
        v.addWidget(button)


@register_settings_section("Bank statements", order=45)
def bank_section(ctx) -> QWidget:  # type: ignore[no-untyped-def]
    return BankSection(ctx)
