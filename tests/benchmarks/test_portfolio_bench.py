"""A 40-document portfolio (20 PDFs, 20 phone photos of 12 megapixels) exported from the
encrypted database: budget under 3 s, memory flat (one photo decoded at a time). Run on demand:
.venv/bin/pytest tests/benchmarks/test_portfolio_bench.py -p no:randomly --benchmark-only"""

from __future__ import annotations

import resource
from datetime import date, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from app.core.portfolio.export import build_export_plan
from app.core.portfolio.models import DocType
from app.core.portfolio.services import (
    DocumentDraft,
    add_document,
    all_document_ids,
    attach_file,
    file_content,
)
from app.documents.portfolio_pdf import render_portfolio
from tests.conftest import TODAY


def phone_photo(seed: int) -> bytes:
    """A 4000 x 3000 JPEG with some texture, about the size a phone writes."""
    from PIL import Image, ImageDraw, ImageFilter

    small = Image.effect_noise((500, 375), 40 + seed % 20).convert("RGB")
    im = small.resize((4000, 3000), Image.Resampling.BILINEAR).filter(ImageFilter.SMOOTH)
    d = ImageDraw.Draw(im)
    d.rectangle([300, 250, 3700, 2750], fill=(250, 248, 240), outline=(140, 110, 60), width=30)
    for i in range(12):
        d.rectangle(
            [600, 500 + i * 170, 3400 - (i * 97 + seed * 31) % 900, 560 + i * 170],
            fill=(40, 40, 60),
        )
    out = BytesIO()
    im.save(out, "JPEG", quality=88)
    return out.getvalue()


def scanned_pdf(pages: int, seed: int) -> bytes:
    """A PDF like a scanner makes: each page an A4 picture plus a line of text."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    page_img = Image.effect_noise((620, 877), 30).convert("RGB")
    img = BytesIO()
    page_img.save(img, "JPEG", quality=70)
    buf = BytesIO()
    c = Canvas(buf, pagesize=A4)
    for p in range(pages):
        c.drawImage(ImageReader(BytesIO(img.getvalue())), 0, 0, *A4)
        c.setFont("Helvetica", 12)
        c.drawString(72, 72, f"Scanned document {seed} page {p + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture
def forty_documents(store):  # type: ignore[no-untyped-def]
    photos = [phone_photo(i) for i in range(4)]  # reuse a few photos' bytes: same work each
    with store.unit_of_work() as s:
        for i in range(40):
            kind = DocType.TRAINING if i % 3 else DocType.REFERENCE
            d = add_document(
                s,
                DocumentDraft(
                    kind,
                    f"Document {i:02d}",
                    "Somerset Care Training",
                    issue_date=TODAY - timedelta(days=100 + i),
                    expiry_date=date(2027, 1, 1) + timedelta(days=i),
                ),
                today=TODAY,
            )
            if i % 2:
                attach_file(s, d.id, f"photo{i}.jpg", photos[i % 4])
            else:
                attach_file(s, d.id, f"scan{i}.pdf", scanned_pdf(1 + i % 3, i))
    return store


def test_export_forty_document_portfolio(benchmark, forty_documents) -> None:  # type: ignore[no-untyped-def]
    store = forty_documents

    def export() -> bytes:
        with store.reading() as s:
            plan = build_export_plan(s, all_document_ids(s), today=TODAY)
            return render_portfolio(plan, lambda fid: file_content(s, fid)).pdf

    export()  # warm (fonts, imports)
    pdf = benchmark.pedantic(export, rounds=3, iterations=1)
    assert benchmark.stats.stats.max < 3.0
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) >= 3 + 40
    # flat memory: 20 photos decoded at once would take 20 x 36 MB; we stay far below
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < 600, f"peak memory {peak_mb:.0f} MB"
