"""`daybook invoice ...` over the demo data, and what the demo holds."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from app.cli import main
from app.core.invoicing.due import due
from tests.conftest import TODAY


@pytest.fixture
def demo_dir(demo_store, data_dir, passphrase_env):  # type: ignore[no-untyped-def]
    with demo_store.reading() as s:
        items = due(s, TODAY)
    demo_store.close()  # the commands open the folder themselves
    return data_dir, items


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_invoices_and_the_commands(demo_dir, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    d, items = demo_dir
    code, out, _ = run(capsys, "--data-dir", str(d), "invoice", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) >= 20
    assert {"draft", "issued", "part_paid", "paid", "void"} <= {r["status"] for r in rows}
    numbers = sorted(int(re.match(r"INV-(\d+)$", r["number"])[1]) for r in rows if r["number"])
    assert numbers == list(range(1, len(numbers) + 1))
    assert any(i.heading == "Overdue invoices" for i in items)

    code, out, _ = run(
        capsys, "--data-dir", str(d), "invoice", "list", "--status", "overdue", "--json"
    )
    overdue = json.loads(out)
    assert overdue and all(r["due_date"] < TODAY.isoformat() for r in overdue)

    biggest = max((r for r in rows if r["number"]), key=lambda r: r["total_pence"])
    code, out, _ = run(capsys, "--data-dir", str(d), "invoice", "show", biggest["number"], "--json")
    shown = json.loads(out)
    assert code == 0 and sum(ln["amount_pence"] for ln in shown["lines"]) == biggest["total_pence"]
    assert sum(p["allocated_pence"] for p in shown["payments"]) == biggest["paid_pence"]
    assert "12345678" not in out and "sort_code" not in out

    pdf = tmp_path / "inv.pdf"
    code, out, _ = run(
        capsys, "--data-dir", str(d), "invoice", "pdf", biggest["number"], "--out", str(pdf)
    )
    assert code == 0
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    total = biggest["total_pence"]
    assert biggest["number"] in text and f"£{total // 100:,}.{total % 100:02d}" in text
    again = tmp_path / "again.pdf"
    run(capsys, "--data-dir", str(d), "invoice", "pdf", biggest["number"], "--out", str(again))
    assert again.read_bytes() == pdf.read_bytes()  # stored once, the same bytes ever after

    code, out, _ = run(
        capsys, "--data-dir", str(d), "invoice", "pdf", "CN-0001", "--out", str(tmp_path / "cn.pdf")
    )
    assert code == 0 and b"%PDF" in (tmp_path / "cn.pdf").read_bytes()[:8]

    code, _, err = run(
        capsys, "--data-dir", str(d), "invoice", "pdf", "NOPE-0", "--out", str(tmp_path / "x.pdf")
    )
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, _, err = run(capsys, "--data-dir", str(d), "invoice", "list", "--status", "bogus")
    assert code == 2 and "--status" in err

    code, out, _ = run(
        capsys, "--data-dir", str(d), "invoice", "statement", "--payer", biggest["payer"], "--json"
    )
    assert code == 0 and json.loads(out)["entries"]
    code, _, err = run(capsys, "--data-dir", str(d), "invoice", "statement", "--payer", "Nobody")
    assert code == 2
    code, out, _ = run(capsys, "--data-dir", str(d), "invoice", "aged", "--json")
    assert code == 0 and isinstance(json.loads(out), list)
