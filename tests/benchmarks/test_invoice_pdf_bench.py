"""An invoice PDF with 40 lines (budget: 30 ms once warm, issue 16). Run on demand:
.venv/bin/pytest tests/benchmarks/test_invoice_pdf_bench.py -p no:randomly --benchmark-only"""

from __future__ import annotations

from datetime import date, timedelta

from app.core.invoicing.snapshot import DocLine, InvoiceDocument
from app.documents.invoice_pdf import render_invoice


def forty_lines() -> InvoiceDocument:
    day = date(2026, 10, 1)
    lines = tuple(
        DocLine(
            "mileage",
            day + timedelta(days=i // 2),
            "",
            "",
            None,
            45,
            125,
            "Mileage: 12.5 miles",
            563,
        )
        if i % 5 == 4
        else DocLine(
            "visit",
            day + timedelta(days=i // 2),
            "09:00",
            "10:30",
            90,
            2000,
            None,
            "Standard",
            3000,
        )
        for i in range(40)
    )
    return InvoiceDocument(
        kind="invoice",
        number="INV-0040",
        issue_date=date(2026, 11, 2),
        due_date=date(2026, 11, 16),
        period_start=day,
        period_end=date(2026, 10, 31),
        business_name="Helping Hands Home Care",
        carer_name="Sam Carter",
        business_address="12 Orchard Lane\nWellington",
        business_phone="07700 900123",
        business_email="sam@example.org",
        bank_account_name="S Carter",
        sort_code="12-34-56",
        account_number="12345678",
        payer_name="Linda Penrose",
        payer_address="PO Box 1",
        person_name="Arthur Penrose",
        payer_is_client=False,
        lines=lines,
        total_pence=sum(ln.amount_pence for ln in lines),
        payment_terms_days=14,
    )


def test_render_forty_line_invoice(benchmark) -> None:  # type: ignore[no-untyped-def]
    doc = forty_lines()
    render_invoice(doc)  # warm
    pdf = benchmark(render_invoice, doc)
    assert pdf.startswith(b"%PDF")
