"""Shared fixtures: a real encrypted database in a temporary folder for each test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

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
        s.close()


@pytest.fixture
def business_store(store: Store) -> Store:
    """A store holding the demo business profile only (a backup worth restoring)."""
    from app.core.profile import save_profile
    from app.demo.clients import PROFILE

    with store.unit_of_work() as s:
        save_profile(s, PROFILE)
    return store
