import sqlite3
from pathlib import Path

import pytest

from app.core.clients import ClientDraft, add_client, search_clients
from app.storage.backup import list_backups, make_backup
from app.storage.database import LockedByAnotherDaybook, NotADaybookDatabase, Store, WrongKey
from app.storage.errors import BackupRefused
from app.storage.keys import DatabaseKey, KeySource
from app.storage.migrate import current_revision, script_head
from app.storage.migrations import HEAD
from app.storage.opening import open_store
from app.storage.restore import restore_from, restore_into
from tests.conftest import TEST_KEY, TODAY


def test_database_file_is_encrypted(store: Store) -> None:
    with store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Secret Person"), today=TODAY)
    store.checkpoint()
    raw = store.path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"Secret Person" not in raw


def test_wrong_key_is_refused_cleanly(store: Store, data_dir: Path) -> None:
    store.close()
    with pytest.raises(WrongKey):
        open_store(data_dir, DatabaseKey("not-it", KeySource.PASSPHRASE))


def test_second_daybook_on_the_same_folder_is_refused(store: Store, data_dir: Path) -> None:
    with pytest.raises(LockedByAnotherDaybook):
        open_store(data_dir, TEST_KEY)


def test_plain_sqlite_file_is_not_a_daybook_database(data_dir: Path) -> None:
    sqlite3.connect(data_dir / "daybook.db").execute("create table x(a)").connection.commit()
    with pytest.raises(NotADaybookDatabase):
        open_store(data_dir, TEST_KEY)
    assert sqlite3.connect(data_dir / "daybook.db").execute(
        "select count(*) from x"
    ).fetchone() == (0,)


def test_garbage_file_is_refused(data_dir: Path) -> None:
    (data_dir / "daybook.db").write_bytes(b"this is not a database at all" * 50)
    with pytest.raises((NotADaybookDatabase, WrongKey)):
        open_store(data_dir, TEST_KEY)


def test_foreign_keys_are_on(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_migrations_reach_head_and_match_the_models(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import app.core.models  # noqa: F401
    from app.core.base import Base

    assert current_revision(store) == HEAD == script_head()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_failed_unit_of_work_keeps_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Half Done"), today=TODAY)
        raise RuntimeError("power cut")
    with store.reading() as s:
        assert search_clients(s, "half") == []


def test_backup_and_restore_round_trip(business_store: Store, data_dir: Path) -> None:
    store = business_store
    with store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Before Backup"), today=TODAY)
    copy = make_backup(store)
    with store.unit_of_work() as s:
        add_client(s, ClientDraft(name="After Backup"), today=TODAY)
    store.close()
    restore_into(data_dir, TEST_KEY, copy)
    with open_store(data_dir, TEST_KEY) as again, again.reading() as s:
        assert [r.name for r in search_clients(s, "")] == ["Before Backup"]
    assert len(list_backups(data_dir)) == 2  # the copy, and the database it replaced


def test_restore_in_place_keeps_the_folder_locked(business_store: Store, data_dir: Path) -> None:
    store = business_store
    with store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Kept"), today=TODAY)
    copy = make_backup(store)
    with store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Later"), today=TODAY)
    restore_from(store, copy)
    with store.reading() as s:
        assert [r.name for r in search_clients(s, "")] == ["Kept"]
    with pytest.raises(LockedByAnotherDaybook):
        open_store(data_dir, TEST_KEY)


def test_restore_refuses_a_copy_made_with_another_key(store: Store, tmp_path: Path) -> None:
    other_dir = tmp_path / "other"
    other = open_store(other_dir, DatabaseKey("another-key-1", KeySource.PASSPHRASE))
    other.close()
    with store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Still Here"), today=TODAY)
    with pytest.raises(BackupRefused):
        restore_from(store, other_dir / "daybook.db")
    with store.reading() as s:
        assert [r.name for r in search_clients(s, "")] == ["Still Here"]


def test_upgrade_makes_a_backup_first(data_dir: Path) -> None:
    from alembic import command

    from app.storage.migrate import _alembic_config

    s = Store(data_dir, TEST_KEY).open()
    with s.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
    s.close()
    assert list_backups(data_dir) == []
    with open_store(data_dir, TEST_KEY) as again:
        assert current_revision(again) == HEAD
    backups = list_backups(data_dir)
    assert len(backups) == 1 and backups[0].kind == "before-upgrade"
    assert "before-upgrade-from-0001" in backups[0].name


def test_the_standard_sqlcipher_key_pragma_opens_the_file(store: Store) -> None:
    """Support opens the file with the sqlcipher shell and PRAGMA key = '<passphrase>'."""
    import sqlcipher3

    with store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Support Check"), today=TODAY)
    store.checkpoint()
    conn = sqlcipher3.connect(str(store.path))
    conn.execute(f"PRAGMA key = '{TEST_KEY.secret}'")
    assert conn.execute("select name from client").fetchall() == [("Support Check",)]
    conn.close()
