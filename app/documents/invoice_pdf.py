"""Invoice and credit note PDFs (ReportLab Platypus): data in, bytes out.

Takes the frozen `InvoiceDocument` from app.core.invoicing.snapshot. Every page carries a
footer with the document number and "Page N of M"; the lines table repeats its header row on
every page. Styles are built once per process (rendering is on the hot path).
"""

from __future__ import annotations

import io
import threading
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.core.formatting import format_date, format_money
from app.core.invoicing.snapshot import DocLine, InvoiceDocument

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef2f6")
ACCENT = colors.HexColor("#24527a")
NOT_VAT = "Not registered for VAT: no VAT is charged on this invoice."


_UNICODE_FONTS = [  # (regular, bold): the first found serves names beyond Western European
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf",
     "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ("/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Bold.ttf"),
]
_font = threading.local()


@lru_cache(maxsize=1)
def _unicode_fonts() -> tuple[str, str]:
    """A TrueType pair with wide coverage (Łucja, Ελένη), else the built-in Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular, bold in _UNICODE_FONTS:
        if Path(regular).exists() and Path(bold).exists():
            try:
                pdfmetrics.registerFont(TTFont("InvoiceSans", regular))
                pdfmetrics.registerFont(TTFont("InvoiceSans-Bold", bold))
                pdfmetrics.registerFontFamily("InvoiceSans", normal="InvoiceSans",
                                              bold="InvoiceSans-Bold", italic="InvoiceSans",
                                              boldItalic="InvoiceSans-Bold")
            except Exception:  # noqa: BLE001 - a damaged system font: keep Helvetica
                continue
            return "InvoiceSans", "InvoiceSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _fits_latin(doc: InvoiceDocument) -> bool:
    """True when every text in the document is in the built-in fonts' character set."""
    texts = [doc.business_name, doc.carer_name, doc.business_address, doc.business_email,
             doc.bank_account_name, doc.payer_name, doc.payer_address, doc.person_name,
             doc.notes, doc.reason, *(line.description for line in doc.lines)]
    try:
        "".join(texts).encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _fonts() -> tuple[str, str]:
    return getattr(_font, "pair", ("Helvetica", "Helvetica-Bold"))


def _styles() -> dict[str, ParagraphStyle]:
    return _styles_for(*_fonts())


@lru_cache(maxsize=4)
def _styles_for(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=regular, fontSize=9.5, leading=12.5,
                          textColor=INK)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11,
                                textColor=MUTED),
        "business": ParagraphStyle("business", parent=base, fontName=bold,
                                   fontSize=16, leading=20, textColor=ACCENT),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=18,
                                leading=22, alignment=TA_RIGHT, textColor=INK),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "label": ParagraphStyle("label", parent=base, fontName=bold, fontSize=8.5,
                                leading=11, textColor=MUTED),
        "bold": ParagraphStyle("bold", parent=base, fontName=bold),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11),
    }


@lru_cache(maxsize=4)
def _table_styles(regular: str, bold: str) -> tuple[TableStyle, TableStyle]:
    return _lines_style(regular, bold), _totals_style(regular, bold)


def _lines_style(regular: str, bold: str) -> TableStyle:
    return TableStyle([
    ("FONT", (0, 0), (-1, 0), bold, 8.5),
    ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
    ("FONT", (0, 1), (-1, -1), regular, 9),
    ("TEXTCOLOR", (0, 1), (-1, -1), INK),
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
    ("LINEBELOW", (0, 1), (-1, -1), 0.25, SHADE),
    ("ALIGN", (2, 0), (2, -1), "RIGHT"),
    ("ALIGN", (4, 0), (5, -1), "RIGHT"),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ])


def _totals_style(regular: str, bold: str) -> TableStyle:
    return TableStyle([
    ("FONT", (0, 0), (-1, -1), regular, 9.5),
    ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ("ALIGN", (1, 0), (1, -1), "RIGHT"),
    ("FONT", (0, -1), (-1, -1), bold, 11),
    ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ("TOPPADDING", (0, -1), (-1, -1), 5),
    ])


_BOX_STYLE = TableStyle([
    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
    ("BOX", (0, 0), (-1, -1), 0.5, RULE),
    ("LEFTPADDING", (0, 0), (-1, -1), 8),
    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
    ("TOPPADDING", (0, 0), (-1, -1), 6),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
])
COLS = [23 * mm, 24 * mm, 14 * mm, 0.0, 22 * mm, 22 * mm]
COLS[3] = PAGE_W - 2 * MARGIN - sum(COLS)


def _p(text: str, style: str = "base") -> Paragraph:
    return Paragraph(text, _styles()[style])


def _lines_html(text: str) -> str:
    return "<br/>".join(escape(part) for part in (text or "").splitlines() if part.strip())


def hours_text(minutes: int) -> str:
    """90 -> '1.50' (decimal hours, as carers and councils read them)."""
    whole, rest = divmod(minutes, 60)
    return f"{whole}.{round(rest * 100 / 60):02d}" if rest else f"{whole}.00"


def _miles(tenths: int) -> str:
    return f"{tenths // 10}.{tenths % 10}"


def _rate_text(line: DocLine) -> str:
    if line.rate_pence is None:
        return ""
    if line.kind == "mileage":
        return f"{line.rate_pence}p/mile" if line.rate_pence < 100 else \
            f"{format_money(line.rate_pence)}/mile"
    if line.kind == "visit":
        return f"{format_money(line.rate_pence)}/h"
    return format_money(line.rate_pence)


def _cell(text: str) -> str | Paragraph:
    """Short text as a plain string (fast); long text wraps in a Paragraph."""
    if len(text) <= 38:
        return text
    return Paragraph(escape(text), _styles()["cell"])


def _line_row(line: DocLine) -> list[object]:
    times = f"{line.start}–{line.end}" if line.start and line.end else ""
    hours = hours_text(line.minutes) if line.kind == "visit" and line.minutes else ""
    return [format_date(line.line_date), times, hours, _cell(line.description),
            _rate_text(line), format_money(line.amount_pence)]


class _NumberedCanvas(Canvas):
    """Draws 'Page N of M' once the page count is known (one pass, states replayed)."""

    footer_left = ""
    font_name = "Helvetica"

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, object]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, 14 * mm, PAGE_W - MARGIN, 14 * mm)
        self.setFont(self.font_name, 8)
        self.setFillColor(MUTED)
        self.drawString(MARGIN, 10 * mm, self.footer_left)
        self.drawRightString(PAGE_W - MARGIN, 10 * mm,
                             f"Page {self._pageNumber} of {total}")
        self.restoreState()


def _header_block(doc: InvoiceDocument) -> list[object]:
    credit = doc.kind == "credit_note"
    left = [_p(escape(doc.business_name or "Your business name"), "business")]
    contact = "<br/>".join(filter(None, [
        escape(doc.carer_name) if doc.carer_name and doc.carer_name != doc.business_name else "",
        _lines_html(doc.business_address),
        escape(doc.business_phone), escape(doc.business_email)]))
    if contact:
        left.append(_p(contact, "small"))
    title = "CREDIT NOTE" if credit else ("DRAFT INVOICE" if doc.draft else "INVOICE")
    facts = [(("Credit note" if credit else "Invoice number"),
              "given when issued" if doc.draft else doc.number)]
    if doc.issue_date:
        facts.append(("Date", format_date(doc.issue_date)))
    if credit and doc.invoice_number:
        facts.append(("For invoice", doc.invoice_number))
        if doc.invoice_date:
            facts.append(("Invoice date", format_date(doc.invoice_date)))
    if not credit and doc.due_date:
        facts.append(("Payment due", format_date(doc.due_date)))
    if doc.period_start and doc.period_end:
        facts.append(("Care from", f"{format_date(doc.period_start)} to "
                                   f"{format_date(doc.period_end)}"))
    fact_rows = [[_p(escape(k), "label"), _p(escape(v), "right")] for k, v in facts]
    facts_table = Table(fact_rows, colWidths=[28 * mm, 42 * mm], hAlign="RIGHT",
                        style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                          ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                          ("TOPPADDING", (0, 0), (-1, -1), 1),
                                          ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    right = [_p(title, "title"), Spacer(1, 3 * mm), facts_table]
    head = Table([[left, right]], colWidths=[None, 72 * mm],
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    bill = [_p("BILL TO" if not credit else "TO", "label"),
            _p(f"<b>{escape(doc.payer_name)}</b>"
               + (f"<br/>{_lines_html(doc.payer_address)}" if doc.payer_address.strip() else ""))]
    if not doc.payer_is_client and doc.person_name:
        bill.append(Spacer(1, 2 * mm))
        bill.append(_p(f"Care for <b>{escape(doc.person_name)}</b>"))
    return [head, Spacer(1, 8 * mm), *bill, Spacer(1, 7 * mm)]


def _invoice_story(doc: InvoiceDocument) -> list[object]:
    story = _header_block(doc)
    rows: list[list[object]] = [["Date", "Times", "Hours", "Details", "Rate", "Amount"]]
    rows.extend(_line_row(line) for line in doc.lines)
    story.append(Table(rows, colWidths=COLS, repeatRows=1, style=_table_styles(*_fonts())[0]))
    story.append(Spacer(1, 5 * mm))
    totals: list[list[str]] = [["Total hours of care", hours_text(doc.visit_minutes)]]
    if doc.mileage_tenths:
        totals.append(["Care and other charges", format_money(doc.care_pence)])
        totals.append([f"Mileage ({_miles(doc.mileage_tenths)} miles)",
                       format_money(doc.mileage_pence)])
    totals.append(["Total due", format_money(doc.total_pence)])
    totals_table = Table(totals, colWidths=[50 * mm, 30 * mm], hAlign="RIGHT",
                         style=_table_styles(*_fonts())[1])
    story.append(totals_table)
    story.append(Spacer(1, 7 * mm))
    pay = []
    terms = doc.payment_terms_days
    if terms is not None and doc.due_date:
        pay.append(_p(f"<b>Payment terms:</b> please pay within {terms} days, by "
                      f"<b>{format_date(doc.due_date)}</b>."))
    if doc.sort_code and doc.account_number:
        pay.append(_p(
            f"<b>Bank transfer to:</b> {escape(doc.bank_account_name or doc.business_name)}"
            f" &nbsp; Sort code {escape(doc.sort_code)} &nbsp; Account {escape(doc.account_number)}"))
        if not doc.draft:
            pay.append(_p(f"Please use <b>{escape(doc.number)}</b> as the payment reference."))
    pay.append(_p(escape(NOT_VAT), "small"))
    story.append(KeepTogether(Table([[pay]], colWidths=[PAGE_W - 2 * MARGIN], style=_BOX_STYLE)))
    if doc.notes.strip():
        story += [Spacer(1, 4 * mm), _p(_lines_html(doc.notes), "small")]
    story += [Spacer(1, 4 * mm), _p("Thank you.", "small")]
    return story


def _credit_story(doc: InvoiceDocument) -> list[object]:
    story = _header_block(doc)
    if doc.reason.strip():
        story += [_p("<b>Reason:</b> " + _lines_html(doc.reason)), Spacer(1, 5 * mm)]
    rows: list[list[object]] = [["Details", "Amount"]]
    rows.extend([_cell(line.description), format_money(line.amount_pence)] for line in doc.lines)
    width = PAGE_W - 2 * MARGIN
    story.append(Table(rows, colWidths=[width - 30 * mm, 30 * mm], repeatRows=1, style=TableStyle([
        ("FONT", (0, 0), (-1, 0), _fonts()[1], 8.5), ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
        ("FONT", (0, 1), (-1, -1), _fonts()[0], 9.5), ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "TOP")])))
    story.append(Spacer(1, 5 * mm))
    story.append(Table([["Total credited", format_money(doc.total_pence)]],
                       colWidths=[50 * mm, 30 * mm], hAlign="RIGHT", style=_table_styles(*_fonts())[1]))
    story.append(Spacer(1, 7 * mm))
    story.append(Table([[[
        _p(f"This credit note reduces what is owed on invoice <b>{escape(doc.invoice_number)}</b> "
           f"by <b>{format_money(doc.total_pence)}</b>. Any amount already paid beyond what is now "
           "owed is held as credit or refunded."),
        _p(escape(NOT_VAT.replace("invoice", "credit note")), "small")]]],
        colWidths=[PAGE_W - 2 * MARGIN], style=_BOX_STYLE))
    return story


def _draft_mark(canvas: Canvas, _doc: object) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica-Bold", 80)
    canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.12))
    canvas.translate(PAGE_W / 2, PAGE_H / 2)
    canvas.rotate(40)
    canvas.drawCentredString(0, 0, "DRAFT")
    canvas.restoreState()


def render_invoice(doc: InvoiceDocument) -> bytes:
    """The PDF of an invoice or a credit note."""
    buffer = io.BytesIO()
    credit = doc.kind == "credit_note"
    label = "Credit note" if credit else ("Draft invoice" if doc.draft else "Invoice")
    footer = f"{doc.business_name} · {label} {'' if doc.draft else doc.number}".strip()
    template = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=22 * mm, title=f"{label} {doc.number}", author=doc.business_name,
        subject=label, creator="Daybook")

    def later(canvas: Canvas, d: object) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, PAGE_H - 11 * mm,
                          f"{label} {doc.number} · {doc.payer_name} (continued)")
        canvas.restoreState()
        if doc.draft:
            _draft_mark(canvas, d)

    def first(canvas: Canvas, d: object) -> None:
        if doc.draft:
            _draft_mark(canvas, d)

    regular, bold = ("Helvetica", "Helvetica-Bold") if _fits_latin(doc) else _unicode_fonts()
    _font.pair = (regular, bold)
    try:
        canvas_class = type("_Canvas", (_NumberedCanvas,),
                            {"footer_left": footer, "font_name": regular})
        story = _credit_story(doc) if credit else _invoice_story(doc)
        template.build(story, onFirstPage=first, onLaterPages=later, canvasmaker=canvas_class)
    finally:
        _font.pair = ("Helvetica", "Helvetica-Bold")
    return buffer.getvalue()


def suggested_filename(doc: InvoiceDocument) -> str:
    kind = "Credit note" if doc.kind == "credit_note" else "Invoice"
    safe = "".join(c for c in doc.payer_name if c.isalnum() or c in " -")[:40].strip()
    return f"{kind} {doc.number} {safe}.pdf".replace("  ", " ")
