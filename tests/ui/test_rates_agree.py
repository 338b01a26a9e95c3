"""The invoice on screen and the invoice PDF write a line's rate the same way, including a
mileage rate of £1 or more (they used to disagree: '100p/mile' against '£1.00/mile')."""

from __future__ import annotations

import dataclasses
import io
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from app.core.invoicing.models import LineKind
from app.core.invoicing.snapshot import DocLine
from app.documents.invoice_pdf import render_invoice
from app.ui.invoices.detail import rate_text as _rate
from tests.benchmarks.test_invoice_pdf_bench import forty_lines


@pytest.mark.parametrize(
    ("kind", "doc_kind", "pence", "expected"),
    [
        (LineKind.MILEAGE, "mileage", 45, "45p/mile"),
        (LineKind.MILEAGE, "mileage", 100, "£1.00/mile"),
        (LineKind.MILEAGE, "mileage", 135, "£1.35/mile"),
        (LineKind.VISIT, "visit", 2450, "£24.50/h"),
    ],
)
def test_screen_and_pdf_write_the_rate_alike(kind, doc_kind, pence, expected) -> None:  # type: ignore[no-untyped-def]
    on_screen = _rate(SimpleNamespace(kind=kind, rate_pence=pence))
    line = DocLine(doc_kind, None, "", "", 60 if doc_kind == "visit" else None, pence, 100, "x", 0)
    doc = dataclasses.replace(forty_lines(), lines=[line])
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_invoice(doc))).pages)
    assert on_screen == expected
    assert expected in text
