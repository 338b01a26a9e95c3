"""The "keep this safe" recovery sheet: the recovery code, large and clear, with what it is for
and how to open the records on a new computer (ReportLab, data in, bytes out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.common import (
    ACCENT,
    DANGER,
    RULE,
    SHADE,
    Fonts,
    PageSetup,
    base_styles,
    build_pdf,
    esc,
    fonts_for,
    format_date,
)


@dataclass(frozen=True)
class RecoverySheet:
    business_name: str
    carer_name: str
    code: str  # printed form: six groups of five, joined by dashes
    made_on: date


@lru_cache(maxsize=4)
def _styles(f: Fonts) -> dict[str, ParagraphStyle]:
    st = base_styles(f, 10.5, 14.5, space_after=4)
    return {
        **st,
        "title": ParagraphStyle(
            "title", parent=st["body"], fontName=f.bold, fontSize=20, leading=25, textColor=ACCENT
        ),
        "warning": ParagraphStyle(
            "warning", parent=st["body"], fontName=f.bold, textColor=DANGER, spaceAfter=6
        ),
        "group": ParagraphStyle(
            "group",
            parent=st["body"],
            fontName=f.mono_bold,
            fontSize=24,
            leading=30,
            alignment=TA_CENTER,
            spaceAfter=0,
        ),
        "group_no": ParagraphStyle(
            "group_no", parent=st["small"], alignment=TA_CENTER, spaceAfter=0
        ),
    }


def _code_table(code: str, st: dict[str, ParagraphStyle]) -> Table:
    groups = code.split("-")
    numbers = [Paragraph(f"Group {i}", st["group_no"]) for i in range(1, len(groups) + 1)]
    cells = [Paragraph(esc(g), st["group"]) for g in groups]
    rows = [numbers[:3], cells[:3], numbers[3:], cells[3:]]
    table = Table(rows, colWidths=[55 * mm] * 3, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEBELOW", (0, 1), (-1, 1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 10),
                ("BOTTOMPADDING", (0, 3), (-1, 3), 10),
            ]
        )
    )
    return table


def _steps(items: list[str], style: ParagraphStyle) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(text, style), leftIndent=14) for text in items],
        bulletType="1",
        bulletFontName=style.fontName,
        bulletFontSize=style.fontSize,
        leftIndent=14,
    )


def render_recovery_sheet(sheet: RecoverySheet) -> bytes:
    fonts = fonts_for(sheet.business_name, sheet.carer_name)
    st = _styles(fonts)
    body, h2 = st["body"], st["h2"]
    who = " · ".join(esc(x) for x in (sheet.business_name, sheet.carer_name) if x)
    story: list = [
        Paragraph("Daybook recovery sheet: keep this safe", st["title"]),
        Paragraph(f"{who} · made on {format_date(sheet.made_on)}", st["small"]),
        Spacer(1, 6 * mm),
        Paragraph(
            "This is the recovery code for your Daybook records. With it, your records and "
            "your backups can be opened on another computer if this laptop is lost, stolen, "
            "broken or replaced, or if its password store forgets Daybook's key.",
            body,
        ),
        Spacer(1, 3 * mm),
        _code_table(sheet.code, st),
        Paragraph(
            "The code has no letter O or I and no digit 0 or 1, so nothing on it can be misread.",
            st["small"],
        ),
        Spacer(1, 4 * mm),
        Paragraph("Keep it safe", h2),
        Paragraph(
            "Anyone with this code and a copy of your backups can read your records, including "
            "what you have written about the people you care for.",
            st["warning"],
        ),
        _steps(
            [
                "Keep this sheet somewhere safe at home, <b>away from the laptop</b> (not in "
                "the laptop bag), for example with your passport or insurance papers.",
                "<b>Never send it by email or text, and never take a photo of it.</b>",
                "The code opens your backups, so keep a recent backup away from the laptop "
                "too: in Daybook's Settings, <b>Back up to a file…</b> onto a USB stick.",
                "Do not keep the code in a file on the laptop. If you lose this sheet, print it "
                "again from Daybook's Settings, Keys and recovery.",
            ],
            body,
        ),
        Paragraph("Opening your records on a new computer", h2),
        _steps(
            [
                "Copy your Daybook backups folder (or one backup file ending in <b>.db</b> "
                "together with the <b>.recovery.json</b> file of the same name beside it) to "
                "the new computer, for example from a USB stick.",
                "Install Daybook and start it.",
                "On the first page choose <b>Open my records from a backup</b>.",
                "Choose the backup file, then type the code from this sheet. Capital or small "
                "letters, spaces and dashes do not matter.",
            ],
            body,
        ),
        Paragraph(
            "Without a window (in a terminal): <b>daybook restore FILE</b>, "
            "then type the code when asked.",
            st["small"],
        ),
    ]
    return build_pdf(
        story,
        title="Daybook recovery sheet",
        author="Daybook",
        footer="Daybook recovery sheet: keep this safe",
        page=PageSetup(left=20 * mm, right=20 * mm, top=18 * mm, bottom=22 * mm),
        footer_inset=18 * mm,
        font=fonts.regular,
    )
