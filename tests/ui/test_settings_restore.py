"""Restoring a backup from Settings, with the app still open."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.core.clients import ClientDraft, add_client, search_clients
from app.storage.backup import make_backup
from app.ui.settings.panel import SettingsPanel
from tests.conftest import TODAY


def test_restore_brings_back_the_copy_and_panels_hear(qtbot, ui_ctx, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with ui_ctx.store.unit_of_work() as s:
        add_client(s, ClientDraft(name="In The Backup"), today=TODAY)
    copy = make_backup(ui_ctx.store)
    with ui_ctx.store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Added After"), today=TODAY)
    panel = SettingsPanel(ui_ctx)
    qtbot.addWidget(panel)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    with qtbot.waitSignal(ui_ctx.runner.changed):
        assert panel.restore(copy)
    assert [r.name for r in ui_ctx.runner.read(lambda s: search_clients(s, ""))] == [
        "In The Backup"
    ]


def test_restoring_junk_changes_nothing(qtbot, ui_ctx, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with ui_ctx.store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Safe"), today=TODAY)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00junk" * 1000)
    panel = SettingsPanel(ui_ctx)
    qtbot.addWidget(panel)
    warned = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    assert not panel.restore(junk)
    assert "Nothing has been changed" in warned[0]
    assert [r.name for r in ui_ctx.runner.read(lambda s: search_clients(s, ""))] == ["Safe"]


def test_back_up_to_a_file_named_without_db_gets_the_suffix_and_restores(
    qtbot, ui_ctx, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    with ui_ctx.store.unit_of_work() as s:
        add_client(s, ClientDraft(name="On The Stick"), today=TODAY)
    typed = tmp_path / "usb stick" / "my records"
    typed.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(typed), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    panel = SettingsPanel(ui_ctx)
    qtbot.addWidget(panel)
    panel.backup_to_file()
    saved = typed.with_name("my records.db")
    assert saved.is_file() and not typed.exists()
    assert str(saved) in told[0]
    with ui_ctx.store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Added Later"), today=TODAY)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert panel.restore(saved)
    assert [r.name for r in ui_ctx.runner.read(lambda s: search_clients(s, ""))] == ["On The Stick"]
