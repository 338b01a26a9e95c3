"""Property tests (hypothesis) of the tax estimate and the mileage allowance."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.money.mileage import allowance_on_total, allowances_in_order
from app.core.money.tax import estimate_tax
from app.core.money.tax_rates import rates_for
from app.core.money.tax_year import TaxYear

YEARS = st.sampled_from(["2024-25", "2025-26", "2026-27"])
PROFIT = st.integers(min_value=0, max_value=300_000_00)
OTHER = st.integers(min_value=0, max_value=150_000_00)
POUND = 100


def total(year: str, profit: int, other: int = 0, scottish: bool = False) -> int:
    return estimate_tax(year, profit, other, scottish=scottish).total_pence


@settings(max_examples=300, deadline=None)
@given(YEARS, PROFIT, st.integers(min_value=1, max_value=20_000_00), OTHER, st.booleans())
def test_total_tax_never_falls_as_profit_rises(year, profit, more, other, scottish) -> None:  # type: ignore[no-untyped-def]
    assert total(year, profit + more, other, scottish) >= total(year, profit, other, scottish)


def in_taper(rates, income: int) -> bool:  # type: ignore[no-untyped-def]
    top = rates.taper_threshold_pence + 2 * rates.personal_allowance_pence
    return rates.taper_threshold_pence - 2 * POUND <= income <= top + 2 * POUND


@settings(max_examples=400, deadline=None)
@given(YEARS, PROFIT, OTHER, st.booleans())
def test_no_jumps_at_band_edges_except_the_taper(year, profit, other, scottish) -> None:  # type: ignore[no-untyped-def]
    """One more pound of profit costs at most the top marginal rate (band rate + Class 4),
    plus a few pence of rounding; in the taper a pound can cost 2 x the band rate (the allowance moves in whole pounds)."""
    rates = rates_for(year)
    bands = rates.scottish_bands if scottish else rates.bands
    top_band = max(b.rate_percent for b in bands)
    step = total(year, profit + POUND, other, scottish) - total(year, profit, other, scottish)
    assert step >= 0
    c4 = max(rates.class4_main_percent, rates.class4_upper_percent)
    if in_taper(rates, profit + other) or in_taper(rates, profit + other + POUND):
        # the allowance left is rounded up to a whole pound (ITA 2007 s35(3)), so every
        # second pound over £100,000 takes a whole pound of allowance: 2 x the band rate
        limit = (top_band * 2) + c4 + 1
    else:
        limit = top_band + c4
    assert step <= limit + 4  # rounding down in each band


@settings(max_examples=200, deadline=None)
@given(YEARS, st.integers(min_value=0, max_value=200_000_00))
def test_single_penny_steps_are_tiny(year, profit) -> None:  # type: ignore[no-untyped-def]
    assert 0 <= total(year, profit + 1) - total(year, profit) <= 2


def exact_allowance(tenths: int) -> int:
    """45p a mile to 10,000 miles, 25p after, in pence rounded half-up (reference formula)."""
    from decimal import ROUND_HALF_UP, Decimal

    miles = Decimal(tenths) / 10
    pence = min(miles, Decimal(10_000)) * 45 + max(Decimal(0), miles - 10_000) * 25
    return int(pence.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@settings(max_examples=300, deadline=None)
@given(YEARS, st.lists(st.integers(min_value=1, max_value=30_000), min_size=1, max_size=60))
def test_mileage_exact_in_any_split_of_journeys(year, journeys) -> None:  # type: ignore[no-untyped-def]
    rates = rates_for(year)
    parts = allowances_in_order(rates, journeys)
    assert sum(parts) == allowance_on_total(rates, sum(journeys)) == exact_allowance(sum(journeys))
    assert all(p >= 0 for p in parts)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=100_000), st.integers(min_value=1, max_value=50_000))
def test_a_journey_across_10000_miles_is_split_at_the_boundary(before, journey) -> None:  # type: ignore[no-untyped-def]
    rates = rates_for("2026-27")
    first, second = allowances_in_order(rates, [before, journey])
    at_45 = max(0, min(before + journey, 100_000) - before)
    at_25 = journey - at_45
    # the journey's share is 4.5p a tenth before the line and 2.5p after, within rounding
    assert abs(second * 10 - (at_45 * 45 + at_25 * 25)) <= 10
    assert first + second == exact_allowance(before + journey)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_is_in_exactly_one_tax_year(d) -> None:  # type: ignore[no-untyped-def]
    y = TaxYear.of(d)
    assert y.contains(d) and not y.next().contains(d) and not y.previous().contains(d)
    assert TaxYear.parse(y.label) == y
    assert (y.end - y.start) in (timedelta(days=364), timedelta(days=365))
