"""The data protection windows: the Settings section (retention with sources, the ICO fee),
a client's data tab (export with safeguarding left out unless ticked; erasure refused before
its date), and the bank statement import dialog (the carer chooses the invoice)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from sqlalchemy import select

from app.core.bank.models import BankTransaction
from app.core.checks import run_checks
from app.core.clients import Client, ClientStatus
from app.core.invoicing.balances import balance_pence
from app.core.invoicing.models import Invoice, InvoiceStatus
from app.core.privacy.ico import get_ico_fee
from app.core.privacy.models import PrivacyEvent
from app.core.privacy.retention import years_for
from app.core.safeguarding.models import SafeguardingRecord
from app.ui.clients.tabs import client_tabs
from app.ui.privacy.bank_dialog import BankImportDialog
from app.ui.privacy.client_tab import ClientDataTab, ExportDialog
from app.ui.privacy.settings_section import PrivacySection
from app.ui.settings.sections import settings_sections


def test_settings_shows_rules_with_sources_and_saves_the_ico_fee(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    assert "Data protection (UK GDPR) and the ICO fee" in [t for t, _ in settings_sections()]
    section = PrivacySection(ui_ctx)
    qtbot.addWidget(section)
    texts = " ".join(w.text() for w in section.findChildren(type(section.saved)))
    assert "HMRC" in texts and "council" in texts and "last visit" in texts
    assert section.years["tax"].value() == 6 and section.years["safeguarding"].value() == 10
    qtbot.keyClicks(section.ico_number, "nonsense")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    error = section.findChild(type(section.saved), "error_ico_number")
    assert "ZA123456" in error.text()
    section.ico_number.clear()
    qtbot.keyClicks(section.ico_number, "ZA123456")
    qtbot.keyClicks(section.ico_renewal, "01/12/2026")
    section.years["care"].setValue(7)
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.saved.text() == "Saved."
    with ui_ctx.store.reading() as s:
        assert get_ico_fee(s).renewal == date(2026, 12, 1)
        assert years_for(s, "care") == 7


def test_client_tab_exports_without_safeguarding_then_with_it(
    qtbot,
    demo_ui_ctx,
    tmp_path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    assert "Their &data" in [t for t, _ in client_tabs()]
    with demo_ui_ctx.store.reading() as s:
        cid = s.scalars(
            select(SafeguardingRecord.client_id).where(SafeguardingRecord.client_id.is_not(None))
        ).first()
    tab = ClientDataTab(demo_ui_ctx, cid)
    qtbot.addWidget(tab)
    assert "must be kept until" in tab.status.text() and not tab.erase_button.isEnabled()
    ticks = iter([False, True])
    folders = iter([tmp_path / "a", tmp_path / "b"])

    def fake_exec(self) -> int:  # type: ignore[no-untyped-def]
        assert "safeguarding team" in " ".join(
            w.text() for w in self.findChildren(type(tab.result))
        )
        self.include_safeguarding.setChecked(next(ticks))
        return QDialog.DialogCode.Accepted

    def folder(*_a):  # type: ignore[no-untyped-def]
        f = next(folders)
        f.mkdir()
        return str(f)

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert "Left out: 1 safeguarding" in tab.result.text()
    [first] = (tmp_path / "a").glob("*.json")
    assert "safeguarding" not in json.loads(first.read_text())
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    [second] = (tmp_path / "b").glob("*.json")
    assert json.loads(second.read_text())["safeguarding"]
    assert Path(first.with_suffix(".pdf")).exists()
    with demo_ui_ctx.store.reading() as s:
        assert len(list(s.scalars(select(PrivacyEvent)))) == 2


def test_erasure_from_the_tab_once_allowed(qtbot, demo_ui_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with demo_ui_ctx.store.unit_of_work() as s:
        client = s.scalars(select(Client).where(Client.status == ClientStatus.ACTIVE)).first()
        cid = client.id
        checks_before = run_checks(s)
    tab = ClientDataTab(demo_ui_ctx, cid)
    qtbot.addWidget(tab)
    later = date(2040, 1, 1)  # long after every retention period
    demo_ui_ctx.today = lambda: later
    with demo_ui_ctx.store.unit_of_work() as s:
        s.get(Client, cid).status = ClientStatus.ENDED
    tab.refresh()
    assert tab.erase_button.isEnabled() and "may now erase" in tab.status.text()
    asked: list[str] = []

    def question(_parent, _title, text, *a):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(tab.erase_button, Qt.MouseButton.LeftButton)
    assert "invoice" in asked[0] and "cannot be undone" in asked[0]
    # the confirmation names the sealed records it redacts, and what becomes of their PDFs
    assert "Final records redacted" in asked[0] and "invoice INV-" in asked[0]
    assert "rendered from the redacted record" in asked[0]
    with demo_ui_ctx.store.reading() as s:
        assert s.get(Client, cid).name == f"Erased client #{cid}"
        assert run_checks(s) == checks_before  # seals and triggers still hold
    assert "have been erased" in tab.status.text() and not tab.erase_button.isEnabled()


def test_bank_dialog_lets_the_carer_choose_the_invoice(qtbot, demo_ui_ctx) -> None:  # type: ignore[no-untyped-def]
    with demo_ui_ctx.store.reading() as s:
        inv = next(
            i
            for i in s.scalars(select(Invoice).where(Invoice.status == InvoiceStatus.ISSUED))
            if balance_pence(s, i) > 0
        )
        number, owed, iid = inv.number, balance_pence(s, inv), inv.id
    data = f"Date,Description,Amount\n20/11/2026,NO REFERENCE AT ALL,{owed / 100 + 1234:.2f}\n"
    dialog = BankImportDialog(demo_ui_ctx, data.encode())
    qtbot.addWidget(dialog)
    combo = dialog.combos[0]
    assert combo.currentText() == "Skip"
    index = next(i for i in range(combo.count()) if number in combo.itemText(i))
    combo.setCurrentIndex(index)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with demo_ui_ctx.store.reading() as s:
        assert balance_pence(s, s.get(Invoice, iid)) == 0
        [tx] = s.scalars(select(BankTransaction))
        assert tx.action == "payment" and tx.payment_id is not None
