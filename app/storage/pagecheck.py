"""SQLCipher's page check (`PRAGMA cipher_integrity_check`) done here, for the backup (issue 16).

Every page of a SQLCipher 4 file ends with an HMAC-SHA512 over its encrypted bytes, its IV and
its page number; the HMAC key is derived from the page key and the file's salt. Checking them
proves that no byte of the file has changed since SQLCipher wrote it (damage, truncation in
the middle of a page, a copy gone wrong) without decrypting anything. SQLCipher's own pragma
spends 1.3 to 1.7 times the CPU on the same work (it sets up OpenSSL's HMAC afresh for each
page: 0.46 s for 100 MB, against 0.27-0.37 s here), and this check is most of the backup's
cost.

The key is derived as opening derives it (app/storage/kdf.py), from the salt in the file
itself: a file whose salt was damaged fails on every page here, as it would fail to open.
The layout is SQLCipher 4's default, which Daybook's files use; tests/storage/
test_pagecheck.py holds it to the linked SQLCipher's own check. A caller that finds bad pages
asks SQLCipher to confirm (backup.py), so a difference in layout could never refuse a good
file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.storage.kdf import KDF_HASH, file_salt, raw_key

PAGE_SIZE = 4096
IV_BYTES = 16
HMAC_BYTES = 64
RESERVE_BYTES = 80  # IV + HMAC, rounded up to the AES block (16)
SALT_BYTES = 16  # page 1 starts with the salt, outside its HMAC
HMAC_SALT_MASK = 0x3A
HMAC_KDF_ITERATIONS = 2
KEY_BYTES = 32
PENDING_BYTE = 0x40000000  # the page holding it is never written (files over 1 GiB)
BLOCK_PAGES = 256


def hmac_key(secret: str, salt: bytes) -> bytes:
    """SQLCipher's HMAC key: PBKDF2 of the page key over the salt with every byte xor 0x3a."""
    page_key = bytes.fromhex(raw_key(secret, salt))
    hmac_salt = bytes(b ^ HMAC_SALT_MASK for b in salt)
    return hashlib.pbkdf2_hmac(KDF_HASH, page_key, hmac_salt, HMAC_KDF_ITERATIONS, KEY_BYTES)


def bad_pages(
    path: Path, secret: str, *, limit: int = 10, part: tuple[int, int] = (0, 1)
) -> list[int]:
    """The numbers of the pages (from 1) whose HMAC does not check, at most `limit`; [] when
    every page is as SQLCipher wrote it. A file that is empty, not a whole number of pages, or
    has no salt reports page 0. `part=(i, n)` checks only the i-th of n equal runs of pages
    (threads can share the work: hashlib and file reads let go of the GIL)."""
    salt = file_salt(path)
    size = path.stat().st_size
    if salt is None or size == 0 or size % PAGE_SIZE:
        return [0]
    key = hmac_key(secret, salt).ljust(hashlib.sha512().block_size, b"\0")
    inner = hashlib.sha512(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha512(bytes(b ^ 0x5C for b in key))
    mac_at = PAGE_SIZE - RESERVE_BYTES + IV_BYTES  # the HMAC covers everything before it
    skip = PENDING_BYTE // PAGE_SIZE + 1
    index, parts = part
    total = size // PAGE_SIZE
    page, last = total * index // parts, total * (index + 1) // parts
    bad: list[int] = []
    with open(path, "rb") as fh:
        fh.seek(page * PAGE_SIZE)
        while len(bad) < limit and page < last:
            block = fh.read(PAGE_SIZE * min(BLOCK_PAGES, last - page))
            if not block or len(block) % PAGE_SIZE:
                return [0]  # the file changed size while it was read
            view = memoryview(block)
            for start in range(0, len(block), PAGE_SIZE):
                page += 1
                if page == skip:
                    continue
                h = inner.copy()
                h.update(view[start + (SALT_BYTES if page == 1 else 0) : start + mac_at])
                h.update(page.to_bytes(4, "little"))
                o = outer.copy()
                o.update(h.digest())
                if o.digest() != view[start + mac_at : start + PAGE_SIZE]:
                    bad.append(page)
    return bad[:limit]
