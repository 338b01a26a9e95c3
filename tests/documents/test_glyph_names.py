"""Every glyph of the embedded fonts is named after the letter the PDF says it draws, so that
Ghostscript (CUPS's way to PostScript) keeps Siobhán, Zoë, Łucja and Ελένη in a printed file's
text."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from app.documents.common import base_styles, build_pdf, document_fonts
from app.documents.plain_text import plain

NAMES = "Siobhán Ó Briain, Zoë, Łucja and Ελένη"


def _pdf() -> bytes:
    st = base_styles(document_fonts())
    return build_pdf(
        [plain(NAMES, st["body"]), plain(NAMES, st["bold"])], title="t", author="a", footer="f"
    )


def _table(font: bytes, tag: bytes) -> bytes:
    count = struct.unpack(">H", font[4:6])[0]
    for i in range(count):
        name, _sum, offset, length = struct.unpack(">4sLLL", font[12 + 16 * i : 28 + 16 * i])
        if name == tag:
            return font[offset : offset + length]
    raise AssertionError(f"no {tag!r} table")


def _glyph_names(font: bytes) -> list[str]:
    post = _table(font, b"post")
    assert post[:4] == b"\x00\x02\x00\x00"  # format 2.0: names
    count = struct.unpack(">H", post[32:34])[0]
    indexes = struct.unpack(f">{count}H", post[34 : 34 + 2 * count])
    strings, at = [], 34 + 2 * count
    while at < len(post):
        strings.append(post[at + 1 : at + 1 + post[at]].decode("ascii"))
        at += 1 + post[at]
    return [".notdef" if i == 0 else strings[i - 258] for i in indexes]


def _glyph_of_code(font: bytes) -> tuple[int, ...]:
    cmap = _table(font, b"cmap")
    offset = struct.unpack(">L", cmap[8:12])[0]
    entries = struct.unpack(">H", cmap[offset + 8 : offset + 10])[0]
    return struct.unpack(f">{entries}H", cmap[offset + 10 : offset + 10 + 2 * entries])


def _embedded_fonts(pdf: bytes) -> list[Any]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return [f.get_object() for f in page["/Resources"]["/Font"].values()]


def test_each_glyph_is_named_after_the_letter_the_pdf_maps_its_code_to() -> None:
    checked: set[str] = set()
    for font in _embedded_fonts(_pdf()):
        data = font["/FontDescriptor"]["/FontFile2"].get_data()
        to_unicode = font["/ToUnicode"].get_data().decode("latin-1")
        letters = {
            int(c, 16): chr(int(u, 16)) for c, u in re.findall(r"<(\w\w)> <(\w{4})>", to_unicode)
        }
        names, glyphs = _glyph_names(data), _glyph_of_code(data)
        for code, letter in letters.items():
            if glyphs[code]:
                assert names[glyphs[code]] == f"uni{ord(letter):04X}", (code, letter)
                checked.add(letter)
    assert set("áÓëŁλένη") <= checked


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed")
def test_the_letters_survive_ghostscript(tmp_path: Path) -> None:
    source, printed = tmp_path / "in.pdf", tmp_path / "out.pdf"
    source.write_bytes(_pdf())
    subprocess.run(
        [
            "gs",
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=pdfwrite",
            f"-sOutputFile={printed}",
            str(source),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    text = PdfReader(printed).pages[0].extract_text()
    for name in ("Siobhán", "Ó", "Zoë", "Łucja", "Ελένη"):
        assert name in text, name
