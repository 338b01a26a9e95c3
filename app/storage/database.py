"""The encrypted SQLite database: opening it safely, and one unit of work per action."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from app.storage.keys import DatabaseKey
from app.storage.paths import DB_NAME, LOCK_NAME

if TYPE_CHECKING:  # SQLAlchemy is imported when a store opens, not with this module (start-up)
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """The database cannot be opened. The message is safe to show; `way_out` says what to do."""

    way_out = ""


class WrongKey(StoreError):
    way_out = "Check the passphrase and try again."


class LockedByAnotherDaybook(StoreError):
    way_out = "Close the other Daybook window (or wait for it to finish), then try again."


class NotADaybookDatabase(StoreError):
    way_out = "Choose another data folder, or restore a backup. The file has not been changed."


def _quote(secret: str) -> str:
    return "'" + secret.replace("'", "''") + "'"


def _connect_raw(path: Path, key: DatabaseKey):  # type: ignore[no-untyped-def]
    import sqlcipher3

    conn = sqlcipher3.connect(str(path), check_same_thread=False, timeout=5)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {_quote(key.secret)}")
    return conn


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    if not path.is_file():
        raise NotADaybookDatabase(f"{path} is not a file.")
    with path.open("rb") as fh:
        head = fh.read(16)
    if head == PLAIN_SQLITE_HEADER:
        raise NotADaybookDatabase(
            f"{path.name} is an unencrypted SQLite file, not a Daybook database."
        )
    if 0 < len(head) < 16 or (path.stat().st_size % 512 and path.stat().st_size > 0):
        raise NotADaybookDatabase(f"{path.name} is not a Daybook database (it may be damaged).")
    if not head and _has_backups(path.parent):
        # An empty file where records used to be: never quietly start again over it.
        raise NotADaybookDatabase(f"{path.name} is empty (0 bytes): it may have been damaged.")


def _has_backups(data_dir: Path) -> bool:
    from app.storage.backup import list_backups

    return bool(list_backups(data_dir))


def trial_open(backup: Path, key: DatabaseKey) -> None:
    """Raises StoreError unless `backup` is a Daybook database that `key` opens."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / DB_NAME
        shutil.copy2(backup, trial)
        Store(Path(tmp), key).open(migrate=False).close()


def restore_into(data_dir: Path, key: DatabaseKey, backup: Path) -> Path:
    """Puts a backup in place when the folder's own database cannot be opened (damaged,
    emptied). The folder is locked while it happens; the backup must open with `key`.
    Returns where the replaced file was kept."""
    from app.storage.backup import restore_backup

    trial_open(backup, key)
    lock = FileLock(str(Path(data_dir) / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise LockedByAnotherDaybook(
            "This Daybook data folder is already open in another Daybook."
        ) from None
    try:
        return restore_backup(Path(data_dir), backup, Path(data_dir) / DB_NAME)
    finally:
        lock.release()


class Store:
    """One open Daybook database, held for the lifetime of the app or command."""

    def __init__(self, data_dir: Path, key: DatabaseKey) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_NAME
        self._key = key
        self._lock = FileLock(str(self.data_dir / LOCK_NAME))
        self.engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._checked_conn = None  # the connection that checked the key, reused by the engine

    @property
    def key_source(self):  # type: ignore[no-untyped-def]
        return self._key.source

    @property
    def exists(self) -> bool:
        return self.path.exists() and self.path.stat().st_size > 0

    def open(self, *, migrate: bool = True) -> Store:
        """Locks the folder, checks the key, and brings the schema up to date (after a backup)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise LockedByAnotherDaybook(
                "This Daybook data folder is already open in another Daybook."
            ) from None
        try:
            _check_file(self.path)
            self._verify_key()
            from sqlalchemy.orm import sessionmaker

            self.engine = self._make_engine()
            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
            if migrate:
                from app.storage.migrate import upgrade_to_head

                upgrade_to_head(self)
        except BaseException:
            self.close()
            raise
        return self

    def _verify_key(self) -> None:
        import sqlcipher3

        if not self.exists:
            return
        conn = _connect_raw(self.path, self._key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            conn.close()
            raise WrongKey(
                "The passphrase does not open this Daybook database "
                "(or the file is not a Daybook database)."
            ) from None
        except BaseException:
            conn.close()
            raise
        # Deriving the key costs ~0.1 s per connection: the engine's first connection is this one.
        self._checked_conn = conn

    def _connect(self):  # type: ignore[no-untyped-def]
        conn, self._checked_conn = self._checked_conn, None
        return conn if conn is not None else _connect_raw(self.path, self._key)

    def _make_engine(self) -> Engine:
        import sqlcipher3
        from sqlalchemy import create_engine, event

        # The plain sqlite dialect over sqlcipher3's DB-API: the key is set by our creator,
        # not by the pysqlcipher dialect (which would put the passphrase in a URL).
        # hide_parameters: no SQL error message may carry a record's text into a log.
        engine = create_engine(
            "sqlite://", module=sqlcipher3.dbapi2, hide_parameters=True, creator=self._connect
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_conn.execute("PRAGMA foreign_keys = ON")
            dbapi_conn.execute("PRAGMA journal_mode = WAL")
            dbapi_conn.execute("PRAGMA busy_timeout = 5000")

        return engine

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One user action: committed whole, or rolled back whole."""
        assert self._sessions is not None, "Store.open() first"
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only; never commits."""
        assert self._sessions is not None, "Store.open() first"
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def checkpoint(self) -> None:
        if self.engine is not None:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        if self.engine is not None:
            try:
                self.checkpoint()
            except Exception:  # closing must not fail; the WAL is replayed next time
                log.warning("checkpoint on close failed", exc_info=True)
            self.engine.dispose()
            self.engine = None
        if self._checked_conn is not None:
            self._checked_conn.close()
            self._checked_conn = None
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def restore_from(self, backup: Path) -> Path:
        """Replaces the database with a backup copy, keeping the folder locked throughout.

        The copy must open with this store's key and be a Daybook database; otherwise
        nothing changes. Returns where the replaced database was kept.
        """
        from app.storage.backup import restore_backup

        trial_open(backup, self._key)
        assert self.engine is not None, "Store.open() first"
        self.checkpoint()
        self.engine.dispose()
        if self._checked_conn is not None:  # never hand out a connection to the replaced file
            self._checked_conn.close()
            self._checked_conn = None
        kept = restore_backup(self.data_dir, backup, self.path)
        from sqlalchemy.orm import sessionmaker

        self.engine = self._make_engine()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        from app.storage.migrate import upgrade_to_head

        upgrade_to_head(self)
        return kept

    def integrity_problems(self) -> list[str]:
        from sqlalchemy import text

        problems: list[str] = []
        assert self.engine is not None
        with self.engine.connect() as conn:
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
            if rows != ["ok"]:
                problems.extend(f"integrity: {r}" for r in rows[:10])
            for r in conn.execute(text("PRAGMA foreign_key_check")).fetchall()[:10]:
                problems.append(f"foreign key: table {r[0]} row {r[1]} points at a missing {r[2]}")
            for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()[:10]:
                problems.append(f"encryption: {r[0]}")
        return problems
