"""Writes app/core/bank_holiday_table.py: the `holidays` package's England and Wales list for
the years a carer's records use, so Daybook need not import the package (it loads all 250 of
its countries: about 8 MiB and 0.2 s) to price a visit.

    PYTHONPATH=. .venv/bin/python tools/bank_holiday_table.py

Run it after upgrading `holidays`; tests/core/test_bank_holiday_table.py fails until then
whenever the installed package lists something else (a new one-off bank holiday, say).
"""

from __future__ import annotations

import sys
from pathlib import Path

FIRST_YEAR = 2000
LAST_YEAR = 2050
TARGET = Path(__file__).resolve().parents[1] / "app" / "core" / "bank_holiday_table.py"

HEAD = '''"""England and Wales bank holidays as the `holidays` package lists them (GB, subdivision ENG,
weekend dates included), {first}-{last}: written by tools/bank_holiday_table.py from holidays
{version}, and checked against the installed package by tests/core/test_bank_holiday_table.py.
Not edited by hand. app/core/pricing.py reads it; other years ask the package."""

FIRST_YEAR = {first}
LAST_YEAR = {last}

LISTED = """
'''


def table() -> str:
    import holidays

    lines = [
        f"{day.isoformat()} {name}"
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
        for day, name in sorted(holidays.country_holidays("GB", subdiv="ENG", years=year).items())
    ]
    head = HEAD.format(first=FIRST_YEAR, last=LAST_YEAR, version=holidays.__version__)
    return head + "\n".join(lines) + '\n"""\n'


def main() -> int:
    TARGET.write_text(table(), encoding="utf-8")
    print(f"written to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
