"""A damaged page deep in the file is found in the background once the window is ready."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QPushButton, QToolBar

from app.core.clients import ClientDraft, add_client
from app.core.profile import save_profile
from app.demo.clients import PROFILE
from app.storage.backup import make_backup
from app.storage.database import quick_check_file
from app.storage.opening import open_store
from app.ui.actions import ActionRunner
from app.ui.context import UiContext
from app.ui.damage_watch import BANNER_NAME, watch_for_damage
from tests.conftest import TEST_KEY, TODAY


def _store_with_backup(d: Path):  # type: ignore[no-untyped-def]
    store = open_store(d, TEST_KEY)
    with store.unit_of_work() as s:
        save_profile(s, PROFILE)
        for n in range(400):
            add_client(
                s,
                ClientDraft(name=f"Client {n:03}", address="1 Long Road, Somewhere " * 5),
                today=TODAY,
            )
    make_backup(store, kind="daily")
    return store


@pytest.mark.parametrize("damaged", [True, False], ids=["damaged page", "whole file"])
def test_background_check_warns_above_every_panel(
    qtbot, data_dir: Path, damaged: bool, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    store = _store_with_backup(data_dir)
    try:
        store.checkpoint()
        if damaged:
            pages = store.path.stat().st_size // 4096
            with store.path.open("r+b") as fh:
                fh.seek((pages - 4) * 4096 + 200)
                fh.write(os.urandom(100))
        window = QMainWindow()
        window.ctx = UiContext(store=store, runner=ActionRunner(store))  # type: ignore[attr-defined]
        qtbot.addWidget(window)
        watch = watch_for_damage(window, store)
        with qtbot.waitSignal(watch.finished, timeout=30_000):
            pass
        qtbot.wait(50)
        banners = window.findChildren(QToolBar, BANNER_NAME)
        if not damaged:
            assert banners == []
            return
        assert len(banners) == 1
        text = banners[0].findChild(QLabel).text()
        assert "damaged" in text and "newest good backup" in text
        button = banners[0].findChild(QPushButton)
        assert button.text() == "Restore this backup…"
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
        button.click()
        assert quick_check_file(store.path, TEST_KEY) == []  # the good copy is back in place
        assert not banners[0].isVisible()
        assert any("before-restore" in p.name for p in (data_dir / "backups").iterdir())
    finally:
        store.close()


def test_today_on_a_damaged_file_says_so_calmly_and_the_watch_names_the_backup(
    qtbot, data_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from app.ui import main_window
    from app.ui.main_window import BrokenPage, MainWindow

    store = _store_with_backup(data_dir)
    store.checkpoint()
    pages = store.path.stat().st_size // 4096
    with store.path.open("r+b") as fh:  # every page past the schema: Today's first read fails
        for page in range(20, pages):
            fh.seek(page * 4096 + 100)
            fh.write(os.urandom(16))
    unexpected: list[BaseException] = []
    monkeypatch.setattr(
        main_window, "show_unexpected_error", lambda _w, exc: unexpected.append(exc)
    )
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        window.attach(UiContext(store=store, runner=ActionRunner(store), today=lambda: TODAY))
        today = window.stack.currentWidget()
        assert isinstance(today, BrokenPage) and "damaged" in today.text()
        assert unexpected == []  # no "something went wrong": the damage is named
        watch = watch_for_damage(window, store)
        with qtbot.waitSignal(watch.finished, timeout=30_000):
            pass
        qtbot.wait(50)
        assert len(window.findChildren(QToolBar, BANNER_NAME)) == 1
    finally:
        store.close()
