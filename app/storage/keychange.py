"""Switching where the database key lives: this computer's keyring <-> a passphrase.

The open database is re-encrypted in place with SQLCipher's `PRAGMA rekey` (one transaction:
a kill leaves the old key or the new one, never a mixture), then the recovery envelope is
sealed again around the new key with the code kept inside the database, and daybook.json and
the keyring say where the key is now.

Before the switch a backup is made with the old key (its envelope opens it with the same
recovery code); after it, another with the new key, so the newest backup always opens with
the key in use. Older backups keep their old key and are opened with the recovery code.
"""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING

from app.storage.errors import StoreError
from app.storage.keys import (
    KEYRING_SERVICE,
    MIN_PASSPHRASE,
    DatabaseKey,
    KeySource,
    PassphraseTooShort,
    keyring_usable,
    keyring_username,
    nfc,
    read_config,
    store_in_keyring,
    write_config,
)
from app.storage.recovery import seal_key, write_envelope

if TYPE_CHECKING:
    from app.storage.database import Store

log = logging.getLogger(__name__)


class KeyChangeRefused(StoreError):
    way_out = "Nothing was changed."


def key_home(store: Store) -> KeySource:
    """Where the key lives now: the environment, the keyring or a passphrase.

    A store opened with the recovery code keeps its key where daybook.json says (the keyring
    when one took it); RECOVERY_CODE when nowhere here holds it, so the carer must choose."""
    if store.key.source in (KeySource.ENVIRONMENT, KeySource.KEYRING, KeySource.PASSPHRASE):
        return store.key.source
    configured = read_config(store.data_dir).get("key_source", "")
    if configured == KeySource.KEYRING.value and not keyring_usable():
        return KeySource.RECOVERY_CODE  # no keyring here to hold it: the carer must choose
    try:
        return KeySource(configured)
    except ValueError:
        return KeySource.RECOVERY_CODE


def switch_to_passphrase(store: Store, passphrase: str, repeat: str | None = None) -> DatabaseKey:
    """Protects the records with `passphrase` instead of a key in the keyring."""
    from app.storage.keys import validate_new_passphrase

    problem = validate_new_passphrase(passphrase, passphrase if repeat is None else repeat)
    if problem is not None:
        if len(nfc(passphrase)) < MIN_PASSPHRASE:
            raise PassphraseTooShort(problem)
        raise KeyChangeRefused(problem)
    _refuse_environment(store)
    new = DatabaseKey(nfc(passphrase), KeySource.PASSPHRASE)
    _rekey(store, new)
    write_config(store.data_dir, key_source=KeySource.PASSPHRASE.value)
    _forget_keyring_entry(store)
    _after(store)
    return new


def switch_to_keyring(store: Store) -> DatabaseKey:
    """Keeps a new random key in this computer's keyring instead of the carer's passphrase."""
    _refuse_environment(store)
    if not keyring_usable():
        raise KeyChangeRefused("This computer has no password store (keyring) Daybook can use.")
    new = DatabaseKey(secrets.token_hex(32), KeySource.KEYRING)
    # The keyring takes the new key before the file does: a kill in between leaves the file
    # with its old key, which the envelope (still the old one) opens with the recovery code.
    if not store_in_keyring(store.data_dir, new.secret):
        raise KeyChangeRefused("The keyring (this computer's password store) refused the key.")
    write_config(store.data_dir, key_source=KeySource.PASSPHRASE.value)  # until the rekey
    _rekey(store, new)
    write_config(store.data_dir, key_source=KeySource.KEYRING.value)
    _after(store)
    return new


def _refuse_environment(store: Store) -> None:
    if store.key.source == KeySource.ENVIRONMENT:
        raise KeyChangeRefused(
            "The key comes from the DAYBOOK_PASSPHRASE setting; change it there instead."
        )
    if store.read_only:
        raise KeyChangeRefused("The records are open read-only.")


def _rekey(store: Store, new: DatabaseKey) -> None:
    """Re-encrypts the open database with `new`, seals the envelope around it, and makes the
    store use it. A backup with the old key is made first."""
    from app.storage.backup import make_backup
    from app.storage.database import _quote
    from app.storage.opening import recovery_code

    code = recovery_code(store)
    if not code:
        raise KeyChangeRefused("These records have no recovery code yet; restart Daybook first.")
    make_backup(store, kind="manual", detail="keychange")
    assert store.engine is not None, "Store.open() first"
    with store.engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA rekey = {_quote(new.secret)}")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.use_key(new)
    store.reconnect()
    write_envelope(store.path, seal_key(new.secret, code, new.source.value))
    log.info("database key moved to %s", new.source.value)


def _after(store: Store) -> None:
    from app.storage.backup import make_backup

    make_backup(store, kind="manual", detail="newkey")  # the newest copy opens with the new key


def _forget_keyring_entry(store: Store) -> None:
    if not keyring_usable():
        return
    import keyring

    try:
        keyring.delete_password(KEYRING_SERVICE, keyring_username(store.data_dir))
    except Exception:  # noqa: BLE001 - no entry, or a keyring that refuses
        log.info("the old keyring entry could not be removed")
