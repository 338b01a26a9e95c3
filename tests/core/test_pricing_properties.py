"""price_visit over many visits (hypothesis): the parts add up to the visit's minutes, the
minimum charge is a floor, and a longer visit never costs less."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.pricing import RateCard, price_visit, round_half_up_div

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
# whole minutes from 2024 to 2028: covers clock changes, weekends and bank holidays
STARTS = st.integers(min_value=0, max_value=5 * 366 * 24 * 60).map(
    lambda m: EPOCH + timedelta(minutes=m)
)
MINUTES = st.integers(min_value=1, max_value=24 * 60)
RATE = st.integers(min_value=0, max_value=100_00)
CARDS = st.builds(
    RateCard,
    standard_pence=RATE,
    evening_pence=st.none() | RATE,
    weekend_pence=st.none() | RATE,
    bank_holiday_pence=st.none() | RATE,
    specialist_pence=st.none() | RATE,
    minimum_charge_pence=st.integers(min_value=0, max_value=60_00),
)


@settings(max_examples=300, deadline=None)
@given(CARDS, STARTS, MINUTES, st.booleans())
def test_parts_sum_to_the_visits_minutes(card, start, minutes, specialist) -> None:  # type: ignore[no-untyped-def]
    price = price_visit(card, start, start + timedelta(minutes=minutes), specialist=specialist)
    assert sum(p.minutes for p in price.parts) == price.minutes == minutes
    assert all(p.minutes > 0 for p in price.parts)


@settings(max_examples=300, deadline=None)
@given(CARDS, STARTS, MINUTES, st.booleans())
def test_never_below_the_minimum_charge(card, start, minutes, specialist) -> None:  # type: ignore[no-untyped-def]
    price = price_visit(card, start, start + timedelta(minutes=minutes), specialist=specialist)
    assert price.amount_pence >= card.minimum_charge_pence
    by_time = round_half_up_div(sum(p.rate_pence * p.minutes for p in price.parts), 60)
    assert price.amount_pence == max(by_time, card.minimum_charge_pence)
    assert price.minimum_applied == (by_time < card.minimum_charge_pence)


@settings(max_examples=300, deadline=None)
@given(CARDS, STARTS, MINUTES, st.integers(min_value=1, max_value=6 * 60), st.booleans())
def test_a_longer_visit_never_costs_less(card, start, minutes, more, specialist) -> None:  # type: ignore[no-untyped-def]
    short = price_visit(card, start, start + timedelta(minutes=minutes), specialist=specialist)
    long = price_visit(
        card, start, start + timedelta(minutes=minutes + more), specialist=specialist
    )
    assert long.amount_pence >= short.amount_pence
