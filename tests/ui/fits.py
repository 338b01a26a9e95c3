"""What "fits a small screen" means for a window or a dialog: it keeps the size it was given
(nothing inside forces it larger), and every button the carer may need lies inside it, or
inside a scroll area that can bring it into view by scrolling down (never sideways)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QTabBar, QWidget

# A 1366x768 laptop at 150% leaves about 910x512 logical pixels (1920x1080 at 200%: 960x540).
SMALL_SCREEN = (910, 512)


def rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def enclosing_scroll_area(widget: QWidget, top: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def buttons_out_of_reach(top: QWidget) -> list[str]:
    """Visible buttons of `top` that the carer cannot see or scroll to without widening it."""
    window = top.rect()
    out: list[str] = []
    for button in top.findChildren(QAbstractButton):
        if not button.isVisible() or isinstance(button.parentWidget(), QTabBar):
            continue  # a tab bar's own scroll arrows
        where = rect_in(button, top)
        scroll = enclosing_scroll_area(button, top)
        if scroll is None:
            fits = window.contains(where)
        else:
            view = rect_in(scroll.viewport(), top)
            fits = (
                window.contains(rect_in(scroll, top))
                and where.left() >= view.left()
                and where.right() <= view.right()
            )
        if not fits:
            out.append(
                f"{type(button).__name__} {button.text() or button.accessibleName()!r} at "
                f"{where.x()},{where.y()} {where.width()}x{where.height()}"
            )
    return out
