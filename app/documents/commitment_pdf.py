"""The Independent Carer Commitment Agreement as a one-page PDF: carer and client, the four
commitments, the carer's DBS and insurance from the portfolio (number and expiry), signature
and date lines. Data in (a core CommitmentData), bytes out; the look is the contract's."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.core.commitment import COMMITMENTS, Check, CommitmentData
from app.documents.common import (
    ACCENT,
    LINE,
    MUTED,
    SHADE,
    base_styles,
    build_pdf,
    esc,
    fonts_for,
    format_date,
    format_money,
    para,
    signature_boxes,
)

NOT_IN_PORTFOLIO = "Not in the portfolio yet: add it in Portfolio, or write it in by hand."


def _dbs_lines(c: Check | None) -> list[tuple[str, str]]:
    if c is None:
        return [("DBS check", NOT_IN_PORTFOLIO)]
    if c.expiry_date:
        expiry = format_date(c.expiry_date)
    elif c.renewal_date:
        expiry = (
            "no expiry on the certificate; kept current by the DBS Update Service, "
            f"renewed by {format_date(c.renewal_date)}"
        )
    else:
        expiry = "no expiry on the certificate"
    issued = f", issued {format_date(c.issue_date)}" if c.issue_date else ""
    return [
        ("DBS check", f"{c.title}{issued}"),
        ("Certificate number", c.number or "not recorded"),
        ("Expiry", expiry),
    ]


def _insurance_lines(c: Check | None) -> list[tuple[str, str]]:
    if c is None:
        return [("Insurance", NOT_IN_PORTFOLIO)]
    what = c.title + (f", with {c.issuer}" if c.issuer else "")
    if c.cover_pence:
        what += f", cover {format_money(c.cover_pence)}"
    return [
        ("Insurance", what),
        ("Policy number", c.number or "not recorded"),
        ("Expiry", format_date(c.expiry_date) if c.expiry_date else "not recorded"),
    ]


def render_commitment_pdf(data: CommitmentData) -> bytes:
    business = data.trading_name or data.carer_name or "The Carer"
    f = fonts_for(data.client_name, data.carer_name, data.trading_name, data.address)
    base = base_styles(f, 10, 14, space_after=4, cell_size=10, cell_leading=14)
    body = base["body"]
    h1 = base["h1"]
    h2 = base["h2"]
    small = ParagraphStyle("small", parent=base["small"], spaceAfter=4)
    width = A4[0] - 36 * mm

    contact = " · ".join(
        x
        for x in (
            data.carer_name if data.carer_name != business else "",
            ", ".join(line.strip() for line in data.address.splitlines() if line.strip()),
            data.phone,
            data.email,
        )
        if x
    )
    story: list[Any] = [
        Paragraph(
            esc(business),
            ParagraphStyle("business", parent=body, fontName=f.bold, fontSize=13, textColor=ACCENT),
        ),
        para(contact, small),
    ]
    story += [
        Spacer(1, 2 * mm),
        Paragraph("Independent Carer Commitment Agreement", h1),
        para(
            f"Between {data.carer_name or business} (the Carer) and {data.client_name} "
            "(the Client).",
            body,
        ),
        Paragraph(
            "A simple, voluntary agreement that carer and client sign together to show their "
            "commitment to safety, trust and professionalism. It is not a legal contract or a "
            "council document, and it sits beside the written care agreement.",
            small,
        ),
        Paragraph("We commit to", h2),
    ]
    for i, (title, words) in enumerate(COMMITMENTS, start=1):
        block = [
            Paragraph(f"{i}. {esc(title)}", base["bold"]),
            Paragraph(esc(words), body),
        ]
        if i == 2:
            rows = [
                [Paragraph(esc(k), base["cell_bold"]), para(v, base["cell"])]
                for k, v in _dbs_lines(data.dbs) + _insurance_lines(data.insurance)
            ]
            table = Table(rows, colWidths=[42 * mm, width - 42 * mm - 6 * mm], hAlign="RIGHT")
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("BACKGROUND", (0, 0), (0, -1), SHADE),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            block += [table, Spacer(1, 2 * mm)]
        story.append(KeepTogether(block))

    sigs = signature_boxes(
        [
            ("Signed by the Carer", business, data.carer_name),
            ("Signed by the Client", "or by their representative", data.client_name),
        ],
        width,
        {**base, "small": small},
        space=4 * mm,
    )
    closing: list[Any] = [Paragraph("Signatures", h2), sigs]
    if data.signed_on:
        how = f" ({data.signed_how})" if data.signed_how else ""
        closing += [
            Spacer(1, 3 * mm),
            para(f"Recorded as signed on {format_date(data.signed_on)}{how}.", small),
        ]
    closing.append(
        Paragraph(
            "Based on the good-practice standards of Somerset Council’s Community "
            "Micro-Enterprise Programme, as adapted by Community Carers Connect.",
            ParagraphStyle("note", parent=small, textColor=MUTED, spaceBefore=6),
        )
    )
    story.append(KeepTogether(closing))

    printed = (
        f"signed {format_date(data.signed_on)}"
        if data.signed_on
        else f"printed {format_date(data.printed_on)}"
    )
    return build_pdf(
        story,
        title="Independent Carer Commitment Agreement",
        author=business,
        footer=f"{business} · Commitment agreement with {data.client_name} · {printed}",
        font=f.regular,
    )


def suggested_filename(data: CommitmentData) -> str:
    name = "".join(ch if ch.isalnum() else "-" for ch in data.client_name).strip("-")
    return f"Commitment-agreement-{name}.pdf"
