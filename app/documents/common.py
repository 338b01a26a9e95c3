"""What every PDF renderer shares: fonts, colours, base paragraph styles, the "Page N of M"
footer, the business header block, safe markup of user text, and money/date formatting.

Fonts: `document_fonts()` is the family every document uses (DejaVu Sans where installed,
else Arial, else ReportLab's bundled Vera: always a TrueType face, so accents such as Siobhán
print). `fonts_for(*texts)` is the family that covers those texts: a name such as Łucja or
Ελένη moves to a wider family when the default one lacks a letter; with `builtin=True` text
that fits the built-in Helvetica's character set keeps Helvetica (no font embedding: the
fast path for invoices). Every family is registered once per process.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from app.core.formatting import format_date, format_datetime, format_money

__all__ = [
    "ACCENT",
    "BUILTIN",
    "DANGER",
    "DRAFT_INK",
    "FAINT",
    "Fonts",
    "HAIRLINE",
    "HEADER_FILL",
    "INK",
    "LINE",
    "MUTED",
    "RULE",
    "SHADE",
    "TEAL",
    "base_styles",
    "bundled_font",
    "business_block",
    "document_fonts",
    "draft_mark",
    "esc",
    "fonts_for",
    "format_date",
    "format_datetime",
    "format_money",
    "markup_lines",
    "numbered_canvas",
    "para",
]

log = logging.getLogger(__name__)

# Page streams are Flate-compressed; ReportLab would also wrap them in ASCII85 text, which only
# makes every PDF a quarter larger and slower to write (a relic of 7-bit mail).
rl_config.useA85 = 0

# ---------------------------------------------------------------- colours

INK = colors.HexColor("#1f2933")  # body text
MUTED = colors.HexColor("#52606d")  # labels, small print, footers
RULE = colors.HexColor("#9aa5b1")  # rules under headers and above footers
LINE = colors.HexColor("#cbd2d9")  # light lines between rows and around cells
HAIRLINE = colors.HexColor("#d9e2ec")  # the faintest row lines
HEADER_FILL = colors.HexColor("#e4e7eb")  # table header rows
SHADE = colors.HexColor("#eef2f6")  # boxes and label columns
ACCENT = colors.HexColor("#24527a")  # invoices: the business name
TEAL = colors.HexColor("#2f5d62")  # agreements and the tax summary: headings
DANGER = colors.HexColor("#b42318")  # expired
DRAFT_INK = colors.Color(0.8, 0.1, 0.1, alpha=0.12)  # the DRAFT mark across a page
FAINT = RULE  # watermarks

# ---------------------------------------------------------------- fonts


@dataclass(frozen=True)
class Fonts:
    """A font family by its registered names."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    mono: str = "Courier"

    @property
    def family(self) -> str:
        return self.regular

    def covers(self, text: str) -> bool:
        """True when every character of `text` has a glyph in this family."""
        if self.regular == BUILTIN.regular:
            try:
                text.encode("cp1252")  # the built-in fonts' WinAnsi set
            except UnicodeEncodeError:
                return False
            return True
        glyphs = _glyphs(self.regular)
        return all(ord(ch) in glyphs or ch in "\n\r\t" for ch in set(text))


BUILTIN = Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique")


def bundled_font(name: str = "Vera.ttf") -> str:
    """The path of a font ReportLab ships (Bitstream Vera: Vera, VeraBd, VeraIt, VeraBI)."""
    import reportlab

    return str(Path(reportlab.__file__).parent / "fonts" / name)


_vera = bundled_font


_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
_MAC = "/System/Library/Fonts/Supplemental/"
# (name, regular, bold, italic, bold italic): the first found is the documents' family
_CANDIDATES: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "DaybookDejaVu",
        _DEJAVU + "DejaVuSans.ttf",
        _DEJAVU + "DejaVuSans-Bold.ttf",
        _DEJAVU + "DejaVuSans-Oblique.ttf",
        _DEJAVU + "DejaVuSans-BoldOblique.ttf",
    ),
    (
        "DaybookArial",
        "C:/Windows/Fonts/arial.ttf",
        "C:/Windows/Fonts/arialbd.ttf",
        "C:/Windows/Fonts/ariali.ttf",
        "C:/Windows/Fonts/arialbi.ttf",
    ),
    (
        "DaybookArial",
        _MAC + "Arial.ttf",
        _MAC + "Arial Bold.ttf",
        _MAC + "Arial Italic.ttf",
        _MAC + "Arial Bold Italic.ttf",
    ),
    (
        "DaybookVera",
        _vera("Vera.ttf"),
        _vera("VeraBd.ttf"),
        _vera("VeraIt.ttf"),
        _vera("VeraBI.ttf"),
    ),
)


@cache
def _register(index: int) -> Fonts | None:
    """Registers candidate `index` (once); None when its files are missing or damaged."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name, regular, bold, italic, bold_italic = _CANDIDATES[index]
    if not (Path(regular).is_file() and Path(bold).is_file()):
        return None
    italic = italic if Path(italic).is_file() else regular
    bold_italic = bold_italic if Path(bold_italic).is_file() else bold
    names = (name, f"{name}-Bold", f"{name}-Italic", f"{name}-BoldItalic")
    try:
        for font_name, path in zip(names, (regular, bold, italic, bold_italic), strict=True):
            pdfmetrics.registerFont(TTFont(font_name, path))
    except Exception:  # noqa: BLE001 - a damaged system font: try the next one
        log.info("a font could not be used: %s", Path(regular).name)
        return None
    pdfmetrics.registerFontFamily(
        name, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
    )
    return Fonts(*names)


@cache
def _glyphs(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


_REGISTERING = threading.Lock()  # documents may be rendered on worker threads


def _families() -> Iterable[Fonts]:
    for i in range(len(_CANDIDATES)):
        with _REGISTERING:
            fonts = _register(i)
        if fonts is not None:
            yield fonts


@lru_cache(maxsize=1)
def document_fonts() -> Fonts:
    """The family every document uses (the first installed of DejaVu Sans, Arial, Vera)."""
    return next(iter(_families()), BUILTIN)


def fonts_for(*texts: str | None, builtin: bool = False) -> Fonts:
    """A family whose glyphs cover every text (names like Łucja or Ελένη).

    `builtin=True`: Helvetica while the text fits its character set (nothing to embed, so
    faster and smaller); otherwise the documents' family, or the first installed family that
    covers the text. When none covers it all, the documents' family."""
    text = "".join(t for t in texts if t)
    if builtin and BUILTIN.covers(text):
        return BUILTIN
    default = document_fonts()
    if default.covers(text):
        return default
    return next((f for f in _families() if f.covers(text)), default)


# ---------------------------------------------------------------- user text as markup

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(text: str | None) -> str:
    """User text made safe for Paragraph markup: & < > escaped, control characters dropped."""
    return escape(_CONTROL.sub("", text or ""))


def markup_lines(text: str | None, *, keep_blank: bool = False) -> str:
    """Several lines of user text as markup, escaped, joined with <br/>."""
    lines = (text or "").splitlines()
    return "<br/>".join(esc(line) for line in lines if keep_blank or line.strip())


def para(text: str | None, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain user text (escaped; line breaks kept)."""
    return Paragraph(markup_lines(text, keep_blank=True), style)


# ---------------------------------------------------------------- paragraph styles


@lru_cache(maxsize=32)
def base_styles(
    fonts: Fonts,
    size: float = 10.5,
    leading: float = 14.5,
    *,
    space_after: float = 0,
    cell_size: float = 9.5,
    cell_leading: float = 12.5,
) -> dict[str, ParagraphStyle]:
    """The styles every document starts from, for its body size. Treat them as read-only:
    derive a document's own with ParagraphStyle(name, parent=styles[...], ...)."""
    body = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=size,
        leading=leading,
        textColor=INK,
        spaceAfter=space_after,
    )
    cell = ParagraphStyle(
        "cell", parent=body, fontSize=cell_size, leading=cell_leading, spaceAfter=0
    )
    return {
        "body": body,
        "bold": ParagraphStyle("bold", parent=body, fontName=fonts.bold),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "small": ParagraphStyle(
            "small", parent=body, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=0
        ),
        "label": ParagraphStyle(
            "label",
            parent=body,
            fontName=fonts.bold,
            fontSize=8.5,
            leading=11,
            textColor=MUTED,
            spaceAfter=0,
        ),
        "cell": cell,
        "cell_bold": ParagraphStyle("cell_bold", parent=cell, fontName=fonts.bold),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=fonts.bold,
            fontSize=12,
            leading=16,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=body,
            fontName=fonts.bold,
            fontSize=size,
            leading=leading - 0.5,
            spaceBefore=8,
            spaceAfter=2,
            keepWithNext=1,
        ),
    }


# ---------------------------------------------------------------- header and footer


def business_block(
    name: str,
    *,
    carer_name: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    name_style: ParagraphStyle,
    contact_style: ParagraphStyle,
) -> list[Paragraph]:
    """The business's name and how to reach it, for the top left of a page. The carer's own
    name is shown under the business name when it differs."""
    contact = [
        esc(carer_name) if carer_name and carer_name != name else "",
        markup_lines(address),
        esc(phone),
        esc(email),
    ]
    block = [Paragraph(esc(name), name_style)]
    joined = "<br/>".join(c for c in contact if c)
    if joined:
        block.append(Paragraph(joined, contact_style))
    return block


def draft_mark(
    canvas: Canvas, text: str = "DRAFT", *, size: float = 80, font: str = "Helvetica-Bold"
) -> None:
    """A faint word across the middle of the page."""
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFont(font, size)
    canvas.setFillColor(DRAFT_INK)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(40)
    canvas.drawCentredString(0, 0, text)
    canvas.restoreState()


PageHook = Callable[[Canvas, int, int], None]


def numbered_canvas(
    footer_left: str,
    *,
    font: str = "Helvetica",
    size: float = 8,
    color: Any = MUTED,
    inset: float = 18 * mm,
    rule: bool = True,
    after_page: PageHook | None = None,
) -> type[Canvas]:
    """A canvas class (for `build(..., canvasmaker=...)`) whose footer says `footer_left`
    and "Page N of M" (under a thin rule unless `rule=False`). Pages are kept until the end so M is known.
    `after_page(canvas, page_number, page_count)` draws anything more over each page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width = self._pagesize[0]
            self.saveState()
            if rule:
                self.setStrokeColor(RULE)
                self.setLineWidth(0.5)
                self.line(inset, 14 * mm, width - inset, 14 * mm)
            self.setFont(font, size)
            self.setFillColor(color)
            self.drawString(inset, 10 * mm, footer_left)
            self.drawRightString(width - inset, 10 * mm, f"Page {self._pageNumber} of {total}")
            self.restoreState()
            if after_page is not None:
                after_page(self, self._pageNumber, total)

    return NumberedCanvas
