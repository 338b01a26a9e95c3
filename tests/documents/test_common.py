"""The shared PDF pieces: font choice, escaping of user text, the "Page N of M" footer."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from app.documents import common
from app.documents.common import (
    BUILTIN,
    base_styles,
    business_block,
    document_fonts,
    esc,
    fonts_for,
    markup_lines,
    numbered_canvas,
    para,
)

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def build(flowables: list[object], footer: str = "Footer", font: str = "Helvetica") -> bytes:
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(
        flowables, canvasmaker=numbered_canvas(footer, font=font)
    )
    return buf.getvalue()


@pytest.fixture
def fresh_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Font choice starts again from the candidates the test sets; restored afterwards."""

    def clear() -> None:
        common._register.cache_clear()
        common.document_fonts.cache_clear()

    clear()
    yield monkeypatch
    monkeypatch.undo()
    clear()


def candidate(path: Path, name: str) -> tuple[str, str, str, str, str]:
    return (name, str(path), str(path), str(path), str(path))


# ---------------------------------------------------------------- fonts


def test_a_polish_name_gets_a_family_that_has_its_letters() -> None:
    name = "Łucja Wójcik"
    fonts = fonts_for(name)
    assert fonts != BUILTIN  # Ł is not in Helvetica's character set
    assert fonts.covers(name)
    face = pdfmetrics.getFont(fonts.regular).face
    assert ord("Ł") in face.charToGlyph
    assert fonts.bold in pdfmetrics.getRegisteredFontNames()


def test_the_documents_family_is_the_shipped_dejavu_sans() -> None:
    fonts = document_fonts()
    assert fonts.regular == "DaybookDejaVu"
    face = pdfmetrics.getFont(fonts.regular).face
    assert Path(face.filename).parent == common.SHIPPED_FONTS  # not the system's copy
    assert fonts.mono_bold == "DaybookDejaVuMono-Bold"
    for text in ("Siobhán O’Brien", "Zoë", "£12.50 – café", "Łucja", "Ελένη", "Ștefan"):
        assert fonts_for(text) == fonts, text
    assert (common.SHIPPED_FONTS / "LICENCE.txt").is_file()


def test_the_documents_family_is_chosen_once() -> None:
    assert document_fonts() is document_fonts()
    assert fonts_for("Ελένη") is fonts_for("Ελένη")


def test_without_system_fonts_the_bundled_vera_is_used(
    fresh_fonts: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = candidate(tmp_path / "nothing.ttf", "DaybookMissing")
    broken_file = tmp_path / "broken.ttf"
    broken_file.write_bytes(b"not a font")
    broken = candidate(broken_file, "DaybookBroken")
    vera = candidate(Path(common.bundled_font()), "DaybookVera")
    fresh_fonts.setattr(common, "_CANDIDATES", (missing, broken, vera))
    assert document_fonts().regular == "DaybookVera"
    assert fonts_for("Łucja").regular == "DaybookVera"  # Vera has Ł


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")
def test_a_greek_name_moves_to_a_wider_family(fresh_fonts: pytest.MonkeyPatch) -> None:
    vera = candidate(Path(common.bundled_font()), "DaybookVera")
    dejavu = candidate(DEJAVU, "DaybookDejaVu")
    fresh_fonts.setattr(common, "_CANDIDATES", (vera, dejavu))
    assert document_fonts().regular == "DaybookVera"  # the first found is the default
    fonts = fonts_for("Care for Ελένη Παππά")
    assert fonts.regular == "DaybookDejaVu"
    data = build(
        [Paragraph(esc("Care for Ελένη Παππά"), base_styles(fonts)["body"])], font=fonts.regular
    )
    assert "Ελένη Παππά" in pdf_pages(data)[0]


def test_a_printed_polish_name_reads_back() -> None:
    fonts = fonts_for("Łucja Wójcik")
    data = build(
        [Paragraph(f"<b>{esc('Łucja Wójcik')}</b>", base_styles(fonts)["body"])],
        footer="Łucja Wójcik",
        font=fonts.regular,
    )
    text = pdf_pages(data)[0]
    assert text.count("Łucja Wójcik") == 2  # the body and the footer


# ---------------------------------------------------------------- user text


def test_markup_characters_in_user_text_are_escaped() -> None:
    assert esc("Tom & Jerry <b>x</b>") == "Tom &amp; Jerry &lt;b&gt;x&lt;/b&gt;"
    assert esc(None) == ""
    assert esc("a\x00b\x1bc\td") == "abc\td"  # control characters would break the PDF text


def test_escaped_text_prints_exactly_as_typed() -> None:
    st = base_styles(document_fonts())
    nasty = 'Mrs <O\'Neil> & "son" <br/> </para> &amp;'
    data = build([Paragraph(esc(nasty), st["body"]), para("line one\n\nline <three>", st["body"])])
    text = pdf_pages(data)[0]
    assert nasty in text
    assert "line <three>" in text


def test_lines_of_user_text() -> None:
    assert markup_lines("1 High St\n\n  \nBath <BA1>") == "1 High St<br/>Bath &lt;BA1&gt;"
    assert markup_lines("a\n\nb", keep_blank=True) == "a<br/><br/>b"
    assert markup_lines("") == ""


def test_the_business_block_names_the_carer_only_when_different() -> None:
    st = base_styles(document_fonts())
    same = business_block(
        "Sam Carter",
        carer_name="Sam Carter",
        address="1 Lane\nBath",
        phone="07700 900123",
        email="",
        name_style=st["bold"],
        contact_style=st["small"],
    )
    assert [p.text for p in same] == ["Sam Carter", "1 Lane<br/>Bath<br/>07700 900123"]
    other = business_block(
        "Helping <Hands>", carer_name="Sam Carter", name_style=st["bold"], contact_style=st["small"]
    )
    assert [p.text for p in other] == ["Helping &lt;Hands&gt;", "Sam Carter"]
    assert len(business_block("Just a name", name_style=st["bold"], contact_style=st["small"])) == 1


# ---------------------------------------------------------------- the footer


def test_every_page_says_page_n_of_m() -> None:
    st = base_styles(document_fonts())
    story: list[object] = []
    for n in range(3):
        story += [Paragraph(f"Body of part {n + 1}", st["body"]), PageBreak()]
    story.pop()
    data = build(story, footer="Record #7")
    pages = pdf_pages(data)
    assert len(pages) == 3
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of 3" in text
        assert "Record #7" in text
        assert f"Body of part {n}" in text


def test_after_page_hook_sees_the_page_count() -> None:
    seen: list[tuple[int, int]] = []
    canvas_class = numbered_canvas("x", after_page=lambda _c, n, total: seen.append((n, total)))
    buf = io.BytesIO()
    st = base_styles(document_fonts())
    SimpleDocTemplate(buf, pagesize=A4).build(
        [Paragraph("one", st["body"]), PageBreak(), Paragraph("two", st["body"])],
        canvasmaker=canvas_class,
    )
    assert seen == [(1, 2), (2, 2)]
