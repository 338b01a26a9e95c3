"""The main window's size and place: within the screen's free area, remembered between runs
(QSettings), and a remembered place used only if it still fits the screen it lands on."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtWidgets import QWidget

GEOMETRY_KEY = "window/geometry"
PREFERRED = (1200, 800)


def settings() -> QSettings:
    return QSettings()


def available(window: QWidget) -> QRect | None:
    screen = window.screen()
    return screen.availableGeometry() if screen is not None else None


def fitted_size(free: QRect) -> tuple[int, int]:
    # Leave room for the title bar and frame the window manager adds around the window.
    return min(PREFERRED[0], free.width() - 16), min(PREFERRED[1], free.height() - 40)


def restore_or_fit(window: QWidget) -> None:
    free = available(window)
    if free is None:
        window.resize(*PREFERRED)
        return
    saved = settings().value(GEOMETRY_KEY)
    if isinstance(saved, QByteArray | bytes) and window.restoreGeometry(QByteArray(saved)):
        screen = window.screen()
        free = screen.availableGeometry() if screen is not None else free
        if free.contains(window.frameGeometry()) or free.contains(window.geometry()):
            return
    width, height = fitted_size(free)
    window.resize(width, height)
    window.move(
        free.x() + (free.width() - width) // 2, free.y() + max(0, (free.height() - height) // 2)
    )


def remember(window: QWidget) -> None:
    settings().setValue(GEOMETRY_KEY, window.saveGeometry())


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """A dialog's preferred size, made smaller where the screen's free area is smaller
    (1366x768 at 150% leaves about 910x512): its title bar and buttons stay on screen."""
    free = available(widget)
    if free is not None:
        width, height = min(width, free.width() - 16), min(height, free.height() - 40)
    widget.resize(width, height)
