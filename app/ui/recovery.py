"""The recovery code in the window: shown once when it is made, printed on the recovery sheet,
and confirmed by typing two of its groups back.

The dialog is shown at the end of set-up (or at the first start of a Daybook made before
recovery codes), and again from Today's "Print your recovery sheet" item or from Settings.
The code is read from inside the encrypted database each time; it is never logged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.formatting import today_london
from app.core.recovery_confirm import confirm_recovery_code, group_field, groups_to_ask
from app.ui.forms import FormGrid
from app.ui.style import CODE_BG, CODE_EDGE, TEXT

if TYPE_CHECKING:
    from app.storage.database import Store
    from app.ui.actions import ActionRunner
    from app.ui.context import UiContext
    from app.ui.pdf_preview import PdfPreviewDialog

SHEET_FILENAME = "daybook-recovery-sheet.pdf"


def recovery_sheet_pdf(runner: ActionRunner, today: date) -> bytes:
    """The recovery sheet for the open records (the code read from inside the database)."""
    from app.core.profile import get_profile
    from app.core.settings import get_setting
    from app.documents.recovery_sheet import RecoverySheet, render_recovery_sheet
    from app.storage.recovery import SETTING

    def read(session):  # type: ignore[no-untyped-def]
        profile = get_profile(session)
        return RecoverySheet(
            business_name=profile.trading_name if profile else "",
            carer_name=profile.carer_name if profile else "",
            code=get_setting(session, SETTING),
            made_on=today,
        )

    return render_recovery_sheet(runner.read(read))


def _code_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(font.pointSizeF() * 1.8)
    font.setBold(True)
    return font


class RecoveryCodeDialog(QDialog):
    """The code, the sheet (print or save), then two groups typed back to confirm."""

    def __init__(
        self,
        runner: ActionRunner,
        *,
        today: Callable[[], date] = today_london,
        first_time: bool = False,
        parent: QWidget | None = None,
        ask: tuple[int, ...] | None = None,
    ) -> None:
        from app.core.settings import get_setting
        from app.storage.recovery import SETTING

        super().__init__(parent)
        self.runner = runner
        self.today = today
        self.ask = ask or groups_to_ask()
        self.confirmed = False
        self.preview: PdfPreviewDialog | None = None
        self.setWindowTitle("Your recovery code")
        groups = runner.read(lambda s: get_setting(s, SETTING)).split("-")

        intro = QLabel(
            (
                "Daybook has made a recovery code for your records. "
                if first_time
                else "This is the recovery code for your records. "
            )
            + "If this laptop is lost, broken or replaced, or forgets Daybook's key, the code "
            "opens your records and your backups on another computer. Nobody else has it: "
            "not even Daybook's makers can open your records without it."
        )
        intro.setWordWrap(True)

        self.code_label = QLabel("   ".join(groups[:3]) + "\n" + "   ".join(groups[3:]))
        self.code_label.setFont(_code_font())
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setAccessibleName("Recovery code")
        self.code_label.setStyleSheet(
            f"QLabel {{ background: {CODE_BG}; border: 1px solid {CODE_EDGE}; padding: 10px; "
            f"color: {TEXT}; }}"
        )

        keep = QLabel(
            "<b>Print the sheet and keep it at home, away from the laptop.</b> Never send the "
            "code by email or text, and never take a photo of it."
        )
        keep.setWordWrap(True)

        self.print_button = QPushButton("&Print the sheet…")
        self.save_button = QPushButton("Save the sheet as P&DF…")
        self.print_button.setAutoDefault(False)
        self.save_button.setAutoDefault(False)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.print_button)
        sheet_row.addWidget(self.save_button)
        sheet_row.addStretch(1)

        check = QLabel(
            f"To make sure you have it, type group {self.ask[0]} and group {self.ask[1]} "
            "from your sheet:"
        )
        check.setWordWrap(True)
        self.form = FormGrid()
        self.inputs: dict[int, QLineEdit] = {}
        for number in self.ask:
            edit = QLineEdit()
            edit.setMaxLength(12)
            edit.setPlaceholderText("five letters and digits")
            edit.setAccessibleName(f"Group {number}")
            self.form.add_field(group_field(number), f"Group &{number}", edit)
            self.inputs[number] = edit

        self.buttons = QDialogButtonBox()
        self.confirm_button = self.buttons.addButton(
            "&Confirm", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = self.buttons.addButton(
            "I will do it &later", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.confirm_button.setDefault(True)  # Enter confirms
        self.later_button.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        self.confirm_button.clicked.connect(self.confirm)
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button.clicked.connect(self.save_sheet)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code_label)
        layout.addWidget(keep)
        layout.addLayout(sheet_row)
        layout.addSpacing(8)
        layout.addWidget(check)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.inputs[self.ask[0]].setFocus()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    # -- the sheet -----------------------------------------------------------------------------
    def show_sheet(self) -> PdfPreviewDialog:
        from app.ui.pdf_preview import show_pdf

        pdf = recovery_sheet_pdf(self.runner, self.today())
        self.preview = show_pdf(self, pdf, "Recovery sheet", SHEET_FILENAME)
        return self.preview

    def print_sheet(self) -> None:
        self.show_sheet().print_document()

    def save_sheet(self) -> None:
        self.show_sheet().save_document()

    # -- confirming ----------------------------------------------------------------------------
    def typed(self) -> dict[int, str]:
        return {number: edit.text() for number, edit in self.inputs.items()}

    def confirm(self) -> bool:
        typed, today = self.typed(), self.today()
        done = self.runner.run(
            lambda s: confirm_recovery_code(s, typed, today), errors=self.form.errors, parent=self
        )
        if done is None:
            return False
        self.confirmed = True
        self.accept()
        return True


def open_recovery_dialog(
    runner: ActionRunner,
    parent: QWidget | None = None,
    *,
    today: Callable[[], date] = today_london,
    first_time: bool = False,
) -> RecoveryCodeDialog:
    dialog = RecoveryCodeDialog(runner, today=today, first_time=first_time, parent=parent)
    dialog.resize(dialog.sizeHint())
    dialog.open()
    return dialog


def open_from_today(ctx: UiContext, parent: QWidget) -> None:
    """Today's "Print your recovery sheet and keep it safe" item."""
    open_recovery_dialog(ctx.runner, parent, today=ctx.today)


def show_new_recovery_code(parent: QWidget | None, store: Store, code: str) -> None:
    """A new code was just made (set-up finished, or a Daybook made before recovery codes):
    show it once, before the window, and ask for two groups back. `code` is what
    ensure_recovery returned; the dialog reads the same code from the database."""
    from app.ui.actions import ActionRunner
    from app.ui.error_dialog import is_headless

    del code  # read back from the database, the one place it is kept
    if is_headless():
        return
    dialog = RecoveryCodeDialog(ActionRunner(store), first_time=True, parent=parent)
    dialog.exec()


def after_opening_with_code(store: Store, parent: QWidget | None = None) -> None:
    """The records were opened with the recovery code. When no keyring took the key (this
    computer has none, or the key was a passphrase the carer has forgotten), the carer chooses
    the passphrase that opens them from now on."""
    from PySide6.QtWidgets import QMessageBox

    from app.storage.errors import StoreError
    from app.storage.keychange import key_home, switch_to_passphrase
    from app.storage.keys import KeySource
    from app.ui.error_dialog import is_headless
    from app.ui.passphrase_dialog import PassphraseDialog

    if is_headless() or key_home(store) in (KeySource.KEYRING, KeySource.ENVIRONMENT):
        return
    dialog = PassphraseDialog(
        "Choose your passphrase",
        "Your records are open with your recovery code. Choose the passphrase you will type "
        "to open them from now on (it may be the one you had before). Your recovery code "
        "stays the same.",
        twice=True,
        parent=parent,
    )
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            switch_to_passphrase(store, dialog.passphrase.text(), dialog.repeat.text())
        except StoreError as exc:
            dialog.show_error(str(exc))
            continue
        return
    QMessageBox.information(
        parent,
        "Daybook",
        "Your records are open. Until you choose a passphrase (Settings, Keys and recovery), "
        "Daybook will ask for your recovery code each time: choose 'I have forgotten it' "
        "when it asks for a passphrase.",
    )
