"""What a screen reader needs of a widget: a name it can say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QTabBar, QWidget


def unnamed_focusable(root: QWidget) -> list[str]:
    """Every widget the carer can Tab to that has no accessible name, no text of its own and
    no label naming it (a label's buddy counts)."""
    buddied = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing: list[str] = []
    for widget in root.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root):
            continue
        if widget.focusProxy() is not None:
            continue
        if widget.accessibleName() or id(widget) in buddied:
            continue
        if isinstance(widget, QAbstractButton | QLabel) and widget.text().replace("&", "").strip():
            continue  # said by its own text
        if isinstance(widget, QTabBar) and widget.count() and widget.tabText(0):
            continue  # said by its tabs' titles
        if isinstance(widget, QScrollArea):
            continue  # a container: what is said is the fields inside it
        parent = widget.parentWidget()
        if parent is not None and type(parent).__name__ in {
            "QSpinBox",
            "QDateTimeEdit",
            "QTimeEdit",
            "QComboBox",
            "QAbstractSpinBox",
        }:
            continue  # the inner line edit of a named box
        if parent is not None and (parent.accessibleName() or id(parent) in buddied):
            continue
        missing.append(
            f"{type(widget).__name__} {widget.objectName() or ''} in {type(parent).__name__ if parent else ''}"
        )
    return missing
