"""Bringing a backup back: validate first, keep what is there aside, then replace atomically.

Nothing is touched until the offered file has proved to be a whole Daybook database that the
key opens: not empty, decrypts, passes quick_check, has a schema this version knows (not
newer), and holds a business. Then the current file is kept as a `before-restore` backup (by
way of a .partial copy), the chosen copy is written to a temporary file inside the data folder,
fsynced, and renamed onto `daybook.db`. A kill at any moment leaves either the old database or
the new one under the live name, never a part of one.
"""

from __future__ import annotations

import os
import secrets
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from app.storage.backup import Backup, backup_dir, backup_name, list_backups, utc_now
from app.storage.database import (
    PLAIN_SQLITE_HEADER,
    connect_raw,
    first_read_problem,
)
from app.storage.errors import (
    BackupRefused,
    DamagedDatabase,
    LockedByAnotherDaybook,
    NewerDatabase,
    NotADaybookDatabase,
    StoreError,
    WrongKey,
)
from app.storage.files import (
    TEMP_PREFIX,
    copy_atomically,
    fsync_dir,
    make_private_file,
    publish,
)
from app.storage.paths import DB_NAME, LOCK_NAME
from app.storage.recovery import envelope_path, key_matches, read_envelope

if TYPE_CHECKING:
    from app.storage.database import Store
    from app.storage.keys import DatabaseKey


class BackupKeyMismatch(BackupRefused):
    """The copy is encrypted with another key (another computer or another Daybook)."""

    way_out = (
        "If it comes from your other computer, restore it with your recovery code. "
        "Nothing was changed."
    )


def validate_backup(source: Path, key: DatabaseKey) -> str:
    """The schema revision of a usable backup; raises BackupRefused (nothing changed) else."""
    import sqlcipher3

    from app.storage.migrate import check_revision

    name = source.name
    if not source.is_file():
        raise BackupRefused(f"{source} is not a file.")
    size = source.stat().st_size
    if size == 0:
        raise BackupRefused(f"{name} is empty (0 bytes): it is not a Daybook backup.")
    with source.open("rb") as fh:
        if fh.read(16) == PLAIN_SQLITE_HEADER:
            raise BackupRefused(f"{name} is an unencrypted SQLite file, not a Daybook backup.")
    conn = connect_raw(source, key, immutable=True)
    try:
        problem = first_read_problem(conn, source)
        if isinstance(problem, WrongKey):
            envelope = read_envelope(source)
            if envelope is not None and key_matches(envelope, key.secret):
                raise BackupRefused(f"{name} is damaged at its start and cannot be read.")
            raise BackupKeyMismatch(
                f"{name} does not open with this Daybook's key (it may be "
                "from another computer, or not a Daybook backup)."
            )
        if problem is not None:
            raise BackupRefused(f"{name} is damaged: parts of it cannot be read.")
        if [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()] != ["ok"]:
            raise BackupRefused(f"{name} is damaged: some of its pages cannot be read.")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            raise BackupRefused(f"{name} is not a Daybook database.")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = revision[0] if revision else None
        try:
            check_revision(revision, what=name)
        except NewerDatabase as exc:
            raise BackupRefused(f"{exc} Install the newest Daybook first.") from None
        except NotADaybookDatabase as exc:
            raise BackupRefused(str(exc)) from None
        has_business = (
            "business_profile" in tables
            and conn.execute("SELECT count(*) FROM business_profile").fetchone()[0]
        )
        if not has_business:
            raise BackupRefused(
                f"{name} holds no business: it is not a Daybook backup worth restoring."
            )
        return str(revision)
    except sqlcipher3.DatabaseError:
        raise BackupRefused(f"{name} is damaged: it cannot be read through.") from None
    finally:
        conn.close()


def newest_good_backup(data_dir: Path, key: DatabaseKey) -> tuple[Backup | None, list[Backup]]:
    """The newest backup that validates, and the newer ones that did not (newest first)."""
    skipped: list[Backup] = []
    for backup in list_backups(data_dir):
        try:
            validate_backup(backup.path, key)
        except StoreError:
            skipped.append(backup)
            continue
        return backup, skipped
    return None, skipped


def _refuse_live(data_dir: Path, source: Path) -> None:
    live = data_dir / DB_NAME
    if live.exists() and source.exists() and os.path.samefile(source, live):
        raise BackupRefused("That file is the live database itself, not a backup of it.")


def keep_current(data_dir: Path, *, now: datetime | None = None) -> Path | None:
    """Copies the live database (and its WAL, if any) into backups as `before-restore`."""
    live = data_dir / DB_NAME
    if not live.is_file() or live.stat().st_size == 0:
        return None
    kept = backup_dir(data_dir) / backup_name("before-restore", now or utc_now())
    kept.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    wal = Path(str(live) + "-wal")
    if wal.is_file() and wal.stat().st_size:  # a file that would not open may hold its WAL
        copy_atomically(wal, Path(str(kept) + "-wal"))
    copy_atomically(live, kept)
    envelope = envelope_path(live)
    if envelope.is_file():
        copy_atomically(envelope, envelope_path(kept))
    return kept


def _put_in_place(data_dir: Path, source: Path) -> None:
    live = data_dir / DB_NAME
    temp = data_dir / f"{TEMP_PREFIX}{secrets.token_hex(6)}.db"
    try:
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
            while chunk := src.read(1024 * 1024):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        make_private_file(temp)
        for suffix in ("-wal", "-shm"):
            Path(str(live) + suffix).unlink(missing_ok=True)
        publish(temp, live)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    envelope = envelope_path(source)
    if envelope.is_file() and not envelope_path(live).is_file():
        copy_atomically(envelope, envelope_path(live))
    fsync_dir(data_dir)


def restore_into(
    data_dir: Path, key: DatabaseKey, source: Path, *, now: datetime | None = None
) -> Path | None:
    """Puts a backup in place when no Daybook has the folder open (e.g. the live file is
    damaged and will not open). Returns where the replaced file was kept (None if there was
    none). Raises BackupRefused, with nothing changed, for a file that is not a good backup."""
    data_dir = Path(data_dir)
    _refuse_live(data_dir, source)
    validate_backup(source, key)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = FileLock(str(data_dir / LOCK_NAME), mode=0o600)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise LockedByAnotherDaybook(
            "This Daybook data folder is already open in another Daybook."
        ) from None
    try:
        kept = keep_current(data_dir, now=now)
        _put_in_place(data_dir, source)
        return kept
    finally:
        lock.release()


def restore_from(store: Store, source: Path, *, now: datetime | None = None) -> Path | None:
    """Replaces an open store's database with a backup copy, keeping the folder locked and
    bringing the copy's schema up to date. Returns where the replaced database was kept."""
    from app.storage.migrate import upgrade_to_head

    _refuse_live(store.data_dir, source)
    validate_backup(source, store.key)
    assert store.engine is not None, "Store.open() first"
    store.checkpoint()
    store.dispose()
    try:
        kept = keep_current(store.data_dir, now=now)
        _put_in_place(store.data_dir, source)
    finally:
        store.reconnect()
    upgrade_to_head(store)
    return kept


def trial_open(backup: Path, key: DatabaseKey) -> None:
    """Raises StoreError unless `backup` is a good Daybook backup that `key` opens."""
    validate_backup(backup, key)


def damage_with_backup(data_dir: Path, key: DatabaseKey, message: str) -> DamagedDatabase:
    """A DamagedDatabase naming the newest backup that opens (or saying none does)."""
    good, skipped = newest_good_backup(data_dir, key)
    if good is None:
        return DamagedDatabase(message)
    when = good.describe()
    if skipped:
        when += f"; {len(skipped)} newer cop{'y' if len(skipped) == 1 else 'ies'} did not open"
    return DamagedDatabase(message, good_backup=good.path, backup_when=when)
