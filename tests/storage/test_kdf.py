"""The database key derived once per process and given to SQLCipher in its raw form
(app/storage/kdf.py): the files stay standard SQLCipher 4 files that open with the
passphrase, and an existing database (made with the passphrase form) opens as before."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3

from app.storage import kdf
from app.storage.database import Store, WrongKey, connect_raw, quick_check_file
from app.storage.keys import DatabaseKey, KeySource
from app.storage.opening import open_store

SECRETS = ["correct horse battery", "naïve café 'quoted' £ pass"]


def _quote(secret: str) -> str:
    return "'" + secret.replace("'", "''") + "'"


def made_with_the_passphrase(path: Path, secret: str) -> None:
    """A database as every Daybook before the raw key made it: `PRAGMA key = 'passphrase'`
    on a new file (as a standard SQLCipher shell would)."""
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = {_quote(secret)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE note (text TEXT)")
    conn.execute("INSERT INTO note VALUES ('kept')")
    conn.commit()
    conn.close()


def read_with_the_passphrase(path: Path, secret: str) -> list[tuple[str]]:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = {_quote(secret)}")
        return conn.execute("SELECT text FROM note").fetchall()
    finally:
        conn.close()


def test_the_derivation_is_the_one_the_linked_sqlcipher_uses() -> None:
    conn = sqlcipher3.connect(":memory:")
    try:
        assert int(conn.execute("PRAGMA cipher_default_kdf_iter").fetchone()[0]) == (
            kdf.KDF_ITERATIONS
        )
        algorithm = conn.execute("PRAGMA cipher_default_kdf_algorithm").fetchone()[0]
    finally:
        conn.close()
    assert algorithm == f"PBKDF2_HMAC_{kdf.KDF_HASH.upper()}"


@pytest.mark.parametrize("secret", SECRETS)
def test_a_database_made_with_the_passphrase_opens_with_the_raw_key(
    tmp_path: Path, secret: str
) -> None:
    path = tmp_path / "daybook.db"
    made_with_the_passphrase(path, secret)
    salt = kdf.file_salt(path)
    assert salt is not None
    assert kdf.key_pragma(path, secret).startswith("PRAGMA key = \"x'")
    conn = connect_raw(path, DatabaseKey(secret, KeySource.ENVIRONMENT))
    try:
        assert conn.execute("SELECT text FROM note").fetchall() == [("kept",)]
        conn.execute("INSERT INTO note VALUES ('added')")
        conn.commit()
    finally:
        conn.close()
    # still a standard SQLCipher 4 file: the passphrase alone opens it, with both rows
    assert read_with_the_passphrase(path, secret) == [("kept",), ("added",)]


def test_a_new_database_is_made_with_the_passphrase_and_opens_with_it(tmp_path: Path) -> None:
    key = DatabaseKey(SECRETS[1], KeySource.PASSPHRASE)
    assert kdf.file_salt(tmp_path / "daybook.db") is None
    store = open_store(tmp_path, key)
    store.close()
    path = tmp_path / "daybook.db"
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = {_quote(key.secret)}")
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    finally:
        conn.close()


def test_a_wrong_key_is_still_told_apart(tmp_path: Path) -> None:
    made_with_the_passphrase(tmp_path / "daybook.db", SECRETS[0])
    with pytest.raises(WrongKey):
        Store(tmp_path, DatabaseKey("not the passphrase", KeySource.PASSPHRASE)).open()


def test_the_key_is_derived_once_for_every_connection_to_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening, the engine's connections and the damage watch's own connection all use the
    key derived the first time (about 0.1 s of CPU each before)."""
    secret = "derived once per process"
    made_with_the_passphrase(tmp_path / "daybook.db", secret)
    kdf.forget_keys()
    salts: list[bytes] = []
    real = hashlib.pbkdf2_hmac

    def counting(name: str, password: bytes, salt: bytes, *args: int) -> bytes:
        salts.append(salt)
        return real(name, password, salt, *args)

    monkeypatch.setattr(kdf.hashlib, "pbkdf2_hmac", counting)
    key = DatabaseKey(secret, KeySource.ENVIRONMENT)
    store = Store(tmp_path, key).open()
    try:
        with store.engine.connect() as a, store.engine.connect() as b:  # type: ignore[union-attr]
            assert a.exec_driver_sql("SELECT text FROM note").fetchall() == [("kept",)]
            assert b.exec_driver_sql("SELECT count(*) FROM note").fetchone() == (1,)
        assert quick_check_file(store.path, key) == []
    finally:
        store.close()
    assert salts == [kdf.file_salt(tmp_path / "daybook.db")]
