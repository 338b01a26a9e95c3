"""`daybook availability`, `daybook payment list|receipt` and `daybook visits timesheet` over
the demo data: exit codes, the agreed JSON keys, and the PDFs read back."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from app.cli import main
from app.core.availability import due
from app.core.visits.timesheets import timesheets_for
from tests.conftest import TODAY

DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@pytest.fixture
def demo_dir(demo_store, data_dir, passphrase_env):  # type: ignore[no-untyped-def]
    with demo_store.reading() as s:
        reminders = due(s, TODAY)
        signed = [t for cid in range(1, 13) for t in timesheets_for(s, cid) if t.signed_on]
    demo_store.close()  # the commands open the folder themselves
    return data_dir, reminders, signed


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path) -> str:  # type: ignore[no-untyped-def]
    return " ".join(p.extract_text() or "" for p in PdfReader(path).pages)


def test_the_demo_and_the_commands(demo_dir, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    d, reminders, signed = demo_dir
    base = ("--data-dir", str(d))
    # the demo: working hours changed since last copied, and a signed timesheet
    assert [r.heading for r in reminders] == ["Directory availability"]
    assert len(signed) == 1 and signed[0].visit_count > 0

    code, out, _ = run(capsys, *base, "availability", "--json")
    slots = json.loads(out)
    assert code == 0 and slots
    assert all(set(s) == {"day", "from", "to"} and s["day"] in DAYS for s in slots)
    assert all(s["from"] < s["to"] for s in slots)
    code, out, _ = run(capsys, *base, "availability", "--text")
    assert code == 0 and out.startswith("Mon ") and "–" in out

    code, out, _ = run(capsys, *base, "payment", "list", "--json")
    payments = json.loads(out)
    assert code == 0 and payments
    assert set(payments[0]) == {
        "id",
        "received_on",
        "amount_pence",
        "method",
        "payer",
        "invoice_numbers",
    }
    assert [p["received_on"] for p in payments] == sorted(
        (p["received_on"] for p in payments), reverse=True
    )
    first = payments[0]
    out_pdf = tmp_path / "receipt.pdf"
    code, out, _ = run(capsys, *base, "payment", "receipt", str(first["id"]), "--out", str(out_pdf))
    assert code == 0
    text = text_of(out_pdf)
    assert "RECEIPT" in text and f"£{first['amount_pence'] / 100:,.2f}" in text
    assert first["invoice_numbers"][0] in text and "Received with thanks" in text

    ts = tmp_path / "timesheet.pdf"
    code, out, _ = run(
        capsys,
        *base,
        "visits",
        "timesheet",
        "--client",
        "1",
        "--from",
        "01/10/2026",
        "--to",
        "31/10/2026",
        "--out",
        str(ts),
    )
    assert code == 0 and "visits" in out
    text = text_of(ts)
    assert "TIMESHEET" in text and "Margaret Ellis" in text and "Signature" in text
    assert " h " in text and "Total" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("payment", "receipt", "9999", "--out", "{tmp}/r.pdf"), "no payment number 9999"),
        (("payment", "receipt", "1", "--out", "{tmp}/missing/r.pdf"), "does not exist"),
        (
            (
                "visits",
                "timesheet",
                "--client",
                "999",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-31",
                "--out",
                "{tmp}/t.pdf",
            ),
            "no client number 999",
        ),
        (
            (
                "visits",
                "timesheet",
                "--client",
                "1",
                "--from",
                "2026-10-31",
                "--to",
                "2026-10-01",
                "--out",
                "{tmp}/t.pdf",
            ),
            "last day is before the first",
        ),
        (
            (
                "visits",
                "timesheet",
                "--client",
                "1",
                "--from",
                "someday",
                "--to",
                "2026-10-01",
                "--out",
                "{tmp}/t.pdf",
            ),
            "--from",
        ),
        (("availability", "--json", "--text"), "not allowed"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(  # type: ignore[no-untyped-def]
    tmp_path, passphrase_env, capsys, args, words
) -> None:
    from app.storage.opening import open_store
    from tests.conftest import TEST_KEY

    open_store(tmp_path, TEST_KEY).close()
    argv = ["--data-dir", str(tmp_path), *(a.format(tmp=tmp_path) for a in args)]
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse refuses bad arguments itself
        code = stop.code  # type: ignore[assignment]
    assert code == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
