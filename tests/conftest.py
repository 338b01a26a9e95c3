"""Shared fixtures: a real encrypted database in a temporary folder for each test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings
from keyring.backend import KeyringBackend

# Property tests: no per-example deadline (CI machines are slow) and the same examples each run.
settings.register_profile("daybook", deadline=None, derandomize=True)
settings.load_profile("daybook")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DAYBOOK_NO_KEYRING"] = "1"  # tests never touch the real keyring

from app.storage.database import Store  # noqa: E402
from app.storage.keys import DatabaseKey, KeySource  # noqa: E402
from app.storage.opening import open_store  # noqa: E402

TEST_KEY = DatabaseKey("test-passphrase-42", KeySource.ENVIRONMENT)
TODAY = date(2026, 11, 25)


def close_windows_before_the_store() -> None:
    """A UI test's windows go before its store closes, as in the app (there the event loop has
    ended before the store closes): a panel's pending debounce timer must not read a closed
    store. Nothing to do in a test without Qt."""
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    s = open_store(data_dir, TEST_KEY)
    try:
        yield s
    finally:
        close_windows_before_the_store()
        s.close()


@pytest.fixture
def session(store: Store):  # type: ignore[no-untyped-def]
    """A session committed at the end of the test (real unit of work)."""
    with store.unit_of_work() as s:
        yield s


@pytest.fixture
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DAYBOOK_PASSPHRASE", TEST_KEY.secret)
    return TEST_KEY.secret


@pytest.fixture
def demo_store(data_dir: Path) -> Iterator[Store]:
    """A store filled by `build_demo` (1 year, seed 2026, anchored on TODAY)."""
    from app.demo import build_demo

    s = open_store(data_dir, TEST_KEY)
    try:
        build_demo(s, seed=2026, years=1, today=TODAY)
        yield s
    finally:
        close_windows_before_the_store()
        s.close()


@pytest.fixture
def business_store(store: Store) -> Store:
    """A store holding the demo business profile only (a backup worth restoring)."""
    from app.core.profile import save_profile
    from app.demo.clients import PROFILE

    with store.unit_of_work() as s:
        save_profile(s, PROFILE)
    return store


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in: a dict, with the priority of a real backend."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A keyring in memory for this test (tests never touch the real one)."""
    import keyring

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv("DAYBOOK_PASSPHRASE", raising=False)
    monkeypatch.delenv("DAYBOOK_NO_KEYRING", raising=False)
    yield backend
    keyring.set_keyring(previous)
