"""Surviving the laptop in the window: a keyring that forgot the key, a new computer with only
a backup and the recovery sheet, and a forgotten passphrase. Real stores, a memory keyring."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

import app.ui.app as gui
from app.core.clients import ClientDraft, add_client, search_clients
from app.core.profile import save_profile
from app.demo.clients import PROFILE
from app.storage.backup import make_backup
from app.storage.keys import (
    KEYRING_SERVICE,
    DatabaseKey,
    KeySource,
    find_key,
    keyring_username,
    passphrase_key,
    read_config,
)
from app.storage.opening import ensure_recovery, open_store
from app.storage.paths import DB_NAME
from app.ui.passphrase_dialog import FORGOTTEN, PassphraseDialog
from app.ui.wizard import FirstRunWizard
from tests.conftest import TODAY

CLIENT = "Edna Backup"


def _records(data_dir: Path, key: DatabaseKey) -> str:
    """Makes records (a business, a client) with a recovery code; returns the code."""
    store = open_store(data_dir, key)
    with store:
        with store.unit_of_work() as s:
            save_profile(s, PROFILE)
            add_client(s, ClientDraft(name=CLIENT), today=TODAY)
        code = ensure_recovery(store)
        assert code is not None
    return code


def _clients(store) -> list[str]:  # type: ignore[no-untyped-def]
    with store.reading() as s:
        return [c.name for c in search_clients(s, "")]


def _typed_codes(monkeypatch, *answers: str) -> list[str]:  # type: ignore[no-untyped-def]
    """QInputDialog.getText answers each recovery-code question in turn; returns the prompts."""
    queue, prompts = list(answers), []

    def get_text(_parent, _title, label, *_a, **_k):  # type: ignore[no-untyped-def]
        prompts.append(label)
        return (queue.pop(0), True) if queue else ("", False)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return prompts


def _no_passphrase(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def never(*_a, **_k):  # type: ignore[no-untyped-def]
        pytest.fail("a passphrase the carer never chose was asked for")

    monkeypatch.setattr(gui, "ask_passphrase", never)


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def test_a_deleted_keyring_entry_asks_for_the_code_and_opens(
    qtbot,
    memory_keyring,
    data_dir,
    monkeypatch,  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    key = find_key(data_dir, creating=True)
    code = _records(data_dir, key)
    memory_keyring.delete_password(KEYRING_SERVICE, keyring_username(data_dir))
    _no_passphrase(monkeypatch)
    prompts = _typed_codes(monkeypatch, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", code.lower())
    store = gui.open_existing(data_dir)
    assert store is not None
    with store:
        assert _clients(store) == [CLIENT]
    assert "no longer holds" in prompts[0]
    assert "does not open these records" in prompts[1]  # the wrong code, said plainly
    assert code not in "".join(prompts)
    # the key is back in this computer's keyring: the next start asks nothing
    assert memory_keyring.get_password(KEYRING_SERVICE, keyring_username(data_dir)) == key.secret
    assert find_key(data_dir, creating=False).secret == key.secret


def _drive_wizard(monkeypatch, backup: Path, code: str, results: list[bool]):  # type: ignore[no-untyped-def]
    def run(wizard: FirstRunWizard) -> int:
        wizard.show()
        wizard.welcome.restore.setChecked(True)
        wizard.next()
        assert wizard.currentPage() is wizard.restore_page
        wizard.restore_page.file.setText(str(backup))
        wizard.restore_page.code.setText(code)
        ok = wizard.restore_page.validatePage()
        results.append(ok)
        wizard.error_text = wizard.restore_page.error.text()  # type: ignore[attr-defined]
        return QDialog.DialogCode.Accepted if ok else QDialog.DialogCode.Rejected

    monkeypatch.setattr(FirstRunWizard, "exec", run)


@pytest.fixture
def old_computer(tmp_path: Path, memory_keyring):  # type: ignore[no-untyped-def]  # noqa: F811
    """A Daybook with a keyring key, its backup and code; then the keyring is emptied, as on
    a new computer's fresh home folder."""
    old = tmp_path / "old"
    key = find_key(old, creating=True)
    code = _records(old, key)
    with open_store(old, key) as store:
        backup = make_backup(store, kind="manual")
    usb = tmp_path / "usb"
    usb.mkdir()
    for f in (backup, backup.with_name(backup.stem + ".recovery.json")):
        (usb / f.name).write_bytes(f.read_bytes())
    memory_keyring.store.clear()
    return usb / backup.name, code, key


def test_wizard_opens_records_from_a_backup_with_the_code(
    qtbot,
    tmp_path,
    memory_keyring,
    old_computer,
    monkeypatch,  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    backup, code, key = old_computer
    new = tmp_path / "new"
    results: list[bool] = []
    _drive_wizard(monkeypatch, backup, f"  {code.replace('-', ' ')} ", results)
    store = gui.set_up_new(new, exit_when_ready=False)
    assert results == [True]
    assert store is not None
    with store:
        assert _clients(store) == [CLIENT]
    assert memory_keyring.get_password(KEYRING_SERVICE, keyring_username(new)) == key.secret
    assert read_config(new)["key_source"] == "keyring"
    with open_store(new, find_key(new, creating=False)) as again:
        assert _clients(again) == [CLIENT]


def test_wizard_with_a_wrong_code_writes_nothing(
    qtbot,
    tmp_path,
    memory_keyring,
    old_computer,
    monkeypatch,  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    backup, code, _ = old_computer
    new = tmp_path / "new"
    new.mkdir()
    wrong = "-".join(["BBBBB"] * 6)
    results: list[bool] = []
    _drive_wizard(monkeypatch, backup, wrong, results)
    assert gui.set_up_new(new, exit_when_ready=False) is None
    assert results == [False]
    assert _files(new) == []
    assert memory_keyring.store == {}

    # the page says why, and a code that is not even a code is told apart
    wizard = FirstRunWizard(needs_passphrase=False, data_dir=new)
    qtbot.addWidget(wizard)
    page = wizard.restore_page
    page.file.setText(str(backup))
    page.code.setText(wrong)
    assert not page.validatePage()
    assert "does not open these records" in page.error.text()
    page.code.setText("O0O0O")
    assert not page.validatePage()
    assert "no letter O" in page.error.text()
    page.file.setText(str(tmp_path / "nowhere.db"))
    assert not page.validatePage()
    assert "Choose the backup file" in page.error.text()
    assert _files(new) == []


def test_a_new_computer_without_a_keyring_chooses_a_passphrase(
    qtbot,
    tmp_path,
    old_computer,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    backup, code, _ = old_computer
    monkeypatch.setattr("app.storage.keys.keyring_usable", lambda: False)
    monkeypatch.setattr("app.storage.keychange.keyring_usable", lambda: False)
    new = tmp_path / "new"
    results: list[bool] = []
    _drive_wizard(monkeypatch, backup, code, results)

    def choose(dialog: PassphraseDialog) -> int:
        dialog.passphrase.setText("my new passphrase")
        dialog.repeat.setText("my new passphrase")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PassphraseDialog, "exec", choose)
    store = gui.set_up_new(new, exit_when_ready=False)
    assert store is not None
    store.close()
    assert read_config(new)["key_source"] == "passphrase"
    with open_store(new, passphrase_key("my new passphrase", new, remember_choice=False)) as s:
        assert _clients(s) == [CLIENT]


def test_a_forgotten_passphrase_opens_with_the_code(qtbot, data_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DAYBOOK_PASSPHRASE", raising=False)
    code = _records(data_dir, passphrase_key("the old passphrase", data_dir, remember_choice=True))
    asked: list[bool] = []

    def forgotten(message: str = "", can_recover: bool = False):  # type: ignore[no-untyped-def]
        asked.append(can_recover)
        return FORGOTTEN

    monkeypatch.setattr(gui, "ask_passphrase", forgotten)
    _typed_codes(monkeypatch, code)

    def choose(dialog: PassphraseDialog) -> int:
        dialog.passphrase.setText("a fresh passphrase")
        dialog.repeat.setText("a fresh passphrase")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PassphraseDialog, "exec", choose)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    store = gui.open_existing(data_dir)
    assert store is not None and asked == [True]
    with store:
        assert _clients(store) == [CLIENT]
    with open_store(data_dir, DatabaseKey("a fresh passphrase", KeySource.PASSPHRASE)) as s:
        assert _clients(s) == [CLIENT]
    assert (data_dir / DB_NAME).is_file()
