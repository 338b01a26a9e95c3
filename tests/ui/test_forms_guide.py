"""Forms that guide: Enter does the main action and Escape cancels in every dialog; Save
scrolls to and focuses the first invalid field and counts what is left to fix; a message
goes as soon as its field changes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QScrollArea
from sqlalchemy import select

from app.core.invoicing.models import Invoice
from tests.core.test_invoicing import make_client, visit


@pytest.fixture
def invoices_panel(qtbot, ui_ctx, monkeypatch):  # type: ignore[no-untyped-def]
    from app.ui.invoices.panel import InvoicesPanel

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    with ui_ctx.store.unit_of_work() as s:
        ada = make_client(s, "Arthur Penrose")
        visit(s, ada, date(2026, 10, 6), (9, 0), (10, 0))
    panel = InvoicesPanel(ui_ctx)
    ui_ctx.runner.changed.connect(panel.on_changed)
    qtbot.addWidget(panel)
    panel.show()
    return panel, ada


def open_new_invoice(qtbot, panel):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.last_dialog
    qtbot.waitExposed(dialog)
    return dialog


def drafts(store) -> int:  # type: ignore[no-untyped-def]
    with store.reading() as s:
        return len(list(s.scalars(select(Invoice))))


def test_enter_makes_the_draft_even_with_cancel_focused(qtbot, invoices_panel, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    panel, ada = invoices_panel
    dialog = open_new_invoice(qtbot, panel)
    dialog.client.setCurrentIndex(dialog.client.findData(ada))
    dialog.period_start.setText("01/10/2026")
    dialog.period_end.setText("31/10/2026")
    assert dialog.ok_button.isDefault() and not dialog.back_button.isDefault()
    dialog.back_button.setFocus()
    qtbot.keyClick(dialog.period_end, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert drafts(ui_ctx.store) == 1


def test_escape_cancels_and_keeps_nothing(qtbot, invoices_panel, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    panel, ada = invoices_panel
    dialog = open_new_invoice(qtbot, panel)
    dialog.client.setCurrentIndex(dialog.client.findData(ada))
    qtbot.keyClick(dialog.client, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert drafts(ui_ctx.store) == 0


def test_two_bad_dates_say_two_things_to_fix_and_each_clears_when_changed(
    qtbot, invoices_panel
) -> None:  # type: ignore[no-untyped-def]
    panel, ada = invoices_panel
    dialog = open_new_invoice(qtbot, panel)
    dialog.client.setCurrentIndex(dialog.client.findData(ada))
    dialog.period_start.setText("32/13/2026")
    dialog.period_end.setText("someday")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.summary.text() == "2 things to fix"
    assert dialog.form.errors.message("period_start") and dialog.form.errors.message("period_end")
    assert dialog.focusWidget() is dialog.period_start
    qtbot.keyClicks(dialog.period_start, "x")  # the carer starts fixing it
    assert dialog.form.errors.message("period_start") == ""
    assert dialog.summary.text() == "1 thing to fix"
    qtbot.keyClicks(dialog.period_end, "x")
    assert dialog.form.errors.message("period_end") == ""
    assert dialog.summary.isHidden()


def test_save_scrolls_to_a_field_out_of_sight(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from app.ui.clients.panel import ClientsPanel

    panel = ClientsPanel(ui_ctx)
    qtbot.addWidget(panel)
    panel.resize(900, 420)  # a short screen: the form scrolls
    panel.show()
    qtbot.waitExposed(panel)
    scroll = panel.form.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    bar = scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)  # no name typed
    field = panel.form.errors._widgets["name"]
    assert panel.form.errors.message("name")
    assert panel.focusWidget() is field
    top = field.mapTo(scroll.widget(), field.rect().topLeft()).y()
    assert bar.value() <= top
