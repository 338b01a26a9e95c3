"""The business's name and contact block with a document title on the right: the top of a
receipt and of a timesheet (the invoice has its own, richer one)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from app.documents.common import ACCENT, Fonts, base_styles, business_block
from app.documents.plain_text import plain


@dataclass(frozen=True)
class Letterhead:
    name: str
    carer_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""

    @classmethod
    def of(cls, profile: object | None) -> Letterhead:
        """From the business profile (None before the wizard: a plain placeholder)."""
        if profile is None:
            return cls("Your business name")
        return cls(
            getattr(profile, "trading_name", "") or "Your business name",
            getattr(profile, "carer_name", ""),
            getattr(profile, "address", ""),
            getattr(profile, "phone", ""),
            getattr(profile, "email", ""),
        )

    def texts(self) -> tuple[str, ...]:
        return (self.name, self.carer_name, self.address, self.phone, self.email)


@lru_cache(maxsize=4)
def styles(fonts: Fonts) -> dict[str, ParagraphStyle]:
    base = base_styles(fonts, 10, 13.5, cell_size=9.5, cell_leading=12)
    return {
        **base,
        "business": ParagraphStyle(
            "business",
            parent=base["body"],
            fontName=fonts.bold,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
        ),
        "title": ParagraphStyle(
            "title",
            parent=base["body"],
            fontName=fonts.bold,
            fontSize=18,
            leading=22,
            alignment=TA_RIGHT,
        ),
        "right_bold": ParagraphStyle("right_bold", parent=base["right"], fontName=fonts.bold),
        "big": ParagraphStyle(
            "big", parent=base["body"], fontName=fonts.bold, fontSize=13, leading=17
        ),
    }


_NO_PADDING = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
FACTS_STYLE = TableStyle(
    [*_NO_PADDING, ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
)
_HEAD_STYLE = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING])


def header(
    head: Letterhead, title: str, facts: list[tuple[str, str]], st: dict[str, ParagraphStyle]
) -> list[object]:
    """Business block on the left; the title and a few label/value facts on the right."""
    left = business_block(
        head.name,
        carer_name=head.carer_name,
        address=head.address,
        phone=head.phone,
        email=head.email,
        name_style=st["business"],
        contact_style=st["small"],
    )
    rows = [[plain(k, st["label"]), plain(v, st["right"])] for k, v in facts]
    facts_table = Table(rows, colWidths=[30 * mm, 50 * mm], hAlign="RIGHT", style=FACTS_STYLE)
    right = [plain(title, st["title"]), Spacer(1, 3 * mm), facts_table]
    return [Table([[left, right]], colWidths=[None, 80 * mm], style=_HEAD_STYLE)]
