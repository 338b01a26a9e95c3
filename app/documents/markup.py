"""User text made safe for markup (ReportLab's Paragraph, Qt's rich text). No ReportLab here,
so a screen can escape a carer's words without loading the PDF library (issue 16)."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(text: str | None) -> str:
    """User text made safe for markup: & < > escaped, control characters dropped."""
    return escape(CONTROL_CHARACTERS.sub("", text or ""))
