"""The contract as a PDF: a clean, readable agreement, ReportLab Platypus, bytes out.

`render_contract_pdf(data)` renders a version from `app.core.contracts.document`'s
`ContractPdfData` (drafts say DRAFT); that module reads the data and keeps signed copies.
"""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.core.clients import PAYER_LABELS, PayerType
from app.core.contracts.document import ContractPdfData
from app.core.contracts.form import SERVICE_CHOICES
from app.core.contracts.models import (
    FREQUENCY_LABELS,
    ContractStatus,
    ContractVersion,
    InvoiceFrequency,
    PaymentMethod,
)
from app.core.contracts.plan_b import PlanBKind
from app.core.contracts.schedule import DAY_PLURALS, schedule_in_words, time_range
from app.documents.common import (
    ACCENT,
    LINE,
    MUTED,
    SHADE,
    Fonts,
    PageSetup,
    base_styles,
    build_pdf,
    business_block,
    draft_mark,
    fonts_for,
    format_date,
    format_money,
    para,
    signature_boxes,
)

PAYMENT_IN_WORDS = {
    PaymentMethod.BANK_TRANSFER: "bank transfer",
    PaymentMethod.STANDING_ORDER: "standing order",
    PaymentMethod.CASH: "cash (the Carer gives a receipt)",
    PaymentMethod.CHEQUE: "cheque",
    PaymentMethod.DIRECT_PAYMENT_CARD: "the Direct Payment card or account",
}


@lru_cache(maxsize=4)
def _style_sheet(f: Fonts) -> SimpleNamespace:
    base = base_styles(f, 10, 14, space_after=4, cell_size=10, cell_leading=14)
    body = base["body"]
    return SimpleNamespace(
        body=body,
        small=ParagraphStyle("small", parent=base["small"], spaceAfter=4),
        contact=ParagraphStyle("contact", parent=base["small"], leading=15),  # airy lines
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=f.bold,
            fontSize=17,
            leading=21,
            spaceBefore=6,
            spaceAfter=6,
            textColor=ACCENT,
        ),
        h2=ParagraphStyle(
            "h2", parent=base["h2"], leading=15, spaceBefore=10, textColor=ACCENT, keepWithNext=0
        ),
        business=ParagraphStyle(
            "business", parent=body, fontName=f.bold, fontSize=14, leading=17, textColor=ACCENT
        ),
        right=ParagraphStyle(
            "right", parent=body, alignment=TA_RIGHT, fontSize=9, leading=12, textColor=MUTED
        ),
        cell=base["cell"],
        cell_bold=base["cell_bold"],
        regular=f.regular,
        bold=f.bold,
    )


def _styles(*texts: str | None) -> SimpleNamespace:
    """The styles in a family that covers `texts` (the names and words in this agreement)."""
    return _style_sheet(fonts_for(*texts))


_p = para  # a paragraph of plain text (escaped; line breaks kept)


def _paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    return [_p(line, style) for line in (text or "").split("\n") if line.strip()]


def per_hour(pence: int) -> str:
    return f"{format_money(pence)} per hour"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _days_notice(n: int) -> str:
    return f"{n} day’s notice" if n == 1 else f"{n} days’ notice"


def _hours(n: int) -> str:
    return f"{n} hour" if n == 1 else f"{n} hours"


def _christmas_words(any_weekday: bool) -> str:
    if any_weekday:
        return (
            "The bank holiday rate also applies on 25 and 26 December whatever the weekday, "
            "as well as on the substitute bank holidays when either falls on a weekend."
        )
    return (
        "When Christmas Day or Boxing Day falls on a weekend, the bank holiday rate applies "
        "on the substitute weekday bank holiday, not on the weekend day."
    )


def _grid(
    rows: list[list[object]],
    widths: list[float],
    *,
    header: bool = False,
    shade_first_col: bool = False,
) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    if shade_first_col:
        style.append(("BACKGROUND", (0, 0), (0, -1), SHADE))
    table.setStyle(TableStyle(style))
    return table


def render_contract_pdf(data: ContractPdfData) -> bytes:
    """The agreement for one version. Unsigned versions carry a DRAFT mark."""
    version, profile, client, plan_b = data.version, data.profile, data.client, data.plan_b
    business = (profile.trading_name if profile else "") or "The Carer"
    carer_name = profile.carer_name if profile else ""
    st = _styles(
        business,
        carer_name,
        profile.address if profile else "",
        client.name,
        client.address,
        client.billing_name,
        client.billing_address,
        version.services_text,
        version.plan_b_text,
        version.boundaries_text,
        version.confidentiality_text,
        version.complaints_text,
        *(f"{c.name} {c.phone or ''}" for c in plan_b),
    )
    draft = version.status not in (ContractStatus.SIGNED, ContractStatus.SUPERSEDED)
    page = PageSetup(bottom=22 * mm)
    width = page.width - 12  # the frame keeps 6 pt of padding each side
    story: list[object] = []

    # Header: the business on the left, the document on the right.
    left = business_block(
        business,
        carer_name=carer_name,
        address=profile.address if profile else "",
        phone=profile.phone if profile else "",
        email=profile.email if profile else "",
        name_style=st.business,
        contact_style=st.contact,
    )
    right = [
        _p(f"Agreement no. {version.contract_id}", st.right),
        _p(f"Version {version.version_no}", st.right),
        _p(
            ("DRAFT – not signed" if draft else f"Signed {format_date(version.signed_on)}"),
            st.right,
        ),
    ]
    head = Table([[left, right]], colWidths=[width * 0.6, width * 0.4])
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [head, Spacer(1, 4 * mm), _p("Agreement for care and support", st.h1)]

    # Parties.
    story.append(_p("Between", st.h2))
    carer_cell = [
        _p(
            business + (f" ({carer_name})" if carer_name and carer_name != business else ""),
            st.cell_bold,
        ),
        *[_p(line, st.cell) for line in (profile.address.splitlines() if profile else [])],
    ]
    client_cell = [
        _p(client.name, st.cell_bold),
        *[_p(line, st.cell) for line in client.address.splitlines()],
    ]
    rows = [
        [
            _p("The Carer", st.cell_bold),
            carer_cell,
            _p("self-employed; “the Carer”, “I”", st.small),
        ],
        [
            _p("The Client", st.cell_bold),
            client_cell,
            _p("the person receiving care; “the Client”, “you”", st.small),
        ],
    ]
    if client.payer_type != PayerType.CLIENT:
        payer_cell = [
            _p(client.billing_name, st.cell_bold),
            *[_p(line, st.cell) for line in client.billing_address.splitlines()],
        ]
        rows.append(
            [
                _p("The Payer", st.cell_bold),
                payer_cell,
                _p(f"{PAYER_LABELS[PayerType(client.payer_type)]}: pays the invoices", st.small),
            ]
        )
    story.append(_grid(rows, [28 * mm, width - 28 * mm - 55 * mm, 55 * mm], shade_first_col=True))

    # 1. Start.
    story.append(_p("1. When this agreement starts", st.h2))
    start = f"This agreement starts on {format_date(version.starts_on)}."
    if version.version_no > 1:
        start += (
            f" It is version {version.version_no}: from that date it replaces the "
            "earlier version, which still applies to care before then."
        )
    story.append(_p(start, st.body))
    if version.ends_on:
        story.append(
            _p(
                f"It ends on {format_date(version.ends_on)}, unless both sides agree "
                "in writing to continue.",
                st.body,
            )
        )
    else:
        story.append(
            _p("It continues until either side ends it by giving notice (section 6).", st.body)
        )

    # 2. Services.
    story.append(_p("2. The help agreed", st.h2))
    items = [SERVICE_CHOICES[s] for s in version.services or [] if s in SERVICE_CHOICES]
    if items:
        story.append(
            ListFlowable(
                [ListItem(_p(i, st.body), leftIndent=12) for i in items],
                bulletType="bullet",
                start="•",
                leftIndent=12,
                bulletFontName=st.regular,
            )
        )
    story += _paragraphs(version.services_text, st.body)
    story.append(
        _p(
            "The Carer does only the tasks agreed here; any change is agreed in writing first.",
            st.small,
        )
    )

    # 3. Schedule.
    schedule_block: list[object] = [
        _p("3. When visits happen", st.h2),
        _p(schedule_in_words(version.slots, version.every_n_weeks or 1) + ".", st.cell_bold),
    ]
    rows = [[_p("Day", st.cell_bold), _p("Time", st.cell_bold), _p("How often", st.cell_bold)]]
    for s in version.slots:
        rows.append(
            [
                _p(DAY_PLURALS[s.weekday], st.cell),
                _p(time_range(s.start, s.end) + (" (specialist)" if s.specialist else ""), st.cell),
                _p(
                    "Every other week" if (version.every_n_weeks or 1) == 2 else "Every week",
                    st.cell,
                ),
            ]
        )
    table = _grid(rows, [40 * mm, 60 * mm, width - 100 * mm], header=True)
    table.repeatRows = 1
    schedule_block.append(table)
    schedule_block.append(
        _p(
            "Times may move by agreement; a change of regular days or times is agreed in writing.",
            st.small,
        )
    )
    story.append(KeepTogether(schedule_block) if len(rows) <= 15 else schedule_block[0])
    if len(rows) > 15:
        story += schedule_block[1:]

    # 4. Charges.
    story.append(CondPageBreak(50 * mm))
    story.append(_p("4. Charges", st.h2))
    rows = [[_p("Standard rate", st.cell), _p(per_hour(version.standard_rate_pence), st.cell_bold)]]
    for label, pence in (
        ("Evening rate (18:00 to 07:00)", version.evening_rate_pence),
        ("Weekend rate (Saturday and Sunday)", version.weekend_rate_pence),
        ("Bank holiday rate (England and Wales bank holidays)", version.bank_holiday_rate_pence),
        ("Specialist rate (specialist visits agreed in writing)", version.specialist_rate_pence),
    ):
        if pence is not None:
            rows.append([_p(label, st.cell), _p(per_hour(pence), st.cell_bold)])
    if version.minimum_charge_pence:
        rows.append(
            [
                _p("Minimum charge per visit", st.cell),
                _p(format_money(version.minimum_charge_pence), st.cell_bold),
            ]
        )
    rows.append(
        [
            _p("Mileage (travel on the Client’s behalf, e.g. shopping or outings)", st.cell),
            _p(
                f"{format_money(version.mileage_pence_per_mile)} per mile"
                if version.mileage_pence_per_mile
                else "No charge",
                st.cell_bold,
            ),
        ]
    )
    story.append(_grid(rows, [width - 55 * mm, 55 * mm], shade_first_col=True))
    story.append(_p("How visits are charged", st.cell_bold))
    story.append(_p(version.charging.terms(), st.body))
    story.append(
        _p(
            "The rate is the one for the time of day; where a visit crosses into another "
            "rate, each part is charged at its own rate.",
            st.small,
        )
    )
    if version.bank_holiday_rate_pence is not None:
        story.append(_p(_christmas_words(bool(version.christmas_holiday_rate)), st.small))
    story.append(_p("Late cancellation", st.cell_bold))
    hours = version.late_cancel_hours
    pct = version.late_cancel_percent
    if pct and hours:
        story.append(
            _p(
                f"If a visit is cancelled with less than {_hours(hours)}’ notice, "
                f"{pct}% of that visit’s charge is payable. Visits the Carer cancels "
                "are never charged.",
                st.body,
            )
        )
    else:
        story.append(_p("Cancelled visits are not charged.", st.body))

    # 5. Invoices and payment.
    story.append(_p("5. Invoices and payment", st.h2))
    freq = FREQUENCY_LABELS[InvoiceFrequency(version.invoice_frequency)].lower()
    method = PAYMENT_IN_WORDS[PaymentMethod(version.payment_method)]
    terms = (
        "on receipt"
        if version.payment_terms_days == 0
        else f"within {_days(version.payment_terms_days)} of the invoice date"
    )
    story.append(
        _p(
            f"The Carer sends an invoice {freq} for the visits made. Payment is due "
            f"{terms}, by {method}. Payment details are on each invoice.",
            st.body,
        )
    )

    # 6. Notice.
    story.append(_p("6. Ending the agreement (notice)", st.h2))
    story.append(
        _grid(
            [
                [
                    _p("Notice the Client gives", st.cell),
                    _p(_days_notice(version.notice_days_client), st.cell_bold),
                ],
                [
                    _p("Notice the Carer gives", st.cell),
                    _p(_days_notice(version.notice_days_carer), st.cell_bold),
                ],
            ],
            [width - 55 * mm, 55 * mm],
            shade_first_col=True,
        )
    )
    story.append(
        _p(
            "Either side may end this agreement by telling the other, in writing or "
            "in person, and giving the notice above. The last day is that many days "
            "after the day notice is given; visits up to the last day are charged as "
            "usual. Either side may end it at once where someone’s safety is at "
            "risk.",
            st.body,
        )
    )

    # 7. Plan B.
    story.append(CondPageBreak(45 * mm))
    story.append(_p("7. Plan B: when the Carer is ill or cannot come", st.h2))
    story += _paragraphs(version.plan_b_text, st.body)
    if plan_b:
        rows = [[_p("Who", st.cell_bold), _p("Role", st.cell_bold), _p("Phone", st.cell_bold)]]
        for c in plan_b:
            role = (
                "Arranges cover"
                if c.kind == PlanBKind.ARRANGES_COVER
                else "Provider the Carer may suggest"
            )
            rows.append([_p(c.name, st.cell), _p(role, st.cell), _p(c.phone or "", st.cell)])
        story.append(
            KeepTogether(
                [
                    _p("Who to contact", st.cell_bold),
                    _grid(rows, [65 * mm, 60 * mm, width - 125 * mm], header=True),
                ]
            )
        )
    else:
        story.append(
            _p(
                "Who arranges cover: ______________________________  Phone: ____________________",
                st.body,
            )
        )

    # 8–10. The clause wording this version keeps.
    n = 8
    for title, text in (
        ("Boundaries", version.boundaries_text),
        ("Confidentiality and data protection", version.confidentiality_text),
        ("Complaints", version.complaints_text),
    ):
        if not (text or "").strip():
            continue
        block = [_p(f"{n}. {title}", st.h2), *_paragraphs(text, st.body)]
        if title == "Complaints" and profile and profile.safeguarding_phone:
            block.append(
                _p(f"Adult safeguarding (the council): {profile.safeguarding_phone}", st.body)
            )
        story.append(KeepTogether(block[:3]))
        story += block[3:]
        n += 1

    # Signatures.
    sigs = signature_boxes(
        [
            ("Signed for the Carer", business, carer_name),
            ("Signed by the Client", "or by their representative", ""),
        ],
        width,
        {"cell": st.cell, "cell_bold": st.cell_bold, "small": st.small},
    )
    closing = [
        _p(f"{n}. Signatures", st.h2),
        _p(
            "Both sides keep a signed copy. Signing means we have read and agree to "
            "this agreement.",
            st.body,
        ),
        sigs,
    ]
    if not draft and version.signed_on:
        how = f" ({version.signed_how})" if version.signed_how else ""
        closing.append(Spacer(1, 3 * mm))
        closing.append(
            _p(f"Recorded as signed on {format_date(version.signed_on)}{how}.", st.small)
        )
    story.append(KeepTogether(closing))

    def mark(canvas: object, _page: int, _total: int) -> None:
        draft_mark(canvas, size=90, font=st.bold)  # type: ignore[arg-type]

    footer = f"{business} · Agreement with {client.name} · Version {version.version_no}" + (
        " · DRAFT" if draft else ""
    )
    return build_pdf(
        story,
        title=f"Care agreement, version {version.version_no}",
        author=business,
        subject="Agreement for care and support",
        footer=footer,
        page=page,
        footer_inset=18 * mm + 6,
        font=st.regular,
        after_page=mark if draft else None,
    )


def suggested_filename(version: ContractVersion) -> str:
    name = "".join(ch if ch.isalnum() else "-" for ch in version.contract.client.name).strip("-")
    return f"Agreement-{name}-v{version.version_no}.pdf"
