"""Where the database key lives.

Tried in order (like Vorta's key stores): the `DAYBOOK_PASSPHRASE` environment variable
(headless use, tests), the OS keyring holding a random key, and a passphrase the carer types.
The chosen source is written (never the key) to daybook.json so the app can say where it is.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.storage.paths import CONFIG_NAME

KEYRING_SERVICE = "Daybook"
ENV_VAR = "DAYBOOK_PASSPHRASE"
MIN_PASSPHRASE = 8


class KeySource(StrEnum):
    ENVIRONMENT = "environment"
    KEYRING = "keyring"
    PASSPHRASE = "passphrase"


KEY_SOURCE_TEXT = {
    KeySource.ENVIRONMENT: "The database key comes from the DAYBOOK_PASSPHRASE setting.",
    KeySource.KEYRING: "The database key is kept in this computer's password store (keyring).",
    KeySource.PASSPHRASE: "The database is protected by your passphrase. Daybook cannot recover it if it is lost.",
}


@dataclass(frozen=True)
class DatabaseKey:
    secret: str
    source: KeySource

    def __repr__(self) -> str:
        return f"DatabaseKey(source={self.source.value})"


class KeyUnavailable(Exception):
    """No key could be found without asking the carer for a passphrase."""


def read_config(data_dir: Path) -> dict[str, str]:
    try:
        return json.loads((data_dir / CONFIG_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_config(data_dir: Path, **values: str) -> None:
    config = read_config(data_dir) | values
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / CONFIG_NAME).write_text(json.dumps(config, indent=2), encoding="utf-8")


def _keyring_username(data_dir: Path) -> str:
    return f"database:{data_dir.resolve()}"


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
    except Exception:  # any keyring failure means "not usable here"
        return False


def find_key(data_dir: Path, *, creating: bool) -> DatabaseKey:
    """The key for the database in `data_dir`, or KeyUnavailable when a passphrase must be asked."""
    env = os.environ.get(ENV_VAR)
    if env:
        return DatabaseKey(env, KeySource.ENVIRONMENT)
    source = read_config(data_dir).get("key_source")
    if source == KeySource.PASSPHRASE.value:
        raise KeyUnavailable("Enter your Daybook passphrase.")
    if keyring_usable():
        import keyring

        try:
            stored = keyring.get_password(KEYRING_SERVICE, _keyring_username(data_dir))
            if stored:
                return DatabaseKey(stored, KeySource.KEYRING)
            if creating:
                import secrets  # here, not at the top: start-up imports this module

                key = secrets.token_hex(32)
                keyring.set_password(KEYRING_SERVICE, _keyring_username(data_dir), key)
                write_config(data_dir, key_source=KeySource.KEYRING.value)
                return DatabaseKey(key, KeySource.KEYRING)
        except Exception:  # keyring refused (locked, no D-Bus): fall back to a passphrase
            pass
    raise KeyUnavailable("Enter your Daybook passphrase.")


def passphrase_key(passphrase: str, data_dir: Path, *, remember_choice: bool) -> DatabaseKey:
    if remember_choice:
        write_config(data_dir, key_source=KeySource.PASSPHRASE.value)
    return DatabaseKey(passphrase, KeySource.PASSPHRASE)


def validate_new_passphrase(passphrase: str, repeat: str) -> str | None:
    """None if fine, else the message to show."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"Use at least {MIN_PASSPHRASE} characters."
    if passphrase != repeat:
        return "The two passphrases are different."
    return None
