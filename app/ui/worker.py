"""Long work off the GUI thread, with a progress dialog that can be cancelled.

    task = run_in_background(parent, "Making the portfolio", "Adding documents…", work,
                             on_done=save_it)

`work(progress, is_cancelled)` runs on a worker thread: it calls `progress(done, total)` now
and then and stops soon after `is_cancelled()` turns True (raising anything it likes, or
returning). It must not touch widgets; it may open its own session on the store.

In the GUI thread afterwards: `on_done(result)` if it finished; `on_cancelled()` if the
person pressed Cancel; a DaybookError goes to a calm message box (or `on_error`); anything
else goes to the one error dialog. `task.finished` is emitted last in every case.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.core.errors import DaybookError

log = logging.getLogger("daybook.ui.worker")

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
Work = Callable[[Progress, IsCancelled], Any]


class Cancelled(Exception):
    """Raise from `work` to stop when `is_cancelled()` says so (any exception will do)."""


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._stop = stop

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._progress, self._stop.is_set)
        except BaseException as exc:  # noqa: BLE001  (handed to the GUI thread, never lost)
            self.failed.emit(exc)
            return
        self.succeeded.emit(result)

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(int(done), int(total))


_RUNNING: set[BackgroundTask] = set()  # keeps tasks (and their threads) alive until they end


class BackgroundTask(QObject):
    finished = Signal()  # after on_done / on_cancelled / the error message, in every case

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        work: Work,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_error: Callable[[DaybookError], None] | None = None,
        show_after_ms: int = 300,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._on_done = on_done
        self._on_cancelled = on_cancelled
        self._on_error = on_error
        self._stop = threading.Event()
        self.result: Any = None
        self.outcome = ""  # "done" | "cancelled" | "failed" once over

        self.dialog = QProgressDialog(label, "&Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(show_after_ms)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.setValue(0)

        self._thread = QThread()
        self._worker = _Worker(work, self._stop)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.succeeded.connect(self._on_success)
        self._worker.failed.connect(self._on_failure)

    def start(self) -> BackgroundTask:
        _RUNNING.add(self)
        app = QCoreApplication.instance()
        if app is not None:  # quitting mid-way: stop the work and let the thread end cleanly
            app.aboutToQuit.connect(self._stop_for_quit)
        self._thread.start()
        return self

    def _stop_for_quit(self) -> None:
        self._stop.set()
        self._thread.quit()
        self._thread.wait(10000)

    @property
    def running(self) -> bool:
        return not self.outcome

    def cancel(self) -> None:
        if self.outcome:
            return
        self._stop.set()  # the dialog hides itself; the work stops at its next check

    def wait(self, ms: int = 30000) -> bool:
        """Blocks until the worker thread ends (tests, closing the window)."""
        return self._thread.wait(ms)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.outcome:
            return
        if total > 0 and self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total) if total > 0 else 0)

    def _end(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.dialog.hide()
        self.dialog.deleteLater()

    @Slot(object)
    def _on_success(self, result: Any) -> None:
        self._end()
        if self._stop.is_set():
            self._finish("cancelled")
            return
        self.result = result
        self.outcome = "done"
        try:
            if self._on_done is not None:
                self._on_done(result)
        finally:
            self._finish("done")

    @Slot(object)
    def _on_failure(self, exc: BaseException) -> None:
        self._end()
        if self._stop.is_set():
            self._finish("cancelled")
            return
        self.outcome = "failed"
        try:
            if isinstance(exc, DaybookError):
                if self._on_error is not None:
                    self._on_error(exc)
                else:
                    QMessageBox.information(self._parent, "Daybook", str(exc))
            else:
                from app.ui.error_dialog import show_unexpected_error

                show_unexpected_error(self._parent, exc)
        finally:
            self._finish("failed")

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        try:
            if outcome == "cancelled" and self._on_cancelled is not None:
                self._on_cancelled()
        finally:
            _RUNNING.discard(self)
            app = QCoreApplication.instance()
            if app is not None:
                try:
                    app.aboutToQuit.disconnect(self._stop_for_quit)
                except (RuntimeError, TypeError):
                    pass
            self.finished.emit()


def run_in_background(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Work,
    *,
    on_done: Callable[[Any], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    on_error: Callable[[DaybookError], None] | None = None,
    show_after_ms: int = 300,
) -> BackgroundTask:
    """Starts `work` on a worker thread with a cancellable progress dialog; see the module."""
    return BackgroundTask(
        parent,
        title,
        label,
        work,
        on_done=on_done,
        on_cancelled=on_cancelled,
        on_error=on_error,
        show_after_ms=show_after_ms,
    ).start()
