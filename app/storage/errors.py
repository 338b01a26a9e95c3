"""Why the records cannot be opened, told apart so each gets its own message and way out.

Every message is safe to show and to log: it names files and dates, never a key or a record.
The window and the headless commands present the same errors (exit code 2 for commands).
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The database cannot be opened or changed. `way_out` says what to do."""

    way_out = ""

    def full_text(self) -> str:
        return f"{self} {self.way_out}".strip()


class WrongKey(StoreError):
    way_out = "Check the passphrase and try again."


class KeyMissing(StoreError):
    """The place the key was kept (keyring) no longer has it: the recovery code opens the file."""

    way_out = (
        "Use the recovery code from your Daybook recovery sheet to open your records "
        "(in the window, or with 'daybook recover')."
    )


class LockedByAnotherDaybook(StoreError):
    way_out = "Close the other Daybook window (or wait for it to finish), then try again."


class NotADaybookDatabase(StoreError):
    way_out = "Choose another data folder, or restore a backup. The file has not been changed."


class NewerDatabase(NotADaybookDatabase):
    way_out = "Install the newest Daybook, then open the records again. Nothing was changed."


class ReadOnlyFolder(StoreError):
    way_out = (
        "Check that the folder is on your own disk (not a read-only drive) and that you may "
        "write to it."
    )


class FolderUnusable(StoreError):
    """The data folder path is a file, too long, or cannot be made."""

    way_out = "Choose another data folder with --data-dir."


class DamagedDatabase(StoreError):
    """Pages of the file are damaged or missing (not a key problem)."""

    def __init__(
        self, message: str, *, good_backup: Path | None = None, backup_when: str = ""
    ) -> None:
        super().__init__(message)
        self.good_backup = good_backup
        self.backup_when = backup_when  # e.g. "Sunday 29 November 2026 at 11:56"

    @property
    def way_out(self) -> str:  # type: ignore[override]
        if self.good_backup is None:
            return (
                "No backup copy opens either. Keep the file as it is and ask for help; "
                "do not start again over it."
            )
        return (
            f"The newest good backup is from {self.backup_when or 'an earlier date'} ({self.good_backup.name}). Bring it back "
            f'in the window (Restore), or with: daybook restore "{self.good_backup}"'
        )


class BackupRefused(StoreError):
    """A file offered for restore is not a usable Daybook backup; nothing was changed."""

    way_out = "Nothing was changed."
