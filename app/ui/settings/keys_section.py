"""Settings, "Keys and recovery": where the key lives, the recovery sheet again, switching
between the keyring and a passphrase, and how to move to a new computer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, Changes, changes
from app.core.formatting import format_date
from app.core.recovery_confirm import confirmed_on
from app.storage.keychange import key_home, switch_to_keyring, switch_to_passphrase
from app.storage.keys import KEY_SOURCE_TEXT, KeySource, keyring_usable, nfc
from app.ui.passphrase_dialog import PassphraseDialog
from app.ui.settings.sections import register_settings_section

MOVING_TEXT = (
    "<b>Moving to a new computer.</b> Copy your backups folder (or one backup file with the "
    "<i>.recovery.json</i> file of the same name beside it) onto a USB stick. On the new "
    "computer, install Daybook, choose <i>Open my records from a backup</i> on its first page, "
    "choose the backup and type the code from your recovery sheet. Without a window: "
    "<i>daybook restore FILE</i>, then the code."
)


class KeysSection(QWidget):
    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ctx = ctx
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.confirmed = QLabel()
        self.confirmed.setWordWrap(True)
        self.sheet_button = QPushButton("Print the recovery &sheet again…")
        self.confirm_button = QPushButton("Confirm your recovery &code…")
        self.to_passphrase_button = QPushButton("Use a &passphrase instead…")
        self.to_keyring_button = QPushButton("Keep the key in this computer's &keyring")
        self.sheet_button.clicked.connect(self.show_sheet)
        self.confirm_button.clicked.connect(self.open_confirm)
        self.to_passphrase_button.clicked.connect(self.choose_passphrase)
        self.to_keyring_button.clicked.connect(self.use_keyring)
        moving = QLabel(MOVING_TEXT)
        moving.setWordWrap(True)
        moving.setTextFormat(Qt.TextFormat.RichText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.where)
        layout.addWidget(self.confirmed)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_button)
        sheet_row.addWidget(self.confirm_button)
        sheet_row.addStretch(1)
        layout.addLayout(sheet_row)
        switch_row = QHBoxLayout()
        switch_row.addWidget(self.to_passphrase_button)
        switch_row.addWidget(self.to_keyring_button)
        switch_row.addStretch(1)
        layout.addLayout(switch_row)
        layout.addWidget(moving)
        ctx.runner.changed.connect(self.on_changed)
        self.refresh()

    def on_changed(self, what: Changes) -> None:
        if Area.SETTINGS in what:
            self.refresh()

    def refresh(self) -> None:
        home = key_home(self.ctx.store)
        text = KEY_SOURCE_TEXT.get(home, "")
        if home == KeySource.RECOVERY_CODE:
            text += (
                " Choose where the key lives from now on: a passphrase, or this computer's keyring."
            )
        self.where.setText(text)
        when = self.ctx.runner.read(confirmed_on)
        self.confirmed.setText(
            f"You confirmed your recovery code on {format_date(when)}."
            if when
            else "You have not yet confirmed that you have your recovery code. Print the sheet, "
            "keep it safe, then confirm it by typing two of its groups."
        )
        self.confirm_button.setVisible(when is None)
        switchable = home != KeySource.ENVIRONMENT
        self.to_passphrase_button.setVisible(switchable)
        self.to_passphrase_button.setText(
            "Choose a new &passphrase…"
            if home == KeySource.PASSPHRASE
            else "Use a &passphrase instead…"
        )
        self.to_keyring_button.setVisible(switchable and home != KeySource.KEYRING)
        self.to_keyring_button.setEnabled(keyring_usable())
        if not keyring_usable():
            self.to_keyring_button.setToolTip("This computer has no password store Daybook can use")

    # -- the recovery sheet --------------------------------------------------------------------
    def show_sheet(self) -> None:
        from app.ui.pdf_preview import show_pdf
        from app.ui.recovery import SHEET_FILENAME, recovery_sheet_pdf

        pdf = recovery_sheet_pdf(self.ctx.runner, self.ctx.today())
        self.preview = show_pdf(self, pdf, "Recovery sheet", SHEET_FILENAME)

    def open_confirm(self) -> None:
        from app.ui.recovery import open_recovery_dialog

        self.dialog = open_recovery_dialog(self.ctx.runner, self, today=self.ctx.today)

    # -- switching where the key lives ---------------------------------------------------------
    def choose_passphrase(self) -> bool:
        if not self._current_passphrase_confirmed(
            "Change your passphrase", "First type your current passphrase."
        ):
            return False
        dialog = PassphraseDialog(
            "Protect your records with a passphrase",
            "Choose a passphrase. You will type it each time Daybook opens. Your recovery code "
            "goes on opening your records if you forget it.",
            twice=True,
            parent=self,
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            passphrase, repeat = dialog.passphrase.text(), dialog.repeat.text()
            if self._switch(
                lambda p=passphrase, r=repeat: switch_to_passphrase(self.ctx.store, p, r), dialog
            ):
                QMessageBox.information(
                    self, "Passphrase", "Your records are now protected by your passphrase."
                )
                return True
        return False

    def use_keyring(self) -> bool:
        store = self.ctx.store
        if not self._current_passphrase_confirmed(
            "Keep the key in the keyring",
            "Daybook will open without asking for a passphrase whenever you are logged in to "
            "this computer. To confirm, type your current passphrase.",
        ):
            return False
        if not self._switch(lambda: switch_to_keyring(store), None):
            return False
        QMessageBox.information(
            self, "Keyring", "The key is now kept in this computer's keyring (password store)."
        )
        return True

    def _current_passphrase_confirmed(self, title: str, intro: str) -> bool:
        """True when the records were not opened with a passphrase, or the carer typed it."""
        store = self.ctx.store
        if store.key.source != KeySource.PASSPHRASE:
            return True
        dialog = PassphraseDialog(title, intro, twice=False, parent=self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if nfc(dialog.passphrase.text()) == store.key.secret:
                return True
            dialog.show_error("That is not your current passphrase.")
        return False

    def _switch(self, work, dialog: PassphraseDialog | None) -> bool:  # type: ignore[no-untyped-def]
        from app.storage.errors import StoreError

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            work()
        except StoreError as exc:
            QApplication.restoreOverrideCursor()
            if dialog is not None:
                dialog.show_error(str(exc))
            else:
                QMessageBox.warning(self, "Daybook", exc.full_text())
            return False
        except OSError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(
                self, "Daybook", f"The key could not be changed ({exc.strerror}). Nothing was lost."
            )
            return False
        QApplication.restoreOverrideCursor()
        self.ctx.runner.changed.emit(changes(Area.SETTINGS))
        return True


@register_settings_section("Keys and recovery", order=10)
def keys_section(ctx) -> QWidget:  # type: ignore[no-untyped-def]
    return KeysSection(ctx)
