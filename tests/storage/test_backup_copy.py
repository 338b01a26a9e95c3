"""The fast backup path: the encrypted bytes copied under a read transaction, then every page's
HMAC checked and the copy compared with the file. The copy must be the live file exactly, and
damage anywhere in the file, or a copy that differs, must refuse it with no file left."""

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


def _flip(path: Path, offset: int) -> None:
    with path.open("r+b") as fh:
        fh.seek(offset)
        byte = fh.read(1)[0]
        fh.seek(offset)
        fh.write(bytes([byte ^ 0x01]))


def _refused(store: Store, out: Path) -> str:
    out.mkdir(exist_ok=True)
    with pytest.raises(StoreError) as caught:
        make_backup(store, to=out / "copy.db")
    assert list(out.iterdir()) == []  # no final name, no .partial left behind
    return str(caught.value)


def test_a_copy_that_differs_from_the_file_is_refused(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seam is the byte copy itself: it copies, then one byte of the copy goes wrong."""
    import app.storage.backup as backup

    _fill(store, 300)
    real_copy = backup._copy_bytes

    def copy_then_damage(live: Path, partial: Path) -> None:
        real_copy(live, partial)
        _flip(partial, partial.stat().st_size // 2)

    monkeypatch.setattr(backup, "_copy_bytes", copy_then_damage)
    assert "differs" in _refused(store, tmp_path / "out")


def test_a_copy_cut_short_is_refused(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.storage.backup as backup

    _fill(store, 300)
    real_copy = backup._copy_bytes

    def copy_short(live: Path, partial: Path) -> None:
        real_copy(live, partial)
        with partial.open("r+b") as fh:
            fh.truncate(partial.stat().st_size - PAGE)

    monkeypatch.setattr(backup, "_copy_bytes", copy_short)
    assert "differs" in _refused(store, tmp_path / "out")


@pytest.mark.parametrize(
    "where",
    ["salt", "page 1", "a middle page", "an IV", "an HMAC", "the last page"],
)
def test_a_damaged_byte_anywhere_in_the_file_refuses_the_copy(
    store: Store, data_dir: Path, tmp_path: Path, where: str
) -> None:
    """Including the salt (the copy would not open) and pages whose damage the live
    connection's cache would hide from a read."""
    _fill(store, 300)
    store.checkpoint()
    live = data_dir / DB_NAME
    pages = live.stat().st_size // PAGE
    offset = {
        "salt": 5,
        "page 1": 1000,
        "a middle page": (pages // 2) * PAGE + 300,
        "an IV": (pages // 3) * PAGE + PAGE - 80,
        "an HMAC": (pages // 3) * PAGE + PAGE - 10,
        "the last page": (pages - 1) * PAGE + 50,
    }[where]
    _flip(live, offset)
    assert "failed its check" in _refused(store, tmp_path / "out")


def test_a_file_missing_its_last_pages_refuses_the_copy(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    _fill(store, 300)
    store.checkpoint()
    live = data_dir / DB_NAME
    with live.open("r+b") as fh:
        fh.truncate(live.stat().st_size - 3 * PAGE)
    _refused(store, tmp_path / "out")


def test_damage_after_a_good_backup_is_still_found_by_the_next(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    """No verdict is kept from one backup to the next (the same connection from the pool)."""
    _fill(store, 300)
    assert verify_copy(make_backup(store, to=tmp_path / "good.db"), TEST_KEY) is None
    store.checkpoint()
    live = data_dir / DB_NAME
    _flip(live, (live.stat().st_size // PAGE - 5) * PAGE + 123)
    _refused(store, tmp_path / "out")


def test_a_page_check_that_disagrees_with_sqlcipher_never_refuses_a_good_copy(
    store: Store, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should SQLCipher's page layout ever differ from what pagecheck.py expects, every page
    fails there; SQLCipher's own check has the last word and the good copy is kept."""
    from app.storage import pagecheck

    _fill(store, 100)
    monkeypatch.setattr(pagecheck, "HMAC_SALT_MASK", 0x3B)
    copy = make_backup(store, to=tmp_path / "copy.db")
    assert pagecheck.bad_pages(copy, TEST_KEY.secret)  # the altered layout fails every page
    assert verify_copy(copy, TEST_KEY) is None
    store.checkpoint()
    assert copy.read_bytes() == (data_dir / DB_NAME).read_bytes()


@pytest.mark.parametrize("damaged", [False, True])
def test_a_page_check_that_fails_to_run_leaves_the_verdict_to_sqlcipher(
    store: Store, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damaged: bool
) -> None:
    from app.storage import pagecheck

    def broken(path: Path, secret: str, *, limit: int = 10) -> list[int]:
        raise RuntimeError("the page check fell over")

    _fill(store, 300)
    store.checkpoint()
    monkeypatch.setattr(pagecheck, "bad_pages", broken)
    if damaged:
        live = data_dir / DB_NAME
        _flip(live, (live.stat().st_size // PAGE - 2) * PAGE + 77)
        assert "failed its check" in _refused(store, tmp_path / "out")
    else:
        assert verify_copy(make_backup(store, to=tmp_path / "copy.db"), TEST_KEY) is None
