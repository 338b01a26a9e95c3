"""A TrueType font whose embedded subsets are built and compressed once per process.

ReportLab cuts a new subset of the font file for every document (about 35 KB for DejaVu Sans:
printable ASCII plus the few other letters used, such as £, – or ë) and deflates it when the PDF
is written: about 3.5 ms of a 40-line invoice's 25 (issue 16). The subset is a pure function of
the face and the list of characters it holds, and that list is the same for most documents (the
ASCII block sits at fixed codes; only the order in which other letters first appear varies), so
the finished stream is kept and reused, and so is each subset's written list of glyph widths
(128 numbers or more). The PDF objects around them are still made per document. Each subset
also names its glyphs (app/documents/glyph_names.py), so printed text keeps its letters.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFont, TTFontFace

from app.documents.glyph_names import with_glyph_names

SUBSETS_KEPT = 16  # per process, about 20 KB each once compressed


class _SubsetCachingFace(TTFontFace):
    """A face that reuses its subsets' bytes; otherwise what ReportLab's addSubsetObjects does."""

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:  # noqa: N802
        raw_length, packed = _subset_bytes(self, tuple(subset))
        font_file = pdfdoc.PDFStream()
        font_file.dictionary["Length1"] = raw_length
        if doc.compression:
            font_file.content = packed
            # A stream whose dictionary already names its filter is written as it is
            font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        else:
            font_file.content = zlib.decompress(packed)
        font_file_ref = doc.Reference(font_file, f"fontFile:{self.filename}({fontname})")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": self.ascent,
                "CapHeight": self.capHeight,
                "Descent": self.descent,
                "Flags": (self.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(self.bbox),
                "FontName": pdfdoc.PDFName(fontname),
                "ItalicAngle": self.italicAngle,
                "StemV": self.stemV,
                "FontFile2": font_file_ref,
                "MissingWidth": self.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)


@lru_cache(maxsize=SUBSETS_KEPT)
def _subset_bytes(face: TTFontFace, subset: tuple[int, ...]) -> tuple[int, bytes]:
    """The subset's length and its bytes deflated (once, at the best level: it is reused)."""
    data = with_glyph_names(face.makeSubset(list(subset)), list(subset))
    return len(data), zlib.compress(data, 9)


class _WrittenArray(pdfdoc.PDFObject):
    """A PDF array of numbers, already written out."""

    def __init__(self, written: bytes) -> None:
        self.written = written

    def format(self, _document: Any) -> bytes:  # noqa: D102
        return self.written


@lru_cache(maxsize=SUBSETS_KEPT)
def _written_widths(widths: tuple[int, ...]) -> _WrittenArray:
    return _WrittenArray(pdfdoc.PDFArray(list(widths)).format(None))


class EmbeddedFont(TTFont):
    """A TTFont (embedded as subsets, as ReportLab does) whose subsets are reused."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.face.__class__ = _SubsetCachingFace  # same object and state, one method more

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (ReportLab's name)
        state = self.state.get(doc)
        super().addObjects(doc)
        if state is None or state.internalName is None:
            return
        fonts = doc.idToObject["BasicFonts"].dict
        for n in range(len(state.subsets)):
            font = fonts.get(f"{state.internalName}+{n}")
            widths = getattr(font, "Widths", None)
            if isinstance(widths, pdfdoc.PDFArray):
                font.Widths = _written_widths(tuple(widths.sequence))
