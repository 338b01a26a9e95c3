"""The subject access export as a readable PDF: who holds the data (the controller), when it
was exported, then each kind of record with every field. Data in (a core SubjectAccess),
bytes out."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from app.core.formatting import format_money
from app.core.privacy.subject_access import SubjectAccess
from app.documents.common import base_styles, build_pdf, fonts_for, format_date
from app.documents.markup import esc


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _value(key: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if key.endswith("_pence") and isinstance(value, int) and not isinstance(value, bool):
        return format_money(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(
            ", ".join(f"{_label(k)}: {_value(k, v)}" for k, v in item.items())
            if isinstance(item, dict)
            else str(item)
            for item in value
        )
    if isinstance(value, dict):
        return ", ".join(f"{_label(k)}: {_value(k, v)}" for k, v in value.items())
    return str(value)


def render_subject_access_pdf(sar: SubjectAccess) -> bytes:
    texts = [sar.client_name, *sar.controller.values()]
    for section in sar.sections:
        for row in section.rows:
            texts += [str(v) for v in row.values() if isinstance(v, str)]
    f = fonts_for(*texts)
    base = base_styles(f, 9, 12, space_after=3)
    body, small = base["body"], base["small"]
    h1 = ParagraphStyle("h1", parent=base["h1"], spaceAfter=2)
    h2 = ParagraphStyle("h2", parent=base["h2"], spaceBefore=10)
    record = ParagraphStyle("record", parent=body, leftIndent=4 * mm, spaceAfter=5)
    business = sar.controller.get("business") or sar.controller.get("carer") or ""
    story: list[Any] = [
        Paragraph("Subject access: the records held about", h1),
        Paragraph(esc(sar.client_name), h1),
        Paragraph(
            f"Exported on {format_date(sar.exported_on)} by {esc(business)}"
            f"{' (' + esc(sar.controller.get('carer', '')) + ')' if sar.controller.get('carer') else ''}"
            ", the data controller for these records.",
            body,
        ),
        Paragraph(
            "This is everything Daybook holds about this person. Each record is listed with "
            "all of its details. Stored documents (invoice PDFs, signed agreements) are "
            "named; copies can be given on request.",
            small,
        ),
    ]
    if sar.left_out:
        story.append(Paragraph("Left out: " + esc("; ".join(sar.left_out)) + ".", small))
    story.append(Spacer(1, 3 * mm))
    for section in sar.sections:
        count = len(section.rows)
        story.append(Paragraph(f"{esc(section.title)} ({count})", h2))
        if not section.rows:
            story.append(Paragraph("None held.", small))
            continue
        for row in section.rows:
            parts = [
                f"<b>{esc(_label(k))}:</b> {esc(_value(k, v))}"
                for k, v in row.items()
                if v not in (None, "", [])
            ]
            story.append(Paragraph(" · ".join(parts), record))
    return build_pdf(
        story,
        title="Subject access export",
        author=business or "Daybook",
        footer=f"Subject access export, {format_date(sar.exported_on)}",
        font=f.regular,
    )
