"""The fast backup path: the encrypted bytes copied under a read transaction, verified through
the live connection. The copy must be the live file exactly, and damage must still refuse it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from app.storage.backup import make_backup, verify_copy
from app.storage.database import Store
from app.storage.errors import StoreError
from app.storage.paths import DB_NAME
from tests.conftest import TEST_KEY

PAGE = 4096


def _fill(store: Store, rows: int) -> None:
    with store.unit_of_work() as s:
        s.execute(text("CREATE TABLE IF NOT EXISTS filler (t TEXT)"))
        for n in range(rows):
            s.execute(text("INSERT INTO filler VALUES (:t)"), {"t": f"row {n:04} " + "x" * 300})


def test_the_copy_is_the_live_file_byte_for_byte_and_opens(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    _fill(store, 400)
    copy = make_backup(store, to=tmp_path / "copy.db")
    store.checkpoint()
    assert copy.read_bytes() == (data_dir / DB_NAME).read_bytes()
    assert verify_copy(copy, TEST_KEY) is None
    assert not list(tmp_path.glob("copy.db*-wal")) and not list(tmp_path.glob("*.partial"))


def test_a_reader_in_the_wal_still_gets_a_verified_copy(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    """A reader pinning WAL frames stops the checkpoint: the backup API copies instead."""
    from app.storage.database import connect_raw

    _fill(store, 50)
    reader = connect_raw(data_dir / DB_NAME, TEST_KEY)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM filler").fetchall()
        _fill(store, 50)  # frames the open read keeps in the WAL
        copy = make_backup(store, to=tmp_path / "copy.db")
        assert copy.read_bytes() != (data_dir / DB_NAME).read_bytes()  # not the plain copy
    finally:
        reader.close()
    assert verify_copy(copy, TEST_KEY) is None


def test_a_damaged_page_refuses_the_copy_and_keeps_nothing(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    _fill(store, 600)
    store.checkpoint()
    live = data_dir / DB_NAME
    pages = live.stat().st_size // PAGE
    with live.open("r+b") as fh:
        fh.seek((pages - 3) * PAGE + 100)
        fh.write(os.urandom(64))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(StoreError):
        make_backup(store, to=out / "copy.db")
    assert list(out.iterdir()) == []
