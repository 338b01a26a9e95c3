"""The database key, derived once per process (start-up speed; issue 16).

SQLCipher 4 turns the passphrase into the page key with PBKDF2-HMAC-SHA512 over 256,000
iterations, salted by the first 16 bytes of the file: about 0.1 s of CPU on every connection
given the passphrase. Here the same derivation is done once per secret and file salt, kept in
memory for the life of the process, and handed to SQLCipher in its raw-key form
(`PRAGMA key = "x'<64 hex digits>'"`), which skips the derivation. The file stays exactly as
SQLCipher made it: a standard SQLCipher 4 shell opens it with the passphrase.

The window derives it on a thread started before Qt (app/storage/keys.py: KeyAhead): hashlib
releases the GIL while it works, so it runs beside Qt's start and first paint; opening then
finds it ready, and every further connection (the engine's, the damage watch's) connects at once.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

# SQLCipher 4's defaults (cipher_default_kdf_iter, cipher_default_kdf_algorithm); the files
# are made with them. tests/storage/test_kdf.py checks them against the linked SQLCipher.
KDF_ITERATIONS = 256_000
KDF_HASH = "sha512"
KEY_BYTES = 32
SALT_BYTES = 16
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"

_derived: dict[tuple[str, bytes], str] = {}
_lock = threading.Lock()  # one derivation at a time: a second asker waits, never derives again


def file_salt(path: Path) -> bytes | None:
    """The salt SQLCipher keeps in the file's first 16 bytes; None for a new, empty or plain
    SQLite file (which the passphrase form then creates, or the caller refuses)."""
    try:
        with open(path, "rb") as fh:
            salt = fh.read(SALT_BYTES)
    except OSError:
        return None
    if len(salt) < SALT_BYTES or salt == PLAIN_SQLITE_HEADER:
        return None
    return salt


def raw_key(secret: str, salt: bytes) -> str:
    """The page key, 64 hex digits, exactly as SQLCipher derives it from `secret` and `salt`."""
    with _lock:
        found = _derived.get((secret, salt))
        if found is None:
            found = hashlib.pbkdf2_hmac(
                KDF_HASH, secret.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES
            ).hex()
            _derived[(secret, salt)] = found
        return found


def key_pragma(path: Path, secret: str) -> str:
    """The PRAGMA that keys a connection to `path`: the raw key where the file has its salt,
    else the passphrase (a new file: SQLCipher chooses the salt and derives the key itself)."""
    salt = file_salt(path)
    if salt is None:
        return "PRAGMA key = '" + secret.replace("'", "''") + "'"
    return f"PRAGMA key = \"x'{raw_key(secret, salt)}'\""


def forget_keys() -> None:
    """Drops every derived key (tests; after a key change the old one is of no use)."""
    with _lock:
        _derived.clear()
