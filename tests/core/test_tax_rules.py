"""The money rules at their edges, one case a row, each with the source it was checked against."""

from __future__ import annotations

import pytest

from app.core.money.tax import estimate_tax, payments_on_account_needed, personal_allowance
from app.core.money.tax_rates import rates_for

P = 100  # pence in a pound

ITA_S35 = "Income Tax Act 2007 s35(2)-(3), legislation.gov.uk: reduce by half the excess, round up"
POA = (
    "GOV.UK, Understanding your Self Assessment tax bill: no payments on account if the last "
    "bill was less than £1,000 or more than 80% of the tax was already paid"
)


@pytest.mark.parametrize(
    ("income_pence", "allowance_pounds", "source"),
    [
        (100_000 * P, 12_570, ITA_S35 + ": no excess"),
        (100_000 * P + 1, 12_570, ITA_S35 + ": 12,569.995 rounds up"),
        (100_001 * P, 12_570, ITA_S35 + ": 12,569.50 rounds up to 12,570"),
        (100_002 * P, 12_569, ITA_S35 + ": £1 for £2"),
        (100_003 * P, 12_569, ITA_S35 + ": 12,568.50 rounds up"),
        (110_000 * P, 7_570, ITA_S35 + ": £10,000 over takes £5,000"),
        (125_139 * P, 1, ITA_S35 + ": 0.50 left rounds up to £1"),
        (125_140 * P, 0, ITA_S35 + ": gone at £125,140"),
        (200_000 * P, 0, ITA_S35 + ": never below nothing"),
    ],
)
def test_personal_allowance_taper_in_whole_pounds(
    income_pence: int, allowance_pounds: int, source: str
) -> None:
    assert personal_allowance(rates_for("2026-27"), income_pence) == allowance_pounds * P, source


def test_estimate_at_100001_keeps_the_whole_allowance() -> None:
    e = estimate_tax("2026-27", 100_001 * P)
    assert e.personal_allowance_pence == 12_570 * P, ITA_S35
    assert e.taxable_income_pence == (100_001 - 12_570) * P


@pytest.mark.parametrize(
    ("to_pay_pence", "at_source_pence", "due", "words", "source"),
    [
        (999_99, 0, False, "less than £1,000.00", POA + ": £999.99 is less"),
        (1_000_00, 0, True, "£1,000.00 or more", POA + ": exactly £1,000 is not less"),
        (1_000_01, 0, True, "£1,000.00 or more", POA),
        (2_000_00, 8_000_00, True, "no more than 80%", POA + ": exactly 80% is not more"),
        (1_999_99, 8_000_01, False, "more than 80%", POA + ": 80.0001% is more"),
        (5_000_00, 0, True, "£1,000.00 or more", POA),
    ],
)
def test_payments_on_account_edges(
    to_pay_pence: int, at_source_pence: int, due: bool, words: str, source: str
) -> None:
    needed, reason = payments_on_account_needed(rates_for("2026-27"), to_pay_pence, at_source_pence)
    assert needed is due, source
    assert words in reason


SCOT_2026 = "Scottish Rate Resolution 2026-27, motion S6M-20844: starter 19% on income up to £3,967"


@pytest.mark.parametrize(
    ("profit_pounds", "income_tax_pence", "source"),
    [
        (16_537, 3_967 * 19, SCOT_2026 + ": the whole starter band, £753.73"),
        (20_000, 3_967 * 19 + 3_463 * 20, SCOT_2026 + ": then basic 20% on £3,463"),
    ],
)
def test_scottish_2026_27_starter_band(
    profit_pounds: int, income_tax_pence: int, source: str
) -> None:
    e = estimate_tax("2026-27", profit_pounds * P, scottish=True)
    assert e.income_tax_pence == income_tax_pence, source
