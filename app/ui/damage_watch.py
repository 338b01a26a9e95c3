"""After the window is ready, a background quick_check of the records file. When a page is
damaged the carer is told at once, above every panel, with the newest good backup and the way
to bring it back (a damaged page deep in the file is otherwise only met when it is read)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QSizePolicy, QToolBar, QWidget

from app.ui.style import ALERT_BG, ALERT_EDGE

if TYPE_CHECKING:
    from app.storage.database import Store
    from app.storage.errors import DamagedDatabase

log = logging.getLogger(__name__)
BANNER_NAME = "damageBanner"


class DamageWatch(QObject):
    """Runs the check on a thread; `found(text)` arrives on the GUI thread."""

    found = Signal(object)  # a DamagedDatabase naming the newest good backup
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
                self.found.emit(error)
        except Exception:  # the watch must never take the window down
            log.warning("background quick_check failed", exc_info=True)
        finally:
            self.finished.emit()


def show_damage_banner(window: QMainWindow, error: DamagedDatabase) -> QWidget:
    """A calm, plain banner above every panel: what happened and a button that brings the
    newest good backup back (after asking)."""
    bar = QToolBar("Damaged records", window)
    bar.setObjectName(BANNER_NAME)
    bar.setMovable(False)
    if error.good_backup is not None:
        text = (
            f"{error} The newest good backup is from {error.backup_when}. Restoring it "
            "keeps the damaged file too."
        )
    else:
        text = f"{error} {error.way_out}"
    label = QLabel(f"⚠ {text}")
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName("Warning: damaged records")
    bar.setStyleSheet(
        f"QToolBar#{BANNER_NAME} {{ background: {ALERT_BG}; border: 1px solid {ALERT_EDGE}; "
        "padding: 6px; }"
    )
    bar.addWidget(label)
    ctx = getattr(window, "ctx", None)
    if error.good_backup is not None and ctx is not None:
        button = QPushButton("Restore this backup…")
        button.setAccessibleName("Restore the newest good backup")
        button.clicked.connect(lambda: _restore(window, bar, ctx, error))
        bar.addWidget(button)
    window.addToolBarBreak()
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def _restore(window: QMainWindow, bar: QToolBar, ctx, error: DamagedDatabase) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from app.core.changes import ALL
    from app.storage.errors import StoreError
    from app.storage.restore import restore_from

    answer = QMessageBox.question(
        window,
        "Restore the newest good backup",
        f"Bring back the backup from {error.backup_when}?\n\nThe damaged file is kept as "
        "another backup first. Anything entered after that backup will need entering again.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        restore_from(ctx.store, error.good_backup)
    except StoreError as exc:
        QMessageBox.warning(window, "Restore", f"{exc.full_text()}")
        return
    bar.hide()
    ctx.runner.changed.emit(ALL)
    QMessageBox.information(window, "Restore", "Your records are back as they were then.")


def watch_for_damage(window: QMainWindow, store: Store) -> DamageWatch:
    watch = DamageWatch(store, window)
    watch.found.connect(lambda error: show_damage_banner(window, error))
    watch.start()
    return watch
