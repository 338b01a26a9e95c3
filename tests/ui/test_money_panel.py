"""The Money panel driven as a carer would: add an expense with a receipt, read the year view
and its chart, log a journey, set tax choices, export for the accountant."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
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
    assert panel.year_view.figures["turnover"].text() == "£30,000.00"
    assert panel.year_view.figures["profit"].text() == "£29,000.00"
    series = panel.year_view.chart.series()
    assert len(series) == 1 and isinstance(series[0], QBarSeries)
    income_set = series[0].barSets()[0]
    assert income_set.label() == "Income"
    assert [income_set.at(i) for i in range(12)][:6] == [0, 15000, 0, 0, 0, 15000]
    boxes = {
        panel.year_view.sa_table.item(r, 0).text(): panel.year_view.sa_table.item(r, 2).text()
        for r in range(panel.year_view.sa_table.rowCount())
    }
    # the form's order: box 21 is the turnover, the allowance comes off at box 28
    assert list(boxes.items()) == [
        ("9", "£30,000.00"),
        ("10.1", "£1,000.00"),
        ("21", "£30,000.00"),
        ("28", "£29,000.00"),
        ("31", "£29,000.00"),
    ]
    assert panel.year_view.box_note.text().startswith("Box numbers as on the SA103S form for")
    # the allowance is called what it is, never "expenses claimed"
    assert panel.year_view.captions["expenses"].text() == "Trading allowance used"
    assert panel.year_view.advice_label.text() == (
        "Trading allowance used: £1,000.00 (you have recorded no expenses)."
    )
    # Making Tax Digital: cumulative from 6 April, due dates first
    q = panel.year_view.quarters_table
    header = [q.horizontalHeaderItem(c).text() for c in range(q.columnCount())]
    assert header[1:] == [
        "Q1 to 05/07/2026",
        "Q2 to 05/10/2026",
        "Q3 to 05/01/2027",
        "Q4 to 05/04/2027",
    ]
    assert [q.item(0, c).text() for c in range(1, 5)] == [
        "07/08/2026",
        "07/11/2026",
        "07/02/2027",
        "07/05/2027",
    ]
    assert [q.item(1, c).text() for c in range(1, 5)] == [
        "£15,000.00",
        "£30,000.00",
        "£30,000.00",
        "£30,000.00",
    ]
    deadlines = [
        panel.year_view.deadline_table.item(r, 0).text()
        for r in range(panel.year_view.deadline_table.rowCount())
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
    type_into(qtbot, panel.expenses.expense_date, "03/06/2026")
    type_into(qtbot, panel.expenses.expense_supplier, "Simply Business")
    panel.expenses.expense_category.setCurrentIndex(
        panel.expenses.expense_category.findData("premises_insurance")
    )
    type_into(qtbot, panel.expenses.expense_description, "Public liability insurance")
    type_into(qtbot, panel.expenses.expense_amount, "1,200.00")
    qtbot.mouseClick(panel.expenses.receipt_button, Qt.MouseButton.LeftButton)
    assert panel.expenses.receipt_name.text() == "Attached: till receipt.png"
    qtbot.mouseClick(panel.expenses.add_expense_button, Qt.MouseButton.LeftButton)

    with income_store.reading() as s:
        [row] = list_expenses(s, Y)
        assert (row.supplier, row.amount_pence, row.receipt_mime) == (
            "Simply Business",
            1_200_00,
            "image/png",
        )
        assert receipt_of(s, row.id)[2] == receipt.read_bytes()  # type: ignore[index]
    assert panel.expenses.expense_table.rowCount() == 1
    assert panel.expenses.expense_table.item(0, 5).text() == "till receipt.png"
    assert panel.expenses.expense_supplier.text() == ""  # the form is ready for the next one

    panel.expenses.expense_table.selectRow(0)
    assert (
        panel.expenses.receipt_preview.pixmap() is not None
        and not panel.expenses.receipt_preview.pixmap().isNull()
    )

    # the year view now claims expenses (£1,200 beats the £1,000 allowance)
    assert panel.year_view.figures["expenses"].text() == "£1,200.00"
    assert panel.year_view.figures["profit"].text() == "£28,800.00"
    assert "better than the £1,000.00 trading allowance" in panel.year_view.advice_label.text()
    expenses_set = panel.year_view.chart.series()[0].barSets()[1]
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
    qtbot.mouseClick(panel.expenses.receipt_button, Qt.MouseButton.LeftButton)
    assert "photo (PNG, JPEG or HEIC) or a PDF" in panel.expenses.expense_form.errors.message(
        "receipt"
    )
    assert panel.expenses.receipt is None


def test_an_iphone_receipt_is_kept_and_shown(
    qtbot,
    panel,
    income_store: Store,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    from tests.documents.test_portfolio_pdf import heic_bytes

    panel.tabs.setCurrentIndex(1)
    photo = tmp_path / "IMG_2231.HEIC"
    photo.write_bytes(heic_bytes())
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(photo), ""))
    )
    type_into(qtbot, panel.expenses.expense_date, "03/06/2026")
    type_into(qtbot, panel.expenses.expense_supplier, "Boots")
    type_into(qtbot, panel.expenses.expense_amount, "12.50")
    qtbot.mouseClick(panel.expenses.receipt_button, Qt.MouseButton.LeftButton)
    assert panel.expenses.receipt_name.text() == "Attached: IMG_2231.HEIC"
    qtbot.mouseClick(panel.expenses.add_expense_button, Qt.MouseButton.LeftButton)
    with income_store.reading() as s:
        [row] = list_expenses(s, Y)
        assert row.receipt_mime == "image/heic"
    panel.expenses.expense_table.selectRow(0)
    assert not panel.expenses.receipt_preview.pixmap().isNull()  # decoded by pi-heif


def test_without_the_heic_decoder_an_iphone_receipt_gets_plain_advice(
    qtbot,
    panel,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    from tests.documents.test_portfolio_pdf import heic_bytes

    monkeypatch.setitem(sys.modules, "pi_heif", None)  # as if pi-heif were not installed
    panel.tabs.setCurrentIndex(1)
    photo = tmp_path / "IMG_2231.HEIC"
    photo.write_bytes(heic_bytes())
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(photo), ""))
    )
    qtbot.mouseClick(panel.expenses.receipt_button, Qt.MouseButton.LeftButton)
    message = panel.expenses.expense_form.errors.message("receipt")
    assert message.startswith("The receipt is in Apple's HEIC photo format")
    assert "Most Compatible" in message and "JPEG" in message
    assert panel.expenses.receipt is None


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
        type_into(qtbot, getattr(panel.expenses, name), value)
    qtbot.mouseClick(panel.expenses.add_expense_button, Qt.MouseButton.LeftButton)
    names = {
        "expense_amount": "amount_pence",
        "expense_date": "spent_on",
        "expense_supplier": "supplier",
    }
    assert message in panel.expenses.expense_form.errors.message(names[field])
    with income_store.reading() as s:
        assert list_expenses(s, Y) == []


def test_log_a_journey_and_see_the_allowance(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    panel.tabs.setCurrentIndex(2)
    type_into(qtbot, panel.mileage.journey_date, "04/06/2026")
    type_into(qtbot, panel.mileage.journey_from, "Home")
    type_into(qtbot, panel.mileage.journey_to, "Tesco, Taunton")
    type_into(qtbot, panel.mileage.journey_purpose, "Shopping for a client")
    type_into(qtbot, panel.mileage.journey_miles, "12.5")
    qtbot.mouseClick(panel.mileage.add_journey_button, Qt.MouseButton.LeftButton)
    assert panel.mileage.mileage_model.rowCount() == 1
    assert panel.mileage.mileage_model.index(0, 4).data() == "12.5"
    assert panel.mileage.mileage_model.index(0, 5).data() == "£5.63"  # 12.5 x 45p = 562.5p, half-up
    type_into(qtbot, panel.mileage.journey_miles, "ten")
    qtbot.mouseClick(panel.mileage.add_journey_button, Qt.MouseButton.LeftButton)
    assert "not a number of miles" in panel.mileage.journey_form.errors.message("miles_tenths")


def test_mileage_log_greys_visits_and_deletes_only_journeys(  # type: ignore[no-untyped-def]
    qtbot, store: Store, monkeypatch
) -> None:
    from datetime import UTC, datetime

    from app.core.clients import ClientDraft, add_client
    from app.core.money.mileage import JourneyDraft, add_journey
    from app.core.visits.models import Visit, VisitStatus
    from app.ui.style import MUTED

    with store.unit_of_work() as s:
        client = add_client(s, ClientDraft(name="Margaret Ellis"), today=TODAY)
        start = datetime(2026, 6, 1, 9, tzinfo=UTC)
        s.add(
            Visit(
                client_id=client.id,
                planned_start=start,
                planned_end=start.replace(hour=10),
                actual_start=start,
                actual_end=start.replace(hour=10),
                status=VisitStatus.DELIVERED,
                miles_tenths=125,
            )
        )
        add_journey(
            s,
            JourneyDraft(date(2026, 6, 1), "Home", "Boots", "Prescription", 40, client.id),
            today=TODAY,
        )
    panel = make_panel(qtbot, store)
    panel.tabs.setCurrentIndex(2)
    model, table = panel.mileage.mileage_model, panel.mileage.mileage_table
    assert [[model.index(r, c).data() for c in (0, 1, 4, 6)] for r in range(2)] == [
        ["01/06/2026", "Home", "4.0", "Margaret Ellis"],
        ["01/06/2026", "", "12.5", "Margaret Ellis"],
    ]
    fg = Qt.ItemDataRole.ForegroundRole
    assert model.index(0, 0).data(fg) is None  # entered by hand
    assert model.index(1, 0).data(fg).name() == QColor(MUTED).name()  # from the visit log
    right = model.index(0, 4).data(Qt.ItemDataRole.TextAlignmentRole)
    assert (
        right & Qt.AlignmentFlag.AlignRight
        and model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) is None
    )
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    panel.mileage.delete_journey()  # nothing chosen
    table.selectRow(1)
    panel.mileage.delete_journey()  # a visit's miles are changed on the visit
    assert len(told) == 2 and model.rowCount() == 2
    table.selectRow(0)
    panel.mileage.delete_journey()
    assert model.rowCount() == 1 and model.index(0, 4).data() == "12.5"


def test_tax_choices_change_the_estimate(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    panel.tabs.setCurrentIndex(3)
    panel.income.allowance_combo.setCurrentIndex(panel.income.allowance_combo.findData("expenses"))
    type_into(qtbot, panel.income.other_income, "20000")
    qtbot.mouseClick(panel.income.save_settings_button, Qt.MouseButton.LeftButton)
    # profit £30,000 with £20,000 pension: income tax £7,486.00, of which £1,486.00 by PAYE
    assert panel.year_view.figures["income_tax"].text() == "£7,486.00"
    assert panel.year_view.figures["to_pay"].text() == "£7,045.80"
    type_into(qtbot, panel.income.other_income, "-1")
    qtbot.mouseClick(panel.income.save_settings_button, Qt.MouseButton.LeftButton)
    assert "cannot be negative" in panel.income.settings_form.errors.message("other_income_pence")


def test_export_writes_the_files(panel, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path / "export"))
    )
    panel.tabs.setCurrentIndex(4)
    panel.export.export_button.click()
    names = sorted(p.name for p in (tmp_path / "export").iterdir())
    assert names == [
        "expenses.csv",
        "income.csv",
        "mileage.csv",
        "quarters.csv",
        "summary.csv",
        "tax-summary-2026-27.pdf",
    ]
    assert "Saved 6 files" in panel.export.export_status.text()


def test_delete_an_expense_asks_first(qtbot, panel, income_store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, panel.expenses.expense_date, "03/06/2026")
    type_into(qtbot, panel.expenses.expense_supplier, "Boots")
    type_into(qtbot, panel.expenses.expense_amount, "4.99")
    qtbot.mouseClick(panel.expenses.add_expense_button, Qt.MouseButton.LeftButton)
    panel.expenses.expense_table.selectRow(0)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )
    panel.expenses.delete_expense()
    assert panel.expenses.expense_table.rowCount() == 1
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    panel.expenses.expense_table.selectRow(0)
    panel.expenses.delete_expense()
    assert panel.expenses.expense_table.rowCount() == 0


def test_demo_year_view(qtbot, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    widget = make_panel(qtbot, demo_store)
    assert widget.expenses.expense_table.rowCount() > 10
    assert widget.mileage.mileage_model.rowCount() > 10
    widget.grab().save("/tmp/money-demo-year-view.png")


def test_each_tab_refreshes_by_itself(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    """A tab is its own module with its own refresh: refreshing one reloads only its figures."""
    from app.ui.money.common import MoneyTab

    assert all(isinstance(p, MoneyTab) for p in panel.pages)
    tabs = [panel.tabs.widget(i).widget() for i in range(panel.tabs.count())]  # in scroll areas
    assert tabs[: len(panel.pages)] == panel.pages  # then 'Being self-employed' (status)
    panel.mileage.mileage_model.show([])
    panel.expenses.expense_total.setText("stale")
    panel.expenses.refresh()
    assert panel.expenses.expense_total.text() == "0 expenses, £0.00 in all"
    assert panel.mileage.mileage_model.rowCount() == 0  # untouched until it refreshes itself


def test_explanations_come_from_the_rate_table(qtbot, panel, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Change the year's rates and the words on screen follow: no figure is typed in twice."""
    import dataclasses

    from app.core.money import tax_rates

    changed = dataclasses.replace(
        tax_rates.RATES["2026-27"],
        mileage_first_pence_per_mile=55,
        mileage_threshold_miles=12_000,
        use_of_home_rates=((101, 30_00), (51, 20_00), (25, 12_00)),
        trading_allowance_pence=1_500_00,
    )
    monkeypatch.setitem(tax_rates.RATES, "2026-27", changed)
    panel.refresh()
    assert "55p a mile for the first 12,000 business miles" in panel.mileage.mileage_total.text()
    assert "25–50 h £12, 51–100 h £20, 101 h or more £30 a month" in (
        panel.expenses.home_summary.text()
    )
    labels = [panel.income.allowance_combo.itemText(i) for i in range(3)]
    assert "The £1,500 trading allowance" in labels
