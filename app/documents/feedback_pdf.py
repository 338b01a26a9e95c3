"""The feedback summary for the scheme's quarterly request: counts by kind, each complaint's
dates and outcome, and compliments' words only where the client agreed. No client names:
complaints are numbered. Data in (a core FeedbackReport and the profile), bytes out."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from app.core.feedback.models import HOW_LABELS, KIND_LABELS, FeedbackKind
from app.core.feedback.services import FeedbackReport
from app.documents.common import (
    LINE,
    SHADE,
    base_styles,
    build_pdf,
    esc,
    fonts_for,
    format_date,
    para,
)


def _d(day: Any) -> str:
    return format_date(day) if day else "—"


def render_feedback_pdf(report: FeedbackReport, profile: Any | None) -> bytes:
    texts = [c.outcome for c in report.complaints] + [s for _, s in report.compliments_with_consent]
    business = ""
    if profile is not None:
        business = profile.trading_name or profile.carer_name
        texts += [profile.trading_name, profile.carer_name]
    f = fonts_for(*texts)
    base = base_styles(f, 10, 14, space_after=4)
    body, cell, bold = base["body"], base["cell"], base["cell_bold"]
    h1 = ParagraphStyle("h1", parent=base["h1"], spaceAfter=2)
    h2 = ParagraphStyle("h2", parent=base["h2"], spaceBefore=10)
    width = A4[0] - 36 * mm

    def grid(rows: list[list[Any]], widths: list[float]) -> Table:
        t = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return t

    story: list[Any] = [
        Paragraph("Feedback summary", h1),
        para(
            f"{business + ' · ' if business else ''}"
            f"{format_date(report.start)} to {format_date(report.end)}",
            base["small"],
        ),
        Spacer(1, 3 * mm),
        Paragraph("Feedback received", h2),
    ]
    counts = [[Paragraph("Kind", bold), Paragraph("Number", bold)]]
    for kind in FeedbackKind:
        counts.append(
            [
                Paragraph(esc(KIND_LABELS[kind] + "s"), cell),
                Paragraph(str(report.counts.get(kind, 0)), cell),
            ]
        )
    story.append(grid(counts, [60 * mm, 30 * mm]))

    story.append(Paragraph("Complaints", h2))
    if not report.complaints:
        story.append(Paragraph("No complaints in this period.", body))
    else:
        rows = [
            [
                Paragraph(h, bold)
                for h in ("No.", "Received", "How", "Acknowledged", "Reply due", "Resolved")
            ]
        ]
        outcome_rows = []
        for i, c in enumerate(report.complaints, start=1):
            rows.append(
                [
                    Paragraph(str(i), cell),
                    Paragraph(_d(c.received_on), cell),
                    Paragraph(esc(HOW_LABELS[c.received_how]), cell),
                    Paragraph(_d(c.acknowledged_on), cell),
                    Paragraph(_d(c.reply_due), cell),
                    Paragraph(_d(c.resolved_on) if c.resolved_on else "Open", cell),
                ]
            )
            outcome_rows.append(
                [Paragraph(str(i), cell), para(c.outcome or "No outcome recorded yet.", cell)]
            )
        story.append(grid(rows, [12 * mm] + [(width - 12 * mm) / 5] * 5))
        story.append(Paragraph("Outcomes", base["h3"]))
        story.append(
            grid(
                [[Paragraph("No.", bold), Paragraph("Outcome", bold)]] + outcome_rows,
                [12 * mm, width - 12 * mm],
            )
        )

    story.append(Paragraph("Compliments", h2))
    if report.compliments_with_consent:
        rows = [[Paragraph("Received", bold), Paragraph("In the client’s words", bold)]]
        for day, summary in report.compliments_with_consent:
            rows.append([Paragraph(_d(day), cell), para(summary, cell)])
        story.append(grid(rows, [28 * mm, width - 28 * mm]))
    if report.compliments_without_consent:
        n = report.compliments_without_consent
        story.append(Spacer(1, 2 * mm))
        story.append(
            Paragraph(
                f"{n} compliment{'' if n == 1 else 's'} not shown: the client has not agreed "
                "to share the words.",
                body,
            )
        )
    if not report.compliments_with_consent and not report.compliments_without_consent:
        story.append(Paragraph("No compliments in this period.", body))

    return build_pdf(
        story,
        title="Feedback summary",
        author=business or "Daybook",
        footer=f"Feedback summary {format_date(report.start)} to {format_date(report.end)}",
        font=f.regular,
    )
