"""Where an invoice's or a credit note's pages break: "Total due" and the payment terms (or
"Total credited" and what the note does) always share a page with the last of its lines,
whatever the number of lines, and the column headings head every page that holds lines."""

from __future__ import annotations

import dataclasses
import io
from datetime import date, timedelta

from pypdf import PdfReader

from app.core.invoicing.snapshot import DocLine
from app.documents.invoice_pdf import render_invoice
from tests.benchmarks.test_invoice_pdf_bench import forty_lines


def invoice_pages(count: int) -> list[str]:
    first = date(2026, 10, 1)
    lines = tuple(
        DocLine(
            "visit",
            first + timedelta(days=i // 2),
            "09:00",
            "10:30",
            90,
            2000,
            None,
            f"Visit line {i + 1:03d}",
            3000,
        )
        for i in range(count)
    )
    doc = dataclasses.replace(
        forty_lines(), lines=lines, total_pence=sum(line.amount_pence for line in lines)
    )
    pdf = render_invoice(doc)
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_totals_and_terms_never_stand_alone_on_a_page() -> None:
    page_counts = set()
    # Page 1 holds about 29 lines: from 16 to 36 lines the totals fit under the lines on page
    # 1, then would fall alone onto page 2 (21 to 31), then follow lines that overflow
    for count in range(16, 37):
        pages = invoice_pages(count)
        page_counts.add(len(pages))
        holding = [text for text in pages if "Total due" in text]
        assert len(holding) == 1, count
        text = holding[0]
        assert "Payment terms" in text, count  # the terms stay with the total
        assert "Visit line" in text, count  # ...and so does at least one line
        last = f"Visit line {count:03d}"
        assert last in text, count  # the last line is on that page, just above them
        for n in range(1, count + 1):  # every line printed once
            assert sum(f"Visit line {n:03d}" in t for t in pages) == 1, (count, n)
    assert page_counts >= {1, 2}  # the range did cross the page break


def test_a_four_week_invoice_keeps_its_totals_with_its_lines() -> None:
    pages = invoice_pages(28 * 2)  # two visits a day for four weeks
    holding = next(text for text in pages if "Total due" in text)
    assert "Visit line" in holding and "Payment terms" in holding
    for text in pages[1:]:  # the column headings on every page that holds lines
        assert "Date" in text and "Amount" in text


def credit_note_pages(count: int) -> list[str]:
    lines = tuple(
        DocLine(
            "credit", date(2026, 11, 2), "", "", None, None, None, f"Credit line {i + 1:03d}", -3000
        )
        for i in range(count)
    )
    doc = dataclasses.replace(
        forty_lines(),
        kind="credit_note",
        number="CN-0007",
        invoice_number="INV-0040",
        reason="Visits cancelled with notice",
        lines=lines,
        total_pence=sum(line.amount_pence for line in lines),
    )
    pdf = render_invoice(doc)
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_credit_notes_total_stays_with_its_last_lines() -> None:
    page_counts = set()
    # Page 1 holds about 26 lines: the total and the note's box fit under up to about 20, then
    # would fall alone onto page 2, then follow lines that overflow
    for count in range(16, 37):
        pages = credit_note_pages(count)
        page_counts.add(len(pages))
        holding = [text for text in pages if "Total credited" in text]
        assert len(holding) == 1, count
        text = holding[0]
        assert "This credit note reduces what is owed" in text, count
        assert f"Credit line {count:03d}" in text, count  # the last line, just above the total
        assert f"Credit line {count - 1:03d}" in text, count  # ...and the one before it
        for n in range(1, count + 1):  # every line printed once
            assert sum(f"Credit line {n:03d}" in t for t in pages) == 1, (count, n)
        for page in pages:  # the column headings above the lines on every page
            if "Credit line" in page:
                assert page.index("Details") < page.index("Credit line"), count
                assert "Amount" in page, count
    assert page_counts >= {1, 2}  # the range did cross the page break
