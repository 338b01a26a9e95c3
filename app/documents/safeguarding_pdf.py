"""One safeguarding record with its addenda, as a factual PDF for the council or the police.

Data in (a core RecordView and the business profile), bytes out. Every time is shown in UK
time with the date; every entry shows its seal (the SHA-256 hash in the chain). The footer
says "Confidential" and "Page N of M". The PDF's metadata carries no free text.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.common import (
    INK,
    LINE,
    MUTED,
    SHADE,
    Fonts,
    PageSetup,
    base_styles,
    build_pdf,
    esc,
    fonts_for,
    format_date,
    format_datetime,
    markup_lines,
)


@lru_cache(maxsize=4)
def _styles(f: Fonts) -> dict[str, ParagraphStyle]:
    base = base_styles(f, 10.5, 14.5, space_after=4)
    body = base["body"]
    return {
        **base,
        "title": ParagraphStyle("title", parent=base["h1"], fontSize=20, leading=25, spaceAfter=2),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, leading=14, textColor=MUTED, spaceAfter=10
        ),
        "h2": ParagraphStyle("h2", parent=base["h2"], fontSize=12.5, spaceBefore=12),
        "hash": ParagraphStyle(
            "hash", parent=body, fontName=f.mono, fontSize=8.5, leading=11, spaceAfter=0
        ),
    }


def _text(value: str, empty: str = "Not recorded") -> str:
    """Carer's text as Platypus markup: escaped, line breaks kept."""
    value = (value or "").strip()
    if not value:
        return f"<i>{empty}</i>"
    return markup_lines(value, keep_blank=True)


def _follow_up(view: Any) -> str:
    first, now = view.follow_up_due, view.follow_up_waiting
    if first is None and now is None:
        return "<i>None set</i>"
    if now is None:
        return f"{esc(format_date(first))} (marked done in an addendum)"
    if first is None:
        return f"{esc(format_date(now))} (set in an addendum)"
    if first == now:
        return f"{esc(format_date(now))} (not yet marked done)"
    return f"{esc(format_date(first))}; moved to {esc(format_date(now))} in an addendum"


def render_safeguarding_pdf(
    view: Any, profile: Any | None, *, printed_at: datetime | None = None
) -> bytes:
    """`view` is a core RecordView; `profile` the BusinessProfile (or None)."""
    from app.core.base import utcnow

    f = fonts_for(
        view.who,
        view.place,
        view.present,
        view.seen_heard,
        view.actions_taken,
        *(t for n in view.notifications for t in (n.name, n.reference)),
        *(a.text for a in view.addenda),
        *((profile.carer_name, profile.trading_name, profile.email) if profile else ()),
    )
    s = _styles(f)
    printed = printed_at or utcnow()

    def grid(rows: list[list[Any]], widths: list[float], *, header: bool = False) -> Table:
        t = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, LINE),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        style.append(("BACKGROUND", (0, 0), (-1, 0) if header else (0, -1), SHADE))
        t.setStyle(TableStyle(style))
        return t

    def cell(text: str, bold: bool = False) -> Paragraph:
        return Paragraph(text, s["cell_bold" if bold else "cell"])

    width = A4[0] - 36 * mm
    story: list[Any] = [
        Paragraph("Safeguarding record", s["title"]),
        Paragraph(
            f"Record #{view.id} · Confidential · printed {esc(format_datetime(printed))} (UK time)",
            s["subtitle"],
        ),
    ]

    who = esc(view.who or "")
    if view.is_client:
        who += f" (client number {view.client_id})"
    else:
        who += " (not a client)"
    carer = ""
    if profile is not None:
        bits = [profile.carer_name, profile.trading_name, profile.phone, profile.email]
        carer = esc(", ".join(b for b in bits if b))
    facts = [
        ("Person concerned", who),
        ("When it happened", esc(format_datetime(view.happened_at))),
        ("When this was written", esc(format_datetime(view.written_at))),
        ("Where", _text(view.place)),
        ("Who was present", _text(view.present)),
        ("Categories", esc(", ".join(view.categories))),
        ("Consent to referral", esc(view.consent)),
        ("Follow-up due", _follow_up(view)),
        ("Recorded by", carer or "<i>Not recorded</i>"),
    ]
    story.append(
        grid([[cell(k, bold=True), cell(v)] for k, v in facts], [45 * mm, width - 45 * mm])
    )
    story.append(Paragraph("All times are UK time (Europe/London).", s["small"]))

    story.append(Paragraph("What was seen and heard", s["h2"]))
    story.append(Paragraph(_text(view.seen_heard), s["body"]))
    story.append(Paragraph("What the carer did", s["h2"]))
    story.append(Paragraph(_text(view.actions_taken), s["body"]))

    story.append(Paragraph("Who was told", s["h2"]))
    if view.notifications:
        rows = [
            [cell("Who", True), cell("When", True), cell("Name", True), cell("Reference", True)]
        ]
        for n in view.notifications:
            rows.append(
                [
                    cell(esc(n.kind)),
                    cell(esc(format_datetime(n.at)) if n.at else ""),
                    cell(_text(n.name, "")),
                    cell(_text(n.reference, "")),
                ]
            )
        story.append(
            grid(
                rows, [48 * mm, 30 * mm, width - 48 * mm - 30 * mm - 38 * mm, 38 * mm], header=True
            )
        )
    else:
        story.append(Paragraph("<i>No one recorded.</i>", s["body"]))

    story.append(
        KeepTogether(
            [
                Paragraph("Seal of this record", s["h3"]),
                Paragraph(view.content_hash, s["hash"]),
            ]
        )
    )

    heading = Paragraph(f"Addenda ({len(view.addenda)})", s["h2"])
    if not view.addenda:
        story += [heading, Paragraph("<i>No addenda.</i>", s["body"])]
    for i, a in enumerate(view.addenda):
        block = [heading] if i == 0 else []  # the heading never ends a page on its own
        block += [
            Paragraph(
                f"Addendum {a.seq}: {esc(a.kind)}, written {esc(format_datetime(a.written_at))}",
                s["h3"],
            ),
            Paragraph(_text(a.text), s["body"]),
        ]
        if a.follow_up_due:
            block.append(
                Paragraph(f"Next follow-up due: {esc(format_date(a.follow_up_due))}", s["body"])
            )
        block.append(Paragraph(f"Seal: {a.content_hash}", s["hash"]))
        story.append(KeepTogether(block))

    story.append(Spacer(1, 10))
    story.append(
        Paragraph(
            "This record was saved in Daybook and cannot be changed afterwards; corrections and "
            "follow-ups are the dated addenda above. Each seal is the SHA-256 hash of the entry's "
            "content and the seal of the entry before it, calculated when it was saved. "
            "A seal that no longer matches shows the entry was changed.",
            s["small"],
        )
    )

    return build_pdf(
        story,
        title=f"Safeguarding record #{view.id}",
        author=(profile.trading_name if profile is not None else "Daybook"),
        subject="Safeguarding record (confidential)",
        footer=f"Confidential: safeguarding record #{view.id}",
        page=PageSetup(top=18 * mm, bottom=22 * mm),
        footer_size=8.5,
        footer_color=INK,
        font=f.regular,
    )
