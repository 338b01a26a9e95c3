"""Showing a new recovery code once (a fuller dialog with the printed sheet comes next)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from app.storage.database import Store


def show_new_recovery_code(parent: QWidget | None, store: Store, code: str) -> None:
    from app.ui.error_dialog import is_headless

    if is_headless():
        return
    QMessageBox.information(
        parent,
        "Your recovery code",
        "Write this recovery code down and keep it somewhere safe, away from this laptop:\n\n"
        f"{code}\n\nIf this computer is lost or replaced, the code opens your records and "
        "your backups. Daybook shows it once.",
    )
