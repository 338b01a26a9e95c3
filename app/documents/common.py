"""What every PDF renderer shares: one typeface and one palette, base paragraph styles, the
"Page N of M" footer, the business header block, signature boxes, safe markup of user text,
money/date formatting, and `build_pdf` (page set-up, footer, bytes out).

Fonts: `document_fonts()` is the family every document uses: DejaVu Sans, shipped beside this
module (fonts/, with its licence) and embedded in every PDF, so Siobhán, Zoë, Łucja and Ελένη
print the same on any printer (a printer that substitutes the unembedded standard Helvetica
drops letters such as "á"). Without those files: the system's DejaVu, Arial, then ReportLab's
bundled Vera. `fonts_for(*texts)` moves to another installed family only when the default
lacks a letter of the texts. Every family is registered once per process.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.formatting import format_date, format_datetime, format_money
from app.documents.markup import CONTROL_CHARACTERS, esc

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
    "PAPER",
    "RULE",
    "SHADE",
    "PageSetup",
    "base_styles",
    "build_pdf",
    "bundled_font",
    "business_block",
    "document_fonts",
    "draft_mark",
    "fonts_for",
    "format_date",
    "format_datetime",
    "format_money",
    "markup_lines",
    "numbered_canvas",
    "para",
    "signature_boxes",
    "signature_lines",
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
ACCENT = colors.HexColor("#2f5d62")  # titles, headings and the business name, in every document
DANGER = colors.HexColor("#a4262c")  # expired, warnings: the window's one red (app/ui/style.py)
DRAFT_INK = colors.Color(0.8, 0.1, 0.1, alpha=0.12)  # the DRAFT mark across a page
FAINT = RULE  # watermarks
PAPER = colors.white  # behind text laid over someone else's page

# ---------------------------------------------------------------- fonts


@dataclass(frozen=True)
class Fonts:
    """A font family by its registered names (`mono`, `mono_bold`: codes and seals)."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    mono: str = "Courier"
    mono_bold: str = "Courier-Bold"

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


SHIPPED_FONTS = Path(__file__).parent / "fonts"
_SHIPPED = str(SHIPPED_FONTS) + "/"
_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
_MAC = "/System/Library/Fonts/Supplemental/"
# (name, regular, bold, italic, bold italic): the first found is the documents' family
_CANDIDATES: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "DaybookDejaVu",
        _SHIPPED + "DejaVuSans.ttf",
        _SHIPPED + "DejaVuSans-Bold.ttf",
        _SHIPPED + "DejaVuSans-Oblique.ttf",
        _SHIPPED + "DejaVuSans-BoldOblique.ttf",
    ),
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

    from app.documents.font_subsets import EmbeddedFont

    name, regular, bold, italic, bold_italic = _CANDIDATES[index]
    if not (Path(regular).is_file() and Path(bold).is_file()):
        return None
    italic = italic if Path(italic).is_file() else regular
    bold_italic = bold_italic if Path(bold_italic).is_file() else bold
    names = (name, f"{name}-Bold", f"{name}-Italic", f"{name}-BoldItalic")
    try:
        for font_name, path in zip(names, (regular, bold, italic, bold_italic), strict=True):
            pdfmetrics.registerFont(EmbeddedFont(font_name, path))
    except Exception:  # noqa: BLE001 - a damaged system font: try the next one
        log.info("a font could not be used: %s", Path(regular).name)
        return None
    pdfmetrics.registerFontFamily(
        name, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
    )
    return Fonts(*names, *_register_mono(name, Path(regular).parent))


def _register_mono(name: str, folder: Path) -> tuple[str, str]:
    """The family's monospaced faces (DejaVu Sans Mono beside DejaVu Sans), else Courier."""
    from reportlab.pdfbase import pdfmetrics

    from app.documents.font_subsets import EmbeddedFont

    regular, bold = folder / "DejaVuSansMono.ttf", folder / "DejaVuSansMono-Bold.ttf"
    if not (name == "DaybookDejaVu" and regular.is_file() and bold.is_file()):
        return "Courier", "Courier-Bold"
    try:
        pdfmetrics.registerFont(EmbeddedFont(f"{name}Mono", str(regular)))
        pdfmetrics.registerFont(EmbeddedFont(f"{name}Mono-Bold", str(bold)))
    except Exception:  # noqa: BLE001 - a damaged font file: the built-in Courier
        return "Courier", "Courier-Bold"
    return f"{name}Mono", f"{name}Mono-Bold"


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
    """The family every document uses (the shipped DejaVu Sans; else the first installed of
    DejaVu Sans, Arial, Vera). It also becomes ReportLab's own default face."""
    fonts = next(iter(_families()), BUILTIN)
    _make_default(fonts)
    return fonts


def _make_default(fonts: Fonts) -> None:
    """ReportLab falls back on Helvetica for a table cell without a FONT command and a fresh
    canvas: left alone, every PDF would list an unembedded Helvetica beside the real face."""
    from reportlab import rl_config
    from reportlab.platypus.tables import CellStyle

    rl_config.canvas_basefontname = fonts.regular
    CellStyle.fontname = fonts.regular


def fonts_for(*texts: str | None) -> Fonts:
    """A family whose glyphs cover every text (names like Łucja or Ελένη): the documents'
    family, or the first installed family that covers the text. When none covers it all, the
    documents' family."""
    text = "".join(t for t in texts if t)
    default = document_fonts()
    if default.covers(text):
        return default
    return next((f for f in _families() if f.covers(text)), default)


# ---------------------------------------------------------------- user text as markup


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
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=fonts.bold,
            fontSize=17,
            leading=21,
            spaceAfter=4,
            textColor=ACCENT,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=fonts.bold,
            fontSize=12,
            leading=16,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
            textColor=ACCENT,
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
) -> list[Flowable]:
    """The business's name and how to reach it, for the top left of a page. The carer's own
    name is shown under the business name when it differs."""
    from app.documents.plain_text import PlainLines, plain  # they build on this module

    carer = carer_name if carer_name and carer_name != name else ""
    contact = [esc(carer), markup_lines(address), esc(phone), esc(email)]
    block: list[Flowable] = [plain(name, name_style)]
    joined = "<br/>".join(c for c in contact if c)
    if joined:
        address_lines = [line for line in (address or "").splitlines() if line.strip()]
        lines = [CONTROL_CHARACTERS.sub("", t) for t in (carer, *address_lines, phone, email) if t]
        block.append(PlainLines(lines, contact_style, joined))
    return block


def draft_mark(
    canvas: Canvas, text: str = "DRAFT", *, size: float = 80, font: str | None = None
) -> None:
    """A faint word across the middle of the page (in the documents' bold face)."""
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFont(font or document_fonts().bold, size)
    canvas.setFillColor(DRAFT_INK)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(40)
    canvas.drawCentredString(0, 0, text)
    canvas.restoreState()


PageHook = Callable[[Canvas, int, int], None]


def numbered_canvas(
    footer_left: str,
    *,
    font: str | None = None,
    size: float = 8,
    color: Any = MUTED,
    inset: float = 18 * mm,
    rule: bool = True,
    after_page: PageHook | None = None,
) -> type[Canvas]:
    """A canvas class (for `build(..., canvasmaker=...)`) whose footer says `footer_left`
    and "Page N of M" (under a thin rule unless `rule=False`). Pages are kept until the end so M is known.
    `after_page(canvas, page_number, page_count)` draws anything more over each page.
    `font`: the documents' regular face unless given."""
    face = font or document_fonts().regular

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Every page starts in the documents' face, not ReportLab's default Helvetica
            # (which would otherwise be listed, unembedded, in each page's fonts).
            kwargs["initialFontName"] = kwargs.get("initialFontName") or face
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
            self.setFont(face, size)
            self.setFillColor(color)
            self.drawString(inset, 10 * mm, footer_left)
            self.drawRightString(width - inset, 10 * mm, f"Page {self._pageNumber} of {total}")
            self.restoreState()
            if after_page is not None:
                after_page(self, self._pageNumber, total)

    return NumberedCanvas


# ---------------------------------------------------------------- signatures


def signature_lines(who: str, name: str, fonts: Fonts) -> Table:
    """A signature block to sign by hand: who signs, their name, a signature and a date line."""
    rows = [[who, "", "", ""], ["Name", name, "", ""], ["Signature", "", "Date", ""]]
    table = Table(rows, colWidths=[24 * mm, 80 * mm, 12 * mm, 38 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.regular, 9.5),
                ("FONT", (0, 0), (-1, 0), fonts.bold, 10),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("TEXTCOLOR", (0, 1), (0, -1), MUTED),
                ("TEXTCOLOR", (2, 1), (2, -1), MUTED),
                ("SPAN", (0, 0), (-1, 0)),
                ("LINEBELOW", (1, 1), (1, 2), 0.5, INK),
                ("LINEBELOW", (3, 2), (3, 2), 0.5, INK),
                ("TOPPADDING", (0, 1), (-1, -1), 10),
                ("LEFTPADDING", (0, 0), (0, -1), 0),  # in line with the text above
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table


def signature_boxes(
    sides: list[tuple[str, str, str]],
    width: float,
    styles: dict[str, ParagraphStyle],
    *,
    space: float = 5 * mm,
) -> Table:
    """Boxes side by side, one for each (who signs, a note, their name or ""), each with
    signature, name and date lines. `styles` is a `base_styles()` sheet."""

    def box(who: str, note: str, name: str) -> list[object]:
        blank = "______________________________"
        return [
            para(who, styles["cell_bold"]),
            para(note, styles["small"]),
            Spacer(1, space * 1.5),
            para(f"Signature: {blank}", styles["cell"]),
            Spacer(1, space),
            para(f"Name: {name or blank}", styles["cell"]),
            Spacer(1, space),
            para("Date: ____ / ____ / ________", styles["cell"]),
        ]

    count = len(sides)
    table = Table([[box(*side) for side in sides]], colWidths=[width / count] * count)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *(("BOX", (i, 0), (i, 0), 0.5, LINE) for i in range(count)),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


# ---------------------------------------------------------------- the page and the build


@dataclass(frozen=True)
class PageSetup:
    """An A4 page's margins; `width` is what is left between them."""

    left: float = 18 * mm
    right: float = 18 * mm
    top: float = 16 * mm
    bottom: float = 20 * mm

    @property
    def width(self) -> float:
        return A4[0] - self.left - self.right


PageDraw = Callable[[Canvas, Any], None]


def build_pdf(
    story: list[Any],
    *,
    title: str,
    author: str,
    footer: str,
    subject: str = "",
    page: PageSetup = PageSetup(),  # noqa: B008 - frozen, so one shared default is safe
    footer_inset: float | None = None,
    footer_size: float = 8,
    footer_color: Any = MUTED,
    footer_rule: bool = True,
    font: str | None = None,
    after_page: PageHook | None = None,
    on_first_page: PageDraw | None = None,
    on_later_pages: PageDraw | None = None,
) -> bytes:
    """Lays `story` out on A4 pages with the "Page N of M" footer and returns the PDF."""
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=page.left,
        rightMargin=page.right,
        topMargin=page.top,
        bottomMargin=page.bottom,
        title=title,
        author=author,
        subject=subject,
        creator="Daybook",
    )
    hooks: dict[str, PageDraw] = {}
    if on_first_page is not None:
        hooks["onFirstPage"] = on_first_page
    if on_later_pages is not None:
        hooks["onLaterPages"] = on_later_pages
    template.build(
        story,
        canvasmaker=numbered_canvas(
            footer,
            font=font,
            size=footer_size,
            color=footer_color,
            rule=footer_rule,
            inset=page.left if footer_inset is None else footer_inset,
            after_page=after_page,
        ),
        **hooks,
    )
    return buffer.getvalue()
