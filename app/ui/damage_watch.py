"""After the window is ready, a background quick_check of the records file. When a page is
damaged the carer is told at once, above every panel, with the newest good backup and the way
to bring it back (a damaged page deep in the file is otherwise only met when it is read)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QToolBar, QWidget

if TYPE_CHECKING:
    from app.storage.database import Store

log = logging.getLogger(__name__)
BANNER_NAME = "damageBanner"


class DamageWatch(QObject):
    """Runs the check on a thread; `found(text)` arrives on the GUI thread."""

    found = Signal(str)
    finished = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = store.path
        self._key = store.key
        self._data_dir = store.data_dir

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._run, name="daybook-quick-check", daemon=True)
        thread.start()
        return thread

    def _run(self) -> None:
        from app.storage.database import quick_check_file

        try:
            problems = quick_check_file(self._path, self._key)
            if problems:
                from app.storage.restore import damage_with_backup

                log.warning("quick_check found damage: %s", problems[0])
                error = damage_with_backup(
                    self._data_dir,
                    self._key,
                    "Daybook found a damaged part in your records file.",
                )
                self.found.emit(error.full_text())
        except Exception:  # the watch must never take the window down
            log.warning("background quick_check failed", exc_info=True)
        finally:
            self.finished.emit()


def show_damage_banner(window: QMainWindow, text: str) -> QWidget:
    """A calm, plain banner above every panel: what happened and how to bring a backup back."""
    bar = QToolBar("Damaged records", window)
    bar.setObjectName(BANNER_NAME)
    bar.setMovable(False)
    label = QLabel(f"⚠ {text}")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName("Warning: damaged records")
    bar.setStyleSheet(
        f"QToolBar#{BANNER_NAME} {{ background: #fff4e5; border: 1px solid #b45309; }}"
    )
    bar.addWidget(label)
    button = QPushButton("Restore a backup…")
    button.setAccessibleName("Restore a backup")
    go = getattr(window, "go_to", None)
    if callable(go):
        button.clicked.connect(lambda: go("settings"))
    bar.addWidget(button)
    window.addToolBarBreak()
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def watch_for_damage(window: QMainWindow, store: Store) -> DamageWatch:
    watch = DamageWatch(store, window)
    watch.found.connect(lambda text: show_damage_banner(window, text))
    watch.start()
    return watch
