"""The backup's page check (app/storage/pagecheck.py) against the linked SQLCipher's own
`PRAGMA cipher_integrity_check`, on real files: both must pass a whole file and name the same
page when a byte of it is damaged, wherever the byte is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from app.storage.database import Store, connect_raw
from app.storage.pagecheck import PAGE_SIZE, bad_pages
from app.storage.paths import DB_NAME
from tests.conftest import TEST_KEY


@pytest.fixture
def still_file(store: Store, data_dir: Path, tmp_path: Path) -> Path:
    """A copy of a real store's file with a few dozen pages, taken while nothing writes."""
    with store.unit_of_work() as s:
        s.execute(text("CREATE TABLE filler (t TEXT)"))
        for n in range(300):
            s.execute(text("INSERT INTO filler VALUES (:t)"), {"t": f"row {n} " + "x" * 300})
    store.checkpoint()
    copy = tmp_path / "still.db"
    shutil.copyfile(data_dir / DB_NAME, copy)
    return copy


def sqlcipher_bad_pages(path: Path) -> list[int]:
    """The pages SQLCipher's own check names (it reads the raw file, page 1 need not decrypt)."""
    conn = connect_raw(path, TEST_KEY, immutable=True)
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    finally:
        conn.close()
    return [int(row.rsplit(" ", 1)[1]) for row in rows]


def flip(path: Path, offset: int) -> None:
    with path.open("r+b") as fh:
        fh.seek(offset)
        byte = fh.read(1)[0]
        fh.seek(offset)
        fh.write(bytes([byte ^ 0x01]))


def test_a_whole_file_passes_both_checks(still_file: Path) -> None:
    assert still_file.stat().st_size // PAGE_SIZE > 30
    assert bad_pages(still_file, TEST_KEY.secret) == []
    assert sqlcipher_bad_pages(still_file) == []


@pytest.mark.parametrize(
    ("page", "at"),
    [
        (1, 16),  # page 1, first byte after the salt
        (1, 2000),
        (2, 0),
        ("middle", 1234),  # encrypted content
        ("middle", PAGE_SIZE - 80),  # the IV
        ("middle", PAGE_SIZE - 64),  # the HMAC itself
        ("last", PAGE_SIZE - 1),
    ],
)
def test_a_flipped_byte_is_named_by_both_checks(still_file: Path, page: object, at: int) -> None:
    pages = still_file.stat().st_size // PAGE_SIZE
    number = {"middle": pages // 2, "last": pages}.get(page, page)  # type: ignore[call-overload]
    flip(still_file, (number - 1) * PAGE_SIZE + at)
    assert bad_pages(still_file, TEST_KEY.secret) == [number]
    assert sqlcipher_bad_pages(still_file) == [number]


def test_a_damaged_salt_fails_every_page_as_it_would_fail_to_open(still_file: Path) -> None:
    flip(still_file, 3)
    assert bad_pages(still_file, TEST_KEY.secret, limit=1000) == list(
        range(1, still_file.stat().st_size // PAGE_SIZE + 1)
    )


def test_the_wrong_key_fails_every_page(still_file: Path) -> None:
    assert bad_pages(still_file, "not-the-passphrase", limit=5) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("cut", ["empty", "mid-page"])
def test_a_file_that_is_not_whole_pages_is_refused(still_file: Path, cut: str) -> None:
    size = 0 if cut == "empty" else still_file.stat().st_size - 100
    with still_file.open("r+b") as fh:
        fh.truncate(size)
    assert bad_pages(still_file, TEST_KEY.secret) == [0]


@pytest.mark.parametrize("parts", [2, 3])
def test_the_parts_share_every_page_between_them_once(still_file: Path, parts: int) -> None:
    """Damage on both sides of every boundary between parts: each page is named by exactly one
    part, and the parts together name what the whole check names."""
    total = still_file.stat().st_size // PAGE_SIZE
    edges = [total * n // parts for n in range(1, parts)]
    damaged = sorted({p for edge in edges for p in (edge, edge + 1)} | {1, total})
    for page in damaged:
        flip(still_file, (page - 1) * PAGE_SIZE + 500)
    found = [bad_pages(still_file, TEST_KEY.secret, part=(n, parts)) for n in range(parts)]
    assert sorted(p for part in found for p in part) == damaged
    assert bad_pages(still_file, TEST_KEY.secret) == damaged
