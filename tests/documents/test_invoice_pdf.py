"""Invoice and credit note PDFs read back with pypdf."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from app.core.invoicing.credit_notes import create_credit_note
from app.core.invoicing.drafts import add_extra_line, draft_invoice
from app.core.invoicing.issuing import invoice_pdf, issue_invoice
from app.documents.invoice_pdf import render_invoice
from tests.conftest import TODAY
from tests.core.test_invoicing import make_business, make_client, visit


def pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_issued_invoice_pdf_says_what_it_must(session) -> None:  # type: ignore[no-untyped-def]
    make_business(session)
    cid = make_client(session, "Siobhán Ní Bhriain", payer="Managed Accounts & Co")
    visit(session, cid, date(2026, 10, 7), (9, 0), (10, 30), miles_tenths=125)
    visit(session, cid, date(2026, 10, 10), (9, 0), (10, 0))  # Saturday
    inv = draft_invoice(session, cid, date(2026, 10, 1), date(2026, 10, 31)).value
    add_extra_line(session, inv.id, "Shopping <receipt kept>", 123456)
    issue_invoice(session, inv.id, today=TODAY, render=render_invoice)
    text = "\n".join(pages(inv.pdf))
    for must in (
        "INVOICE",
        "INV-0001",
        "25/11/2026",
        "09/12/2026",
        "Managed Accounts & Co",
        "Care for Siobhán Ní Bhriain",
        "07/10/2026",
        "09:00–10:30",
        "1 h 30 min",
        "£20.00/h",
        "£25.00/h",
        "Mileage: 12.5 miles",
        "£5.63",
        "Shopping <receipt kept>",
        "Total hours of care",
        "2 h 30 min",
        "£1,295.19",
        "within 14 days",
        "Sort code 12-34-56",
        "Account 12345678",
        "Not registered for VAT",
        "Page 1 of 1",
    ):
        assert must in text, must
    assert (
        invoice_pdf(session, inv.id, render_invoice).value == inv.pdf
    )  # stored bytes, not re-rendered


def test_self_paying_client_has_no_care_for_line(session) -> None:  # type: ignore[no-untyped-def]
    make_business(session)
    cid = make_client(session, "Ada Self")
    visit(session, cid, date(2026, 10, 7), (9, 0), (10, 0))
    inv = draft_invoice(session, cid, date(2026, 10, 1), date(2026, 10, 31)).value
    text = pages(invoice_pdf(session, inv.id, render_invoice).value)[0]
    assert "Ada Self" in text and "Care for" not in text
    assert "DRAFT INVOICE" in text and inv.pdf is None  # a draft preview is never stored


def test_long_invoice_repeats_the_header_and_footer_on_every_page(session) -> None:  # type: ignore[no-untyped-def]
    make_business(session)
    cid = make_client(session)
    day = date(2026, 9, 1)
    for i in range(70):
        visit(
            session, cid, day + timedelta(days=i // 2), (8 + 5 * (i % 2), 0), (9 + 5 * (i % 2), 0)
        )
    inv = draft_invoice(session, cid, date(2026, 9, 1), date(2026, 10, 31)).value
    issue_invoice(session, inv.id, today=TODAY, render=render_invoice)
    texts = pages(inv.pdf)
    assert len(texts) >= 2
    for n, text in enumerate(texts, start=1):
        assert f"Page {n} of {len(texts)}" in text
        assert "INV-0001" in text
    for text in texts[:2]:  # the lines run onto page 2: their header row is there too
        assert "Date" in text and "Times" in text and "Hours" in text and "Amount" in text
    assert "/2026" in texts[1] and "(continued)" in texts[1]
    assert f"£{inv.total_pence // 100:,}.{inv.total_pence % 100:02d}" in texts[-1]


def test_credit_note_pdf(session) -> None:  # type: ignore[no-untyped-def]
    make_business(session)
    cid = make_client(session)
    visit(session, cid, date(2026, 10, 7), (9, 0), (10, 0))
    inv = draft_invoice(session, cid, date(2026, 10, 1), date(2026, 10, 31)).value
    issue_invoice(session, inv.id, today=TODAY, render=render_invoice)
    note = create_credit_note(
        session, inv.id, reason="Visit charged in error", today=TODAY, render=render_invoice
    ).value
    text = pages(note.pdf)[0]
    for must in (
        "CREDIT NOTE",
        "CN-0001",
        "INV-0001",
        "Visit charged in error",
        "£20.00",
        "Page 1 of 1",
    ):
        assert must in text, must
    assert "12345678" not in text  # no bank details on a credit note


def test_names_beyond_western_european_letters_are_printed() -> None:
    import dataclasses

    from app.documents.invoice_pdf import _unicode_fonts
    from tests.benchmarks.test_invoice_pdf_bench import forty_lines

    if _unicode_fonts()[0] == "Helvetica":
        pytest.skip("no TrueType font with wide coverage on this machine")
    doc = dataclasses.replace(
        forty_lines(), payer_name="Łucja Wójcik & <Syn>", person_name="Ελένη Παππά"
    )
    text = "\n".join(pages(render_invoice(doc)))
    assert "Łucja Wójcik & <Syn>" in text
    assert f"£{doc.total_pence // 100:,}.{doc.total_pence % 100:02d}" in text
    assert "Page 2 of 2" in text or "Page 1 of 1" in text


def test_every_line_is_printed_once_across_pages_and_long_details_wrap() -> None:
    import dataclasses

    from tests.benchmarks.test_invoice_pdf_bench import forty_lines

    doc = forty_lines()
    long = "Prescription collected from the pharmacy & <checked> with the client's daughter, Ruth"
    lines = tuple(
        dataclasses.replace(
            doc.lines[i % 40], description=long if i == 61 else f"Line {i:03d} of the visits"
        )
        for i in range(95)
    )
    doc = dataclasses.replace(doc, lines=lines, total_pence=sum(ln.amount_pence for ln in lines))
    texts = pages(render_invoice(doc))
    assert len(texts) >= 3
    whole = "\n".join(texts)
    for i in range(95):
        if i != 61:
            assert whole.count(f"Line {i:03d} of the visits") == 1, i
    flat = " ".join(whole.split())
    assert "Prescription collected from the pharmacy & <checked> with the client's" in flat
    assert "daughter, Ruth" in flat
    for text in texts:  # the header row heads the lines on every page they run onto
        if "of the visits" in text:
            assert "Details" in text and "Amount" in text
    assert f"£{doc.total_pence // 100:,}.{doc.total_pence % 100:02d}" in texts[-1]
