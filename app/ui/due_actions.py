"""What clicking an item on Today opens, by the item's `action` name.

Imported lazily (as the panels are), so Today need not load every area's dialogs to start.
Each entry names a function `(ctx, parent) -> None`.
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

DUE_ACTIONS = {
    "recovery-sheet": "app.ui.recovery:open_from_today",
}


def has_action(name: str) -> bool:
    return name in DUE_ACTIONS


def run_due_action(name: str, ctx, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    module, _, function = DUE_ACTIONS[name].partition(":")
    getattr(importlib.import_module(module), function)(ctx, parent)
