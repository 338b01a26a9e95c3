"""The top floor of storage: open a data folder's records, ready to use, or say exactly why not.

`open_store` locks the folder, removes what an interrupted backup or restore left behind,
checks the key, tells a wrong key apart from a damaged file (naming the newest backup that
opens), backs up and migrates when the schema is older, and makes sure a recovery envelope
exists. The window and the headless commands both call it and present the same errors.
"""

from __future__ import annotations

from pathlib import Path

from app.storage.database import Store
from app.storage.errors import DamagedDatabase, WrongKey
from app.storage.files import remove_leftovers
from app.storage.keys import DatabaseKey, KeySource
from app.storage.paths import DB_NAME
from app.storage.recovery import (
    SETTING,
    key_matches,
    new_recovery_code,
    read_envelope,
    seal_key,
    write_envelope,
)


def open_store(
    data_dir: Path,
    key: DatabaseKey,
    *,
    migrate: bool = True,
    read_only: bool = False,
    may_create: bool = True,
) -> Store:
    """The open, current store for `data_dir`. Raises a StoreError subclass otherwise."""
    data_dir = Path(data_dir)
    store = Store(data_dir, key, read_only=read_only, may_create=may_create)
    try:
        store.open()
    except WrongKey as exc:
        raise diagnose_wrong_key(data_dir, key, exc) from None
    except DamagedDatabase as exc:
        raise _with_backup(data_dir, key, str(exc)) from None
    try:
        if not read_only:
            remove_leftovers(data_dir)
        if migrate and not read_only and not _current(store):
            from app.storage.migrate import upgrade_to_head

            upgrade_to_head(store)
    except BaseException as exc:
        store.close()
        from app.storage.database import is_damage

        if is_damage(exc):
            raise _with_backup(
                data_dir, key, "Your records file is damaged: parts of it cannot be read."
            ) from None
        raise
    return store


def _current(store: Store) -> bool:
    """The schema is at HEAD (the usual case at start-up): then Alembic is not even imported."""
    from app.storage.migrate import HEAD, current_revision

    return current_revision(store) == HEAD


def _with_backup(data_dir: Path, key: DatabaseKey, message: str) -> DamagedDatabase:
    from app.storage.restore import damage_with_backup

    return damage_with_backup(data_dir, key, message)


def diagnose_wrong_key(data_dir: Path, key: DatabaseKey, error: WrongKey) -> Exception:
    """A wrong key, or a file whose first page is damaged? The envelope's key check answers;
    without one, a backup that opens with the same key shows the key is right."""
    envelope = read_envelope(data_dir / DB_NAME)
    message = "Your records file did not open, though the key is right: it is damaged."
    if envelope is not None:
        if key_matches(envelope, key.secret):
            return _with_backup(data_dir, key, message)
        return _named_wrong_key(key, error)
    from app.storage.restore import newest_good_backup

    good, _ = newest_good_backup(data_dir, key)
    if good is not None:
        return _with_backup(data_dir, key, message)
    return _named_wrong_key(key, error)


def _named_wrong_key(key: DatabaseKey, error: WrongKey) -> WrongKey:
    if key.source == KeySource.ENVIRONMENT:
        return WrongKey("DAYBOOK_PASSPHRASE does not open this Daybook database.")
    if key.source == KeySource.KEYRING:
        return WrongKey(
            "The key in this computer's keyring does not open this Daybook "
            "database (it may belong to another folder)."
        )
    return error


def ensure_recovery(store: Store, code: str | None = None) -> str | None:
    """Makes sure the records can be opened with a recovery code.

    When the folder has no envelope yet (a new Daybook, or one made before recovery codes),
    seals the key with the code kept inside the database, or with a new code, which it then
    returns so the window can show it once. `code` (e.g. the one just used to recover) is kept
    as the folder's code. Returns None when no new code was made."""
    if store.read_only:
        return None
    if code is None and read_envelope(store.path) is not None:  # the usual case, no ORM
        from app.core.setting_values import read_setting

        with store.plain() as db:
            if read_setting(db, SETTING):
                return None
    from app.core.settings import get_setting, set_setting

    with store.unit_of_work() as session:
        kept = get_setting(session, SETTING)
        if code is not None and code != kept:
            set_setting(session, SETTING, code)
            kept = code
        elif read_envelope(store.path) is not None and kept:
            return None
        fresh = not kept
        if fresh:
            kept = new_recovery_code()
            set_setting(session, SETTING, kept)
    write_envelope(store.path, seal_key(store.key.secret, kept, store.key.source.value))
    return kept if fresh else None


def recovery_code(store: Store) -> str:
    """The code, read from inside the encrypted database (for printing the sheet again)."""
    from app.core.settings import get_setting

    with store.reading() as session:
        return get_setting(session, SETTING)


def key_with_code(data_dir: Path, db_file: Path, code: str) -> DatabaseKey:
    """The key unwrapped from the envelope beside `db_file` with the recovery code; kept in
    this computer's keyring for next time when it was a keyring key and a keyring works.
    Raises NoEnvelope or WrongRecoveryCode (nothing written)."""
    from app.storage.keys import store_in_keyring
    from app.storage.recovery import NoEnvelope, unseal_key

    envelope = read_envelope(db_file)
    if envelope is None:
        raise NoEnvelope(f"There is no recovery envelope beside {db_file.name}.")
    secret = unseal_key(envelope, code)
    if envelope.key_source != KeySource.PASSPHRASE.value:
        store_in_keyring(data_dir, secret)
    return DatabaseKey(secret, KeySource.RECOVERY_CODE)


def restore_with_code(data_dir: Path, source: Path, code: str) -> tuple[DatabaseKey, Path | None]:
    """Brings a backup (with its envelope) into `data_dir` on a computer without the key:
    unwraps the key with the recovery code, validates and restores the copy. Returns the key
    and where a replaced database was kept. A wrong code changes nothing."""
    from app.storage.keys import write_config
    from app.storage.recovery import NoEnvelope, unseal_key
    from app.storage.restore import restore_into

    envelope = read_envelope(source)
    if envelope is None:
        raise NoEnvelope(f"There is no recovery envelope beside {source.name}.")
    key = DatabaseKey(unseal_key(envelope, code), KeySource.RECOVERY_CODE)
    kept = restore_into(data_dir, key, source)
    from app.storage.keys import store_in_keyring

    if envelope.key_source == KeySource.PASSPHRASE.value or not store_in_keyring(
        data_dir, key.secret
    ):
        write_config(data_dir, key_source=KeySource.PASSPHRASE.value)
    return key, kept
