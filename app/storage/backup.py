"""Backup copies of the encrypted database: before upgrades, on exit, daily; kept in rotation."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.storage.paths import BACKUP_DIR

if TYPE_CHECKING:
    from app.storage.database import Store

KEEP = 14


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def list_backups(data_dir: Path) -> list[Path]:
    folder = backup_dir(data_dir)
    if not folder.exists():
        return []
    return sorted(folder.glob("daybook-*.db"), key=lambda p: p.stat().st_mtime, reverse=True)


def make_backup(store: Store, *, reason: str = "manual", to: Path | None = None) -> Path:
    """Copies the database file (still encrypted with the same key) and prunes old copies."""
    store.checkpoint()
    if to is None:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        to = backup_dir(store.data_dir) / f"daybook-{stamp}-{reason}.db"
    to.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(store.path, to)
    _prune(store.data_dir)
    return to


def backed_up_today(data_dir: Path) -> bool:
    today = datetime.now(UTC).date()
    return any(
        datetime.fromtimestamp(p.stat().st_mtime, UTC).date() == today
        for p in list_backups(data_dir)
    )


def _prune(data_dir: Path) -> None:
    for old in list_backups(data_dir)[KEEP:]:
        old.unlink(missing_ok=True)


def restore_backup(data_dir: Path, source: Path, db_path: Path) -> Path:
    """Replaces the database with `source`, keeping the current file as a backup first.

    The caller must have closed the store. Returns where the replaced file was kept.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    kept = backup_dir(data_dir) / f"daybook-{stamp}-before-restore.db"
    kept.parent.mkdir(parents=True, exist_ok=True)
    if db_path.exists():
        shutil.copy2(db_path, kept)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    shutil.copy2(source, db_path)
    return kept
