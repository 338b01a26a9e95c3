"""The Money panel driven as a carer would: add an expense with a receipt, read the year view
and its chart, log a journey, set tax choices, export for the accountant."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core.money.expenses import list_expenses, receipt_of
from app.core.money.income import OtherIncomeDraft, add_other_income
from app.core.money.tax_year import TaxYear
from app.storage.database import Store
from app.ui.actions import ActionRunner
from app.ui.context import UiContext
from tests.conftest import TODAY

Y = TaxYear(2026)


def png_file(tmp_path: Path) -> Path:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (60, 90), "lightyellow").save(buf, format="PNG")
    path = tmp_path / "till receipt.png"
    path.write_bytes(buf.getvalue())
    return path


@pytest.fixture
def income_store(store: Store) -> Store:
    with store.unit_of_work() as s:
        add_other_income(
            s, OtherIncomeDraft(date(2026, 5, 1), "Care paid by cheque", 15_000_00), today=TODAY
        )
        add_other_income(
            s, OtherIncomeDraft(date(2026, 9, 1), "Care paid by cheque", 15_000_00), today=TODAY
        )
    return store


def make_panel(qtbot, store: Store):  # type: ignore[no-untyped-def]
    from app.ui.money.panel import MoneyPanel

    ctx = UiContext(store, ActionRunner(store), today=lambda: TODAY)
    widget = MoneyPanel(ctx)
    ctx.runner.changed.connect(widget.on_changed)
    qtbot.addWidget(widget)
    widget.resize(1100, 900)
    widget.show()
    return widget


@pytest.fixture
def panel(qtbot, income_store: Store):  # type: ignore[no-untyped-def]
    return make_panel(qtbot, income_store)


def type_into(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.clear()
    qtbot.keyClicks(widget, text)


def test_year_view_shows_the_worked_example(panel) -> None:  # type: ignore[no-untyped-def]
    assert panel.year_combo.currentText().startswith("2026-27")
    # £30,000 turnover, no expenses: the trading allowance is better -> profit £29,000
    assert panel.figures["turnover"].text() == "£30,000.00"
    assert panel.figures["profit"].text() == "£29,000.00"
    assert "trading allowance is better" in panel.advice_label.text()
    series = panel.chart.series()
    assert len(series) == 1 and isinstance(series[0], QBarSeries)
    income_set = series[0].barSets()[0]
    assert income_set.label() == "Income"
    assert [income_set.at(i) for i in range(12)][:6] == [0, 15000, 0, 0, 0, 15000]
    boxes = {
        panel.sa_table.item(r, 0).text(): panel.sa_table.item(r, 2).text()
        for r in range(panel.sa_table.rowCount())
    }
    assert boxes["9"] == "£30,000.00" and boxes["10.1"] == "£1,000.00"
    deadlines = [
        panel.deadline_table.item(r, 0).text() for r in range(panel.deadline_table.rowCount())
    ]
    assert "31/01/2028" in deadlines and "31/07/2028" in deadlines
    panel.grab().save("/tmp/money-year-view.png")


def test_enter_an_expense_with_a_receipt(
    qtbot,
    panel,
    income_store: Store,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
) -> None:
    panel.tabs.setCurrentIndex(1)
    receipt = png_file(tmp_path)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(receipt), ""))
    )
    type_into(qtbot, panel.expense_date, "03/06/2026")
    type_into(qtbot, panel.expense_supplier, "Simply Business")
    panel.expense_category.setCurrentIndex(panel.expense_category.findData("premises_insurance"))
    type_into(qtbot, panel.expense_description, "Public liability insurance")
    type_into(qtbot, panel.expense_amount, "1,200.00")
    qtbot.mouseClick(panel.receipt_button, Qt.MouseButton.LeftButton)
    assert panel.receipt_name.text() == "Attached: till receipt.png"
    qtbot.mouseClick(panel.add_expense_button, Qt.MouseButton.LeftButton)

    with income_store.reading() as s:
        [row] = list_expenses(s, Y)
        assert (row.supplier, row.amount_pence, row.receipt_mime) == (
            "Simply Business",
            1_200_00,
            "image/png",
        )
        assert receipt_of(s, row.id)[2] == receipt.read_bytes()  # type: ignore[index]
    assert panel.expense_table.rowCount() == 1
    assert panel.expense_table.item(0, 5).text() == "till receipt.png"
    assert panel.expense_supplier.text() == ""  # the form is ready for the next one

    panel.expense_table.selectRow(0)
    assert (
        panel.receipt_preview.pixmap() is not None and not panel.receipt_preview.pixmap().isNull()
    )

    # the year view now claims expenses (£1,200 beats the £1,000 allowance)
    assert panel.figures["expenses"].text() == "£1,200.00"
    assert panel.figures["profit"].text() == "£28,800.00"
    assert "better than the £1,000.00 trading allowance" in panel.advice_label.text()
    expenses_set = panel.chart.series()[0].barSets()[1]
    assert expenses_set.at(2) == 1200  # June
    panel.tabs.setCurrentIndex(0)
    panel.grab().save("/tmp/money-year-view-expense.png")


def test_a_text_file_is_not_a_receipt(
    qtbot,
    panel,
    income_store: Store,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    panel.tabs.setCurrentIndex(1)
    fake = tmp_path / "receipt.png"
    fake.write_text("not really a picture")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(fake), ""))
    )
    qtbot.mouseClick(panel.receipt_button, Qt.MouseButton.LeftButton)
    assert "photo (PNG, JPEG or HEIC) or a PDF" in panel.expense_form.errors.message("receipt")
    assert panel.receipt is None


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("expense_amount", "-3", "cannot be negative"),
        ("expense_amount", "lots", "is not an amount of money"),
        ("expense_date", "31/02/2026", "is not a date"),
        ("expense_date", "01/01/2030", "cannot be in the future"),
        ("expense_supplier", "", "Enter the supplier"),
    ],
)
def test_bad_expense_input_shows_beside_the_field(
    qtbot,
    panel,
    income_store: Store,  # type: ignore[no-untyped-def]
    field: str,
    text: str,
    message: str,
) -> None:
    good = {"expense_date": "03/06/2026", "expense_supplier": "Boots", "expense_amount": "4.99"}
    for name, value in {**good, field: text}.items():
        type_into(qtbot, getattr(panel, name), value)
    qtbot.mouseClick(panel.add_expense_button, Qt.MouseButton.LeftButton)
    names = {
        "expense_amount": "amount_pence",
        "expense_date": "spent_on",
        "expense_supplier": "supplier",
    }
    assert message in panel.expense_form.errors.message(names[field])
    with income_store.reading() as s:
        assert list_expenses(s, Y) == []


def test_log_a_journey_and_see_the_allowance(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    panel.tabs.setCurrentIndex(2)
    type_into(qtbot, panel.journey_date, "04/06/2026")
    type_into(qtbot, panel.journey_from, "Home")
    type_into(qtbot, panel.journey_to, "Tesco, Taunton")
    type_into(qtbot, panel.journey_purpose, "Shopping for a client")
    type_into(qtbot, panel.journey_miles, "12.5")
    qtbot.mouseClick(panel.add_journey_button, Qt.MouseButton.LeftButton)
    assert panel.mileage_table.rowCount() == 1
    assert panel.mileage_table.item(0, 4).text() == "12.5"
    assert panel.mileage_table.item(0, 5).text() == "£5.63"  # 12.5 x 45p = 562.5p, half-up
    type_into(qtbot, panel.journey_miles, "ten")
    qtbot.mouseClick(panel.add_journey_button, Qt.MouseButton.LeftButton)
    assert "not a number of miles" in panel.journey_form.errors.message("miles_tenths")


def test_tax_choices_change_the_estimate(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    panel.tabs.setCurrentIndex(3)
    panel.allowance_combo.setCurrentIndex(panel.allowance_combo.findData("expenses"))
    type_into(qtbot, panel.other_income, "20000")
    qtbot.mouseClick(panel.save_settings_button, Qt.MouseButton.LeftButton)
    # profit £30,000 with £20,000 pension: income tax £7,486.00, of which £1,486.00 by PAYE
    assert panel.figures["income_tax"].text() == "£7,486.00"
    assert panel.figures["to_pay"].text() == "£7,045.80"
    type_into(qtbot, panel.other_income, "-1")
    qtbot.mouseClick(panel.save_settings_button, Qt.MouseButton.LeftButton)
    assert "cannot be negative" in panel.settings_form.errors.message("other_income_pence")


def test_export_writes_the_files(panel, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path / "export"))
    )
    panel.tabs.setCurrentIndex(4)
    panel.export_button.click()
    names = sorted(p.name for p in (tmp_path / "export").iterdir())
    assert names == [
        "expenses.csv",
        "income.csv",
        "mileage.csv",
        "quarters.csv",
        "summary.csv",
        "tax-summary-2026-27.pdf",
    ]
    assert "Saved 6 files" in panel.export_status.text()


def test_delete_an_expense_asks_first(qtbot, panel, income_store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, panel.expense_date, "03/06/2026")
    type_into(qtbot, panel.expense_supplier, "Boots")
    type_into(qtbot, panel.expense_amount, "4.99")
    qtbot.mouseClick(panel.add_expense_button, Qt.MouseButton.LeftButton)
    panel.expense_table.selectRow(0)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )
    panel.delete_expense()
    assert panel.expense_table.rowCount() == 1
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    panel.expense_table.selectRow(0)
    panel.delete_expense()
    assert panel.expense_table.rowCount() == 0


def test_demo_year_view(qtbot, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    widget = make_panel(qtbot, demo_store)
    assert widget.expense_table.rowCount() > 10
    assert widget.mileage_table.rowCount() > 10
    widget.grab().save("/tmp/money-demo-year-view.png")
