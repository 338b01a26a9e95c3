"""Where the database key lives, tried as a chain of sources by priority (as Vorta's key stores).

1. `DAYBOOK_PASSPHRASE` in the environment (headless use, tests);
2. the OS keyring holding a random key (the default where a keyring works);
3. a passphrase the carer chose and types;
4. the recovery code, which unwraps the key from the envelope beside the database
   (see recovery.py) when the keyring entry, the computer or the passphrase is lost.

Each failure names its source ("the keyring is locked", "the keyring no longer holds this
folder's key"). Daybook never asks for a passphrase the carer never chose: a folder whose key
was in the keyring asks for the recovery code instead. The chosen source is written (never the
key) to daybook.json so the app can say where the key is.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.storage.errors import KeyMissing, StoreError
from app.storage.paths import CONFIG_NAME

KEYRING_SERVICE = "Daybook"
ENV_VAR = "DAYBOOK_PASSPHRASE"
CODE_ENV_VAR = "DAYBOOK_RECOVERY_CODE"
MIN_PASSPHRASE = 8


class KeySource(StrEnum):
    ENVIRONMENT = "environment"
    KEYRING = "keyring"
    PASSPHRASE = "passphrase"
    RECOVERY_CODE = "recovery code"


KEY_SOURCE_TEXT = {
    KeySource.ENVIRONMENT: "The database key comes from the DAYBOOK_PASSPHRASE setting.",
    KeySource.KEYRING: "The database key is kept in this computer's password store (keyring). "
    "Your recovery code opens your records on another computer.",
    KeySource.PASSPHRASE: "The database is protected by your passphrase. If you forget it, "
    "your recovery code opens your records.",
    KeySource.RECOVERY_CODE: "The records were opened with your recovery code.",
}


@dataclass(frozen=True)
class DatabaseKey:
    secret: str
    source: KeySource

    def __repr__(self) -> str:
        return f"DatabaseKey(source={self.source.value})"


class KeyUnavailable(Exception):
    """No key could be found without asking the carer for their passphrase."""


class KeyringLocked(KeyMissing):
    """The keyring holds the key but will not give it now (locked, no D-Bus session)."""

    way_out = (
        "Unlock your computer's password store (keyring) and try again, or use the recovery "
        "code from your Daybook recovery sheet."
    )


class PassphraseTooShort(StoreError):
    way_out = f"Choose a passphrase of at least {MIN_PASSPHRASE} characters."


def nfc(text: str) -> str:
    """The same passphrase whether the keyboard sent composed or decomposed accents."""
    return unicodedata.normalize("NFC", text)


def read_config(data_dir: Path) -> dict[str, str]:
    try:
        return json.loads((data_dir / CONFIG_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_config(data_dir: Path, **values: str) -> None:
    from app.storage.files import partial_name, publish

    config = read_config(data_dir) | values
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = data_dir / CONFIG_NAME
    partial = partial_name(final)
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.write(fd, json.dumps(config, indent=2).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    publish(partial, final)


def keyring_username(data_dir: Path) -> str:
    return f"database:{data_dir.resolve()}"


_keyring_username = keyring_username  # older importers


def keyring_usable() -> bool:
    if os.environ.get("DAYBOOK_NO_KEYRING"):
        return False
    try:
        import keyring
        from keyring.backends import chainer, fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            return False
        if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
            return False
        return backend.priority > 0
    except Exception:  # noqa: BLE001 - any keyring failure means "not usable here"
        return False


def _from_keyring(data_dir: Path) -> str | None:
    """The stored key; None when the keyring has no entry. KeyringLocked when it refuses."""
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_username(data_dir))
    except Exception:  # noqa: BLE001 - locked, no D-Bus, user said no: the keyring's own errors vary
        raise KeyringLocked(
            "The keyring (this computer's password store) is locked or did not answer."
        ) from None


def store_in_keyring(data_dir: Path, secret: str) -> bool:
    """Keeps `secret` as this folder's key in the keyring. False when no keyring works."""
    if not keyring_usable():
        return False
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_username(data_dir), secret)
    except Exception:  # noqa: BLE001 - a keyring that refuses is a keyring we cannot use
        return False
    write_config(data_dir, key_source=KeySource.KEYRING.value)
    return True


def find_key(data_dir: Path, *, creating: bool) -> DatabaseKey:
    """The key for the database in `data_dir`, from the first source that has it.

    Raises KeyUnavailable when the carer's passphrase must be asked, KeyMissing (or
    KeyringLocked) when the key was in the keyring and is not there now: the recovery code is
    the way in, never a passphrase the carer did not choose."""
    env = os.environ.get(ENV_VAR)
    if env:
        if creating and len(env) < MIN_PASSPHRASE:
            raise PassphraseTooShort(
                f"{ENV_VAR} is too short for a new Daybook ({len(env)} characters)."
            )
        return DatabaseKey(nfc(env), KeySource.ENVIRONMENT)
    source = read_config(data_dir).get("key_source")
    if source == KeySource.PASSPHRASE.value:
        raise KeyUnavailable("Enter your Daybook passphrase.")
    if source == KeySource.KEYRING.value:
        if not keyring_usable():
            raise KeyMissing(
                "This computer has no usable keyring (password store), where this "
                "folder's key was kept."
            )
        stored = _from_keyring(data_dir)
        if stored:
            return DatabaseKey(stored, KeySource.KEYRING)
        raise KeyMissing("The keyring no longer holds this folder's key.")
    if keyring_usable():
        stored = _from_keyring(data_dir)
        if stored:
            return DatabaseKey(stored, KeySource.KEYRING)
        if creating:
            import secrets  # here, not at the top: start-up imports this module

            key = secrets.token_hex(32)
            if store_in_keyring(data_dir, key):
                return DatabaseKey(key, KeySource.KEYRING)
    if not creating and _has_envelope_only(data_dir):
        raise KeyMissing("This computer does not hold the key to these records.")
    raise KeyUnavailable("Enter your Daybook passphrase.")


def _has_envelope_only(data_dir: Path) -> bool:
    """A folder whose records came with a recovery envelope and a keyring key (e.g. copied
    from another computer): its key was never a passphrase."""
    from app.storage.paths import DB_NAME
    from app.storage.recovery import read_envelope

    envelope = read_envelope(data_dir / DB_NAME)
    return envelope is not None and envelope.key_source == KeySource.KEYRING.value


def passphrase_key(passphrase: str, data_dir: Path, *, remember_choice: bool) -> DatabaseKey:
    if remember_choice:
        write_config(data_dir, key_source=KeySource.PASSPHRASE.value)
    return DatabaseKey(nfc(passphrase), KeySource.PASSPHRASE)


def validate_new_passphrase(passphrase: str, repeat: str) -> str | None:
    """None if fine, else the message to show."""
    if len(nfc(passphrase)) < MIN_PASSPHRASE:
        return f"Use at least {MIN_PASSPHRASE} characters."
    if nfc(passphrase) != nfc(repeat):
        return "The two passphrases are different."
    return None


class KeyAhead:
    """Finds the key and derives SQLCipher's page key on a thread, started before Qt (issue 16):
    PBKDF2 (about a quarter of a second) runs in C with the GIL released, beside Qt's start and
    first paint. `key()` gives what find_key gave, or raises what it raised, on the caller's
    thread, so the window handles a missing key exactly as before."""

    def __init__(self, data_dir: Path) -> None:
        import threading

        self._data_dir = data_dir
        self._key: DatabaseKey | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._find, name="daybook-key", daemon=True)
        self._thread.start()

    def _find(self) -> None:
        from app.storage.kdf import file_salt, raw_key
        from app.storage.paths import DB_NAME

        try:
            self._key = find_key(self._data_dir, creating=False)
            salt = file_salt(self._data_dir / DB_NAME)
            if salt is not None:
                raw_key(self._key.secret, salt)  # kept for the connections to come
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, raised there
            self._error = exc

    def key(self) -> DatabaseKey:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._key is not None
        return self._key
