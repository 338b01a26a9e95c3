"""The UK tax year: 6 April to 5 April, written "2026-27"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.core.errors import ValidationError

_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})\s*$")


@dataclass(frozen=True, order=True)
class TaxYear:
    """The tax year that starts on 6 April of `start_year`."""

    start_year: int

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 6)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 4, 5)

    def __str__(self) -> str:
        return self.label

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    @classmethod
    def of(cls, d: date) -> TaxYear:
        return cls(d.year if d >= date(d.year, 4, 6) else d.year - 1)

    @classmethod
    def parse(cls, text: str, field: str = "year") -> TaxYear:
        """'2026-27', '2026/27' or '2026-2027' -> TaxYear(2026)."""
        raw = (text or "").strip()
        m = _PATTERN.match(raw)
        if not m:
            shown = raw[:20] if raw else "nothing"
            raise ValidationError(field, f"“{shown}” is not a tax year; write it like 2026-27.")
        start, second = int(m.group(1)), m.group(2)
        expected = start + 1
        ok = (int(second) == expected % 100) if len(second) == 2 else int(second) == expected
        if not ok or start < 1900:
            raise ValidationError(
                field,
                f"“{raw[:20]}” is not a tax year: the second year must "
                f"follow the first, like {start}-{expected % 100:02d}.",
            )
        return cls(start)

    def next(self) -> TaxYear:
        return TaxYear(self.start_year + 1)

    def previous(self) -> TaxYear:
        return TaxYear(self.start_year - 1)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) for April .. March: the months a monthly view of this year shows."""
        return [(self.start_year + (m < 4), m) for m in (*range(4, 13), 1, 2, 3)]

    @staticmethod
    def month_owner(year: int, month: int) -> TaxYear:
        """The tax year a whole calendar month is counted in (April belongs to the new year)."""
        return TaxYear(year if month >= 4 else year - 1)
