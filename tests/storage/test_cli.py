"""The headless surface, run as support staff would run it (a real process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_KEY


def daybook(
    *args: str,
    env_key: str | None = TEST_KEY.secret,
    data_dir: Path | None = None,
    timeout: int = 180,
) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DAYBOOK_NO_KEYRING="1")
    env.pop("DAYBOOK_PASSPHRASE", None)
    if env_key is not None:
        env["DAYBOOK_PASSPHRASE"] = env_key
    cmd = [sys.executable, "-m", "app"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(
        cmd + list(args),
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("demo")
    r = daybook("demo", data_dir=d)
    assert r.returncode == 0, r.stderr
    return d


def test_help_lists_the_commands() -> None:
    r = daybook("--help")
    for command in ("demo", "self-test", "check", "client", "backup", "restore"):
        assert command in r.stdout


def test_demo_is_encrypted_and_lists_clients(demo_dir: Path) -> None:
    assert not (demo_dir / "daybook.db").read_bytes().startswith(b"SQLite format 3")
    r = daybook("client", "list", "--json", data_dir=demo_dir)
    clients = json.loads(r.stdout)
    assert len(clients) >= 12
    assert {c["payer_type"] for c in clients} >= {"client", "family", "direct_payment", "council"}


def test_check_passes_on_demo_data(demo_dir: Path) -> None:
    r = daybook("check", data_dir=demo_dir)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "check passed" in r.stdout


def test_wrong_passphrase_is_one_calm_line(demo_dir: Path) -> None:
    r = daybook("client", "list", "--json", data_dir=demo_dir, env_key="not-the-passphrase")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr + r.stdout
    assert "passphrase" in r.stderr


def test_no_key_and_no_terminal_says_what_to_do(demo_dir: Path) -> None:
    r = daybook("client", "list", data_dir=demo_dir, env_key=None)
    assert r.returncode == 2
    assert "DAYBOOK_PASSPHRASE" in r.stderr


def test_missing_data_folder_is_explained(tmp_path: Path) -> None:
    r = daybook("client", "list", data_dir=tmp_path / "nothing-here")
    assert r.returncode == 2
    assert "no Daybook data" in r.stderr


def test_demo_refuses_a_folder_with_a_business(demo_dir: Path) -> None:
    r = daybook("demo", data_dir=demo_dir)
    assert r.returncode == 2
    assert "already has a business" in r.stderr


def test_bad_arguments_exit_2_with_one_line() -> None:
    r = daybook("demo", "--years", "eleven")
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1


def test_exit_when_ready_prints_ready(demo_dir: Path) -> None:
    r = daybook("--exit-when-ready", data_dir=demo_dir)
    assert r.returncode == 0, r.stderr
    assert "ready in" in r.stdout


def test_self_test_passes() -> None:
    r = daybook("self-test")
    assert r.returncode == 0, r.stdout
    assert "self-test passed" in r.stdout


def test_backup_then_restore(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    assert daybook("backup", "--to", str(target), data_dir=demo_dir).returncode == 0
    assert target.stat().st_size > 0
    r = daybook("restore", str(target), data_dir=demo_dir)
    assert r.returncode == 0, r.stderr
    assert daybook("check", data_dir=demo_dir).returncode == 0


def test_restore_refuses_a_file_that_is_not_a_backup(demo_dir: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    r = daybook("restore", str(junk), data_dir=demo_dir)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert daybook("check", data_dir=demo_dir).returncode == 0


def test_restore_works_when_the_live_database_is_damaged(tmp_path: Path) -> None:
    from app.core.clients import ClientDraft, add_client
    from app.core.profile import save_profile
    from app.demo.clients import PROFILE
    from app.storage.backup import make_backup
    from app.storage.opening import open_store
    from tests.conftest import TODAY

    d = tmp_path / "data"
    with open_store(d, TEST_KEY) as store:
        with store.unit_of_work() as s:
            save_profile(s, PROFILE)
            add_client(s, ClientDraft(name="From The Backup"), today=TODAY)
        copy = make_backup(store, to=tmp_path / "copy.db")
    (d / "daybook.db").write_bytes(b"\x00" * 4096)
    assert daybook("client", "list", data_dir=d).returncode == 2
    r = daybook("restore", str(copy), data_dir=d)
    assert r.returncode == 0, r.stderr
    listed = json.loads(daybook("client", "list", "--json", data_dir=d).stdout)
    assert [c["name"] for c in listed] == ["From The Backup"]
