"""Switching the key between the keyring and a passphrase re-encrypts the file in place:
it opens with the new key and not the old, later backups too, and the recovery code still
opens it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.profile import get_profile, save_profile
from app.demo.clients import PROFILE
from app.storage import keys
from app.storage.backup import list_backups, verify_copy
from app.storage.errors import WrongKey
from app.storage.keychange import (
    KeyChangeRefused,
    key_home,
    switch_to_keyring,
    switch_to_passphrase,
)
from app.storage.keys import (
    KEYRING_SERVICE,
    DatabaseKey,
    KeySource,
    KeyUnavailable,
    PassphraseTooShort,
    find_key,
    keyring_username,
    passphrase_key,
    read_config,
)
from app.storage.opening import ensure_recovery, key_with_code, open_store
from app.storage.paths import DB_NAME
from tests.conftest import TEST_KEY

NEW_PASSPHRASE = "a new long passphrase"


def _open_with_profile(data_dir: Path, key: DatabaseKey):  # type: ignore[no-untyped-def]
    store = open_store(data_dir, key)
    with store.unit_of_work() as s:
        save_profile(s, PROFILE)
    code = ensure_recovery(store)
    assert code is not None
    return store, code


def _opens(data_dir: Path, key: DatabaseKey) -> bool:
    try:
        store = open_store(data_dir, key, migrate=False)
    except WrongKey:
        return False
    with store, store.reading() as s:
        return get_profile(s).trading_name == PROFILE.trading_name


def test_keyring_to_passphrase_and_back(memory_keyring, data_dir: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    old = find_key(data_dir, creating=True)
    assert old.source == KeySource.KEYRING
    store, code = _open_with_profile(data_dir, old)
    with store:
        assert key_home(store) == KeySource.KEYRING
        new = switch_to_passphrase(store, NEW_PASSPHRASE, NEW_PASSPHRASE)
        assert key_home(store) == KeySource.PASSPHRASE
        with store.reading() as s:  # the same open store goes on working
            assert get_profile(s).trading_name == PROFILE.trading_name
        newest = list_backups(data_dir)[0]
    assert read_config(data_dir)["key_source"] == "passphrase"
    assert memory_keyring.get_password(KEYRING_SERVICE, keyring_username(data_dir)) is None
    with pytest.raises(KeyUnavailable):
        find_key(data_dir, creating=False)
    assert not _opens(data_dir, old)
    assert _opens(data_dir, passphrase_key(NEW_PASSPHRASE, data_dir, remember_choice=False))
    # the backup made afterwards opens with the new key, not the old
    assert verify_copy(newest.path, new) is None
    assert verify_copy(newest.path, old) is not None
    # the recovery code opens the file and that backup
    assert key_with_code(data_dir, data_dir / DB_NAME, code).secret == new.secret
    assert key_with_code(data_dir, newest.path, code).secret == new.secret
    # the backup made before the switch still opens with the same code (its old key)
    before = [b for b in list_backups(data_dir) if "keychange" in b.name]
    assert before and key_with_code(data_dir, before[0].path, code).secret == old.secret

    # and back to the keyring
    store = open_store(data_dir, passphrase_key(NEW_PASSPHRASE, data_dir, remember_choice=False))
    with store:
        back = switch_to_keyring(store)
        assert back.secret not in (old.secret, NEW_PASSPHRASE)
        newest = list_backups(data_dir)[0]
    assert read_config(data_dir)["key_source"] == "keyring"
    found = find_key(data_dir, creating=False)
    assert (found.source, found.secret) == (KeySource.KEYRING, back.secret)
    assert _opens(data_dir, found)
    assert not _opens(data_dir, DatabaseKey(NEW_PASSPHRASE, KeySource.PASSPHRASE))
    assert verify_copy(newest.path, back) is None
    assert key_with_code(data_dir, data_dir / DB_NAME, code).secret == back.secret
    assert back.secret not in (data_dir / "daybook.recovery.json").read_text()


def test_a_short_passphrase_changes_nothing(memory_keyring, data_dir: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    old = find_key(data_dir, creating=True)
    store, _ = _open_with_profile(data_dir, old)
    with store:
        before = sorted(p.name for p in data_dir.rglob("*"))
        with pytest.raises(PassphraseTooShort):
            switch_to_passphrase(store, "short", "short")
        with pytest.raises(KeyChangeRefused, match="different"):
            switch_to_passphrase(store, NEW_PASSPHRASE, NEW_PASSPHRASE + "!")
        assert sorted(p.name for p in data_dir.rglob("*")) == before
    assert read_config(data_dir)["key_source"] == "keyring"
    assert _opens(data_dir, old)


def test_no_keyring_refuses_the_switch(monkeypatch, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(keys, "keyring_usable", lambda: False)
    monkeypatch.setattr("app.storage.keychange.keyring_usable", lambda: False)
    key = passphrase_key(NEW_PASSPHRASE, data_dir, remember_choice=True)
    store, _ = _open_with_profile(data_dir, key)
    with store, pytest.raises(KeyChangeRefused, match="no password store"):
        switch_to_keyring(store)
    assert _opens(data_dir, key)


def test_a_key_from_the_environment_is_not_switched(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyChangeRefused, match="DAYBOOK_PASSPHRASE"):
        switch_to_passphrase(store, NEW_PASSPHRASE)
    assert store.key == TEST_KEY


def test_opened_with_the_code_on_a_computer_without_a_keyring(monkeypatch, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from app.storage.keys import write_config

    store = open_store(data_dir, DatabaseKey("k" * 64, KeySource.RECOVERY_CODE))
    with store:
        write_config(data_dir, key_source="keyring")
        monkeypatch.setattr("app.storage.keychange.keyring_usable", lambda: False)
        assert key_home(store) == KeySource.RECOVERY_CODE
        monkeypatch.setattr("app.storage.keychange.keyring_usable", lambda: True)
        assert key_home(store) == KeySource.KEYRING
        write_config(data_dir, key_source="passphrase")
        assert key_home(store) == KeySource.PASSPHRASE
