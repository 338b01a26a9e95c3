"""The one calm dialog for anything unexpected: what happened, that nothing saved was lost,
and where the log is. Also installed as sys.excepthook so no traceback ever reaches the carer."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("daybook.ui")
_log_path: Path | None = None
_headless = False


def set_headless(on: bool) -> None:
    """With --exit-when-ready nobody is there to close a dialog: print one line and quit."""
    global _headless
    _headless = on


def set_log_path(path: Path) -> None:
    global _log_path
    _log_path = path


def is_headless() -> bool:
    return _headless


def say_when_headless(message: str) -> bool:
    """With --exit-when-ready: `message` as one line, and the window quits with 1. True if so."""
    if not _headless:
        return False
    from PySide6.QtWidgets import QApplication

    print(f"daybook: {message}", file=sys.stderr, flush=True)
    QApplication.exit(1)
    return True


def show_unexpected_error(parent: QWidget | None, exc: BaseException) -> None:
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    where = f"\n\nThe details are in the log:\n{_log_path}" if _log_path else ""
    if say_when_headless(f"something went wrong ({type(exc).__name__}); details in {_log_path}"):
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Something went wrong")
    box.setText("Daybook could not finish that.")
    box.setInformativeText(
        "Nothing you had already saved has been lost. You can carry on working; "
        "if it happens again, please send the log to support." + where
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    try:
        show_unexpected_error(None, exc)
    except Exception:  # even the dialog failed: at least log it
        log.critical("unexpected error while showing an error", exc_info=(kind, exc, tb))


def install_excepthook() -> None:
    sys.excepthook = _excepthook
