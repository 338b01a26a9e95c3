"""Working hours and free time in Settings, the Timesheets tab and the Receipt button,
driven as the carer would with real widgets over a real encrypted store."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from app.core.availability import due
from app.core.visits.timesheets import timesheets_for
from tests.conftest import TODAY
from tests.core.test_invoicing import make_client, visit
from tests.core.test_invoicing_payments import issued, pay
from tests.core.test_visits import make_contract

LEFT = Qt.MouseButton.LeftButton


def pdf_text(data: bytes) -> str:
    return " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def hours_section(qtbot, ui_ctx):  # type: ignore[no-untyped-def]
    from app.ui.schemes_records.availability import WorkingHoursSection

    widget = WorkingHoursSection(ui_ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_into(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_working_hours_free_time_and_copying(qtbot, ui_ctx, hours_section) -> None:  # type: ignore[no-untyped-def]
    w = hours_section
    assert "Enter your working hours" in w.copy_state.text()
    assert not w.copy_button.isEnabled()
    monday, tuesday = w.rows[0], w.rows[1]
    type_into(qtbot, monday[0], "09:00")
    type_into(qtbot, monday[1], "17:00")
    type_into(qtbot, tuesday[0], "17:00")
    type_into(qtbot, tuesday[1], "09:00")  # backwards: the message goes beside Tuesday
    qtbot.mouseClick(w.save_button, LEFT)
    assert "finish must be after the start" in w.errors.message("tuesday_end")
    type_into(qtbot, tuesday[0], "10:00")
    type_into(qtbot, tuesday[1], "1400")
    type_into(qtbot, tuesday[2], "12:00")
    type_into(qtbot, tuesday[3], "12:30")
    qtbot.mouseClick(w.save_button, LEFT)
    assert w.saved_label.text() == "Saved."
    assert tuesday[1].text() == "14:00"  # read kindly, shown as hh:mm
    assert w.text.toPlainText() == "Mon 09:00–17:00; Tue 10:00–12:00, 12:30–14:00"
    assert w.grid_view.week is not None and len(w.grid_view.week.free) == 3
    with ui_ctx.store.reading() as s:
        assert [i.heading for i in due(s, TODAY)] == ["Directory availability"]

    qtbot.mouseClick(w.copy_button, LEFT)
    assert QGuiApplication.clipboard().text() == w.text.toPlainText()
    assert "Copied" in w.copy_state.text()
    with ui_ctx.store.reading() as s:
        assert due(s, TODAY) == []

    # a new signed agreement on Monday morning: free time changes and the section says so
    with ui_ctx.store.unit_of_work() as s:
        from tests.core.test_visits import make_client as visits_client

        make_contract(
            s, visits_client(s), starts_on=date(2026, 1, 5), slots=[(0, "09:00", "10:00")]
        )
    from app.core.changes import Area, changes

    ui_ctx.runner.changed.emit(changes(Area.CONTRACTS))
    assert w.text.toPlainText().startswith("Mon 10:00–17:00")  # no travel time set
    assert "changed since you last copied" in w.copy_state.text()


def test_the_section_is_in_settings(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from app.ui.settings.sections import settings_sections

    assert "Working hours and free time" in [title for title, _ in settings_sections()]


@pytest.fixture
def client_world(ui_ctx):  # type: ignore[no-untyped-def]
    with ui_ctx.store.unit_of_work() as s:
        cid = make_client(s, "Arthur Penrose", payer="Linda Penrose")
        visit(s, cid, date(2026, 10, 6), (9, 0), (10, 5))
        visit(s, cid, date(2026, 10, 8), (13, 58), (14, 59))
    return ui_ctx, cid


def test_timesheet_tab_makes_keeps_and_records_signing(  # type: ignore[no-untyped-def]
    qtbot, client_world, monkeypatch
) -> None:
    from app.ui import pdf_preview
    from app.ui.schemes_records.timesheets import TimesheetsTab

    ctx, cid = client_world
    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(
        pdf_preview, "show_pdf", lambda p, data, title, name: shown.append((data, name))
    )
    tab = TimesheetsTab(ctx, cid)
    qtbot.addWidget(tab)
    tab.show()
    assert (tab.start.text(), tab.end.text()) == ("01/10/2026", "31/10/2026")  # last month
    assert tab.table.rowCount() == 0 and not tab.open_button.isEnabled()

    type_into(qtbot, tab.end, "30/09/2026")  # before the first day
    qtbot.mouseClick(tab.make_button, LEFT)
    assert "before the first day" in tab.form.errors.message("period_end")
    type_into(qtbot, tab.end, "31/10/2026")
    qtbot.mouseClick(tab.make_button, LEFT)
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "2" and tab.table.item(0, 2).text() == "2 h 06 min"
    assert tab.table.item(0, 4).text() == "Not yet"
    [(data, name)] = shown
    text = pdf_text(data)
    assert "TIMESHEET" in text and "1 h 05 min" in text and "Linda Penrose" in text
    assert name == "Timesheet 2026-10-01 to 2026-10-31.pdf"

    tab.table.selectRow(0)
    assert tab.signed_button.isEnabled()
    qtbot.mouseClick(tab.signed_button, LEFT)
    dialog = tab.last_dialog
    assert dialog.signed_by.text() == "Linda Penrose" and dialog.signed_on.text() == "25/11/2026"
    type_into(qtbot, dialog.signed_on, "26/11/2026")  # tomorrow
    dialog._accept()
    assert "future" in dialog.form.errors.message("signed_on") and dialog.isVisible()
    type_into(qtbot, dialog.signed_on, "25/11/2026")
    dialog._accept()
    assert not dialog.isVisible()
    assert tab.table.item(0, 4).text() == "25/11/2026 by Linda Penrose"
    tab.table.selectRow(0)
    assert not tab.signed_button.isEnabled() and tab.open_button.isEnabled()
    with ctx.store.reading() as s:
        [row] = timesheets_for(s, cid)
    assert row.signed_on == date(2026, 11, 25)


def test_receipt_button_on_an_invoice_with_payments(qtbot, ui_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui import pdf_preview
    from app.ui.invoices.panel import InvoicesPanel

    with ui_ctx.store.unit_of_work() as s:
        cid = make_client(s, "Arthur Penrose", payer="Linda Penrose")
        inv = issued(s, cid, 9, hours=3)
        unpaid = issued(s, cid, 10, hours=1)
        pay(s, 2500, inv, on=date(2026, 11, 2))
        pay(s, 3500, inv, on=date(2026, 11, 9))
        inv_id, unpaid_id = inv.id, unpaid.id
    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(
        pdf_preview, "show_pdf", lambda p, data, title, name: shown.append((data, name))
    )
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    picked: list[list[str]] = []

    def pick(parent, title, label, items, current, editable):  # type: ignore[no-untyped-def]
        picked.append(list(items))
        return items[0], True

    monkeypatch.setattr("app.ui.schemes_records.receipts.QInputDialog.getItem", pick)
    panel = InvoicesPanel(ui_ctx)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.select_invoice(unpaid_id)
    assert not panel.detail.receipt_button.isVisibleTo(panel)  # nothing paid on it yet
    assert panel.select_invoice(inv_id)
    assert panel.detail.receipt_button.isVisibleTo(panel)
    qtbot.mouseClick(panel.detail.receipt_button, LEFT)
    assert picked == [["£25.00 received 02/11/2026", "£35.00 received 09/11/2026"]]
    [(data, name)] = shown
    text = pdf_text(data)
    assert "RECEIPT" in text and "£25.00" in text and "Linda Penrose" in text
    assert "Still owed on these invoices: £35.00" in text and "Received with thanks" in text
    assert name.startswith("Receipt R") and name.endswith(".pdf")
