"""New invoice opens on the period Daybook proposes (the agreement's invoicing frequency,
the uninvoiced delivered visits) and lists those visits before the draft is made; the one
"save PDF as" says where it saved and meets a failed write calmly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from app.core.contracts.models import InvoiceFrequency
from app.core.invoicing.models import Invoice
from app.core.visits.models import VisitStatus
from tests.core.test_invoicing import make_client, visit


@pytest.fixture
def world(ui_ctx):  # type: ignore[no-untyped-def]
    """Today is Wednesday 25/11/2026. Ada is invoiced monthly and has only November's visits
    waiting (finding 7: last month would have nothing); Wendy weekly; Nell has nothing."""
    with ui_ctx.store.unit_of_work() as s:
        ada = make_client(s, "Ada Monthly")
        visit(s, ada, date(2026, 11, 3), (9, 0), (10, 5))  # Tuesday, £20/h: 65 min
        visit(s, ada, date(2026, 11, 10), (9, 0), (11, 0))
        visit(s, ada, date(2026, 11, 12), (9, 0), (10, 0), status=VisitStatus.PLANNED)
        wendy = make_client(
            s,
            "Wendy Weekly",
            starts_on=date(2026, 10, 5),
            invoice_frequency=InvoiceFrequency.WEEKLY,  # type: ignore[arg-type]
        )
        visit(s, wendy, date(2026, 11, 17), (14, 0), (15, 0))
        visit(s, wendy, date(2026, 11, 18), (14, 0), (15, 0))
        visit(s, wendy, date(2026, 11, 24), (14, 0), (15, 0))  # the next week
        nell = make_client(s, "Nell Nothing")
    return ui_ctx, ada, wendy, nell


@pytest.fixture
def panel(qtbot, world):  # type: ignore[no-untyped-def]
    from app.ui.invoices.panel import InvoicesPanel

    ctx = world[0]
    widget = InvoicesPanel(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def open_dialog(qtbot, panel, client_id: int | None = None):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.last_dialog
    qtbot.waitExposed(dialog)
    if client_id is not None:
        dialog.client.setCurrentIndex(dialog.client.findData(client_id))
    return dialog


def listed(dialog) -> list[list[str]]:  # type: ignore[no-untyped-def]
    table = dialog.visits
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def invoices(store) -> list[Invoice]:  # type: ignore[no-untyped-def]
    with store.reading() as s:
        rows = list(s.scalars(select(Invoice).order_by(Invoice.id)))
        s.expunge_all()
    return rows


def test_choosing_a_client_fills_the_proposed_month_and_lists_its_visits(
    qtbot, panel, world
) -> None:  # type: ignore[no-untyped-def]
    _, ada, _, _ = world
    dialog = open_dialog(qtbot, panel)
    assert dialog.visits.rowCount() == 0
    assert dialog.totals.text() == "Choose a client to see the visits to invoice."
    names = [dialog.client.itemText(i) for i in range(dialog.client.count())]
    assert names[1:] == [
        "Ada Monthly  (2 to invoice)",
        "Nell Nothing",
        "Wendy Weekly  (3 to invoice)",
    ]
    dialog.client.setCurrentIndex(dialog.client.findData(ada))
    assert (dialog.period_start.text(), dialog.period_end.text()) == ("01/11/2026", "30/11/2026")
    assert listed(dialog) == [
        ["03/11/2026", "09:00–10:05", "1 h 05 min", "£21.67"],
        ["10/11/2026", "09:00–11:00", "2 h", "£40.00"],
    ]
    assert dialog.totals.text() == "2 visits, 3 h 05 min: £61.67"
    text = dialog.proposed.text()
    assert text.startswith("2 visits to invoice from 01/11/2026 to 30/11/2026 (monthly")
    assert "runs until 30/11/2026" in text and "Add new visits" in text


def test_a_weekly_client_gets_the_week_with_the_oldest_visits(qtbot, panel, world) -> None:  # type: ignore[no-untyped-def]
    _, _, wendy, _ = world
    dialog = open_dialog(qtbot, panel, wendy)
    assert (dialog.period_start.text(), dialog.period_end.text()) == ("16/11/2026", "22/11/2026")
    assert [row[0] for row in listed(dialog)] == ["17/11/2026", "18/11/2026"]
    assert "1 later period also has visits to invoice, from 23/11/2026" in dialog.proposed.text()
    assert "runs until" not in dialog.proposed.text()  # that week is over


def test_changing_the_dates_updates_the_list(qtbot, panel, world) -> None:  # type: ignore[no-untyped-def]
    _, _, wendy, _ = world
    dialog = open_dialog(qtbot, panel, wendy)
    dialog.period_end.clear()
    qtbot.keyClicks(dialog.period_end, "30/11/202")  # half typed: no list, no message yet
    assert dialog.visits.rowCount() == 0 and "Enter both dates" in dialog.totals.text()
    assert dialog.form.errors.message("period_end") == ""
    qtbot.keyClicks(dialog.period_end, "6")
    assert [row[0] for row in listed(dialog)] == ["17/11/2026", "18/11/2026", "24/11/2026"]
    dialog.period_start.clear()
    qtbot.keyClicks(dialog.period_start, "24/11/2026")
    assert [row[0] for row in listed(dialog)] == ["24/11/2026"]
    dialog.period_start.clear()
    qtbot.keyClicks(dialog.period_start, "01/12/2026")  # after the end
    assert dialog.visits.rowCount() == 0


def test_enter_makes_the_draft_for_the_proposed_period(qtbot, panel, world) -> None:  # type: ignore[no-untyped-def]
    ctx, _, wendy, _ = world
    dialog = open_dialog(qtbot, panel, wendy)
    assert dialog.ok_button.isDefault()
    qtbot.keyClick(dialog.client, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (draft,) = invoices(ctx.store)
    assert (draft.period_start, draft.period_end) == (date(2026, 11, 16), date(2026, 11, 22))
    assert panel.detail.heading.text() == "Draft invoice for Wendy Weekly"
    assert panel.detail.lines.rowCount() == 2
    # the next time, the following week is proposed
    again = open_dialog(qtbot, panel, wendy)
    assert (again.period_start.text(), again.period_end.text()) == ("23/11/2026", "29/11/2026")


def test_escape_cancels(qtbot, panel, world) -> None:  # type: ignore[no-untyped-def]
    ctx, ada, _, _ = world
    dialog = open_dialog(qtbot, panel, ada)
    qtbot.keyClick(dialog.period_start, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert invoices(ctx.store) == []


def test_nothing_to_invoice_is_said_in_the_dialog_not_in_an_error_box(
    qtbot, panel, world, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _, _, _, nell = world
    boxes: list[str] = []
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: boxes.append(a[2]))
    dialog = open_dialog(qtbot, panel, nell)
    assert dialog.proposed.text() == (
        "Nothing to invoice for Nell Nothing: every delivered visit is on an invoice already."
    )
    assert dialog.visits.rowCount() == 0
    assert dialog.totals.text() == "No delivered visits to invoice in these dates."
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and boxes == []
    assert "nothing to invoice" in dialog.form.errors.message("period_start")


def test_new_invoice_from_elsewhere_opens_on_the_client(qtbot, panel, world) -> None:  # type: ignore[no-untyped-def]
    _, ada, _, _ = world
    panel.new_invoice(ada)
    dialog = panel.last_dialog
    assert dialog.client.currentData() == ada
    assert dialog.period_start.text() == "01/11/2026" and dialog.visits.rowCount() == 2


def test_invoice_everyone_follows_each_agreement_and_says_what_waits(
    qtbot, panel, world, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    ctx, ada, wendy, _ = world
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]))
    qtbot.mouseClick(panel.everyone_button, Qt.MouseButton.LeftButton)
    (draft,) = invoices(ctx.store)  # Wendy's ended week; November and this week wait
    assert (draft.client_id, draft.period_start) == (wendy, date(2026, 11, 16))
    (text,) = said
    assert text.startswith("1 draft invoice made.")
    assert "• Ada Monthly: 01/11/2026 to 30/11/2026" in text
    assert "• Wendy Weekly: 23/11/2026 to 29/11/2026" in text


# ---------------------------------------------------------------- the one save-as


def one_page_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Care agreement")
    page.save()
    return out.getvalue()


def test_saving_an_invoice_pdf_confirms_where(qtbot, panel, world, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, ada, _, _ = world
    dialog = open_dialog(qtbot, panel, ada)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]))
    out = tmp_path / "out"
    out.mkdir()
    target = out / "Invoice 01.11.2026"  # no .pdf typed; the dots stay
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(panel.detail.save_button, Qt.MouseButton.LeftButton)
    saved = out / "Invoice 01.11.2026.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert said == [f"Saved to {saved}"]
    assert list(out.iterdir()) == [saved]  # no .partial left beside it


def test_the_preview_save_as_confirms_and_a_failed_write_is_calm(
    qtbot, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Finding 10: the contract preview's Save as PDF said nothing."""
    from app.ui.pdf_preview import PdfPreviewDialog

    pdf = one_page_pdf()
    dialog = PdfPreviewDialog(pdf, "Agreement", "Agreement.pdf")
    qtbot.addWidget(dialog)
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(("info", a[2])))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(("warn", a[2])))
    gone = tmp_path / "no such folder" / "Agreement.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(gone), ""))
    assert dialog.save_document() is None and dialog.saved_to is None
    ((kind, text),) = said
    assert kind == "warn" and text.startswith("Daybook could not save the PDF there (")
    assert "Nothing is lost: choose another folder" in text
    assert not gone.parent.exists()

    said.clear()
    good = tmp_path / "Agreement.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(good), ""))
    assert dialog.save_document() == good and good.read_bytes() == pdf
    assert said == [("info", f"Saved to {good}")]


def test_cancelling_the_save_dialog_writes_nothing(qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.save_as import save_pdf_as

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert save_pdf_as(None, b"%PDF-1.4", "x.pdf") is None
    assert said == [] and list(tmp_path.iterdir()) == []
