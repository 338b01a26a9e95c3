"""Printing sends the PDF itself where the system takes PDF (CUPS): text stays text, small
and quick. Against a real CUPS-PDF queue when one is set up here (else that test skips)."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.ui.pdf_preview import lp_command, print_with_lp


def test_lp_command_carries_printer_copies_and_pages(tmp_path: Path) -> None:
    pdf = tmp_path / "contract.pdf"
    assert lp_command(pdf, "Kitchen_Printer", 2, "2-3") == [
        "lp",
        "-s",
        "-d",
        "Kitchen_Printer",
        "-n",
        "2",
        "-P",
        "2-3",
        "--",
        str(pdf),
    ]
    assert lp_command(pdf, "", 0, "") == ["lp", "-s", "-n", "1", "--", str(pdf)]


def test_a_printer_that_cannot_take_it_is_told(tmp_path: Path) -> None:
    if shutil.which("lp") is None:
        pytest.skip("no CUPS lp here")
    problem = print_with_lp(b"%PDF-1.4", "No_Such_Printer_Here", 1, "")
    assert "could not take the document" in problem or "did not answer" in problem


def cups_pdf_queue() -> str | None:
    if shutil.which("lpstat") is None:
        return None
    out = subprocess.run(["lpstat", "-v"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if "cups-pdf:/" in line:
            return line.split()[2].rstrip(":")
    return None


def test_a_three_page_contract_goes_out_as_text_small_and_quick(demo_store) -> None:  # type: ignore[no-untyped-def]
    queue = cups_pdf_queue()
    if queue is None:
        pytest.skip("no CUPS-PDF queue here (apt-get install cups cups-pdf; lpadmin)")
    from app.core.contracts.document import contract_pdf_data
    from app.core.contracts.models import ContractVersion
    from app.documents.contract_pdf import render_contract_pdf

    with demo_store.reading() as s:
        versions = list(s.scalars(select(ContractVersion)))
        pdfs = [(render_contract_pdf(contract_pdf_data(s, v)), v) for v in versions]
        pdf, version = max(pdfs, key=lambda p: len(p[0]))
        client_name = version.contract.client.name
    out = Path.home() / "PDF"
    before = set(out.glob("*.pdf")) if out.exists() else set()
    started = time.monotonic()
    assert print_with_lp(pdf, queue, 1, "") == ""
    deadline = started + 30
    text = ""
    while time.monotonic() < deadline and not text.strip():  # until the job is written whole
        for printed in (set(out.glob("*.pdf")) if out.exists() else set()) - before:
            text = subprocess.run(
                ["pdftotext", str(printed), "-"], capture_output=True, text=True
            ).stdout
        time.sleep(0.05)
    took = time.monotonic() - started
    assert text.strip(), "the CUPS-PDF queue wrote nothing readable"
    assert took < 2.0
    assert printed.stat().st_size < 2_000_000
    assert client_name.split()[0] in text
