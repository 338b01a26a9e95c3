"""`daybook visits list --json` and `daybook visits ics` against a real encrypted store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.core.test_visits_demo import build


@pytest.fixture
def filled(data_dir: Path, passphrase_env: str) -> Path:
    store, _ = build(data_dir)
    store.close()
    return data_dir


def test_visits_list_json(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "--data-dir",
            str(filled),
            "visits",
            "list",
            "--from",
            "23/11/2026",
            "--to",
            "2026-11-29",
            "--json",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    rows = json.loads(out)
    assert rows and all("2026-11-23" <= r["date"] <= "2026-11-29" for r in rows)
    assert {"id", "client", "start", "end", "status", "miles", "minutes"} <= set(rows[0])
    assert "note" not in rows[0] and "Demo notes" not in out
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)


def test_visits_list_filters_by_status(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "--data-dir",
                str(filled),
                "visits",
                "list",
                "--from",
                "01/01/2026",
                "--to",
                "24/11/2026",
                "--status",
                "cancelled_by_carer",
                "--json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["status"] for r in rows} == {"cancelled_by_carer"}


def test_visits_ics_writes_a_calendar(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "visits.ics"
    assert (
        main(
            [
                "--data-dir",
                str(filled),
                "visits",
                "ics",
                "--out",
                str(out),
                "--from",
                "25/11/2026",
                "--to",
                "22/12/2026",
            ]
        )
        == 0
    )
    data = out.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR") and b"TZID=Europe/London" in data
    assert b"BEGIN:VEVENT" in data
    assert "wrote" in capsys.readouterr().out


def test_bad_dates_give_one_line(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", str(filled), "visits", "list", "--from", "31/02/2026"])
    assert exit_.value.code == 2
    assert "not a date" in capsys.readouterr().err
    assert (
        main(
            [
                "--data-dir",
                str(filled),
                "visits",
                "list",
                "--from",
                "10/12/2026",
                "--to",
                "01/12/2026",
            ]
        )
        == 2
    )
    assert "before" in capsys.readouterr().err
