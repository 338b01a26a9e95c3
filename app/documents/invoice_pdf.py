"""Invoice and credit note PDFs (ReportLab Platypus): data in, bytes out.

Takes the frozen `InvoiceDocument` from app.core.invoicing.snapshot. Every page carries a
footer with the document number and "Page N of M"; the lines table repeats its header row on
every page. Styles are built once per process (rendering is on the hot path).
"""

from __future__ import annotations

import io
from functools import lru_cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.core.formatting import format_hours, format_miles, format_rate
from app.core.invoicing.snapshot import DocLine, InvoiceDocument
from app.documents.common import (
    INK,
    MUTED,
    RULE,
    SHADE,
    Fonts,
    draft_mark,
    esc,
    fonts_for,
    format_date,
    format_money,
    markup_lines,
    numbered_canvas,
)
from app.documents.letterhead import Letterhead
from app.documents.letterhead import header as letterhead_header
from app.documents.letterhead import styles as letterhead_styles
from app.documents.plain_text import Para, plain, plain_lines
from app.documents.rows_table import Cell, RowsTable, RowStyle, lines_then

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
NOT_VAT = "Not registered for VAT: no VAT is charged on this invoice."


def _unicode_fonts() -> tuple[str, str]:
    """The family used for names beyond Western European letters (Łucja, Ελένη)."""
    fonts = fonts_for("Łucja Ελένη")
    return fonts.regular, fonts.bold


def _doc_fonts(doc: InvoiceDocument) -> Fonts:
    """The documents' family (DejaVu Sans, embedded), or one that covers every name."""
    return fonts_for(
        doc.business_name,
        doc.carer_name,
        doc.business_address,
        doc.business_email,
        doc.business_phone,
        doc.bank_account_name,
        doc.payer_name,
        doc.payer_address,
        doc.person_name,
        doc.notes,
        doc.reason,
        doc.number,
        doc.invoice_number,
        *(line.description for line in doc.lines),
    )


@lru_cache(maxsize=4)
def _styles(fonts: Fonts) -> dict[str, ParagraphStyle]:
    st = letterhead_styles(fonts)
    return {**st, "base": st["body"]}


@lru_cache(maxsize=4)
def _totals_style(regular: str, bold: str) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), regular, 9.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("FONT", (0, -1), (-1, -1), bold, 11),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, -1), (-1, -1), 5),
        ]
    )


_BOX_STYLE = TableStyle(
    [
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)
COLS = [23 * mm, 24 * mm, 19 * mm, 0.0, 22 * mm, 22 * mm]  # hours: room for "10 h 05 min"
COLS[3] = PAGE_W - 2 * MARGIN - sum(COLS)


HEADINGS = ["Date", "Times", "Hours", "Details", "Rate", "Amount"]
CREDIT_HEADINGS = ["Details", "Amount"]
CREDIT_COLS = [PAGE_W - 2 * MARGIN - 30 * mm, 30 * mm]


def _rate_text(line: DocLine) -> str:
    if line.rate_pence is None:
        return ""
    if line.kind in ("mileage", "visit"):
        return format_rate(line.rate_pence, "mile" if line.kind == "mileage" else "hour")
    return format_money(line.rate_pence)


class _Story:
    """Builds one document's flowables in its font family."""

    def __init__(self, doc: InvoiceDocument, fonts: Fonts) -> None:
        self.doc = doc
        self.fonts = fonts
        self.st = _styles(fonts)
        self.totals_style = _totals_style(fonts.regular, fonts.bold)

    def lines_table(self, rows: list[list[Cell]], headed: bool = True) -> RowsTable:
        return self._rows(HEADINGS, COLS, frozenset({2, 4, 5}), rows, headed)

    def credit_table(self, rows: list[list[Cell]], headed: bool = True) -> RowsTable:
        return self._rows(CREDIT_HEADINGS, CREDIT_COLS, frozenset({1}), rows, headed)

    def _rows(
        self,
        headings: list[str],
        widths: list[float],
        right: frozenset[int],
        rows: list[list[Cell]],
        headed: bool,
    ) -> RowsTable:
        return RowsTable(
            headings if headed else None,
            rows,
            widths,
            right=right,
            head=RowStyle(self.fonts.bold, 8.5, MUTED, 0.8, RULE),
            body=RowStyle(self.fonts.regular, 9, INK, 0.25, SHADE),
        )

    def p(self, markup: str, style: str = "base") -> Para:
        return Para(markup, self.st[style])

    def cell(self, text: str) -> str | Paragraph:
        """Short text as a plain string (fast); long text wraps in a Paragraph."""
        if len(text) <= 38:
            return text
        return Para(esc(text), self.st["cell"])

    def line_row(self, line: DocLine) -> list[Cell]:
        times = f"{line.start}–{line.end}" if line.start and line.end else ""
        hours = format_hours(line.minutes) if line.kind == "visit" and line.minutes else ""
        return [
            format_date(line.line_date),
            times,
            hours,
            self.cell(line.description),
            _rate_text(line),
            format_money(line.amount_pence),
        ]

    def header(self) -> list[object]:
        doc, p = self.doc, self.p
        credit = doc.kind == "credit_note"
        title = "CREDIT NOTE" if credit else ("DRAFT INVOICE" if doc.draft else "INVOICE")
        facts = [
            (
                ("Credit note" if credit else "Invoice number"),
                "given when issued" if doc.draft else doc.number,
            )
        ]
        if doc.issue_date:
            facts.append(("Date", format_date(doc.issue_date)))
        if credit and doc.invoice_number:
            facts.append(("For invoice", doc.invoice_number))
            if doc.invoice_date:
                facts.append(("Invoice date", format_date(doc.invoice_date)))
        if not credit and doc.due_date:
            facts.append(("Payment due", format_date(doc.due_date)))
        if doc.period_start and doc.period_end:
            facts.append(
                ("Care from", f"{format_date(doc.period_start)} to {format_date(doc.period_end)}")
            )
        head = Letterhead(
            doc.business_name or "Your business name",
            doc.carer_name,
            doc.business_address,
            doc.business_phone,
            doc.business_email,
        )
        top = letterhead_header(head, title, facts, self.st)
        bill: list[object] = [
            plain("BILL TO" if not credit else "TO", self.st["label"]),
            plain(doc.payer_name, self.st["bold"]),
        ]
        if doc.payer_address.strip():
            bill.append(plain_lines(doc.payer_address, self.st["base"]))
        if not doc.payer_is_client and doc.person_name:
            bill.append(Spacer(1, 2 * mm))
            bill.append(p(f"Care for <b>{esc(doc.person_name)}</b>"))
        return [*top, Spacer(1, 8 * mm), *bill, Spacer(1, 7 * mm)]

    def invoice(self) -> list[object]:
        doc, p = self.doc, self.p
        story = self.header()
        rows = [self.line_row(line) for line in doc.lines]
        ending: list[Flowable] = [Spacer(1, 5 * mm)]
        totals: list[list[str]] = [["Total hours of care", format_hours(doc.visit_minutes)]]
        if doc.mileage_tenths:
            totals.append(["Care and other charges", format_money(doc.care_pence)])
            totals.append(
                [
                    f"Mileage ({format_miles(doc.mileage_tenths)} miles)",
                    format_money(doc.mileage_pence),
                ]
            )
        totals.append(["Total due", format_money(doc.total_pence)])
        ending.append(
            Table(totals, colWidths=[50 * mm, 30 * mm], hAlign="RIGHT", style=self.totals_style)
        )
        ending.append(Spacer(1, 7 * mm))
        pay = []
        terms = doc.payment_terms_days
        if terms is not None and doc.due_date:
            pay.append(
                p(
                    f"<b>Payment terms:</b> please pay within {terms} days, by "
                    f"<b>{format_date(doc.due_date)}</b>."
                )
            )
        if doc.sort_code and doc.account_number:
            pay.append(
                p(
                    f"<b>Bank transfer to:</b> {esc(doc.bank_account_name or doc.business_name)}"
                    f" &nbsp; Sort code {esc(doc.sort_code)} &nbsp; Account {esc(doc.account_number)}"
                )
            )
            if not doc.draft:
                pay.append(p(f"Please use <b>{esc(doc.number)}</b> as the payment reference."))
        pay.append(plain(NOT_VAT, self.st["small"]))
        ending.append(Table([[pay]], colWidths=[PAGE_W - 2 * MARGIN], style=_BOX_STYLE))
        # The last lines go with the totals and the terms, so those never stand alone on a page
        story += lines_then(self.lines_table, rows, ending)
        if doc.notes.strip():
            story += [Spacer(1, 4 * mm), p(markup_lines(doc.notes), "small")]
        story += [Spacer(1, 4 * mm), plain("Thank you.", self.st["small"])]
        return story

    def credit_note(self) -> list[object]:
        doc, p = self.doc, self.p
        story = self.header()
        if doc.reason.strip():
            story += [p("<b>Reason:</b> " + markup_lines(doc.reason)), Spacer(1, 5 * mm)]
        rows = [
            [self.cell(line.description), format_money(line.amount_pence)] for line in doc.lines
        ]
        ending: list[Flowable] = [
            Spacer(1, 5 * mm),
            Table(
                [["Total credited", format_money(doc.total_pence)]],
                colWidths=[50 * mm, 30 * mm],
                hAlign="RIGHT",
                style=self.totals_style,
            ),
            Spacer(1, 7 * mm),
        ]
        number, total = esc(doc.invoice_number), format_money(doc.total_pence)
        said = [
            p(
                f"This credit note reduces what is owed on invoice <b>{number}</b> by "
                f"<b>{total}</b>. Any amount already paid beyond what is now owed is held as "
                "credit or refunded."
            ),
            plain(NOT_VAT.replace("invoice", "credit note"), self.st["small"]),
        ]
        ending.append(Table([[said]], colWidths=[PAGE_W - 2 * MARGIN], style=_BOX_STYLE))
        # The last lines go with the total, so it never stands alone on a page
        return story + lines_then(self.credit_table, rows, ending)


def render_invoice(doc: InvoiceDocument) -> bytes:
    """The PDF of an invoice or a credit note."""
    buffer = io.BytesIO()
    credit = doc.kind == "credit_note"
    label = "Credit note" if credit else ("Draft invoice" if doc.draft else "Invoice")
    footer = f"{doc.business_name} · {label} {'' if doc.draft else doc.number}".strip()
    fonts = _doc_fonts(doc)
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=22 * mm,
        title=f"{label} {doc.number}",
        author=doc.business_name,
        subject=label,
        creator="Daybook",
    )

    def later(canvas: Canvas, _d: object) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            MARGIN, PAGE_H - 11 * mm, f"{label} {doc.number} · {doc.payer_name} (continued)"
        )
        canvas.restoreState()
        first(canvas, _d)

    def first(canvas: Canvas, _d: object) -> None:
        if doc.draft:
            draft_mark(canvas)

    builder = _Story(doc, fonts)
    story = builder.credit_note() if credit else builder.invoice()
    template.build(
        story,
        onFirstPage=first,
        onLaterPages=later,
        canvasmaker=numbered_canvas(footer, font=fonts.regular, inset=MARGIN),
    )
    return buffer.getvalue()


def suggested_filename(doc: InvoiceDocument) -> str:
    kind = "Credit note" if doc.kind == "credit_note" else "Invoice"
    safe = "".join(c for c in doc.payer_name if c.isalnum() or c in " -")[:40].strip()
    return f"{kind} {doc.number} {safe}.pdf".replace("  ", " ")
