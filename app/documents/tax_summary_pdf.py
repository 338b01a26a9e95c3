"""A one-page summary of a tax year for the carer's accountant (ReportLab, bytes out)."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from app.core.formatting import plural
from app.core.money.mileage import format_miles
from app.core.money.models import AllowanceChoice
from app.core.money.summary import YearSummary
from app.core.money.tax_year import TaxYear
from app.documents.common import (
    ACCENT,
    LINE,
    SHADE,
    Fonts,
    PageSetup,
    base_styles,
    build_pdf,
    document_fonts,
    esc,
    format_date,
    format_money,
)


@lru_cache(maxsize=4)
def _styles(f: Fonts) -> dict[str, ParagraphStyle]:
    st = base_styles(f, 8.5, 10.5, cell_size=8.5, cell_leading=10.5)
    return {
        **st,
        "small": ParagraphStyle("small", parent=st["small"], fontSize=7.5, leading=9),
        "title": ParagraphStyle(
            "title", parent=st["body"], fontName=f.bold, fontSize=15, leading=18, textColor=ACCENT
        ),
        "head": ParagraphStyle(
            "head",
            parent=st["body"],
            fontName=f.bold,
            fontSize=9.5,
            leading=12,
            textColor=ACCENT,
            spaceBefore=5,
            spaceAfter=2,
        ),
        "right_bold": ParagraphStyle("right_bold", parent=st["right"], fontName=f.bold),
    }


def render_tax_summary(s: YearSummary, *, trading_name: str = "", carer_name: str = "") -> bytes:
    fonts = document_fonts()
    st = _styles(fonts)
    base, small, title, head = st["body"], st["small"], st["title"], st["head"]
    right, right_bold, cell_bold = st["right"], st["right_bold"], st["cell_bold"]

    year = TaxYear.parse(s.year)
    e = s.estimate
    story: list = []
    who = " · ".join(esc(x) for x in (trading_name, carer_name) if x)
    story.append(Paragraph(f"Tax year {s.year}: summary for Self Assessment", title))
    story.append(
        Paragraph(
            f"{who + ' · ' if who else ''}6 April {year.start_year} to 5 April "
            f"{year.start_year + 1} · cash basis · figures from Daybook's records",
            small,
        )
    )
    story.append(Spacer(1, 3 * mm))

    def table(rows: list[tuple[str, str]], total_rows: tuple[int, ...] = ()) -> Table:
        data = []
        for i, (label, amount) in enumerate(rows):
            strong = i in total_rows
            data.append(
                [
                    Paragraph(esc(label), cell_bold if strong else base),
                    Paragraph(esc(amount), right_bold if strong else right),
                ]
            )
        t = Table(data, colWidths=[62 * mm, 26 * mm], hAlign="LEFT")
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
            ("LEFTPADDING", (0, 0), (0, -1), 1),
            ("RIGHTPADDING", (-1, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
        for i in total_rows:
            style.append(("BACKGROUND", (0, i), (-1, i), SHADE))
        t.setStyle(TableStyle(style))
        return t

    income_rows = [
        ("Invoice payments received", format_money(s.invoice_income_pence)),
        ("Other business income", format_money(s.other_business_income_pence)),
        ("Turnover", format_money(s.turnover_pence)),
    ]
    expense_rows = [(c.label, format_money(c.amount_pence)) for c in s.expenses_by_category]
    expense_rows += [
        (
            f"Mileage ({format_miles(s.mileage_tenths)} miles)",
            format_money(s.mileage_allowance_pence),
        ),
        (f"Use of home ({plural(s.use_of_home_hours, 'hour')})", format_money(s.use_of_home_pence)),
        ("Expenses in total", format_money(s.actual_expenses_pence)),
    ]
    used_ta = s.used == AllowanceChoice.TRADING_ALLOWANCE
    profit_rows = [
        ("Turnover", format_money(s.turnover_pence)),
        (
            "Less: " + ("trading allowance" if used_ta else "expenses"),
            format_money(s.deduction_pence),
        ),
        ("Loss" if s.loss_pence else "Profit", format_money(s.loss_pence or s.profit_pence)),
    ]
    left = [
        Paragraph("Income", head),
        table(income_rows, (2,)),
        Paragraph("Expenses", head),
        table(expense_rows, (len(expense_rows) - 1,)),
        Paragraph("Profit", head),
        table(profit_rows, (2,)),
    ]

    tax_rows = [
        ("Other income (job, pension)", format_money(e.other_income_pence)),
        ("Personal allowance", format_money(e.personal_allowance_pence)),
        ("Taxable income", format_money(e.taxable_income_pence)),
    ]
    tax_rows += [
        (f"{b.name} {b.rate_percent}% on {format_money(b.income_pence)}", format_money(b.tax_pence))
        for b in e.bands
    ]
    tax_rows += [
        (f"{b.name} {b.rate_percent}% on {format_money(b.income_pence)}", format_money(b.tax_pence))
        for b in e.class4_bands
    ]
    tax_rows += [
        ("Income Tax", format_money(e.income_tax_pence)),
        ("Class 4 National Insurance", format_money(e.class4_nic_pence)),
        ("Total (estimate)", format_money(e.total_pence)),
    ]
    totals = (len(tax_rows) - 1,)
    if e.taxed_at_source_pence:
        tax_rows += [
            ("Taken at source (PAYE, estimate)", format_money(e.taxed_at_source_pence)),
            ("To pay through Self Assessment", format_money(e.to_pay_pence)),
        ]
        totals = (*totals, len(tax_rows) - 1)
    tax_rows.append(("Put aside each month", format_money(e.put_aside_monthly_pence)))
    box_rows = [(f"Box {b.box}: {b.label}", format_money(b.amount_pence)) for b in s.sa103s]
    sa_totals = tuple(i for i, b in enumerate(s.sa103s) if b.box in ("31", "32"))
    pay_rows = [
        (f"{format_date(p.due)}: {p.what}", format_money(p.amount_pence)) for p in e.payments
    ]
    right_col = [
        Paragraph("Income Tax and National Insurance (estimate)", head),
        table(tax_rows, totals),
        Paragraph("SA103S (short form) figures", head),
        table(box_rows, sa_totals),
        Paragraph(esc(s.sa103s_note), small),
        Paragraph("Payments", head),
        table(pay_rows),
    ]

    cols = Table([[left, right_col]], colWidths=[92 * mm, 92 * mm], hAlign="LEFT")
    cols.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(cols)
    story.append(Paragraph("Notes", head))
    notes = [s.advice, e.class2_note, e.payments_on_account_reason, s.mtd.text]
    if s.vat_warning:
        notes.append(s.vat_warning)
    notes += list(e.notes) + list(s.notes)
    for n in notes:
        if n:
            story.append(Paragraph("• " + esc(n), base))
    story.append(Spacer(1, 2 * mm))
    story.append(
        Paragraph(
            "An estimate from the records in Daybook, not a tax calculation from "
            "HMRC. Check the figures before you file.",
            small,
        )
    )

    return build_pdf(
        story,
        title=f"Tax year {s.year} summary",
        author=trading_name or "Daybook",
        footer=f"Tax year {s.year} summary",
        page=PageSetup(left=13 * mm, right=13 * mm, top=13 * mm, bottom=16 * mm),
        footer_inset=15 * mm,
        footer_size=7.5,
        footer_rule=False,
        font=fonts.regular,
    )
