"""Settings, Keys and recovery: where the key lives, the sheet again, and switching between
the keyring and a passphrase both ways (a real store re-encrypted, a memory keyring)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.core.profile import save_profile
from app.demo.clients import PROFILE
from app.storage.errors import WrongKey
from app.storage.keys import DatabaseKey, KeySource, find_key, read_config
from app.storage.opening import ensure_recovery, open_store
from app.ui.actions import ActionRunner
from app.ui.context import UiContext
from app.ui.passphrase_dialog import PassphraseDialog
from app.ui.settings.keys_section import KeysSection
from tests.conftest import TODAY

NEW_PASSPHRASE = "tea at four o'clock"


@pytest.fixture
def keyring_ctx(qtbot, memory_keyring, data_dir: Path):  # type: ignore[no-untyped-def]  # noqa: F811
    store = open_store(data_dir, find_key(data_dir, creating=True))
    with store.unit_of_work() as s:
        save_profile(s, PROFILE)
    code = ensure_recovery(store)
    ctx = UiContext(store=store, runner=ActionRunner(store), today=lambda: TODAY)
    ctx.code = code  # type: ignore[attr-defined]
    yield ctx
    store.close()


def _answers(monkeypatch, *typed: tuple[str, str] | None):  # type: ignore[no-untyped-def]
    """PassphraseDialog.exec fills in each answer in turn (None: Cancel)."""
    queue = list(typed)

    def fake_exec(dialog: PassphraseDialog) -> int:
        answer = queue.pop(0)
        if answer is None:
            return QDialog.DialogCode.Rejected
        dialog.passphrase.setText(answer[0])
        dialog.repeat.setText(answer[1])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PassphraseDialog, "exec", fake_exec)
    return queue


def _opens(data_dir: Path, secret: str) -> bool:
    try:
        open_store(data_dir, DatabaseKey(secret, KeySource.PASSPHRASE), migrate=False).close()
    except WrongKey:
        return False
    return True


def test_switch_to_a_passphrase_and_back_to_the_keyring(qtbot, keyring_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    section = KeysSection(keyring_ctx)
    qtbot.addWidget(section)
    section.show()
    data_dir = keyring_ctx.store.data_dir
    old_secret = keyring_ctx.store.key.secret
    assert "keyring" in section.where.text()
    assert not section.to_keyring_button.isVisible()

    # a too-short one first (refused, the dialog asked again), then a good one
    left = _answers(monkeypatch, ("short", "short"), (NEW_PASSPHRASE, NEW_PASSPHRASE))
    qtbot.mouseClick(section.to_passphrase_button, Qt.MouseButton.LeftButton)
    assert left == []
    assert told == ["Your records are now protected by your passphrase."]
    assert read_config(data_dir)["key_source"] == "passphrase"
    assert "passphrase" in section.where.text()
    assert section.to_keyring_button.isVisible()
    assert keyring_ctx.store.key.secret == NEW_PASSPHRASE

    # back to the keyring: the current passphrase is asked first (a wrong one is refused)
    left = _answers(monkeypatch, ("not it at all", ""), (NEW_PASSPHRASE, ""))
    qtbot.mouseClick(section.to_keyring_button, Qt.MouseButton.LeftButton)
    assert left == []
    assert read_config(data_dir)["key_source"] == "keyring"
    assert "keyring" in section.where.text()
    keyring_ctx.store.close()
    key = find_key(data_dir, creating=False)
    assert key.source == KeySource.KEYRING and key.secret not in (old_secret, NEW_PASSPHRASE)
    open_store(data_dir, key).close()
    assert not _opens(data_dir, NEW_PASSPHRASE)
    assert not _opens(data_dir, old_secret)


def test_cancelling_changes_nothing(qtbot, keyring_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    section = KeysSection(keyring_ctx)
    qtbot.addWidget(section)
    _answers(monkeypatch, None)
    assert not section.choose_passphrase()
    assert read_config(keyring_ctx.store.data_dir)["key_source"] == "keyring"


def test_the_sheet_again_and_the_confirmation_state(qtbot, keyring_ctx) -> None:  # type: ignore[no-untyped-def]
    from app.core.recovery_confirm import confirm_recovery_code

    section = KeysSection(keyring_ctx)
    qtbot.addWidget(section)
    section.show()
    assert "not yet confirmed" in section.confirmed.text()
    assert section.confirm_button.isVisible()
    qtbot.mouseClick(section.sheet_button, Qt.MouseButton.LeftButton)
    qtbot.addWidget(section.preview)
    text = PdfReader(io.BytesIO(section.preview.pdf_bytes)).pages[0].extract_text()
    assert keyring_ctx.code.split("-")[5] in text
    groups = keyring_ctx.code.split("-")
    keyring_ctx.runner.run(lambda s: confirm_recovery_code(s, {1: groups[0]}, TODAY))
    assert "confirmed your recovery code on 25/11/2026" in section.confirmed.text()
    assert not section.confirm_button.isVisible()


def test_a_key_from_the_environment_offers_no_switch(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    section = KeysSection(ui_ctx)
    qtbot.addWidget(section)
    section.show()
    assert "DAYBOOK_PASSPHRASE" in section.where.text()
    assert not section.to_passphrase_button.isVisible()
    assert not section.to_keyring_button.isVisible()


def test_changing_a_passphrase_asks_the_current_one_first(
    qtbot,
    data_dir,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from app.storage.keys import passphrase_key

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    store = open_store(
        data_dir, passphrase_key("the first passphrase", data_dir, remember_choice=True)
    )
    with store.unit_of_work() as s:
        save_profile(s, PROFILE)
    ensure_recovery(store)
    ctx = UiContext(store=store, runner=ActionRunner(store), today=lambda: TODAY)
    section = KeysSection(ctx)
    qtbot.addWidget(section)
    left = _answers(monkeypatch, ("a guess at it", ""), None)
    assert not section.choose_passphrase()  # a wrong current one, then Cancel: nothing changed
    assert left == []
    assert store.key.secret == "the first passphrase"
    _answers(
        monkeypatch,
        ("the first passphrase", ""),
        ("the second passphrase", "the second passphrase"),
    )
    assert section.choose_passphrase()
    store.close()
    assert _opens(data_dir, "the second passphrase")
    assert not _opens(data_dir, "the first passphrase")
