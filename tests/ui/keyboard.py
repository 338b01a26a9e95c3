"""Typing into real widgets as a carer would, for the journey and nasty-input tests.

QTest only knows ASCII keys, so any other character (á, Ł, an emoji) is sent as the key
event an input method sends, with the character as its text. A long text is pasted from
the clipboard (Ctrl+V), as a carer would paste it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

PASTE_FROM = 200  # characters: longer texts are pasted, not typed key by key


def type_into(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.clear()  # type: ignore[attr-defined]
    widget.setFocus()
    if len(text) >= PASTE_FROM:
        QApplication.clipboard().setText(text)
        qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        return
    for ch in text:
        if ch == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                )


def click(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled() and button.isVisibleTo(button.window()), button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot, box: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Clicks a check box or radio button on its indicator."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert box.isChecked()  # type: ignore[attr-defined]
