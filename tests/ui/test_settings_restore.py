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
