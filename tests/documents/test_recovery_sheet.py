"""The recovery sheet carries the code, the business and the way back to the records."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from app.documents.recovery_sheet import RecoverySheet, render_recovery_sheet
from app.storage.recovery import new_recovery_code


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_sheet_shows_the_code_in_its_groups_and_the_business() -> None:
    code = new_recovery_code()
    pdf = render_recovery_sheet(
        RecoverySheet("Siobhán's Home Care", "Siobhán Ní Bhriain", code, date(2026, 11, 29))
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = _text(pdf)
    for group in code.split("-"):
        assert group in text
    assert "Siobhán's Home Care" in text
    assert "29/11/2026" in text
    assert "Open my records from a backup" in text
    assert "daybook restore FILE" in text
    assert "away from the laptop" in text
