"""The safety net, tried as a careless or unlucky carer would: kills at the worst moment,
truncated and damaged files, the wrong file restored, a lost keyring entry, a new laptop."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.core.clients import ClientDraft, add_client, search_clients
from app.core.profile import save_profile
from app.demo.clients import PROFILE
from app.storage.backup import (
    AUTOMATIC,
    Backup,
    backed_up_today,
    backup_name,
    backups_to_prune,
    list_backups,
    make_backup,
    parse_backup,
    prune,
    verify_copy,
)
from app.storage.database import Store
from app.storage.errors import ReadOnlyFolder, WrongKey
from app.storage.keys import DatabaseKey, KeySource
from app.storage.opening import open_store
from app.storage.paths import DB_NAME
from tests.conftest import TEST_KEY, TODAY
from tests.storage.test_cli import daybook

PAGE = 4096


def _records(data_dir: Path, names: list[str], key: DatabaseKey = TEST_KEY) -> None:
    from app.core.profile import get_profile
    from app.storage.opening import ensure_recovery

    with open_store(data_dir, key) as store:
        with store.unit_of_work() as s:
            if get_profile(s) is None:
                save_profile(s, PROFILE)
            for name in names:
                add_client(s, ClientDraft(name=name), today=TODAY)
        ensure_recovery(store)  # as the window and every command do


def _names(data_dir: Path, key: DatabaseKey = TEST_KEY) -> list[str]:
    with open_store(data_dir, key) as store, store.reading() as s:
        return sorted(r.name for r in search_clients(s, ""))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "records"
    _records(d, ["Ada Before"])
    return d


def _backup(d: Path, **kw) -> Path:  # type: ignore[no-untyped-def]
    with open_store(d, TEST_KEY) as store:
        return make_backup(store, **kw)


# -- restore: validate first, touch nothing when the file is not a good backup ---------------


def _foreign_key_file(tmp_path: Path) -> Path:
    other = tmp_path / "other"
    _records(other, ["Someone Else"], DatabaseKey("another-key-entirely", KeySource.PASSPHRASE))
    return other / DB_NAME


def _not_daybook(tmp_path: Path) -> Path:
    from app.storage.database import connect_raw

    path = tmp_path / "plain-tables.db"
    conn = connect_raw(path, TEST_KEY)
    conn.execute("CREATE TABLE notes (t TEXT)")
    conn.commit()
    conn.close()
    return path


def _truncated(tmp_path: Path, folder: Path) -> Path:
    copy = _backup(folder, to=tmp_path / "whole.db")
    cut = tmp_path / "truncated.db"
    cut.write_bytes(copy.read_bytes()[: 3 * PAGE])
    return cut


def _newer(tmp_path: Path, folder: Path) -> Path:
    from app.storage.database import connect_raw

    copy = _backup(folder, to=tmp_path / "newer.db")
    conn = connect_raw(copy, TEST_KEY)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    return copy


def _no_business(tmp_path: Path, folder: Path) -> Path:
    d = tmp_path / "empty-business"
    open_store(d, TEST_KEY).close()
    return d / DB_NAME


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD_FILES = {
    "empty": (lambda tmp, f: _write(tmp / "empty.db", b""), "empty"),
    "plain sqlite": (
        lambda tmp, f: (
            __import__("sqlite3").connect(tmp / "p.db").execute("create table x(a)")
            and tmp / "p.db"
        ),
        "unencrypted",
    ),
    "another key": (lambda tmp, f: _foreign_key_file(tmp), "does not open"),
    "not daybook": (lambda tmp, f: _not_daybook(tmp), "not a Daybook"),
    "truncated": (_truncated, "damaged"),
    "newer version": (_newer, "newer version"),
    "no business": (_no_business, "no business"),
    "random bytes": (
        lambda tmp, f: _write(tmp / "r.db", os.urandom(8 * PAGE)),
        "does not open",
    ),
    "the live file": (lambda tmp, f: f / DB_NAME, "live database"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_restore_refuses_what_is_not_a_good_backup_and_touches_nothing(
    case: str, tmp_path: Path, folder: Path
) -> None:
    make, expected = BAD_FILES[case]
    bad = make(tmp_path, folder)
    before = _sha(folder / DB_NAME)
    backups_before = (
        sorted(p.name for p in (folder / "backups").glob("*"))
        if (folder / "backups").exists()
        else []
    )
    r = daybook("restore", str(bad), data_dir=folder)
    assert r.returncode == 2, r.stderr
    assert expected.lower() in r.stderr.lower()
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert _sha(folder / DB_NAME) == before
    after = (
        sorted(p.name for p in (folder / "backups").glob("*"))
        if (folder / "backups").exists()
        else []
    )
    assert after == backups_before
    assert _names(folder) == ["Ada Before"]


def test_restore_brings_back_the_copy_and_keeps_the_current_one(folder: Path) -> None:
    copy = _backup(folder)
    _records(folder, ["Bea After"])
    r = daybook("restore", str(copy), data_dir=folder)
    assert r.returncode == 0, r.stderr
    assert _names(folder) == ["Ada Before"]
    kept = [b for b in list_backups(folder) if b.kind == "before-restore"]
    assert len(kept) == 1 and verify_copy(kept[0].path, TEST_KEY) is None
    with open_store(folder, TEST_KEY) as store, store.reading() as s:
        assert len(search_clients(s, "")) == 1
    assert daybook("check", data_dir=folder).returncode == 0


# -- backups: verified, named by kind and time, never a broken copy under a final name -------


def test_backup_is_verified_named_and_carries_its_envelope(folder: Path) -> None:
    path = _backup(folder)
    info = parse_backup(path)
    assert info is not None and info.kind == "manual"
    assert verify_copy(path, TEST_KEY) is None
    assert path.with_name(path.stem + ".recovery.json").is_file()
    assert not list(path.parent.glob("*.partial"))


def test_twenty_backups_in_a_row_keep_the_newest(folder: Path) -> None:
    made = []
    for _ in range(20):
        r = daybook("backup", data_dir=folder)
        assert r.returncode == 0, r.stderr
        made.append(Path(r.stdout.strip().rsplit(" ", 1)[-1]))
    assert all(p.exists() for p in made)  # manual copies are kept for 90 days
    assert list_backups(folder)[0].path == made[-1]


@pytest.mark.parametrize("target", ["the database itself", "an unwritable folder", "a folder"])
def test_backup_to_says_what_is_wrong(target: str, folder: Path, tmp_path: Path) -> None:
    if target == "the database itself":
        to, expected = folder / DB_NAME, "live database"
    elif target == "an unwritable folder":
        to, expected = Path("/proc/daybook-backup.db"), "cannot"
    else:
        to, expected = tmp_path, "backup written to"
    before = _sha(folder / DB_NAME)
    r = daybook("backup", "--to", str(to), data_dir=folder)
    if target == "a folder":
        assert r.returncode == 0 and expected in r.stdout
        written = Path(r.stdout.strip().rsplit(" ", 1)[-1])
        assert written.parent == tmp_path and verify_copy(written, TEST_KEY) is None
    else:
        assert r.returncode == 2, r.stderr
        assert expected in r.stderr.lower() and "Traceback" not in r.stderr
    assert _sha(folder / DB_NAME) == before


def _rotation_files(d: Path, taken: datetime, kind: str) -> Path:
    folder = d / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / backup_name(kind, taken)
    path.write_bytes(b"x")
    return path


def test_rotation_over_400_days_reads_names_never_mtimes(tmp_path: Path) -> None:
    d = tmp_path / "rot"
    start = datetime(2025, 10, 1, 9, 0, tzinfo=UTC)
    for day in range(400):
        now = start + timedelta(days=day)
        made = [
            _rotation_files(d, now, "daily"),
            _rotation_files(d, now + timedelta(hours=8), "on-exit"),
        ]
        if day % 30 == 0:
            made.append(_rotation_files(d, now + timedelta(hours=1), "manual"))
        if day == 200:
            made.append(_rotation_files(d, now + timedelta(hours=2), "before-restore"))
        for path in made:
            os.utime(path, (0, 0))  # mtimes say 1970: rotation must not care
        prune(d, now=now + timedelta(hours=9), keep={made[-1]})
        assert all(p.exists() for p in made[-1:])  # never the copy just made
        backups = list_backups(d)
        assert backups[0].path == max(made, key=lambda p: parse_backup(p).taken)  # type: ignore[union-attr]
        automatic = [b for b in backups if b.kind in AUTOMATIC]
        assert len(automatic) <= 14 + 8 + 12
    end = start + timedelta(days=399, hours=9)
    backups = list_backups(d)
    days = {b.taken.date() for b in backups if b.kind in AUTOMATIC}
    assert all((end - timedelta(days=n)).date() in days for n in range(14))  # 14 daily
    months = {(b.taken.year, b.taken.month) for b in backups if b.kind in AUTOMATIC}
    assert len(months) >= 12  # about a year back
    events = [b for b in backups if b.kind not in AUTOMATIC]
    assert events and all(end - b.taken <= timedelta(days=90) for b in events)
    assert not [b for b in backups if b.kind == "before-restore"]  # day 200: older than 90 days


def test_daily_check_reads_the_name_not_the_mtime(tmp_path: Path) -> None:
    d = tmp_path / "daily"
    now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    yesterday = _rotation_files(d, now - timedelta(days=1), "daily")
    os.utime(yesterday, None)  # touched today
    assert not backed_up_today(d, now)
    _rotation_files(d, now - timedelta(hours=2), "on-exit")
    assert backed_up_today(d, now)


def test_before_restore_copies_are_not_pruned_first() -> None:
    now = datetime(2026, 11, 29, tzinfo=UTC)
    copies = [Backup(Path(f"/x/d{n}.db"), "daily", now - timedelta(days=n)) for n in range(40)]
    event = Backup(Path("/x/before.db"), "before-restore", now - timedelta(days=60))
    gone = backups_to_prune([*copies, event], now)
    assert event not in gone and copies[0] not in gone


# -- kills at the worst moment -------------------------------------------------------------


def _spawn(*args: str, data_dir: Path) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        DAYBOOK_NO_KEYRING="1",
        DAYBOOK_PASSPHRASE=TEST_KEY.secret,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )


def _kill_when(proc: subprocess.Popen[bytes], happened, limit: float = 60) -> bool:  # type: ignore[no-untyped-def]
    """SIGKILL the moment `happened()` is true. False if the process ended first."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if happened():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        if proc.poll() is not None:
            return False
    proc.kill()
    proc.wait()
    return False


def kill_during_backup(d: Path) -> bool:
    folder = d / "backups"
    proc = _spawn("backup", data_dir=d)
    killed = _kill_when(proc, lambda: folder.is_dir() and any(folder.glob("*.db*")))
    for b in list_backups(d):  # whatever carries a final name opens and is whole
        assert verify_copy(b.path, TEST_KEY) is None, b.name
    r = daybook("backup", data_dir=d)  # the next start clears what the kill left
    assert r.returncode == 0, r.stderr
    assert not list(folder.glob("*.partial"))
    return killed


def kill_during_restore(d: Path, copy: Path, moment: str) -> bool:
    live = d / DB_NAME
    inode = live.stat().st_ino

    def happened() -> bool:
        if moment == "temporary copy appears":
            return any(d.glob(".daybook-tmp-*"))
        return live.exists() and live.stat().st_ino != inode

    proc = _spawn("restore", str(copy), data_dir=d)
    killed = _kill_when(proc, happened)
    assert _names(d) in (["Ada Before"], ["Ada Before", "Bea After"])  # old or new, never half
    r = daybook("check", data_dir=d)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not list(d.glob(".daybook-tmp-*"))  # removed by the next start
    return killed


def test_kill_at_the_moment_a_backup_file_appears(folder: Path) -> None:
    kills = sum(kill_during_backup(folder) for _ in range(3))
    assert kills >= 1  # the window is real: at least one kill landed mid-backup


@pytest.mark.parametrize("moment", ["temporary copy appears", "live file changes"])
def test_kill_during_restore_leaves_old_or_new(moment: str, folder: Path) -> None:
    from app.core.settings import set_setting

    with open_store(folder, TEST_KEY) as store, store.unit_of_work() as s:
        # a few MB, so the temporary copy exists long enough to be seen on a busy machine
        set_setting(s, "test.padding", os.urandom(3_000_000).hex())
    copy = _backup(folder)
    _records(folder, ["Bea After"])
    killed = kill_during_restore(folder, copy, moment)
    if moment == "temporary copy appears":
        assert killed  # the kill landed while the copy was being written
    assert _names(folder) in (["Ada Before"], ["Ada Before", "Bea After"])  # old or new
    assert daybook("check", data_dir=folder).returncode == 0


# -- damage named as damage, whatever the key source ---------------------------------------


def _damage_page(path: Path, page: int) -> None:
    with path.open("r+b") as fh:
        fh.seek(page * PAGE + 100)
        fh.write(os.urandom(64))


@pytest.fixture
def bigger(tmp_path: Path) -> Path:
    d = tmp_path / "bigger"
    _records(d, [f"Client {n:03}" for n in range(300)])
    _backup(d, kind="daily")
    return d


def test_a_damaged_page_is_named_by_check_with_the_newest_good_backup(bigger: Path) -> None:
    pages = (bigger / DB_NAME).stat().st_size // PAGE
    _damage_page(bigger / DB_NAME, pages - 3)
    before = _sha(bigger / DB_NAME)
    r = daybook("check", data_dir=bigger)
    assert r.returncode == 2
    assert "integrity" in r.stdout or "encryption" in r.stdout
    assert "newest good backup" in r.stdout and "daybook restore" in r.stdout
    assert _sha(bigger / DB_NAME) == before  # check never writes


def test_a_truncated_file_is_damage_not_a_wrong_key(bigger: Path) -> None:
    path = bigger / DB_NAME
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size // 2 // PAGE * PAGE)
    for args in (["check"], ["client", "list"]):
        r = daybook(*args, data_dir=bigger)
        assert r.returncode == 2
        assert "damaged" in r.stderr and "passphrase" not in r.stderr
        assert "newest good backup" in r.stderr


def test_page_one_damaged_is_damage_when_the_key_is_right(bigger: Path) -> None:
    _damage_page(bigger / DB_NAME, 0)
    r = daybook("client", "list", data_dir=bigger)
    assert r.returncode == 2 and "damaged" in r.stderr
    wrong = daybook("client", "list", data_dir=bigger, env_key="not-the-passphrase-1")
    assert wrong.returncode == 2 and "does not open" in wrong.stderr
    assert "damaged" not in wrong.stderr


def test_wrong_key_is_a_wrong_key(folder: Path) -> None:
    with pytest.raises(WrongKey):
        open_store(folder, DatabaseKey("not-the-passphrase", KeySource.PASSPHRASE))


def test_check_on_an_emptied_file_never_starts_again(folder: Path) -> None:
    (folder / DB_NAME).write_bytes(b"")

    def listing() -> list[str]:  # the log is allowed to say what happened
        return sorted(p.name for p in folder.rglob("*") if "log" not in p.name)

    before = listing()
    r = daybook("check", data_dir=folder)
    assert r.returncode == 2 and "empty" in r.stderr
    assert (folder / DB_NAME).read_bytes() == b""
    assert listing() == before


def test_check_on_an_empty_folder_creates_nothing(tmp_path: Path) -> None:
    d = tmp_path / "nothing"
    d.mkdir()
    (d / DB_NAME).write_bytes(b"")
    r = daybook("check", data_dir=d)
    assert r.returncode == 2
    assert (d / DB_NAME).read_bytes() == b"" and "check passed" not in r.stdout


def test_when_the_newest_backup_is_damaged_an_older_one_is_offered(bigger: Path) -> None:
    from app.storage.restore import damage_with_backup

    older = list_backups(bigger)[0]
    newest = _backup(bigger, kind="manual", now=datetime.now(UTC) + timedelta(minutes=5))
    _damage_page(newest, 2)
    error = damage_with_backup(bigger, TEST_KEY, "damaged")
    assert error.good_backup == older.path
    assert "1 newer copy did not open" in error.way_out


@pytest.fixture
def read_only_folder(folder: Path, tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    mount = tmp_path / "ro"
    mount.mkdir()
    ok = subprocess.run(["mount", "--bind", str(folder), str(mount)], capture_output=True)
    if ok.returncode != 0:
        pytest.skip("cannot make a read-only folder here (root without mount)")
    subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_read_only_folder_is_named_as_such(read_only_folder: Path) -> None:
    r = daybook("client", "list", data_dir=read_only_folder)
    assert r.returncode == 2
    assert "may not write" in r.stderr or "read-only" in r.stderr
    assert "passphrase" not in r.stderr
    with pytest.raises(ReadOnlyFolder):
        open_store(read_only_folder, TEST_KEY)


# -- privacy on disk -----------------------------------------------------------------------


def test_data_folder_and_every_file_in_it_are_private_under_umask_022(tmp_path: Path) -> None:
    from app.logs import configure_logging

    old = os.umask(0o022)
    try:
        d = tmp_path / "private"
        _records(d, ["Ada"])
        _backup(d)
        configure_logging(d)
        import logging

        logging.getLogger("daybook.test").info("hello")
        (d / "backups").chmod(0o755)
        (d / DB_NAME).chmod(0o644)
        open_store(d, TEST_KEY).close()  # corrected on open
    finally:
        os.umask(old)
    assert stat.S_IMODE(d.stat().st_mode) == 0o700
    loose = [
        p
        for p in d.rglob("*")
        if stat.S_IMODE(p.stat().st_mode) != (0o700 if p.is_dir() else 0o600)
    ]
    assert loose == []
    assert (d / "logs" / "daybook.log").exists() and (d / "daybook.lock").exists()


# -- surviving the laptop: the recovery code -------------------------------------------------


def _keyring_daybook(d: Path) -> tuple[str, Store]:
    from app.storage.keys import find_key
    from app.storage.opening import ensure_recovery

    key = find_key(d, creating=True)
    assert key.source == KeySource.KEYRING
    store = open_store(d, key)
    with store.unit_of_work() as s:
        save_profile(s, PROFILE)
        add_client(s, ClientDraft(name="Kept Safe"), today=TODAY)
    code = ensure_recovery(store)
    assert code is not None
    return code, store


def test_keyring_entry_lost_then_the_recovery_code_opens_it(
    memory_keyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    from app.cli import main
    from app.storage.keys import find_key, keyring_username

    d = tmp_path / "laptop"
    code, store = _keyring_daybook(d)
    store.close()
    memory_keyring.store.clear()  # secret-tool clear ...
    capsys.readouterr()
    assert main(["--data-dir", str(d), "client", "list"]) == 2
    err = capsys.readouterr().err
    assert "recovery code" in err and "passphrase" not in err.split("recovery")[0]
    monkeypatch.setenv("DAYBOOK_RECOVERY_CODE", code.lower().replace("-", " "))
    assert main(["--data-dir", str(d), "client", "list", "--json"]) == 0
    assert "Kept Safe" in capsys.readouterr().out
    assert memory_keyring.store[("Daybook", keyring_username(d))]  # kept for next time
    monkeypatch.delenv("DAYBOOK_RECOVERY_CODE")
    assert find_key(d, creating=False).source == KeySource.KEYRING


def test_a_backup_on_a_new_computer_is_restored_with_the_code(
    memory_keyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    from app.cli import main

    code, store = _keyring_daybook(tmp_path / "old-laptop")
    copy = make_backup(store)
    store.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    for f in (copy, copy.with_name(copy.stem + ".recovery.json")):
        (usb / f.name).write_bytes(f.read_bytes())
    memory_keyring.store.clear()  # a fresh home folder: an empty keyring
    new_home = tmp_path / "new-laptop"
    monkeypatch.setenv("DAYBOOK_RECOVERY_CODE", "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567")
    capsys.readouterr()
    assert main(["--data-dir", str(new_home), "restore", str(usb / copy.name)]) == 2
    assert "does not open" in capsys.readouterr().err
    assert not (new_home / DB_NAME).exists()  # a wrong code writes nothing
    monkeypatch.setenv("DAYBOOK_RECOVERY_CODE", code)
    assert main(["--data-dir", str(new_home), "restore", str(usb / copy.name)]) == 0
    monkeypatch.delenv("DAYBOOK_RECOVERY_CODE")
    capsys.readouterr()
    assert main(["--data-dir", str(new_home), "client", "list", "--json"]) == 0
    assert "Kept Safe" in capsys.readouterr().out


def test_recovery_code_is_never_in_files_or_logs(memory_keyring, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    d = tmp_path / "laptop"
    code, store = _keyring_daybook(d)
    make_backup(store)
    store.close()
    needle = code.replace("-", "").encode()
    for path in d.rglob("*"):
        if path.is_file():
            data = path.read_bytes().replace(b"-", b"")
            assert needle not in data, path.name


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "30 characters"),
        ("OOOOO-11111-22222-33333-44444-55555", "no letter O"),
        ("ABCDE-FGHJK", "30 characters"),
    ],
)
def test_a_mistyped_code_says_what_is_wrong(typed: str, message: str) -> None:
    from app.storage.recovery import WrongRecoveryCode, normalise_code

    with pytest.raises(WrongRecoveryCode, match=message):
        normalise_code(typed)


def test_passphrases_are_the_same_in_composed_and_decomposed_form(tmp_path: Path) -> None:
    import unicodedata

    from app.storage.keys import passphrase_key

    d = tmp_path / "accents"
    composed = unicodedata.normalize("NFC", "crème brûlée café")
    _records(d, ["Ada"], passphrase_key(composed, d, remember_choice=True))
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert _names(d, passphrase_key(decomposed, d, remember_choice=False)) == ["Ada"]


def test_a_short_environment_passphrase_cannot_make_a_new_daybook(tmp_path: Path) -> None:
    r = daybook("demo", data_dir=tmp_path / "short", env_key="a")
    assert r.returncode == 2 and "at least 8" in r.stderr
    assert not (tmp_path / "short" / DB_NAME).exists()
