"""Settings: the business profile, where the key lives, backups, and sections other areas add."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import ALL, Area
from app.core.profile import ProfileDraft, draft_from_profile, get_profile, save_profile
from app.storage.backup import backup_dir, list_backups, make_backup
from app.storage.errors import StoreError
from app.storage.restore import restore_from
from app.ui.profile_form import ProfileForm
from app.ui.registry import Panel, register_panel
from app.ui.settings import keys_section  # noqa: F401  (registers "Keys and recovery")
from app.ui.settings.sections import settings_sections


@register_panel
class SettingsPanel(Panel):
    AREA = Area.SETTINGS
    WATCHES = frozenset({Area.PROFILE})

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        content = QWidget()
        v = QVBoxLayout(content)

        profile_box = QGroupBox("Your business")
        self.profile_form = ProfileForm()
        self.save_button = QPushButton("&Save business details")
        self.saved_label = QLabel()
        pv = QVBoxLayout(profile_box)
        pv.addWidget(self.profile_form)
        row = QHBoxLayout()
        row.addWidget(self.saved_label, 1)
        row.addWidget(self.save_button)
        pv.addLayout(row)
        v.addWidget(profile_box)

        safety = QGroupBox("Keeping your data safe")
        sv = QVBoxLayout(safety)
        sv.addWidget(QLabel(f"Your data file: {ctx.store.path}"))
        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        sv.addWidget(self.backup_label)
        b = QHBoxLayout()
        self.backup_button = QPushButton("&Back up now")
        self.backup_to_button = QPushButton("Back up to a &file…")
        self.restore_button = QPushButton("&Restore from a backup…")
        b.addWidget(self.backup_button)
        b.addWidget(self.backup_to_button)
        b.addWidget(self.restore_button)
        b.addStretch(1)
        sv.addLayout(b)
        v.addWidget(safety)

        for title, factory in settings_sections():
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(factory(ctx))
            v.addWidget(box)
        v.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        QVBoxLayout(self).addWidget(scroll)
        self.save_button.clicked.connect(self.save_profile)
        self.backup_button.clicked.connect(lambda: self.backup(None))
        self.backup_to_button.clicked.connect(self.backup_to_file)
        self.restore_button.clicked.connect(self.choose_and_restore)
        self.refresh()

    def refresh(self) -> None:
        profile = self.ctx.runner.read(
            lambda s: draft_from_profile(p) if (p := get_profile(s)) else ProfileDraft()
        )
        self.profile_form.load(profile)
        backups = list_backups(self.ctx.store.data_dir)
        self.backup_label.setText(
            f"{len(backups)} backup copies in {backup_dir(self.ctx.store.data_dir)} (made before "
            "upgrades, daily and when you close Daybook). They are encrypted like the data file."
        )

    def save_profile(self) -> None:
        def work(session):  # type: ignore[no-untyped-def]
            return save_profile(session, self.profile_form.draft())

        if self.ctx.runner.run(work, errors=self.profile_form.errors, parent=self) is not None:
            self.saved_label.setText("Saved.")

    def backup(self, to) -> None:  # type: ignore[no-untyped-def]
        try:
            path = make_backup(self.ctx.store, kind="manual", to=to)
        except StoreError as exc:
            QMessageBox.warning(self, "Backup", exc.full_text())
            return
        except OSError as exc:
            QMessageBox.warning(
                self, "Backup", f"The backup could not be written ({exc.strerror})."
            )
            return
        QMessageBox.information(self, "Backup", f"A backup copy was saved:\n{path}")
        self.refresh()

    def backup_to_file(self) -> None:
        from app.ui.save_as import ask_where

        path = ask_where(
            self,
            "daybook-backup.db",
            caption="Back up to",
            file_filter="Daybook backup (*.db)",
            suffix=".db",
        )
        if path is not None:
            self.backup(path)

    def choose_and_restore(self) -> None:
        from pathlib import Path

        name, _ = QFileDialog.getOpenFileName(
            self,
            "Restore from a backup",
            str(backup_dir(self.ctx.store.data_dir)),
            "Daybook backup (*.db)",
        )
        if name:
            self.restore(Path(name))

    def restore(self, source) -> bool:  # type: ignore[no-untyped-def]
        answer = QMessageBox.question(
            self,
            "Restore from a backup",
            "Replace everything in Daybook with this backup copy?\n\nWhat you have now is "
            "kept as another backup first, so you can go back.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            kept = restore_from(self.ctx.store, source)
        except StoreError as exc:
            QMessageBox.warning(
                self, "Restore", f"That file cannot be restored: {exc}\n\nNothing has been changed."
            )
            return False
        except OSError as exc:
            QMessageBox.warning(
                self,
                "Restore",
                f"The backup could not be read ({exc.strerror}). Nothing has been changed.",
            )
            return False
        self.ctx.runner.changed.emit(ALL)
        before = f" What you had before was kept as\n{kept}" if kept else ""
        QMessageBox.information(self, "Restore", f"Restored.{before}")
        return True
