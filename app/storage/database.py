"""The encrypted SQLite database: opening it safely, and one unit of work per action."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock, Timeout

from app.storage.errors import (
    DamagedDatabase,
    FolderUnusable,
    LockedByAnotherDaybook,
    NotADaybookDatabase,
    ReadOnlyFolder,
    StoreError,
    WrongKey,
)
from app.storage.files import make_private
from app.storage.kdf import key_pragma
from app.storage.keys import DatabaseKey
from app.storage.paths import DB_NAME, LOCK_NAME

__all__ = [  # the errors are re-exported for older importers; their home is errors.py
    "DamagedDatabase",
    "FolderUnusable",
    "LockedByAnotherDaybook",
    "NotADaybookDatabase",
    "ReadOnlyFolder",
    "Store",
    "StoreError",
    "WrongKey",
]

if TYPE_CHECKING:  # SQLAlchemy is imported when first used, not with this module (start-up)
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from app.core.reading import Reader

log = logging.getLogger(__name__)
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
# SQLite result codes that sqlcipher3 reports on its exceptions (sqlite_errorcode).
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
SQLITE_READONLY = 8
SQLITE_CANTOPEN = 14
SQLITE_IOERR = 10


def _quote(secret: str) -> str:
    return "'" + secret.replace("'", "''") + "'"


def connect_raw(path: Path, key: DatabaseKey, *, read_only: bool = False, immutable: bool = False):
    """A DB-API connection with the key set: in its raw form, derived once per process, where
    the file already has its salt (app/storage/kdf.py); else the passphrase, which SQLCipher
    derives on first read."""
    import sqlcipher3

    if immutable or read_only:
        mode = "immutable=1" if immutable else "mode=ro"
        conn = sqlcipher3.connect(
            f"{path.resolve().as_uri()}?{mode}", uri=True, check_same_thread=False, timeout=5
        )
    else:
        conn = sqlcipher3.connect(str(path), check_same_thread=False, timeout=5)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(key_pragma(path, key.secret))
    return conn


_connect_raw = connect_raw  # the name older tests use


def error_code(exc: BaseException) -> int | None:
    """The SQLite result code behind a DB-API or SQLAlchemy error, if there is one."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(exc: BaseException) -> bool:
    return error_code(exc) == SQLITE_CORRUPT or "malformed" in str(getattr(exc, "orig", exc))


def first_read_problem(conn, path: Path) -> StoreError | None:
    """Reads the schema. None when the key opens the file; else what went wrong.

    SQLCipher checks every page's HMAC: a wrong key fails on page 1 (SQLITE_NOTADB), damage or
    truncation later in the file fails as SQLITE_CORRUPT. Page 1 itself damaged looks like a
    wrong key here; the caller tells those apart with the key check and the backups."""
    import sqlcipher3

    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        code = error_code(exc)
        if code == SQLITE_CORRUPT:
            return DamagedDatabase(
                f"Your records file {path.name} is damaged: parts of it "
                "are missing or cannot be read."
            )
        if code in (SQLITE_READONLY, SQLITE_CANTOPEN):
            return ReadOnlyFolder(f"Daybook cannot read or write {path.name} in {path.parent}.")
        return WrongKey(
            "The passphrase does not open this Daybook database "
            "(or the file is not a Daybook database)."
        )
    except sqlcipher3.OperationalError as exc:
        if error_code(exc) in (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_IOERR):
            return ReadOnlyFolder(f"Daybook cannot read or write {path.name} in {path.parent}.")
        raise
    return None


def check_folder(data_dir: Path, *, writable: bool = True) -> None:
    """Raises FolderUnusable/ReadOnlyFolder when `data_dir` cannot hold Daybook's records."""
    import errno

    try:
        if data_dir.exists() and not data_dir.is_dir():
            raise FolderUnusable(f"{data_dir} is a file, not a folder.")
        if writable:
            data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise FolderUnusable("The data folder's name is too long for this computer.") from None
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ReadOnlyFolder(f"Daybook may not create or write in {data_dir}.") from None
        if exc.errno in (errno.ENOTDIR, errno.EEXIST):
            raise FolderUnusable(f"{data_dir} cannot be used as a folder.") from None
        raise FolderUnusable(f"{data_dir} cannot be used ({exc.strerror}).") from None
    if not data_dir.is_dir():
        raise FolderUnusable(f"There is no data folder at {data_dir}.")
    if writable and not os.access(data_dir, os.W_OK | os.X_OK):
        raise ReadOnlyFolder(f"Daybook may not write in {data_dir}.")


def _check_file(path: Path, *, may_create: bool) -> None:
    if not path.exists():
        if not may_create:
            raise NotADaybookDatabase(f"There is no Daybook database in {path.parent}.")
        return
    if not path.is_file():
        raise NotADaybookDatabase(f"{path} is not a file.")
    with path.open("rb") as fh:
        head = fh.read(16)
    if head == PLAIN_SQLITE_HEADER:
        raise NotADaybookDatabase(
            f"{path.name} is an unencrypted SQLite file, not a Daybook database."
        )
    if not head and (not may_create or _had_records(path.parent)):
        # An empty file where records used to be: never quietly start again over it.
        raise DamagedDatabase(
            f"Your records file {path.name} is empty (0 bytes): it has been damaged."
        )


def _had_records(data_dir: Path) -> bool:
    """Backups or a recovery envelope show there were records here before."""
    from app.storage.paths import BACKUP_DIR

    backups = data_dir / BACKUP_DIR
    return (data_dir / "daybook.recovery.json").exists() or (
        backups.is_dir() and any(backups.glob("daybook-*.db"))
    )


class Store:
    """One open Daybook database, held for the lifetime of the app or command.

    `open()` only locks, checks and connects: it never migrates or backs up (that is
    `app.storage.opening.open_store`, the floor above). With `read_only=True` nothing is
    created or written (`daybook check`)."""

    def __init__(
        self, data_dir: Path, key: DatabaseKey, *, read_only: bool = False, may_create: bool = True
    ) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_NAME
        self._key = key
        self.read_only = read_only
        self.may_create = may_create and not read_only
        self._lock = FileLock(str(self.data_dir / LOCK_NAME), mode=0o600)
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._opened = False
        # The connection that checked the key: it serves plain reads (Today, before the ORM
        # has loaded); the engine opens its own (the raw key is derived once per process).
        self._plain_conn = None
        self._plain_lock = threading.Lock()

    @property
    def key(self) -> DatabaseKey:
        return self._key

    def use_key(self, key: DatabaseKey) -> None:
        """After `PRAGMA rekey`: the same open store connects with the new key from now on."""
        self._key = key

    @property
    def key_source(self):
        return self._key.source

    @property
    def exists(self) -> bool:
        return self.path.exists() and self.path.stat().st_size > 0

    def open(self) -> Store:
        """Locks the folder, checks the file and the key, and connects."""
        check_folder(self.data_dir, writable=not self.read_only)
        if not self.read_only:
            make_private(self.data_dir)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise LockedByAnotherDaybook(
                "This Daybook data folder is already open in another Daybook."
            ) from None
        except OSError:
            raise ReadOnlyFolder(f"Daybook may not write in {self.data_dir}.") from None
        try:
            _check_file(self.path, may_create=self.may_create)
            self._verify_key()
        except BaseException:
            self.close()
            raise
        self._opened = True
        return self

    @property
    def is_open(self) -> bool:
        return self._opened

    @property
    def engine(self) -> Engine | None:
        """The SQLAlchemy engine, made on first use (importing SQLAlchemy and every model
        takes longer than the window takes to paint: Today reads through `plain()` first).
        None when the store is not open."""
        if self._engine is None and self._opened:
            self._start_engine()
        return self._engine

    def _start_engine(self) -> None:
        from sqlalchemy.orm import sessionmaker

        import app.core.models  # noqa: F401  (every table, guard and check registered)

        self._engine = self._make_engine()
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    def _session_maker(self) -> sessionmaker[Session]:
        assert self._opened, "Store.open() first"
        if self._sessions is None:
            self._start_engine()
        assert self._sessions is not None
        return self._sessions

    @contextmanager
    def plain(self) -> Iterator[Reader]:
        """A Reader over one read transaction, without SQLAlchemy (app/core/reading.py)."""
        assert self._opened, "Store.open() first"
        from app.core.reading import ConnectionReader

        with self._plain_lock:
            conn = self._plain_connection()
            conn.execute("BEGIN")
            try:
                yield ConnectionReader(conn)
            finally:
                conn.execute("ROLLBACK")

    @contextmanager
    def raw(self) -> Iterator[Any]:
        """The plain DB-API connection itself, no transaction open, for storage's own work
        (the backup's still copy): no ORM needed, so the day's backup does not wait for it."""
        assert self._opened, "Store.open() first"
        with self._plain_lock:
            yield self._plain_connection()

    def _plain_connection(self):  # with _plain_lock held
        if self._plain_conn is None:
            self._plain_conn = connect_raw(self.path, self._key, read_only=self.read_only)
        return self._plain_conn

    def plain_revision(self) -> str | None:
        """The schema's revision read plainly; None when the file has no alembic_version."""
        with self.plain() as db:
            found = db.rows("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'")
            if not found:
                return None
            rows = db.rows("SELECT version_num FROM alembic_version")
            return rows[0][0] if rows else None

    def _verify_key(self) -> None:
        if not self.exists:
            return
        conn = connect_raw(self.path, self._key, read_only=self.read_only)
        try:
            problem = first_read_problem(conn, self.path)
        except BaseException:
            conn.close()
            raise
        if problem is not None:
            conn.close()
            raise problem
        self._plain_conn = conn

    def _connect(self):
        return connect_raw(self.path, self._key, read_only=self.read_only)

    def _make_engine(self) -> Engine:
        import sqlcipher3
        from sqlalchemy import create_engine, event

        # The plain sqlite dialect over sqlcipher3's DB-API: the key is set by our creator,
        # not by the pysqlcipher dialect (which would put the passphrase in a URL).
        # hide_parameters: no SQL error message may carry a record's text into a log.
        engine = create_engine(
            "sqlite://", module=sqlcipher3.dbapi2, hide_parameters=True, creator=self._connect
        )
        read_only = self.read_only

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:
            dbapi_conn.execute("PRAGMA foreign_keys = ON")
            if not read_only:
                dbapi_conn.execute("PRAGMA journal_mode = WAL")
            dbapi_conn.execute("PRAGMA busy_timeout = 5000")

        return engine

    def reconnect(self) -> None:
        """A new engine over the same path (after the file was replaced by a restore)."""
        from sqlalchemy.orm import sessionmaker

        self.dispose()
        self._engine = self._make_engine()
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    def dispose(self) -> None:
        """Closes every connection to the file (the folder stays locked)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            self._sessions = None
        with self._plain_lock:
            if self._plain_conn is not None:  # never read through a connection to a replaced file
                self._plain_conn.close()
                self._plain_conn = None

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One user action: committed whole, or rolled back whole."""
        session = self._session_maker()()
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
        session = self._session_maker()()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def checkpoint(self) -> None:
        if self._opened and not self.read_only and self.exists:
            with self._plain_lock:
                self._plain_connection().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def close(self) -> None:
        if self._opened:
            try:
                self.checkpoint()
            except Exception:  # closing must not fail; the WAL is replayed next time
                log.warning("checkpoint on close failed", exc_info=True)
        self._opened = False
        self.dispose()
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def quick_check(self) -> list[str]:
        """SQLite's quick_check (every page read and decrypted): [] when whole."""
        return self.integrity_problems(full=False)

    def integrity_problems(self, *, full: bool = True) -> list[str]:
        """Damage found by SQLite and SQLCipher: pages, indexes, foreign keys."""
        from sqlalchemy import text
        from sqlalchemy.exc import DatabaseError

        problems: list[str] = []
        assert self.engine is not None
        try:
            with self.engine.connect() as conn:
                pragma = "integrity_check" if full else "quick_check"
                rows = [r[0] for r in conn.execute(text(f"PRAGMA {pragma}"))]
                if rows != ["ok"]:
                    problems.extend(
                        f"integrity: {line}" for r in rows[:3] for line in str(r).splitlines()[:10]
                    )
                # Every page those pragmas read had its HMAC verified as it was decrypted, and
                # they read every page in use; only free pages can escape them. SQLCipher's own
                # pass reads the whole file again, so it runs only when there are free pages or
                # damage was already found (issue 16: `check` of 100 MB under 3 s).
                free = conn.exec_driver_sql("PRAGMA freelist_count").scalar()
                if problems or free:
                    for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()[:10]:
                        problems.append(f"encryption: {r[0]}")
                if not full:
                    return problems
                for r in conn.execute(text("PRAGMA foreign_key_check")).fetchall()[:10]:
                    problems.append(
                        f"foreign key: table {r[0]} row {r[1]} points at a missing {r[2]}"
                    )
        except DatabaseError as exc:
            problems.append(f"integrity: the file cannot be read through ({error_code(exc)})")
        return problems


def quick_check_file(path: Path, key: DatabaseKey) -> list[str]:
    """SQLite's quick_check over its own read-only connection (every page read and its HMAC
    verified): [] when the file is whole. Safe beside the open store (WAL readers)."""
    import sqlcipher3

    conn = connect_raw(path, key, read_only=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        return [] if rows == ["ok"] else [str(r).splitlines()[0] for r in rows[:5]]
    except sqlcipher3.DatabaseError as exc:
        return [f"the file cannot be read through (SQLite code {error_code(exc)})"]
    finally:
        conn.close()
