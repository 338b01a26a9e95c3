"""Tax and National Insurance figures for each tax year, as data: a new year is one new entry.

Sources (checked November 2026; lines marked VERIFY need checking against GOV.UK before
relying on them):
- Income Tax rates and Personal Allowances (GOV.UK, "Income Tax rates and bands"): personal
  allowance £12,570, basic rate 20% on the first £37,700 of taxable income, higher rate 40%
  to £125,140, additional rate 45% above; the allowance falls by £1 for every £2 of adjusted
  net income over £100,000. Frozen at these figures for 2024-25 to 2026-27.
- Self-employed National Insurance (GOV.UK, "Self-employed National Insurance rates"):
  Class 4 6% on profits between £12,570 and £50,270 and 2% above, from 6 April 2024.
  Class 2 is not payable from 6 April 2024 (HMRC NIM70300): profits at or above the small
  profits threshold are treated as paid; below it the carer may pay voluntarily.
  2024-25: threshold £6,725, £3.45 a week. 2025-26: threshold £6,845, £3.50 a week.
  2026-27: £7,105 and £3.65 a week are the figures published for the year — VERIFY against
  GOV.UK ("Rates and thresholds for employers" / "Self-employed National Insurance rates").
- Scottish Income Tax (gov.scot, "Scottish Income Tax rates and bands"). Band limits are
  stored as taxable income (after the personal allowance). 2024-25 and 2025-26 from gov.scot;
  2026-27 from the Scottish Rate Resolution for 2026-27, motion S6M-20844 (parliament.scot,
  lodged 17 February 2026, debated 19 February 2026): starter rate 19% on income up to
  £3,967, basic 20% to £16,956, intermediate 21% to £31,092, higher 42% to £62,430, advanced
  45% to £125,140, top 48% above (with the standard allowance: starter £12,571 to £16,537,
  as ICAEW, ATT and ICB reported the Budget of 13 January 2026). Earlier versions of Daybook
  had £3,966, 1p high on every estimate above the starter band. Still marked "to be
  checked": the motion's text was seen, not the record of the vote or HMRC's own table.
- Trading allowance £1,000; simplified mileage 45p a mile for the first 10,000 business
  miles, 25p after; use of home flat rates 25-50 h £10, 51-100 h £18, 101 h or more £26 a
  month (GOV.UK, "Simplified expenses if you're self-employed").
- VAT registration threshold £90,000 from 1 April 2024.
- Making Tax Digital for Income Tax: qualifying income over £50,000 from 6 April 2026, over
  £30,000 from April 2027, over £20,000 from April 2028, judged on the return for the tax
  year two years before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.errors import DaybookError
from app.core.money.tax_year import TaxYear

POUND = 100  # pence


@dataclass(frozen=True)
class Band:
    """One Income Tax band: `rate_percent` on taxable income up to `upper_pence` (None: no limit)."""

    name: str
    rate_percent: int
    upper_pence: int | None


@dataclass(frozen=True)
class TaxRates:
    year: str
    personal_allowance_pence: int = 12_570 * POUND
    taper_threshold_pence: int = 100_000 * POUND  # allowance falls £1 for every £2 over this
    bands: tuple[Band, ...] = (
        Band("Basic rate", 20, 37_700 * POUND),
        Band("Higher rate", 40, 125_140 * POUND),
        Band("Additional rate", 45, None),
    )
    scottish_bands: tuple[Band, ...] = ()
    scottish_bands_verified: bool = False
    class4_lower_pence: int = 12_570 * POUND
    class4_upper_pence: int = 50_270 * POUND
    class4_main_percent: int = 6
    class4_upper_percent: int = 2
    class2_small_profits_threshold_pence: int = 6_845 * POUND
    class2_weekly_pence: int = 350
    class2_verified: bool = True
    trading_allowance_pence: int = 1_000 * POUND
    mileage_first_pence_per_mile: int = 45
    mileage_after_pence_per_mile: int = 25
    mileage_threshold_miles: int = 10_000
    # (fewest hours worked at home in the month, flat rate for the month), highest first
    use_of_home_rates: tuple[tuple[int, int], ...] = (
        (101, 26 * POUND),
        (51, 18 * POUND),
        (25, 10 * POUND),
    )
    vat_threshold_pence: int = 90_000 * POUND
    payments_on_account_threshold_pence: int = 1_000 * POUND
    payments_on_account_at_source_percent: int = 80
    verify: tuple[str, ...] = field(default=())

    def use_of_home_monthly_pence(self, hours: int) -> int:
        for least, pence in self.use_of_home_rates:
            if hours >= least:
                return pence
        return 0


def _scottish(starter: int, basic: int) -> tuple[Band, ...]:
    """Scottish bands as taxable income (after the £12,570 allowance)."""
    return (
        Band("Starter rate", 19, starter * POUND),
        Band("Basic rate", 20, basic * POUND),
        Band("Intermediate rate", 21, 31_092 * POUND),
        Band("Higher rate", 42, 62_430 * POUND),
        Band("Advanced rate", 45, 125_140 * POUND),
        Band("Top rate", 48, None),
    )


RATES: dict[str, TaxRates] = {
    "2024-25": TaxRates(
        year="2024-25",
        scottish_bands=_scottish(2_306, 13_991),
        scottish_bands_verified=True,
        class2_small_profits_threshold_pence=6_725 * POUND,
        class2_weekly_pence=345,
    ),
    "2025-26": TaxRates(
        year="2025-26",
        scottish_bands=_scottish(2_827, 14_921),
        scottish_bands_verified=True,
        class2_small_profits_threshold_pence=6_845 * POUND,
        class2_weekly_pence=350,
    ),
    "2026-27": TaxRates(
        year="2026-27",
        # starter to £16,537 of income, basic to £29,526 (rate resolution S6M-20844)
        scottish_bands=_scottish(3_967, 16_956),
        scottish_bands_verified=False,
        # VERIFY: 2026-27 Class 2 threshold and voluntary weekly rate against GOV.UK
        class2_small_profits_threshold_pence=7_105 * POUND,
        class2_weekly_pence=365,
        class2_verified=False,
        verify=("Scottish bands for 2026-27", "Class 2 small profits threshold and weekly rate"),
    ),
}

# Making Tax Digital for Income Tax: the year it starts -> the qualifying income (turnover)
# over which it applies, judged on the tax year two years before. Later years keep the last.
MTD_THRESHOLDS: dict[str, int] = {
    "2026-27": 50_000 * POUND,
    "2027-28": 30_000 * POUND,
    "2028-29": 20_000 * POUND,
}
MTD_FIRST_YEAR = TaxYear(2026)


def mtd_threshold_pence(starts: TaxYear) -> int | None:
    """The turnover over which MTD applies from the year `starts`; None before MTD began."""
    if starts < MTD_FIRST_YEAR:
        return None
    known = sorted(MTD_THRESHOLDS)
    label = starts.label
    usable = [k for k in known if k <= label]
    return MTD_THRESHOLDS[usable[-1]]


def rates_for(year: TaxYear | str) -> TaxRates:
    label = year.label if isinstance(year, TaxYear) else TaxYear.parse(year).label
    try:
        return RATES[label]
    except KeyError:
        raise DaybookError(f"rates for {label} are not in this version") from None


def known_years() -> list[TaxYear]:
    return [TaxYear.parse(k) for k in sorted(RATES)]
