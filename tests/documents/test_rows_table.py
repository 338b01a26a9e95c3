"""The lines table reads back letter for letter, however many different letters it holds (the
embedded font then needs several subsets of 256 codes each) and however often a cell repeats."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.units import mm

from app.documents.common import INK, MUTED, RULE, SHADE, build_pdf, document_fonts
from app.documents.rows_table import RowsTable, RowStyle


def _letters() -> list[str]:
    """Greek, Cyrillic and Latin Extended words: about 330 different letters in all."""
    ranges = [(0x391, 0x3A9), (0x3B1, 0x3C9), (0x410, 0x44F), (0x100, 0x17F), (0xC0, 0xFF)]
    chars = [chr(c) for a, b in ranges for c in range(a, b + 1) if chr(c).isalpha()]
    return ["".join(chars[i : i + 9]) for i in range(0, len(chars), 9)]


def test_every_cell_reads_back_across_font_subsets_and_pages() -> None:
    fonts = document_fonts()
    words = _letters()
    rows = [[f"{n:03d}", word, "£30.00", word[::-1]] for n, word in enumerate(words * 3)]
    table = RowsTable(
        ["No", "Word", "Amount", "Backwards"],
        rows,
        [15 * mm, 50 * mm, 25 * mm, 50 * mm],
        right=frozenset({2}),
        head=RowStyle(fonts.bold, 8.5, MUTED, 0.8, RULE),
        body=RowStyle(fonts.regular, 9, INK, 0.25, SHADE),
    )
    pdf = build_pdf([table], title="t", author="a", footer="f")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 2 and len({c for w in words for c in w}) > 256
    text = "\n".join(pages)
    for n, word in enumerate(words * 3):
        assert f"{n:03d} {word} £30.00 {word[::-1]}" in text, n
    assert all(page.startswith("No Word Amount Backwards") for page in pages)  # repeated
