"""Income Tax and Class 4 estimates against figures worked from HMRC's published rates.

Sources: GOV.UK "Income Tax rates and Personal Allowances" (personal allowance £12,570,
basic 20% to £37,700 taxable, higher 40% to £125,140, additional 45%; allowance reduced by
£1 for every £2 over £100,000), GOV.UK "Self-employed National Insurance rates" (Class 4 6%
between £12,570 and £50,270, 2% above, from 6 April 2024), gov.scot "Scottish Income Tax
rates and bands 2025 to 2026", and the worked example in domain/uk-rules.md.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.core.errors import DaybookError, ValidationError
from app.core.money.tax import estimate_tax
from app.core.money.tax_rates import mtd_threshold_pence, rates_for
from app.core.money.tax_year import TaxYear

P = 100  # pence in a pound


def test_worked_example_from_uk_rules() -> None:
    e = estimate_tax("2026-27", 30_000 * P)
    assert e.personal_allowance_pence == 12_570 * P
    assert e.taxable_income_pence == 17_430 * P
    assert e.income_tax_pence == 3_486_00
    assert e.class4_nic_pence == 1_045_80
    assert e.total_pence == 4_531_80
    assert e.to_pay_pence == 4_531_80
    assert e.put_aside_monthly_pence == 377_65  # £4,531.80 / 12 = £377.65
    assert [b.name for b in e.bands] == ["Basic rate"]


def test_profit_60000_reaches_the_higher_rate_and_class4_upper_rate() -> None:
    # 47,430 taxable: 37,700 x 20% = 7,540; 9,730 x 40% = 3,892
    # Class 4: 37,700 x 6% = 2,262; 9,730 x 2% = 194.60
    e = estimate_tax("2026-27", 60_000 * P)
    assert e.income_tax_pence == 11_432_00
    assert e.class4_nic_pence == 2_456_60
    assert e.total_pence == 13_888_60
    assert [(b.name, b.income_pence) for b in e.bands] == [
        ("Basic rate", 37_700 * P),
        ("Higher rate", 9_730 * P),
    ]


def test_profit_110000_loses_part_of_the_personal_allowance() -> None:
    # allowance 12,570 - (110,000 - 100,000) / 2 = 7,570; taxable 102,430
    # 7,540 + 64,730 x 40% = 25,892 -> 33,432; Class 4 2,262 + 59,730 x 2% = 1,194.60
    e = estimate_tax("2026-27", 110_000 * P)
    assert e.personal_allowance_pence == 7_570 * P
    assert e.taxable_income_pence == 102_430 * P
    assert e.income_tax_pence == 33_432_00
    assert e.class4_nic_pence == 3_456_60


def test_allowance_gone_at_125140_and_additional_rate_above() -> None:
    assert estimate_tax("2026-27", 125_140 * P).personal_allowance_pence == 0
    e = estimate_tax("2026-27", 130_000 * P)
    # 7,540 + 87,440 x 40% = 34,976 + 4,860 x 45% = 2,187 -> 44,703
    assert e.income_tax_pence == 44_703_00


def test_other_income_uses_the_allowance_first_and_class4_is_on_profit_alone() -> None:
    # pension 20,000 + profit 30,000: taxable 37,430 -> 7,486; PAYE on the pension alone
    # (7,430 x 20% = 1,486); Class 4 on the 30,000 profit only = 1,045.80
    e = estimate_tax("2026-27", 30_000 * P, 20_000 * P)
    assert e.income_tax_pence == 7_486_00
    assert e.class4_nic_pence == 1_045_80
    assert e.taxed_at_source_pence == 1_486_00
    assert e.to_pay_pence == 7_045_80
    untaxed = estimate_tax("2026-27", 30_000 * P, 20_000 * P, other_income_taxed_at_source=False)
    assert untaxed.to_pay_pence == 8_531_80


def test_scottish_bands_2025_26() -> None:
    # 17,430 taxable: 2,827 x 19% = 537.13; 12,094 x 20% = 2,418.80; 2,509 x 21% = 526.89
    e = estimate_tax("2025-26", 30_000 * P, scottish=True)
    assert e.income_tax_pence == 537_13 + 2_418_80 + 526_89
    assert [b.name for b in e.bands] == ["Starter rate", "Basic rate", "Intermediate rate"]
    assert any("checked" in n for n in estimate_tax("2026-27", 1, scottish=True).notes)


def test_pence_are_rounded_down() -> None:
    # 1p of taxable income at 20% is 0.2p: no tax
    e = estimate_tax("2026-27", 12_570 * P + 1)
    assert e.income_tax_pence == 0 and e.class4_nic_pence == 0
    assert estimate_tax("2026-27", 12_570 * P + 5).income_tax_pence == 1


def test_below_allowance_pays_nothing_and_gets_the_class2_note() -> None:
    e = estimate_tax("2025-26", 5_000 * P)
    assert e.total_pence == 0
    assert "£6,845.00" in e.class2_note and "£3.50 a week" in e.class2_note
    assert "voluntarily" in e.class2_note
    assert "automatically" in estimate_tax("2025-26", 8_000 * P).class2_note
    assert "checked on GOV.UK" in estimate_tax("2026-27", 5_000 * P).class2_note


def test_payments_on_account_and_dates() -> None:
    e = estimate_tax("2026-27", 30_000 * P)
    assert e.payments_on_account_due
    plan = [(p.due, p.amount_pence) for p in e.payments]
    assert plan == [
        (date(2028, 1, 31), 4_531_80),
        (date(2028, 1, 31), 2_265_90),
        (date(2028, 7, 31), 2_265_90),
    ]
    # last year's bill of £3,000 was paid on account half and half in the year
    e2 = estimate_tax("2026-27", 30_000 * P, last_year_to_pay_pence=3_000_00)
    assert [(p.due, p.amount_pence) for p in e2.payments][:3] == [
        (date(2027, 1, 31), 1_500_00),
        (date(2027, 7, 31), 1_500_00),
        (date(2028, 1, 31), 1_531_80),
    ]
    small = estimate_tax("2026-27", 16_000 * P)  # bill 686 + 205.80 = under £1,000
    assert (
        not small.payments_on_account_due
        and "less than £1,000.00" in small.payments_on_account_reason
    )
    # mostly taxed at source (a big pension, a little profit): no payments on account
    paye = estimate_tax("2026-27", 6_000 * P, 60_000 * P)
    assert not paye.payments_on_account_due and "80%" in paye.payments_on_account_reason


def test_rates_table_years_and_thresholds() -> None:
    for label in ("2024-25", "2025-26", "2026-27"):
        r = rates_for(label)
        assert r.personal_allowance_pence == 12_570 * P
        assert r.trading_allowance_pence == 1_000 * P
        assert r.vat_threshold_pence == 90_000 * P
        assert r.use_of_home_monthly_pence(24) == 0
        assert r.use_of_home_monthly_pence(25) == 10 * P
        assert r.use_of_home_monthly_pence(51) == 18 * P
        assert r.use_of_home_monthly_pence(101) == 26 * P
    assert mtd_threshold_pence(TaxYear(2025)) is None
    assert mtd_threshold_pence(TaxYear(2026)) == 50_000 * P
    assert mtd_threshold_pence(TaxYear(2027)) == 30_000 * P
    assert mtd_threshold_pence(TaxYear(2030)) == 20_000 * P


@pytest.mark.parametrize("year", ["2031-32", "1999-00", "2023-24"])
def test_year_not_in_the_table(year: str) -> None:
    with pytest.raises(DaybookError, match=f"^rates for {year} are not in this version$"):
        estimate_tax(year, 30_000 * P)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nonsense", "“nonsense” is not a tax year; write it like 2026-27."),
        ("", "“nothing” is not a tax year; write it like 2026-27."),
        ("2026-28", "the second year must follow the first, like 2026-27"),
    ],
)
def test_bad_year_text(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        TaxYear.parse(text)
    assert err.value.field == "year" and message in err.value.message


@pytest.mark.parametrize(
    ("profit", "other", "field", "message"),
    [
        (-1, 0, "profit", "cannot be negative"),
        (0, -5, "other_income", "cannot be negative"),
        (10**13, 0, "profit", "looks too high"),
        ("30000", 0, "profit", "whole number of pence"),
    ],
)
def test_bad_amounts(profit, other, field, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        estimate_tax("2026-27", profit, other)
    assert err.value.field == field and message in err.value.message


def test_tax_year_parsing_and_bounds() -> None:
    y = TaxYear.parse("2026/27")
    assert y == TaxYear.parse("2026-2027") == TaxYear(2026)
    assert (y.start, y.end, y.label) == (date(2026, 4, 6), date(2027, 4, 5), "2026-27")
    assert TaxYear.of(date(2026, 4, 5)) == TaxYear(2025)
    assert TaxYear.of(date(2026, 4, 6)) == TaxYear(2026)
    assert TaxYear(1999).label == "1999-00"
    assert y.months()[0] == (2026, 4) and y.months()[-1] == (2027, 3)
