"""Enter in Money's inline forms adds the expense or the journey, as the button would."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.money.expenses import list_expenses
from app.core.money.mileage import mileage_log
from app.core.money.tax_rates import rates_for
from app.storage.database import Store
from tests.ui.test_money_panel import Y, income_store, panel, type_into

__all__ = ["income_store", "panel"]  # fixtures used by name below


def expenses_in(store: Store) -> list[tuple[str, int]]:
    with store.reading() as s:
        return [(e.supplier, e.amount_pence) for e in list_expenses(s, Y)]


def journeys_in(store: Store) -> list[tuple[str, int]]:
    with store.reading() as s:
        return [(j.to_place, j.miles_tenths) for j in mileage_log(s, Y, rates_for(Y))]


def test_enter_in_the_expense_form_adds_the_expense(qtbot, panel, income_store) -> None:  # type: ignore[no-untyped-def]
    panel.tabs.setCurrentIndex(1)
    tab = panel.expenses
    type_into(qtbot, tab.expense_date, "03/06/2026")
    type_into(qtbot, tab.expense_supplier, "Boots")
    type_into(qtbot, tab.expense_amount, "4.99")
    tab.receipt_button.setFocus()
    qtbot.keyClick(tab.receipt_button, Qt.Key.Key_Return)  # a focused button keeps its Enter
    assert expenses_in(income_store) == []
    tab.expense_amount.setFocus()
    qtbot.keyClick(tab.expense_amount, Qt.Key.Key_Return)
    assert expenses_in(income_store) == [("Boots", 499)]
    assert tab.expense_table.rowCount() == 1
    assert tab.expense_supplier.text() == ""  # ready for the next one


def test_enter_on_the_category_box_adds_too_and_bad_input_is_shown(
    qtbot, panel, income_store
) -> None:  # type: ignore[no-untyped-def]
    panel.tabs.setCurrentIndex(1)
    tab = panel.expenses
    type_into(qtbot, tab.expense_date, "03/06/2026")
    type_into(qtbot, tab.expense_supplier, "Boots")
    type_into(qtbot, tab.expense_amount, "lots")
    tab.expense_category.setFocus()
    qtbot.keyClick(tab.expense_category, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert "is not an amount of money" in tab.expense_form.errors.message("amount_pence")
    assert expenses_in(income_store) == []
    type_into(qtbot, tab.expense_amount, "2.50")
    tab.expense_category.setFocus()
    qtbot.keyClick(tab.expense_category, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert expenses_in(income_store) == [("Boots", 250)]


def test_enter_in_the_journey_form_adds_the_journey(qtbot, panel, income_store) -> None:  # type: ignore[no-untyped-def]
    panel.tabs.setCurrentIndex(2)
    tab = panel.mileage
    type_into(qtbot, tab.journey_date, "04/06/2026")
    type_into(qtbot, tab.journey_from, "Home")
    type_into(qtbot, tab.journey_to, "Tesco, Taunton")
    type_into(qtbot, tab.journey_purpose, "Shopping for a client")
    type_into(qtbot, tab.journey_miles, "ten")
    qtbot.keyClick(tab.journey_miles, Qt.Key.Key_Return)
    assert "not a number of miles" in tab.journey_form.errors.message("miles_tenths")
    assert journeys_in(income_store) == []
    type_into(qtbot, tab.journey_miles, "12.5")
    qtbot.keyClick(tab.journey_miles, Qt.Key.Key_Return)
    assert journeys_in(income_store) == [("Tesco, Taunton", 125)]
    assert tab.mileage_model.rowCount() == 1
