"""Starting the window against bad storage: a wrong passphrase, a folder already open in
another Daybook, and a file that is not a Daybook database. Each ends calmly (None), never
with a traceback, and never changes the file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

import app.ui.app as gui
from app.storage.keys import DatabaseKey, KeySource, passphrase_key
from app.storage.opening import open_store
from app.storage.paths import DB_NAME
from tests.conftest import TEST_KEY


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Records every message box instead of showing it."""
    shown: dict[str, list[str]] = {"critical": [], "warning": [], "information": []}

    def fake(kind: str, answer: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def box(_parent, title, text, *_a, **_k):  # type: ignore[no-untyped-def]
            shown[kind].append(f"{title}\n{text}")
            return answer

        return box

    monkeypatch.setattr(QMessageBox, "critical", fake("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", fake("warning", QMessageBox.StandardButton.Close))
    monkeypatch.setattr(
        QMessageBox, "information", fake("information", QMessageBox.StandardButton.Ok)
    )
    return shown


def _make_passphrase_store(data_dir: Path, secret: str) -> None:
    key = passphrase_key(secret, data_dir, remember_choice=True)
    open_store(data_dir, key).close()


def test_wrong_passphrase_asks_again_then_gives_up(
    qtbot,
    data_dir,
    monkeypatch,  # type: ignore[no-untyped-def]
    boxes,
) -> None:
    monkeypatch.delenv("DAYBOOK_PASSPHRASE", raising=False)
    monkeypatch.setenv("DAYBOOK_NO_KEYRING", "1")
    _make_passphrase_store(data_dir, "the right passphrase")
    before = _digest(data_dir / DB_NAME)
    asked: list[str] = []
    answers = iter(["not the passphrase", None])

    def ask(message: str = "") -> str | None:
        asked.append(message)
        return next(answers)

    monkeypatch.setattr(gui, "ask_passphrase", ask)
    assert gui.open_existing(data_dir) is None
    assert asked[0] == ""
    assert "did not open your records" in asked[1]
    assert boxes == {"critical": [], "warning": [], "information": []}
    assert _digest(data_dir / DB_NAME) == before
    # and the right passphrase still opens it (nothing was locked or damaged)
    monkeypatch.setattr(gui, "ask_passphrase", lambda message="": "the right passphrase")
    store = gui.open_existing(data_dir)
    assert store is not None
    store.close()


def test_wrong_passphrase_then_the_right_one_opens(
    qtbot,
    data_dir,
    monkeypatch,  # type: ignore[no-untyped-def]
    boxes,
) -> None:
    monkeypatch.delenv("DAYBOOK_PASSPHRASE", raising=False)
    monkeypatch.setenv("DAYBOOK_NO_KEYRING", "1")
    _make_passphrase_store(data_dir, "Siobhán’s passphrase ✓")
    answers = iter(["wrong one", "Siobhán’s passphrase ✓"])
    monkeypatch.setattr(gui, "ask_passphrase", lambda message="": next(answers))
    store = gui.open_existing(data_dir)
    try:
        assert store is not None
        with store.reading() as s:
            assert s is not None
    finally:
        if store is not None:
            store.close()


def test_folder_open_in_another_daybook_warns_and_returns_none(
    qtbot,
    store,
    data_dir,  # type: ignore[no-untyped-def]
    passphrase_env,
    boxes,
) -> None:
    # `store` holds the folder's lock, as another Daybook window would
    assert gui.open_existing(data_dir) is None
    assert len(boxes["warning"]) == 1
    assert "already open in another Daybook" in boxes["warning"][0]
    assert "Close the other Daybook window" in boxes["warning"][0]
    assert boxes["critical"] == []
    with store.reading() as s:  # the first Daybook carries on
        assert s is not None


def test_retry_after_the_other_daybook_closes(
    qtbot,
    store,
    data_dir,
    passphrase_env,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    def retry_after_closing(*_a, **_k):  # type: ignore[no-untyped-def]
        store.close()  # the carer closes the other window, then presses Retry
        return QMessageBox.StandardButton.Retry

    monkeypatch.setattr(QMessageBox, "warning", retry_after_closing)
    opened = gui.open_existing(data_dir)
    assert opened is not None
    opened.close()


def _plain_sqlite(path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('hello')")
    conn.commit()
    conn.close()


def _random_bytes(size: int):  # type: ignore[no-untyped-def]
    def write(path: Path) -> None:
        path.write_bytes(os.urandom(size))

    return write


@pytest.mark.parametrize(
    "make",
    [_plain_sqlite, _random_bytes(3000), _random_bytes(8192), _random_bytes(7)],
    ids=["plain-sqlite", "random-3000", "random-8192", "random-7"],
)
def test_not_a_daybook_file_is_reported_and_left_alone(
    qtbot,
    data_dir,
    passphrase_env,  # type: ignore[no-untyped-def]
    boxes,
    make,
) -> None:
    path = data_dir / DB_NAME
    make(path)
    before = _digest(path)
    assert gui.open_existing(data_dir) is None
    assert len(boxes["critical"]) == 1
    message = boxes["critical"][0]
    assert "Daybook" in message and "Traceback" not in message
    assert "not" in message  # "... is not a Daybook database" or "does not open"
    assert boxes["warning"] == []
    assert _digest(path) == before
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith(DB_NAME)) == [DB_NAME]
    # the folder is not left locked: a later attempt gets the same calm message
    assert gui.open_existing(data_dir) is None
    assert len(boxes["critical"]) == 2


def test_not_a_daybook_file_with_a_typed_passphrase(
    qtbot,
    data_dir,
    monkeypatch,  # type: ignore[no-untyped-def]
    boxes,
) -> None:
    """With a passphrase, random bytes look like a wrong passphrase: asked again, then None."""
    monkeypatch.delenv("DAYBOOK_PASSPHRASE", raising=False)
    monkeypatch.setenv("DAYBOOK_NO_KEYRING", "1")
    passphrase_key("x" * 10, data_dir, remember_choice=True)
    path = data_dir / DB_NAME
    path.write_bytes(os.urandom(4096))
    before = _digest(path)
    answers = iter(["whatever it is", None])
    monkeypatch.setattr(gui, "ask_passphrase", lambda message="": next(answers))
    assert gui.open_existing(data_dir) is None
    assert _digest(path) == before


def test_env_key_that_does_not_open_the_database(
    qtbot,
    data_dir,
    monkeypatch,  # type: ignore[no-untyped-def]
    boxes,
) -> None:
    open_store(data_dir, DatabaseKey("another key entirely", KeySource.ENVIRONMENT)).close()
    monkeypatch.setenv("DAYBOOK_PASSPHRASE", TEST_KEY.secret)
    assert gui.open_existing(data_dir) is None
    assert len(boxes["critical"]) == 1
    assert "does not open" in boxes["critical"][0]


def _with_backup_then_damaged(data_dir: Path, secret: str, damage: bytes) -> Path:
    """A passphrase store with a backup copy, whose live file is then damaged."""
    from app.core.clients import ClientDraft, add_client
    from app.core.profile import save_profile
    from app.demo.clients import PROFILE
    from app.storage.backup import make_backup
    from tests.conftest import TODAY

    key = passphrase_key(secret, data_dir, remember_choice=True)
    with open_store(data_dir, key) as store:
        with store.unit_of_work() as s:
            save_profile(s, PROFILE)
            add_client(s, ClientDraft(name="Backed Up"), today=TODAY)
        make_backup(store)
    (data_dir / DB_NAME).write_bytes(damage)
    return data_dir / DB_NAME


@pytest.mark.parametrize("damage", [b"", b"\x07" * 8192], ids=["emptied", "scrambled"])
def test_damaged_records_offer_the_newest_backup(qtbot, data_dir, monkeypatch, damage) -> None:  # type: ignore[no-untyped-def]
    from app.core.clients import search_clients

    monkeypatch.delenv("DAYBOOK_PASSPHRASE", raising=False)
    monkeypatch.setenv("DAYBOOK_NO_KEYRING", "1")
    _with_backup_then_damaged(data_dir, "the right passphrase", damage)
    monkeypatch.setattr(gui, "ask_passphrase", lambda message="": "the right passphrase")
    offered: list[str] = []

    def accept_restore(self) -> int:  # type: ignore[no-untyped-def]
        offered.append(self.text())
        self.buttons()[0].click()  # "Restore the newest backup"
        return 0

    monkeypatch.setattr(QMessageBox, "exec", accept_restore)
    store = gui.open_existing(data_dir)
    assert store is not None
    try:
        assert "backup" in offered[0]
        with store.reading() as s:
            assert [r.name for r in search_clients(s, "")] == ["Backed Up"]
    finally:
        store.close()
    kept = [p for p in (data_dir / "backups").iterdir() if "before-restore" in p.name]
    if damage:  # the damaged file is kept, not thrown away (an empty one holds nothing to keep)
        assert [k.read_bytes() for k in kept if k.suffix == ".db"] == [damage]
    else:
        assert kept == []


def test_emptied_file_is_never_silently_started_again(data_dir) -> None:  # type: ignore[no-untyped-def]
    from app.storage.errors import DamagedDatabase

    _with_backup_then_damaged(data_dir, "the right passphrase", b"")
    with pytest.raises(DamagedDatabase, match="empty"):
        open_store(data_dir, DatabaseKey("the right passphrase", KeySource.PASSPHRASE))
    assert (data_dir / DB_NAME).read_bytes() == b""


def test_headless_start_never_waits_for_a_button(qtbot, data_dir, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.ui import error_dialog

    _make_passphrase_store(data_dir, "the right passphrase")
    monkeypatch.setenv("DAYBOOK_PASSPHRASE", "a wrong passphrase")
    monkeypatch.setattr(error_dialog, "_headless", True)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: pytest.fail("a box would block"))
    assert gui.open_existing(data_dir) is None
    assert "passphrase" in capsys.readouterr().err
