"""Asking for passphrases: a new one (twice), the current one, or at start-up the one that
opens the records, with a way to the recovery code for a forgotten passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.storage.keys import MIN_PASSPHRASE
from app.ui.forms import error_label


class PassphraseDialog(QDialog):
    """Asks for a passphrase twice (a new one), or once (the current one, to confirm)."""

    def __init__(self, title: str, intro: str, *, twice: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        text = QLabel(intro)
        text.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        rows = [("&Passphrase", self.passphrase)]
        if twice:
            self.passphrase.setPlaceholderText(f"at least {MIN_PASSPHRASE} characters")
            rows.append(("The same &again", self.repeat))
        for caption, edit in rows:
            label = QLabel(caption)
            label.setBuddy(edit)
            layout.addWidget(label)
            layout.addWidget(edit)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.twice = twice
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


class Forgotten:
    """The carer chose "I have forgotten my passphrase" at start-up."""


FORGOTTEN = Forgotten()


class PassphrasePrompt(QDialog):
    """The passphrase that opens the records; "I have forgotten it" leads to the recovery
    code (offered when the records have a recovery envelope)."""

    def __init__(self, message: str, *, can_recover: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Daybook")
        self.forgotten = False
        layout = QVBoxLayout(self)
        if message:
            note = QLabel(message)
            note.setWordWrap(True)
            layout.addWidget(note)
        label = QLabel("Enter your Daybook &passphrase:")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        label.setBuddy(self.passphrase)
        layout.addWidget(label)
        layout.addWidget(self.passphrase)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.forgot_button = buttons.addButton(
            "I have &forgotten it…", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.setVisible(can_recover)
        self.forgot_button.clicked.connect(self._forgot)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _forgot(self) -> None:
        self.forgotten = True
        self.accept()

    def answer(self) -> str | Forgotten | None:
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        return FORGOTTEN if self.forgotten else self.passphrase.text()
