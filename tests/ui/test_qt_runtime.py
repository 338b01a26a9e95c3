"""Guards against a Qt binding that corrupts the interpreter over a long session."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QWidget


def test_qt_calls_do_not_leak_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    # PySide6 6.12.0 on Python 3.11 drops one reference to None per void call; after a
    # few thousand calls the interpreter aborts ("deallocating None"). pyproject pins it out.
    w = QWidget()
    qtbot.addWidget(w)
    before = sys.getrefcount(None)
    for _ in range(2000):
        w.setWindowTitle("Daybook")
        QApplication.processEvents()
    assert sys.getrefcount(None) - before > -100
