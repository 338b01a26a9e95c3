"""Plain text drawn straight lands exactly where the Paragraph it stands for puts it: the same
words at the same places on the page, read back from real PDFs with pypdf."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from pypdf import PdfReader
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.documents.common import base_styles, build_pdf, document_fonts, markup_lines
from app.documents.markup import esc
from app.documents.plain_text import PlainLines, plain, plain_lines

Placed = list[tuple[str, float, float]]


def placed_words(pdf: bytes) -> Placed:
    """Every piece of text on the first page with the point where it starts."""
    found: Placed = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: float) -> None:
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            found.append((text.strip(), round(x, 2), round(y, 2)))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def laid_out(make: Callable[[], Flowable], width: float) -> tuple[bytes, list[Flowable]]:
    """The flowable alone in the frame, then in a table cell `width` wide, then beside text."""
    made = [make(), make(), make()]
    story = [
        made[0],
        Spacer(1, 10 * mm),
        Table([[made[1]]], colWidths=[width]),
        Table([["Label", made[2]]], colWidths=[30 * mm, width], hAlign="RIGHT"),
    ]
    return build_pdf(story, title="t", author="a", footer="f"), made


STYLES = base_styles(document_fonts())
RIGHT = ParagraphStyle("r", parent=STYLES["body"], alignment=TA_RIGHT)
CENTRED = ParagraphStyle(
    "c", parent=STYLES["h1"], alignment=TA_CENTER, leftIndent=12, firstLineIndent=5
)
INDENTED = ParagraphStyle("i", parent=STYLES["small"], leftIndent=7, rightIndent=4)


@pytest.mark.parametrize(
    ("text", "style", "straight"),
    [
        ("Invoice number", STYLES["label"], True),
        ("01/10/2026 to 31/10/2026", RIGHT, True),
        ("CREDIT NOTE", CENTRED, True),
        ("<Hands> & Siobhán's Zoë · £30", INDENTED, True),
        (
            ("A name far too long for one line, " * 4).strip(),
            RIGHT,
            False,
        ),  # it wraps, even in the frame
        ("Two  spaces and a tab\there", STYLES["body"], False),  # the Paragraph's own rules
        ("", STYLES["body"], False),
    ],
)
def test_one_line_lands_where_its_paragraph_would(
    text: str, style: ParagraphStyle, straight: bool
) -> None:
    width = 60 * mm
    drawn, made = laid_out(lambda: plain(text, style), width)
    reference, _ = laid_out(lambda: Paragraph(esc(text), style), width)
    assert placed_words(drawn) == placed_words(reference)
    assert [isinstance(f, PlainLines) and f.drawn_straight for f in made] == [straight] * 3
    if straight:
        assert text.split()[0] in "".join(w for w, _x, _y in placed_words(drawn))


@pytest.mark.parametrize(
    "text",
    [
        "12 Orchard Lane\nWellington\n\n  \nTA21 8QQ",
        "Flat 3\nA road whose name is long enough to need a second line here\nBath",
    ],
)
def test_lines_land_where_their_paragraph_would(text: str) -> None:
    width = 55 * mm
    for style in (STYLES["small"], RIGHT, INDENTED):
        drawn, made = laid_out(lambda st=style: plain_lines(text, st), width)
        reference, _ = laid_out(lambda st=style: Paragraph(markup_lines(text), st), width)
        assert placed_words(drawn) == placed_words(reference), style.name
        assert "Wellington" not in text or all(
            isinstance(f, PlainLines) and f.drawn_straight for f in made
        )


def test_a_table_column_without_a_width_is_sized_as_for_the_paragraph() -> None:
    def story(cell: Flowable) -> list[object]:
        return [Table([[cell, "right"]], colWidths=[None, 40 * mm])]

    name = "Helping Hands Home Care"
    one = build_pdf(story(plain(name, STYLES["h1"])), title="t", author="a", footer="f")
    two = build_pdf(story(Paragraph(esc(name), STYLES["h1"])), title="t", author="a", footer="f")
    assert placed_words(one) == placed_words(two)
