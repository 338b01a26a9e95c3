"""Plain text in a paragraph style, drawn straight when every line fits: the same marks on the
page as the Paragraph it stands for, at a fraction of the cost.

A Paragraph parses its markup with an HTML parser, builds fragments and breaks them into lines,
about 0.3 ms each; the invoice has about twenty, most of them a label, a date or a name on one
line (issue 16: the invoice PDF is on the carer's hot path). `plain(text, style)` stands for
`Paragraph(esc(text), style)` and `plain_lines(text, style)` for
`Paragraph(markup_lines(text), style)`: when each line fits in the width it is given, they draw
it where that Paragraph would (first baseline at the style's font size below the top, one
`leading` per line, aligned by the style); otherwise (a line too long, a justified or
decorated style, unusual spaces) they are that Paragraph.

`Para` is a Paragraph (for text with markup) that breaks its lines once for a given width: a
table asks each of its cells for its size two or three times (to lay out, to keep things
together, to draw), and each time a Paragraph would break its lines again.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from app.documents.common import markup_lines
from app.documents.markup import CONTROL_CHARACTERS, esc

# Any space but the plain one (tabs, no-break and thin spaces, soft hyphens): the Paragraph
# gives them meanings of its own, so such text is left to it.
_OTHER_SPACE = re.compile(r"[^\S ]|[\xa0\xad\u200b]")
_DECORATIONS = (  # style attributes that draw more than the text, or change it
    "autoLeading",
    "backColor",
    "borderWidth",
    "underlineWidth",
    "strikeWidth",
    "textTransform",
    "endDots",
    "shaping",
)
_FUZZ = 1e-3  # points: text this close to the edge is left to the Paragraph's line breaking


class Para(Paragraph):
    """A Paragraph that remembers its size for the last width it was given."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # noqa: D102
        known = getattr(self, "_size_for", None)
        # A split may drop the broken lines (blPara): then they are broken again
        if known is not None and known[0] == avail_width and hasattr(self, "blPara"):
            return known[1]
        size = super().wrap(avail_width, avail_height)
        self._size_for = (avail_width, size)
        return size


class PlainLines(Flowable):
    """Lines of plain text in `style`; `markup` is the same text as Paragraph markup."""

    def __init__(self, lines: list[str], style: ParagraphStyle, markup: str) -> None:
        super().__init__()
        self.lines = lines
        self.style = style
        self.text = markup  # the markup, as a Paragraph keeps it
        self._paragraph: Para | None = None
        self._fallback = not lines or not _simple(style) or any(_odd(line) for line in lines)
        self._widths: list[float] = []

    @property
    def drawn_straight(self) -> bool:
        """After `wrap`: True when the lines are drawn without the Paragraph."""
        return not getattr(self, "_drawn_by_paragraph", True)

    def paragraph(self) -> Para:
        """The Paragraph this stands for (made when first needed)."""
        if self._paragraph is None:
            self._paragraph = Para(self.text, self.style)
        return self._paragraph

    def _fits(self, avail_width: float) -> bool:
        st = self.style
        if self._fallback:
            return False
        if not self._widths:
            self._widths = [stringWidth(ln, st.fontName, st.fontSize) for ln in self.lines]
        first = avail_width - st.leftIndent - st.firstLineIndent - st.rightIndent
        later = avail_width - st.leftIndent - st.rightIndent
        return self._widths[0] <= first - _FUZZ and all(w <= later - _FUZZ for w in self._widths)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # noqa: D102
        if not self._fits(avail_width):
            self.width, self.height = self.paragraph().wrap(avail_width, avail_height)
            self._drawn_by_paragraph = True
            return self.width, self.height
        self._drawn_by_paragraph = False
        self.width, self.height = avail_width, len(self.lines) * self.style.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:  # noqa: D102
        return self.paragraph().split(avail_width, avail_height)

    def minWidth(self) -> float:  # noqa: N802 (ReportLab's name)
        st = self.style
        words = [w for line in self.lines for w in line.split(" ")]
        return max((stringWidth(w, st.fontName, st.fontSize) for w in words), default=0.0)

    def draw(self) -> None:  # noqa: D102
        if not self.drawn_straight:
            self.paragraph().drawOn(self.canv, 0, 0)
            return
        st, canv = self.style, self.canv
        text: Any = canv.beginText()
        canv.setFillColor(st.textColor)
        text.setFont(st.fontName, st.fontSize, st.leading)
        baseline = self.height - st.fontSize
        for i, (line, width) in enumerate(zip(self.lines, self._widths, strict=True)):
            indent = st.leftIndent + (st.firstLineIndent if i == 0 else 0)
            room = self.width - indent - st.rightIndent
            if st.alignment == TA_RIGHT:
                indent += room - width
            elif st.alignment == TA_CENTER:
                indent += (room - width) / 2
            text.setTextOrigin(indent, baseline - i * st.leading)
            text.textOut(line)
        canv.drawText(text)


def _simple(style: ParagraphStyle) -> bool:
    """A style drawn as plain text: aligned left, right or centre, nothing around it."""
    return (
        style.alignment in (TA_LEFT, TA_RIGHT, TA_CENTER)
        and style.wordWrap in (None, "", "LTR")
        and not any(getattr(style, name, None) for name in _DECORATIONS)
    )


def _odd(line: str) -> bool:
    """Empty, or with spaces a Paragraph treats its own way (runs of them, at either end)."""
    return (
        not line or line != line.strip(" ") or "  " in line or _OTHER_SPACE.search(line) is not None
    )


def plain(text: str | None, style: ParagraphStyle) -> PlainLines:
    """What `Paragraph(esc(text), style)` shows: one run of text, wrapped if need be."""
    clean = CONTROL_CHARACTERS.sub("", text or "")
    return PlainLines([clean], style, esc(clean))


def plain_lines(text: str | None, style: ParagraphStyle) -> PlainLines:
    """What `Paragraph(markup_lines(text), style)` shows: each non-blank line on its own."""
    lines = [CONTROL_CHARACTERS.sub("", line) for line in (text or "").splitlines() if line.strip()]
    return PlainLines(lines, style, markup_lines(text))
