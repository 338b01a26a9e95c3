from datetime import datetime

import pytest

from app.core.formatting import LONDON
from app.core.pricing import RateCard, RateKind, line_amount, price_visit, round_half_up_div

CARD = RateCard(
    2000,
    evening_pence=2400,
    weekend_pence=2500,
    bank_holiday_pence=3000,
    specialist_pence=2600,
    minimum_charge_pence=1500,
)


def at(y: int, m: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=LONDON)


@pytest.mark.parametrize(
    "start, end, kind, amount",
    [
        (at(2026, 11, 25, 9), at(2026, 11, 25, 10), RateKind.STANDARD, 2000),  # Wednesday
        (at(2026, 11, 28, 9), at(2026, 11, 28, 10), RateKind.WEEKEND, 2500),  # Saturday
        (at(2026, 12, 25, 9), at(2026, 12, 25, 10), RateKind.BANK_HOLIDAY, 3000),  # Christmas
        (
            at(2026, 8, 31, 9),
            at(2026, 8, 31, 10),
            RateKind.BANK_HOLIDAY,
            3000,
        ),  # Aug bank hol (Eng)
        (at(2026, 11, 25, 19), at(2026, 11, 25, 20), RateKind.EVENING, 2400),
        (at(2026, 11, 25, 9), at(2026, 11, 25, 9, 20), RateKind.MINIMUM, 1500),
    ],
)
def test_rate_by_day_and_time(start, end, kind, amount) -> None:
    price = price_visit(CARD, start, end)
    assert (price.main_kind, price.amount_pence) == (kind, amount)


def test_visit_across_the_evening_boundary_is_split() -> None:
    price = price_visit(CARD, at(2026, 11, 25, 17, 30), at(2026, 11, 25, 18, 30))
    assert [(p.kind, p.minutes) for p in price.parts] == [
        (RateKind.STANDARD, 30),
        (RateKind.EVENING, 30),
    ]
    assert price.amount_pence == 1000 + 1200


def test_clock_change_counts_real_minutes() -> None:
    # 25 Oct 2026: clocks go back at 02:00 BST; 00:30 to 03:30 local is four real hours.
    price = price_visit(CARD, at(2026, 10, 25, 0, 30), at(2026, 10, 25, 3, 30))
    assert price.minutes == 240


def test_rounded_half_up_once() -> None:
    assert line_amount(1659, 25) == 691  # 691.25 -> 691
    assert line_amount(1001, 3) == 50  # 50.05 -> 50
    assert line_amount(1010, 3) == 51  # 50.5 -> 51
    assert round_half_up_div(-5, 10) == -1


def test_missing_rates_fall_back_to_standard() -> None:
    price = price_visit(RateCard(1800), at(2026, 12, 25, 9), at(2026, 12, 25, 10))
    assert price.amount_pence == 1800


def test_end_before_start_refused() -> None:
    with pytest.raises(ValueError):
        price_visit(CARD, at(2026, 11, 25, 10), at(2026, 11, 25, 9))
