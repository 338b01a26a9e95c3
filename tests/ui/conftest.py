"""UI fixtures: a real store and the context panels are given."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.profile import save_profile
from app.demo.clients import PROFILE
from app.storage.opening import open_store
from app.ui.actions import ActionRunner
from app.ui.context import UiContext
from tests.conftest import TEST_KEY, TODAY


@pytest.fixture
def ui_ctx(qtbot, store):  # type: ignore[no-untyped-def]
    """A UiContext over an encrypted store holding just the demo business profile."""
    with store.unit_of_work() as s:
        save_profile(s, PROFILE)
    return UiContext(store=store, runner=ActionRunner(store), today=lambda: TODAY)


@pytest.fixture
def demo_ui_ctx(qtbot, demo_store):  # type: ignore[no-untyped-def]
    """A UiContext over the full demo dataset."""
    return UiContext(store=demo_store, runner=ActionRunner(demo_store), today=lambda: TODAY)


@pytest.fixture(autouse=True)
def not_headless(monkeypatch):  # type: ignore[no-untyped-def]
    """Each test starts with dialogs allowed: a run_gui(exit_when_ready=True) in an earlier test
    must not leave the process 'headless' (offers of a backup would then be skipped)."""
    from app.ui import error_dialog

    monkeypatch.setattr(error_dialog, "_headless", False)


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory):  # type: ignore[no-untyped-def]
    """QSettings (the window's remembered size) go to a temporary folder, not the home."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    return folder


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):  # type: ignore[no-untyped-def]
    """A question box nobody answers would block the suite for ever: unless a test answers it
    itself (its own monkeypatch wins), every question is answered No and every notice closes."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)


@pytest.fixture
def profile_folder(data_dir: Path) -> Path:
    """A closed Daybook folder holding just the business profile."""
    with open_store(data_dir, TEST_KEY) as store, store.unit_of_work() as s:
        save_profile(s, PROFILE)
    return data_dir
