"""Where the database key lives: environment, keyring (random key), or a passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.storage import keys
from app.storage.keys import KeySource, KeyUnavailable, find_key, passphrase_key
from app.storage.opening import open_store


def test_environment_wins(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    monkeypatch.setenv("DAYBOOK_PASSPHRASE", "from-env-123")
    key = find_key(data_dir, creating=True)
    assert (key.secret, key.source) == ("from-env-123", KeySource.ENVIRONMENT)
    assert "from-env" not in repr(key)


def test_keyring_holds_a_random_key_that_opens_the_database(memory_keyring, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    first = find_key(data_dir, creating=True)
    assert first.source == KeySource.KEYRING
    assert len(first.secret) == 64
    open_store(data_dir, first).close()
    again = find_key(data_dir, creating=False)
    assert again.secret == first.secret
    open_store(data_dir, again).close()
    assert first.secret not in (data_dir / "daybook.json").read_text()


def test_no_keyring_means_a_passphrase_is_asked(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.delenv("DAYBOOK_PASSPHRASE", raising=False)
    monkeypatch.setattr(keys, "keyring_usable", lambda: False)
    with pytest.raises(KeyUnavailable):
        find_key(data_dir, creating=True)


def test_passphrase_choice_is_remembered(memory_keyring, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    passphrase_key("my long passphrase", data_dir, remember_choice=True)
    with pytest.raises(KeyUnavailable):  # even with a keyring, we ask for the passphrase
        find_key(data_dir, creating=False)


@pytest.mark.parametrize(
    "a, b, ok",
    [
        ("short", "short", False),
        ("long enough", "long enougH", False),
        ("long enough", "long enough", True),
    ],
)
def test_new_passphrase_rules(a: str, b: str, ok: bool) -> None:
    assert (keys.validate_new_passphrase(a, b) is None) == ok


def test_key_found_ahead_is_the_key_and_its_page_key_is_ready(
    memory_keyring, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    from app.storage import kdf

    first = find_key(data_dir, creating=True)
    open_store(data_dir, first).close()
    kdf.forget_keys()
    ahead = keys.KeyAhead(data_dir)
    assert ahead.key().secret == first.secret
    salt = kdf.file_salt(data_dir / "daybook.db")
    assert salt is not None and (first.secret, salt) in kdf._derived
    open_store(data_dir, ahead.key()).close()


def test_key_found_ahead_raises_on_the_callers_thread(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.delenv("DAYBOOK_PASSPHRASE", raising=False)
    monkeypatch.setattr(keys, "keyring_usable", lambda: False)
    ahead = keys.KeyAhead(data_dir)
    with pytest.raises(KeyUnavailable):
        ahead.key()
