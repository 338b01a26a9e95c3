"""The Invoices panel driven as a carer would: make a draft, add a line, issue, pay (part,
then too much: kept as credit), credit note, email, aged debtors, the client's tab."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from app.core.invoicing.models import Invoice, InvoiceStatus, Payment
from tests.core.test_invoicing import make_client, visit

YES = QMessageBox.StandardButton.Yes
NO = QMessageBox.StandardButton.No


@pytest.fixture
def world(ui_ctx):  # type: ignore[no-untyped-def]
    with ui_ctx.store.unit_of_work() as s:
        ada = make_client(s, "Arthur Penrose", payer="Linda Penrose")
        visit(s, ada, date(2026, 10, 6), (9, 0), (10, 0))  # Tuesday, £20
        visit(s, ada, date(2026, 10, 10), (9, 0), (11, 0), miles_tenths=100)  # Saturday £50 + £4.50
        bea = make_client(s, "Bea Self")
        visit(s, bea, date(2026, 10, 7), (14, 0), (15, 0))
    return ui_ctx, ada, bea


@pytest.fixture
def panel(qtbot, world, monkeypatch):  # type: ignore[no-untyped-def]
    from app.ui.invoices.panel import InvoicesPanel

    ctx = world[0]
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    widget = InvoicesPanel(ctx)
    ctx.runner.changed.connect(widget.on_changed)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def invoices(store) -> list[Invoice]:  # type: ignore[no-untyped-def]
    with store.reading() as s:
        rows = list(s.scalars(select(Invoice).order_by(Invoice.id)))
        s.expunge_all()
    return rows


def new_draft(
    qtbot,
    panel,
    client_id: int,
    start: str = "01/10/2026",  # type: ignore[no-untyped-def]
    end: str = "31/10/2026",
):
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.last_dialog
    dialog.client.setCurrentIndex(dialog.client.findData(client_id))
    dialog.period_start.clear()
    qtbot.keyClicks(dialog.period_start, start)
    dialog.period_end.clear()
    qtbot.keyClicks(dialog.period_end, end)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return dialog


def test_create_issue_pay_and_credit(qtbot, panel, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx, ada, _ = world
    assert "No invoices here yet" in panel.empty_label.text()
    dialog = new_draft(qtbot, panel, ada)
    assert not dialog.isVisible()
    assert panel.detail.heading.text() == "Draft invoice for Linda Penrose"
    assert panel.detail.lines.rowCount() == 3  # two visits and the mileage
    assert "care for Arthur Penrose" in panel.detail.facts.text()
    assert panel.model.rowCount() == 1 and panel.model.row_at(0).total_pence == 7450

    # add an extra line to the draft
    qtbot.mouseClick(panel.detail.add_line_button, Qt.MouseButton.LeftButton)
    line = panel.last_dialog
    qtbot.keyClicks(line.description, "Shopping")
    qtbot.keyClicks(line.amount, "12.50")
    qtbot.mouseClick(line.ok_button, Qt.MouseButton.LeftButton)
    assert panel.detail.lines.rowCount() == 4
    assert "Total £87.00" in panel.detail.money.text()

    # issue it
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    qtbot.mouseClick(panel.detail.issue_button, Qt.MouseButton.LeftButton)
    assert panel.detail.heading.text() == "Invoice INV-0001 · Issued"
    assert panel.detail.add_line_button.isHidden() and not panel.detail.pay_button.isHidden()
    (inv,) = invoices(ctx.store)
    with ctx.store.reading() as s:
        pdf = s.get(Invoice, inv.id).pdf
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "INV-0001" in text and "£87.00" in text

    # a part payment
    qtbot.mouseClick(panel.detail.pay_button, Qt.MouseButton.LeftButton)
    pay = panel.last_dialog
    assert pay.amount.text() == "87.00"  # what is owed is offered
    pay.amount.clear()
    qtbot.keyClicks(pay.amount, "50")
    qtbot.keyClicks(pay.reference, "BACS 123")
    qtbot.mouseClick(pay.ok_button, Qt.MouseButton.LeftButton)
    assert not pay.isVisible()
    assert panel.detail.heading.text() == "Invoice INV-0001 · Part paid"
    assert "Still owed: £37.00" in panel.detail.money.text()

    # too much: the carer is asked, says no, and sees why beside the amount
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: NO)
    qtbot.mouseClick(panel.detail.pay_button, Qt.MouseButton.LeftButton)
    pay = panel.last_dialog
    pay.amount.clear()
    qtbot.keyClicks(pay.amount, "40")
    qtbot.mouseClick(pay.ok_button, Qt.MouseButton.LeftButton)
    assert pay.isVisible()
    assert "£3.00 more than the £37.00 owed" in pay.form.errors.message("amount_pence")
    # ... then agrees to keep the extra as credit
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    qtbot.mouseClick(pay.ok_button, Qt.MouseButton.LeftButton)
    assert not pay.isVisible()
    assert panel.detail.heading.text() == "Invoice INV-0001 · Paid"
    with ctx.store.reading() as s:
        payments = list(s.scalars(select(Payment).order_by(Payment.id)))
        assert [p.amount_pence for p in payments] == [5000, 4000]
        assert payments[-1].unallocated_pence == 300

    # a credit note for part of it
    qtbot.mouseClick(panel.detail.credit_button, Qt.MouseButton.LeftButton)
    credit = panel.last_dialog
    qtbot.mouseClick(credit.ok_button, Qt.MouseButton.LeftButton)  # no reason given
    assert credit.isVisible() and "reason" in credit.form.errors.message("reason")
    qtbot.keyClicks(credit.amount, "12.50")
    assert credit.part.isChecked()
    qtbot.keyClicks(credit.reason, "Shopping was already paid for")
    qtbot.mouseClick(credit.ok_button, Qt.MouseButton.LeftButton)
    assert not credit.isVisible()
    assert panel.last_credit_note == "CN-0001"
    assert "Credit note CN-0001" in panel.detail.money.text()
    assert panel.detail.heading.text() == "Invoice INV-0001 · Paid"


def test_credit_in_full_voids_and_frees_the_visits(qtbot, panel, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx, _, bea = world
    new_draft(qtbot, panel, bea)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    qtbot.mouseClick(panel.detail.issue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.detail.credit_button, Qt.MouseButton.LeftButton)
    credit = panel.last_dialog
    assert credit.whole.isChecked()
    qtbot.keyClicks(credit.reason, "Wrong client")
    qtbot.mouseClick(credit.ok_button, Qt.MouseButton.LeftButton)
    assert "Void" in panel.detail.heading.text()
    assert panel.detail.credit_button.isHidden() and panel.detail.pay_button.isHidden()
    new_draft(qtbot, panel, bea)  # the visit can be invoiced again
    assert [i.status for i in invoices(ctx.store)] == [InvoiceStatus.VOID, InvoiceStatus.DRAFT]


@pytest.mark.parametrize(
    "start, end, field, message",
    [
        ("31/10/2026", "01/10/2026", "period_end", "ends before it starts"),
        ("", "31/10/2026", "period_start", "dd/mm/yyyy"),
        ("32/13/2026", "31/10/2026", "period_start", "is not a date"),
        ("01/01/2026", "31/01/2026", "period_start", "nothing to invoice"),
    ],
)
def test_bad_period_is_shown_beside_the_field(
    qtbot,
    panel,
    world,
    start,
    end,
    field,  # type: ignore[no-untyped-def]
    message,
) -> None:
    _, ada, _ = world
    dialog = new_draft(qtbot, panel, ada, start, end)
    assert dialog.isVisible()
    assert message in dialog.form.errors.message(field)
    assert invoices(world[0].store) == []


def test_no_client_chosen(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.last_dialog
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Choose the client" in dialog.form.errors.message("client_id")


def test_invoice_everyone_then_remove_a_line(qtbot, panel, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx, ada, bea = world
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    qtbot.mouseClick(panel.everyone_button, Qt.MouseButton.LeftButton)  # today is 25/11/2026
    assert panel.filter.currentData() == "draft" and panel.model.rowCount() == 2
    panel.select_invoice(next(i.id for i in invoices(ctx.store) if i.client_id == ada))
    panel.detail.lines.selectRow(0)
    qtbot.mouseClick(panel.detail.remove_line_button, Qt.MouseButton.LeftButton)
    assert panel.detail.lines.rowCount() == 2
    qtbot.mouseClick(panel.detail.delete_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1


def test_email_saves_the_pdf_and_opens_a_mailto(
    qtbot,
    panel,
    world,
    monkeypatch,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    _, ada, _ = world
    new_draft(qtbot, panel, ada)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    qtbot.mouseClick(panel.detail.issue_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "out" / "inv.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(panel.detail.email_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    (url,) = opened
    assert url.scheme() == "mailto"
    decoded = url.toString(url.ComponentFormattingOption.FullyDecoded)
    assert "Invoice INV-0001" in decoded and str(target) in decoded


def test_aged_debtors_and_statement(qtbot, panel, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _, ada, _ = world
    new_draft(qtbot, panel, ada)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    qtbot.mouseClick(panel.detail.issue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.aged_button, Qt.MouseButton.LeftButton)
    table = panel.last_dialog.table
    assert table.item(0, 0).text() == "Linda Penrose"
    assert table.item(0, 1).text() == "£74.50"  # not yet due
    panel.last_dialog.close()
    qtbot.mouseClick(panel.detail.statement_button, Qt.MouseButton.LeftButton)
    st = panel.last_dialog
    assert st.payer.currentText() == "Linda Penrose"
    assert st.table.item(0, 1).text() == "INV-0001"
    assert st.balance.text() == "Linda Penrose owes £74.50."


def test_client_tab_lists_the_clients_invoices(qtbot, panel, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.clients.tabs import client_tabs

    ctx, ada, bea = world
    new_draft(qtbot, panel, ada)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    qtbot.mouseClick(panel.detail.issue_button, Qt.MouseButton.LeftButton)
    factory = dict(client_tabs())["Invoices"]
    tab = factory(ctx, ada)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 1 and tab.summary.text() == "Owed: £74.50."
    other = factory(ctx, bea)
    qtbot.addWidget(other)
    assert other.model.rowCount() == 0 and "No invoices" in other.summary.text()


def test_the_list_loads_lazily(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    from app.ui.invoices.panel import InvoicesPanel
    from app.ui.lazy_model import PAGE

    ctx, ada, _ = world
    with ctx.store.unit_of_work() as s:
        for i in range(PAGE + 30):
            s.add(
                Invoice(
                    client_id=ada,
                    period_start=date(2026, 1, 1),
                    period_end=date(2026, 1, 31),
                    payer_name=f"Payer {i}",
                )
            )
    widget = InvoicesPanel(ctx)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == PAGE and widget.model.canFetchMore()
    widget.model.fetchMore()
    assert widget.model.rowCount() == PAGE + 30 and not widget.model.canFetchMore()


def test_credit_held_pays_a_later_invoice(qtbot, panel, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx, ada, _ = world
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    new_draft(qtbot, panel, ada)
    qtbot.mouseClick(panel.detail.issue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.detail.pay_button, Qt.MouseButton.LeftButton)
    pay = panel.last_dialog
    pay.amount.clear()
    qtbot.keyClicks(pay.amount, "84.50")  # £10.00 more than the £74.50 owed, kept as credit
    qtbot.mouseClick(pay.ok_button, Qt.MouseButton.LeftButton)
    assert panel.detail.credit_use_button.isHidden()  # paid: nothing to use it on
    with ctx.store.unit_of_work() as s:
        visit(s, ada, date(2026, 11, 3), (9, 0), (10, 0))
    new_draft(qtbot, panel, ada, "01/11/2026", "24/11/2026")
    qtbot.mouseClick(panel.detail.issue_button, Qt.MouseButton.LeftButton)
    button = panel.detail.credit_use_button
    assert not button.isHidden() and "£10.00" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.detail.heading.text() == "Invoice INV-0002 · Part paid"
    assert "Still owed: £10.00" in panel.detail.money.text()
    assert button.isHidden()


def test_a_payment_recorded_by_mistake_can_be_removed(qtbot, panel, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    _, ada, _ = world
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    new_draft(qtbot, panel, ada)
    qtbot.mouseClick(panel.detail.issue_button, Qt.MouseButton.LeftButton)
    assert panel.detail.unpay_button.isHidden()
    qtbot.mouseClick(panel.detail.pay_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.last_dialog.ok_button, Qt.MouseButton.LeftButton)  # pays it all
    assert panel.detail.heading.text() == "Invoice INV-0001 · Paid"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (a[3][0], True))
    qtbot.mouseClick(panel.detail.unpay_button, Qt.MouseButton.LeftButton)
    assert panel.detail.heading.text() == "Invoice INV-0001 · Issued"
    assert "Still owed: £74.50" in panel.detail.money.text()


def test_preview_shows_the_stored_pdf(qtbot, panel, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx, ada, _ = world
    new_draft(qtbot, panel, ada)
    qtbot.mouseClick(panel.detail.preview_button, Qt.MouseButton.LeftButton)
    draft_preview = panel.last_dialog
    assert draft_preview.page_count == 1 and b"DRAFT" in draft_preview.pdf_bytes
    draft_preview.close()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    qtbot.mouseClick(panel.detail.issue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.detail.preview_button, Qt.MouseButton.LeftButton)
    dialog = panel.last_dialog
    with ctx.store.reading() as s:
        stored = s.scalars(select(Invoice.pdf)).one()
    assert dialog.pdf_bytes == stored and dialog.page_count == 1
    assert dialog.windowTitle() == "Invoice INV-0001"
    dialog.close()
