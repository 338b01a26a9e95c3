"""Mistyped arguments give one line naming the argument and exit 2, never a fault (exit 1).

Run as a real process over a real (small) encrypted data folder, so that an argument which
slipped through would reach the database as it would for the carer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.storage.opening import open_store
from tests.conftest import TEST_KEY
from tests.storage.test_cli import daybook

HUGE = "9" * 23


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dataclasses import replace

    from app.core.profile import save_profile
    from app.demo.clients import PROFILE

    d = tmp_path_factory.mktemp("args")
    store = open_store(d, TEST_KEY)
    try:
        with store.unit_of_work() as session:
            save_profile(session, replace(PROFILE, trading_name="Zoë Ødegaard Care"))
    finally:
        store.close()
    (d / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return d


CASES = [
    (["contract", "list", "--client", HUGE], "--client"),
    (["contract", "pdf", HUGE, "--out", "{out}"], "ID"),
    (["contract", "pdf", "1", "--version", HUGE, "--out", "{out}"], "--version"),
    (["portfolio", "export", "--out", "{out}", "--for-client", HUGE], "--for-client"),
    (["portfolio", "attach", HUGE, "{dir}/photo.png"], "DOCUMENT_ID"),
    (["safeguarding", "pdf", HUGE, "--out", "{out}"], "id"),
    (["visits", "list", "--client", HUGE], "--client"),
    (["visits", "list", "--client", "-4"], "--client"),
    (["visits", "list", "--from", "2026-02-30"], "--from"),
    (["visits", "list", "--from", "31/12/9999"], "--from"),
    (["visits", "ics", "--from", "30/12/9999", "--to", "31/12/9999", "--out", "{out}"], "--from"),
    (["invoice", "show", b"\xff"], "number"),
    (["invoice", "pdf", b"INV-\xff\xfe", "--out", "{out}"], "number"),
    (["invoice", "statement", "--payer", b"Mrs \xe9"], "--payer"),
    (["invoice", "list", "--status", b"\xff"], "--status"),
    (["client", "list", "--search", "x" * 5000], "--search"),
    (["invoice", "statement", "--payer", "Mrs Smith\nMr Jones"], "--payer"),
    (["invoice", "show", "INV-0001\x1b[2J"], "number"),
    (["tax", "estimate", "--year", "2026-27", "--profit", "1e309"], "--profit"),
    (["tax", "estimate", "--year", "2026-27", "--profit", "9" * 30], "--profit"),
    (["tax", "estimate", "--year", "2026-27", "--profit", "nan"], "--profit"),
    (["tax", "estimate", "--year", "2026-27", "--profit", "-1"], "--profit"),
    (
        ["tax", "estimate", "--year", "2026-27", "--profit", "1", "--other-income", "1e309"],
        "--other-income",
    ),
    (["tax", "estimate", "--year", "1066-67", "--profit", "100"], "--year"),
    (["tax", "summary", "--year", "1066-67"], "--year"),
    (["tax", "summary", "--year", "2099-00"], "--year"),
    (["export", "csv", "--year", "2026-27", "--out", ""], "--out"),  # was: the current folder
    (["export", "csv", "--year", "2026-27", "--out", "{dir}/" + "a" * 300], "--out"),
    (["portfolio", "export", "--out", "{dir}/" + "é" * 200 + ".pdf"], "--out"),
    (["invoice", "pdf", "INV-0001", "--out", "{dir}/" + "b" * 256], "--out"),
    (["contract", "pdf", "1", "--out", "   "], "--out"),
]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`daybook ARGS` in this process (quicker than a process per case; the same code)."""
    from app.cli import main

    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own exit
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "names"), CASES, ids=[" ".join(map(str, c[0]))[:60] for c in CASES]
)
def test_a_bad_argument_is_one_line_naming_it(
    folder: Path,
    tmp_path: Path,
    args: list[str | bytes],
    names: str,
    passphrase_env: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DAYBOOK_NO_KEYRING", "1")
    filled = [  # bytes as Python turns them into argv text: lone surrogates
        a.format(out=tmp_path / "out.pdf", dir=folder) if isinstance(a, str) else os.fsdecode(a)
        for a in args
    ]
    code, err = _run(["--data-dir", str(folder), *filled], capsys)
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert names in lines[0] and "Traceback" not in err
    assert len(lines[0]) < 300
    assert not (tmp_path / "out.pdf").exists()


def test_bytes_that_are_not_utf8_in_a_real_process(folder: Path, tmp_path: Path) -> None:
    r = daybook("invoice", "show", b"INV-\xff", data_dir=folder)  # type: ignore[arg-type]
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "number" in r.stderr and "UTF-8" in r.stderr


def test_an_unknown_tax_year_says_which_years_daybook_knows(folder: Path) -> None:
    from app.core.money.tax_rates import known_years

    r = daybook("tax", "estimate", "--year", "1066-67", "--profit", "100", data_dir=folder)
    assert r.returncode == 2
    assert "must follow" not in r.stderr  # 67 does follow 1066: that message misled
    assert known_years()[0].label in r.stderr and known_years()[-1].label in r.stderr


def test_names_in_other_alphabets_are_still_fine(folder: Path) -> None:
    r = daybook("client", "list", "--search", "Zoë Ødegaard 李", data_dir=folder)
    assert r.returncode == 0, r.stderr
    r = daybook("tax", "estimate", "--year", "2026/27", "--profit", "£31,000.50", data_dir=folder)
    assert r.returncode == 0, r.stderr
    assert "£31,000.50" in r.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux matter")
def test_no_display_is_one_line_not_a_qt_abort(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["DAYBOOK_NO_KEYRING"] = "1"
    r = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "no screen" in r.stderr
    assert not (tmp_path / "d").exists()  # nothing was started


def test_the_display_check_itself() -> None:
    from app.ui.display import no_display_problem

    assert no_display_problem({}, "linux") is not None
    assert no_display_problem({"DISPLAY": ":0"}, "linux") is None
    assert no_display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert no_display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert no_display_problem({"DISPLAY": ""}, "linux") is not None
    assert no_display_problem({}, "win32") is None and no_display_problem({}, "darwin") is None
