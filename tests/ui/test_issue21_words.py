"""Issue 21's screen wording: the Visits list's Charge for delivered visits and its "To"
label whole, no seal on the safeguarding screen, the payer without doubled brackets."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.core.clients import ClientDraft, PayerType, add_client
from app.core.formatting import LONDON
from app.core.safeguarding.services import record_view
from app.core.visits import services as vs
from app.storage.database import Store
from tests.conftest import TODAY
from tests.ui.test_safeguarding_panel import _panel, _saved, ctx
from tests.ui.test_visits_panel import filled, first_visit_on, panel

__all__ = ["ctx", "filled", "panel"]  # fixtures, used by name

CHARGE = 6  # the list's Charge column


def list_rows(panel) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    """(date, client) -> the Charge cell, for every row the list shows."""
    model = panel.list_model
    return {
        (model.index(r, 0).data(), model.index(r, 2).data()): model.index(r, CHARGE).data()
        for r in range(model.rowCount())
    }


def test_a_delivered_visit_shows_its_charge_in_the_list(qtbot, panel, filled: Store) -> None:  # type: ignore[no-untyped-def]
    visit = first_visit_on(filled, date(2026, 11, 25))  # Peggy, 14:00-15:00 at £24.00/h
    with filled.unit_of_work() as s:
        vs.mark_delivered(
            s,
            visit.id,
            datetime(2026, 11, 25, 14, 0, tzinfo=LONDON),
            datetime(2026, 11, 25, 14, 45, tzinfo=LONDON),
        )
    panel.tabs.setCurrentIndex(1)
    panel.refresh_list()
    charges = list_rows(panel)
    assert model_header(panel, CHARGE) == "Charge"
    assert charges[("Wed 25/11/2026", "Margaret Ellis")] == "£18.00"  # 45 min at £24.00/h
    assert charges[("Wed 25/11/2026", "Arthur Penrose")] == ""  # still planned: no charge yet


def model_header(panel, col: int) -> str:  # type: ignore[no-untyped-def]
    return panel.list_model.headerData(col, Qt.Orientation.Horizontal)


def test_the_list_dates_labels_are_never_clipped(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    panel.tabs.setCurrentIndex(1)
    panel.resize(880, 600)
    qtbot.waitUntil(lambda: panel.list_to.isVisible())
    labels = {lbl.text(): lbl for lbl in panel.findChildren(QLabel) if lbl.buddy() is not None}
    to = labels["&To"]
    metrics = to.fontMetrics()
    letter_by_letter = metrics.horizontalAdvance("T") + metrics.horizontalAdvance("o")
    assert to.width() >= letter_by_letter  # the underlined T is drawn apart from the o
    assert labels["&From"].width() >= metrics.horizontalAdvance("From")


def test_the_safeguarding_record_on_screen_shows_no_seal(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    record_id = _saved(ctx)
    panel = _panel(qtbot, ctx)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    shown = panel.browser.toPlainText()
    with ctx.store.reading() as s:
        seal = record_view(s, record_id).content_hash
    assert seal not in shown and "Seal" not in shown
    assert "corrections and follow-ups go in an addendum" in shown


def test_the_clients_list_shows_a_bracketed_payer_once(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from app.ui.clients.panel import ClientsPanel

    with ui_ctx.store.unit_of_work() as s:
        add_client(
            s,
            ClientDraft(
                name="Arthur Penrose",
                payer_type=PayerType.FAMILY,
                payer_name="Paul Whitfield (son)",
                payer_address="2 Mill St",
            ),
            today=TODAY,
        )
    clients = ClientsPanel(ui_ctx)
    qtbot.addWidget(clients)
    clients.refresh()
    model = clients.table.model()
    cells = [
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]
    assert "Paul Whitfield (son) · A family member" in cells
    assert not any(") (" in cell for cell in cells)


def test_the_wizard_suggests_the_scheme_from_the_address_until_the_carer_picks(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.wizard import BANK_PAGE, BUSINESS, SCHEME_PAGE, FirstRunWizard
    from tests.ui.test_wizard_and_window import fill_business

    wizard = FirstRunWizard(needs_passphrase=False)
    qtbot.addWidget(wizard)
    wizard.show()
    combo = wizard.scheme.form.scheme
    assert combo.currentData() == "other"  # never one council's scheme by default
    wizard.next()
    assert wizard.currentId() == BUSINESS
    fill_business(qtbot, wizard)
    wizard.business.form.address.setText("9 Park Row\nLeeds LS1 5AA")
    wizard.next()
    wizard.bank.form.sort_code.setText("12-34-56")
    wizard.bank.form.account_number.setText("12345678")
    wizard.next()
    assert wizard.currentId() == SCHEME_PAGE
    assert combo.currentData() == "other"
    wizard.back()
    wizard.back()
    wizard.business.form.address.setText("3 Rose Lane\nTaunton TA1 1AA")
    wizard.next()
    wizard.next()
    assert combo.currentData() == "somerset"
    assert wizard.scheme.form.safeguarding_phone.text() == "0300 123 2224"
    combo.setCurrentIndex(combo.findData("other"))
    combo.activated.emit(combo.currentIndex())  # the carer's own choice
    wizard.back()
    assert wizard.currentId() == BANK_PAGE
    wizard.next()
    assert combo.currentData() == "other"  # kept: the carer chose it


def where(widget, top) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    point = widget.mapTo(top, widget.rect().topLeft())
    return point.x(), point.y()


def test_choosing_a_client_in_export_portfolio_moves_nothing(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from app.ui.portfolio.export_dialog import ExportDialog

    with ui_ctx.store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Margaret Ellis"), today=TODAY)
    dialog = ExportDialog(ui_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    watched = (dialog.client, dialog.docs, dialog.watermark, dialog.remember, dialog.make_button)
    before = [where(w, dialog) for w in watched]
    assert not dialog.remember.isEnabled() and dialog.recipient.isEnabled()
    dialog.client.setCurrentIndex(dialog.client.findText("Margaret Ellis"))
    QApplication.processEvents()
    assert [where(w, dialog) for w in watched] == before
    assert dialog.remember.isEnabled() and not dialog.recipient.isEnabled()
    assert dialog.recipient.isVisible()  # greyed, still in its place


def test_adding_the_council_team_leaves_the_button_under_the_mouse(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from app.ui.safeguarding.concern_dialog import ConcernDialog

    dialog = ConcernDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    box = dialog.notifications
    qtbot.mouseClick(box.add_council, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    before = where(box.add_council, box)
    assert where(box.rows[0], box)[1] > before[1]  # the new row opens below the buttons
    qtbot.mouseClick(box.add_council, Qt.MouseButton.LeftButton)  # the mouse has not moved
    QApplication.processEvents()
    assert len(box.rows) == 2
    assert where(box.add_council, box) == before
    assert box.add_other.nextInFocusChain() is box.rows[0].kind  # Tab goes on into the rows
    assert box.rows[0].remove.nextInFocusChain() is box.rows[1].kind
