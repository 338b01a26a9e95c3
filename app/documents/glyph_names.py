"""Glyph names in the embedded font subsets, so that the letters of a printed PDF survive
CUPS's conversion to PostScript.

ReportLab writes each TrueType subset with a 'post' table of format 3 (no glyph names) and a
symbolic code-to-glyph 'cmap'; the PDF's own ToUnicode map says which letter each code is, and
viewers read that. Ghostscript, which CUPS uses to turn a PDF into PostScript for a printer
(and back into PDF for a print-to-file), rebuilds the text from glyph names instead: without
them "Siobhán" comes out as "Siobh n" and "Zoë" as "Zo" in the printed file's text (the
paper is right). Here each glyph is named after the letter it draws (uniXXXX, as the Adobe
Glyph List allows), in a 'post' table of format 2.0. The subset is otherwise unchanged.
"""

from __future__ import annotations

import struct

from reportlab.pdfbase.ttfonts import TTFontMaker


def _tables(font: bytes) -> dict[str, bytes]:
    count = struct.unpack(">H", font[4:6])[0]
    tables = {}
    for i in range(count):
        tag, _sum, offset, length = struct.unpack(">4sLLL", font[12 + 16 * i : 28 + 16 * i])
        tables[tag.decode("latin-1")] = font[offset : offset + length]
    return tables


def _glyph_of_code(cmap: bytes) -> tuple[int, ...] | None:
    """The glyph of each code from ReportLab's one (1, 0) format 6 subtable; None otherwise."""
    count = struct.unpack(">H", cmap[2:4])[0]
    if count != 1:
        return None
    offset = struct.unpack(">L", cmap[8:12])[0]
    fmt, _length, _language, first, entries = struct.unpack(">5H", cmap[offset : offset + 10])
    if fmt != 6 or first != 0:
        return None
    start = offset + 10
    return struct.unpack(f">{entries}H", cmap[start : start + 2 * entries])


def _name(code_point: int) -> str:
    return f"uni{code_point:04X}" if code_point <= 0xFFFF else f"u{code_point:X}"


def with_glyph_names(font: bytes, subset: list[int]) -> bytes:
    """`font`, a subset ReportLab made of the letters `subset` (one per code), with a glyph
    name for each glyph; the font unchanged when it is not laid out as expected."""
    try:
        tables = _tables(font)
        glyphs = _glyph_of_code(tables["cmap"])
        count = struct.unpack(">H", tables["maxp"][4:6])[0]
        header = tables["post"][4:32]  # italic angle, underline, fixed pitch, memory hints
    except (KeyError, struct.error):
        return font
    if glyphs is None or len(glyphs) != len(subset) or len(header) != 28:
        return font
    names: list[str | None] = [None] * count
    for code_point, glyph in zip(subset, glyphs, strict=True):
        if 0 < glyph < count and code_point and names[glyph] is None:
            names[glyph] = _name(code_point)
    # Glyph 0 keeps the standard name .notdef (index 0); every other glyph has its own name
    # (index 258 onwards), "glyphN" for a piece only used inside another glyph
    indexes = [0, *range(258, 258 + count - 1)]
    strings = b"".join(
        bytes([len(n)]) + n
        for n in ((names[g] or f"glyph{g}").encode("ascii") for g in range(1, count))
    )
    post = b"\x00\x02\x00\x00" + header + struct.pack(f">{count + 1}H", count, *indexes)
    maker = TTFontMaker()
    for tag, data in tables.items():
        maker.add(tag, post + strings if tag == "post" else data)
    return maker.makeStream()
