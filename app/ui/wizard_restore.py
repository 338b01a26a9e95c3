"""The first-run wizard's way back: "Open my records from a backup" on a computer without the
key (a new laptop, or a keyring that forgot it). The carer picks a backup file (with its
.recovery.json beside it) and types the recovery code; the key is unwrapped, the copy validated
and put in place. A wrong code or a file that is not a good backup writes nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.storage.keys import DatabaseKey
from app.ui.forms import error_label


class RestorePage(QWizardPage):
    def __init__(self, data_dir: Path | None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.key: DatabaseKey | None = None
        self.setTitle("Open my records from a backup")
        self.setSubTitle(
            "Choose a Daybook backup file (its name ends in .db, and the .recovery.json file "
            "of the same name must be beside it), then type the code from your recovery sheet."
        )
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Open my records")
        self.file = QLineEdit()
        self.file.setPlaceholderText("for example daybook-20261129T115500123456Z-daily.db")
        self.choose = QPushButton("C&hoose…")
        self.choose.clicked.connect(self.choose_file)
        self.code = QLineEdit()
        self.code.setPlaceholderText("six groups of five letters and digits")
        self.error = error_label()

        v = QVBoxLayout(self)
        file_label = QLabel("Backup &file")
        file_label.setBuddy(self.file)
        v.addWidget(file_label)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.choose)
        v.addLayout(row)
        code_label = QLabel("Recovery &code")
        code_label.setBuddy(self.code)
        v.addWidget(code_label)
        v.addWidget(self.code)
        v.addWidget(self.error)
        v.addStretch(1)

    def choose_file(self) -> None:
        start = self.file.text() or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose a Daybook backup", start, "Daybook backup (*.db);;All files (*)"
        )
        if name:
            self.file.setText(name)
            self.code.setFocus()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        from app.storage.errors import StoreError
        from app.storage.opening import restore_with_code

        self.error.hide()
        source = Path(self.file.text().strip()) if self.file.text().strip() else None
        if source is None or not source.is_file():
            self.show_error("Choose the backup file first.")
            self.file.setFocus()
            return False
        if not self.code.text().strip():
            self.show_error("Type the code from your recovery sheet.")
            self.code.setFocus()
            return False
        assert self.data_dir is not None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.key, _ = restore_with_code(self.data_dir, source, self.code.text())
        except StoreError as exc:
            self.show_error(exc.full_text())
            self.code.setFocus()
            return False
        except OSError as exc:
            self.show_error(f"The backup could not be read ({exc.strerror}). Nothing was changed.")
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return True

    def nextId(self) -> int:  # noqa: N802
        return -1
