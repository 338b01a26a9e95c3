"""Daybook keeps a copy of the `holidays` package's England and Wales list so that pricing a
visit does not import the package (issue 16). The copy must say what the package says."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from app.core.bank_holiday_table import FIRST_YEAR, LAST_YEAR
from app.core.pricing import _listed, is_bank_holiday


@pytest.mark.parametrize("year", range(FIRST_YEAR, LAST_YEAR + 1))
def test_the_copy_lists_what_the_package_lists(year: int) -> None:
    package = dict(holidays.country_holidays("GB", subdiv="ENG", years=year))
    assert _listed(year) == package, (
        f"{year} differs from holidays {holidays.__version__}: run tools/bank_holiday_table.py"
    )


def test_years_outside_the_copy_ask_the_package() -> None:
    assert FIRST_YEAR > 1999 and LAST_YEAR < 2051
    assert is_bank_holiday(date(1999, 12, 31))  # the millennium's one-off
    assert is_bank_holiday(date(2051, 12, 25))  # a Monday
    assert is_bank_holiday(date(2051, 8, 28))
    assert not is_bank_holiday(date(2051, 8, 29))
