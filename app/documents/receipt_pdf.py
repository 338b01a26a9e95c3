"""A receipt for one payment (ReportLab, bytes out): who paid, how, when, how much, the
invoices it settled, what is still owed, and "received with thanks"."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from app.core.receipts import Receipt
from app.documents.common import (
    INK,
    LINE,
    MUTED,
    RULE,
    SHADE,
    PageSetup,
    build_pdf,
    esc,
    fonts_for,
    format_date,
    format_money,
    signature_lines,
)
from app.documents.letterhead import Letterhead, header, styles


def render_receipt(receipt: Receipt, head: Letterhead) -> bytes:
    fonts = fonts_for(
        *head.texts(), receipt.payer, receipt.person_name, receipt.reference, receipt.method
    )
    st = styles(fonts)
    story: list[object] = header(
        head,
        "RECEIPT",
        [("Receipt number", receipt.number), ("Date received", format_date(receipt.received_on))],
        st,
    )
    story.append(Spacer(1, 9 * mm))
    story.append(Paragraph("RECEIVED FROM", st["label"]))
    story.append(Paragraph(f"<b>{esc(receipt.payer)}</b>", st["body"]))
    if receipt.person_name:
        story.append(Paragraph(f"for the care of {esc(receipt.person_name)}", st["body"]))
    story.append(Spacer(1, 6 * mm))

    facts = [
        [Paragraph("Amount received", st["label"]), Paragraph("Paid by", st["label"])],
        [
            Paragraph(esc(format_money(receipt.amount_pence)), st["big"]),
            Paragraph(esc(receipt.method), st["big"]),
        ],
    ]
    if receipt.reference:
        facts.append([Paragraph(f"Reference: {esc(receipt.reference)}", st["small"]), ""])
    box = Table(facts, colWidths=[70 * mm, None])
    box_style = [
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if receipt.reference:
        box_style.append(("SPAN", (0, 2), (-1, 2)))
    box.setStyle(TableStyle(box_style))
    story += [box, Spacer(1, 7 * mm)]

    if receipt.lines:
        story.append(Paragraph("Invoices this payment settled", st["h3"]))
        rows: list[list[object]] = [
            ["Invoice", "Care from", "Invoice total", "Paid now", "Still owed"]
        ]
        for line in receipt.lines:
            rows.append(
                [
                    line.invoice_number,
                    f"{format_date(line.period_start)} to {format_date(line.period_end)}",
                    format_money(line.invoice_total_pence),
                    format_money(line.paid_now_pence),
                    format_money(line.left_pence),
                ]
            )
        width = PageSetup().width - 12  # the frame keeps 6 pt of padding each side
        widths = [24 * mm, 0.0, 28 * mm, 26 * mm, 26 * mm]
        widths[1] = width - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, 0), fonts.bold, 8.5),
                    ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
                    ("FONT", (0, 1), (-1, -1), fonts.regular, 9.5),
                    ("TEXTCOLOR", (0, 1), (-1, -1), INK),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, LINE),
                    ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story += [table, Spacer(1, 5 * mm)]
        owed = receipt.still_owed_pence
        story.append(
            Paragraph(
                f"<b>Still owed on these invoices: {esc(format_money(owed))}</b>"
                if owed
                else "<b>Nothing more is owed on these invoices.</b>",
                st["body"],
            )
        )
    if receipt.credit_pence:
        story.append(
            Paragraph(
                f"{esc(format_money(receipt.credit_pence))} of this payment is held as credit "
                "towards the next invoice.",
                st["body"],
            )
        )
    story.append(Spacer(1, 12 * mm))
    story.append(Paragraph("Received with thanks.", st["big"]))
    story.append(Spacer(1, 12 * mm))
    story.append(signature_lines("Received by", head.carer_name or head.name, fonts))
    return build_pdf(
        story,
        title=f"Receipt {receipt.number}",
        author=head.name,
        footer=f"Receipt {receipt.number}",
        page=PageSetup(top=18 * mm),
        font=fonts.regular,
    )
