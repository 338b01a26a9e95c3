"""One safeguarding record with its addenda, as a factual PDF for the council or the police.

Data in (a core RecordView and the business profile), bytes out. Every time is shown in UK
time with the date; every entry shows its seal (the SHA-256 hash in the chain). The footer
says "Confidential" and "Page N of M". The PDF's metadata carries no free text.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app.core.formatting import format_date, format_datetime

log = logging.getLogger(__name__)

_FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf",
     "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
)


@dataclass(frozen=True)
class _Fonts:
    regular: str
    bold: str
    mono: str = "Courier"


_FONTS: _Fonts | None = None


def _fonts() -> _Fonts:
    """A TrueType font with wide coverage (names such as Łukasz or Siobhán) when one is there."""
    global _FONTS
    if _FONTS is None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        _FONTS = _Fonts("Helvetica", "Helvetica-Bold")
        for regular, bold in _FONT_CANDIDATES:
            if Path(regular).is_file() and Path(bold).is_file():
                try:
                    pdfmetrics.registerFont(TTFont("SafeguardingSans", regular))
                    pdfmetrics.registerFont(TTFont("SafeguardingSans-Bold", bold))
                    pdfmetrics.registerFontFamily("SafeguardingSans", normal="SafeguardingSans",
                                                  bold="SafeguardingSans-Bold")
                    _FONTS = _Fonts("SafeguardingSans", "SafeguardingSans-Bold")
                    break
                except Exception:  # noqa: BLE001  (a broken system font: use the built-in one)
                    log.info("a system font could not be used")
    return _FONTS


def _styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    f = _fonts()
    ink = colors.HexColor("#1f2933")
    grey = colors.HexColor("#52606d")
    return {
        "title": ParagraphStyle("title", fontName=f.bold, fontSize=20, leading=25,
                                textColor=ink, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", fontName=f.regular, fontSize=10.5, leading=14,
                                   textColor=grey, spaceAfter=10),
        "h2": ParagraphStyle("h2", fontName=f.bold, fontSize=12.5, leading=16, textColor=ink,
                             spaceBefore=12, spaceAfter=4, keepWithNext=1),
        "h3": ParagraphStyle("h3", fontName=f.bold, fontSize=10.5, leading=14, textColor=ink,
                             spaceBefore=8, spaceAfter=2, keepWithNext=1),
        "body": ParagraphStyle("body", fontName=f.regular, fontSize=10.5, leading=14.5,
                               textColor=ink, spaceAfter=4),
        "cell": ParagraphStyle("cell", fontName=f.regular, fontSize=9.5, leading=12.5,
                               textColor=ink),
        "cellb": ParagraphStyle("cellb", fontName=f.bold, fontSize=9.5, leading=12.5,
                                textColor=ink),
        "small": ParagraphStyle("small", fontName=f.regular, fontSize=8.5, leading=11,
                                textColor=grey),
        "hash": ParagraphStyle("hash", fontName=f.mono, fontSize=8.5, leading=11,
                               textColor=ink),
    }


def _text(value: str, empty: str = "Not recorded") -> str:
    """Carer's text as Platypus markup: escaped, line breaks kept."""
    value = (value or "").strip()
    if not value:
        return f"<i>{empty}</i>"
    return "<br/>".join(escape(line) for line in value.splitlines())


def _follow_up(view: Any) -> str:
    first, now = view.follow_up_due, view.follow_up_waiting
    if first is None and now is None:
        return "<i>None set</i>"
    if now is None:
        return f"{escape(format_date(first))} (marked done in an addendum)"
    if first is None:
        return f"{escape(format_date(now))} (set in an addendum)"
    if first == now:
        return f"{escape(format_date(now))} (not yet marked done)"
    return f"{escape(format_date(first))}; moved to {escape(format_date(now))} in an addendum"


def _numbered_canvas(footer_left: str, font: str) -> type:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    class NumberedCanvas(canvas.Canvas):
        """Defers each page so the footer can say "Page N of M"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802  (ReportLab's name)
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            self.saveState()
            self.setStrokeColor(colors.HexColor("#9aa5b1"))
            self.setLineWidth(0.5)
            self.line(18 * mm, 16 * mm, width - 18 * mm, 16 * mm)
            self.setFont(font, 8.5)
            self.setFillColor(colors.HexColor("#1f2933"))
            self.drawString(18 * mm, 11 * mm, footer_left)
            self.drawRightString(width - 18 * mm, 11 * mm,
                                 f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas


def render_safeguarding_pdf(view: Any, profile: Any | None, *,
                            printed_at: datetime | None = None) -> bytes:
    """`view` is a core RecordView; `profile` the BusinessProfile (or None)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from app.core.base import utcnow

    s = _styles()
    f = _fonts()
    printed = printed_at or utcnow()
    line = colors.HexColor("#cbd2d9")
    shade = colors.HexColor("#f0f4f8")

    def grid(rows: list[list[Any]], widths: list[float], *, header: bool = False) -> Table:
        t = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, line),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        style.append(("BACKGROUND", (0, 0), (-1, 0) if header else (0, -1), shade))
        t.setStyle(TableStyle(style))
        return t

    def cell(text: str, bold: bool = False) -> Paragraph:
        return Paragraph(text, s["cellb" if bold else "cell"])

    width = A4[0] - 36 * mm
    story: list[Any] = [
        Paragraph("Safeguarding record", s["title"]),
        Paragraph(f"Record #{view.id} · Confidential · printed {escape(format_datetime(printed))} "
                  "(UK time)", s["subtitle"]),
    ]

    who = escape(view.who or "")
    if view.is_client:
        who += f" (client number {view.client_id})"
    else:
        who += " (not a client)"
    carer = ""
    if profile is not None:
        bits = [profile.carer_name, profile.trading_name, profile.phone, profile.email]
        carer = escape(", ".join(b for b in bits if b))
    facts = [
        ("Person concerned", who),
        ("When it happened", escape(format_datetime(view.happened_at))),
        ("When this was written", escape(format_datetime(view.written_at))),
        ("Where", _text(view.place)),
        ("Who was present", _text(view.present)),
        ("Categories", escape(", ".join(view.categories))),
        ("Consent to referral", escape(view.consent)),
        ("Follow-up due", _follow_up(view)),
        ("Recorded by", carer or "<i>Not recorded</i>"),
    ]
    story.append(grid([[cell(k, bold=True), cell(v)] for k, v in facts],
                      [45 * mm, width - 45 * mm]))
    story.append(Paragraph("All times are UK time (Europe/London).", s["small"]))

    story.append(Paragraph("What was seen and heard", s["h2"]))
    story.append(Paragraph(_text(view.seen_heard), s["body"]))
    story.append(Paragraph("What the carer did", s["h2"]))
    story.append(Paragraph(_text(view.actions_taken), s["body"]))

    story.append(Paragraph("Who was told", s["h2"]))
    if view.notifications:
        rows = [[cell("Who", True), cell("When", True), cell("Name", True),
                 cell("Reference", True)]]
        for n in view.notifications:
            rows.append([cell(escape(n.kind)), cell(escape(format_datetime(n.at)) if n.at else ""),
                         cell(_text(n.name, "")), cell(_text(n.reference, ""))])
        story.append(grid(rows, [48 * mm, 30 * mm, width - 48 * mm - 30 * mm - 38 * mm,
                                 38 * mm], header=True))
    else:
        story.append(Paragraph("<i>No one recorded.</i>", s["body"]))

    story.append(KeepTogether([
        Paragraph("Seal of this record", s["h3"]),
        Paragraph(view.content_hash, s["hash"]),
    ]))

    heading = Paragraph(f"Addenda ({len(view.addenda)})", s["h2"])
    if not view.addenda:
        story += [heading, Paragraph("<i>No addenda.</i>", s["body"])]
    for i, a in enumerate(view.addenda):
        block = [heading] if i == 0 else []  # the heading never ends a page on its own
        block += [Paragraph(f"Addendum {a.seq}: {escape(a.kind)}, written "
                           f"{escape(format_datetime(a.written_at))}", s["h3"]),
                 Paragraph(_text(a.text), s["body"])]
        if a.follow_up_due:
            block.append(Paragraph(f"Next follow-up due: {escape(format_date(a.follow_up_due))}",
                                   s["body"]))
        block.append(Paragraph(f"Seal: {a.content_hash}", s["hash"]))
        story.append(KeepTogether(block))

    story.append(Spacer(1, 10))
    story.append(Paragraph(
        "This record was saved in Daybook and cannot be changed afterwards; corrections and "
        "follow-ups are the dated addenda above. Each seal is the SHA-256 hash of the entry's "
        "content and the seal of the entry before it, calculated when it was saved. "
        "A seal that no longer matches shows the entry was changed.", s["small"]))

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
        bottomMargin=22 * mm, title=f"Safeguarding record #{view.id}",
        author=(profile.trading_name if profile is not None else "Daybook"),
        subject="Safeguarding record (confidential)", creator="Daybook")
    doc.build(story, canvasmaker=_numbered_canvas(
        f"Confidential: safeguarding record #{view.id}", f.regular))
    return buf.getvalue()
