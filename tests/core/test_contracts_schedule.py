"""Schedules in words, as a dateutil rule, and rates by day and time under a contract."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.contracts.models import Contract, ContractVersion, ScheduleSlot
from app.core.contracts.schedule import (
    occurrences,
    schedule_in_words,
    schedule_rule,
    validate_slots,
)
from app.core.errors import ValidationError
from app.core.formatting import LONDON
from app.core.pricing import RateKind, price_visit


def S(day: int, a: str, b: str, specialist: bool = False) -> ScheduleSlot:  # noqa: N802
    return ScheduleSlot(day, time.fromisoformat(a), time.fromisoformat(b), specialist)


@pytest.mark.parametrize(
    "slots, every, words",
    [
        ([S(0, "09:00", "10:00"), S(3, "09:00", "10:00")], 1, "Mondays and Thursdays, 09:00–10:00"),
        (
            [S(0, "09:00", "10:00"), S(3, "09:00", "10:00")],
            2,
            "Mondays and Thursdays, 09:00–10:00, every other week",
        ),
        ([S(d, "08:00", "08:45") for d in range(5)], 1, "Weekdays (Monday to Friday), 08:00–08:45"),
        ([S(d, "08:00", "08:45") for d in range(7)], 1, "Every day, 08:00–08:45"),
        (
            [S(5, "10:00", "11:00"), S(6, "10:00", "11:00")],
            1,
            "Weekends (Saturday and Sunday), 10:00–11:00",
        ),
        (
            [S(2, "14:00", "15:30"), S(0, "09:00", "10:00"), S(4, "09:00", "10:00")],
            1,
            "Mondays and Fridays, 09:00–10:00; Wednesdays, 14:00–15:30",
        ),
        (
            [S(1, "08:00", "08:30"), S(1, "18:00", "18:30")],
            1,
            "Tuesdays, 08:00–08:30 and 18:00–18:30",
        ),
        ([S(0, "09:00", "10:00", True)], 1, "Mondays, 09:00–10:00 (specialist)"),
        (
            [S(0, "09:00", "10:00"), S(2, "09:00", "10:00"), S(4, "09:00", "10:00")],
            1,
            "Mondays, Wednesdays and Fridays, 09:00–10:00",
        ),
        ([], 1, "No regular visits"),
    ],
)
def test_schedule_in_words(slots, every, words) -> None:  # noqa: ANN001
    assert schedule_in_words(slots, every) == words


def test_validate_sorts_and_strips_seconds() -> None:
    slots = validate_slots([S(3, "09:00", "10:00"), S(0, "09:00:30", "10:00")], 1)
    assert [(s.weekday, s.start) for s in slots] == [(0, time(9)), (3, time(9))]


def _version(
    slots: list[ScheduleSlot], every: int, start: date, end: date | None = None
) -> ContractVersion:
    ver = ContractVersion(
        starts_on=start,
        every_n_weeks=every,
        schedule=[s.as_json() for s in slots],
        standard_rate_pence=2000,
    )
    ver.contract = Contract(end_date=end)
    return ver


def test_rule_every_week() -> None:
    ver = _version([S(0, "09:00", "10:00"), S(3, "09:00", "10:00")], 1, date(2026, 12, 2))
    days = [d.date() for d in schedule_rule(ver)[:4]]
    assert days == [date(2026, 12, 3), date(2026, 12, 7), date(2026, 12, 10), date(2026, 12, 14)]


def test_rule_every_other_week_counts_from_the_start_week() -> None:
    # Starts Wednesday 2 Dec 2026: that week's Thursday, then the week of 14 Dec.
    ver = _version([S(0, "09:00", "10:00"), S(3, "09:00", "10:00")], 2, date(2026, 12, 2))
    days = [d.date() for d in schedule_rule(ver)[:4]]
    assert days == [date(2026, 12, 3), date(2026, 12, 14), date(2026, 12, 17), date(2026, 12, 28)]


def test_rule_stops_at_the_contract_end() -> None:
    ver = _version([S(4, "09:00", "10:00")], 1, date(2026, 12, 1), end=date(2026, 12, 18))
    assert [d.date() for d in schedule_rule(ver)] == [
        date(2026, 12, 4),
        date(2026, 12, 11),
        date(2026, 12, 18),
    ]


def test_occurrences_give_each_slot_on_its_day() -> None:
    ver = _version([S(1, "08:00", "08:30"), S(1, "18:00", "18:30")], 1, date(2026, 12, 1))
    got = list(occurrences(ver, date(2026, 12, 1), date(2026, 12, 8)))
    assert [(d, s.start) for d, s in got] == [
        (date(2026, 12, 1), time(8)),
        (date(2026, 12, 1), time(18)),
        (date(2026, 12, 8), time(8)),
        (date(2026, 12, 8), time(18)),
    ]


def test_rule_refuses_an_empty_schedule() -> None:
    with pytest.raises(ValidationError):
        schedule_rule(_version([], 1, date(2026, 12, 1)))


def _at(d: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(d, time(hh, mm), tzinfo=LONDON)


@pytest.mark.parametrize(
    "day, start, end, kind, pence",
    [
        (date(2026, 12, 1), 9, 10, RateKind.STANDARD, 2000),  # Tuesday
        (date(2026, 12, 1), 18, 19, RateKind.EVENING, 2300),
        (date(2026, 12, 5), 9, 10, RateKind.WEEKEND, 2400),  # Saturday
        (date(2026, 12, 25), 9, 10, RateKind.BANK_HOLIDAY, 3000),  # Christmas Day, a Friday
        (date(2026, 12, 28), 9, 10, RateKind.BANK_HOLIDAY, 3000),  # Boxing Day substitute (Monday)
        (date(2027, 3, 29), 9, 10, RateKind.BANK_HOLIDAY, 3000),  # Easter Monday 2027
    ],
)
def test_rates_by_day_and_time_under_a_contract(day, start, end, kind, pence) -> None:  # noqa: ANN001
    ver = _version([S(0, "09:00", "10:00")], 1, date(2026, 12, 1))
    ver.evening_rate_pence, ver.weekend_rate_pence, ver.bank_holiday_rate_pence = 2300, 2400, 3000
    ver.minimum_charge_pence = 0
    price = price_visit(ver.rate_card, _at(day, start), _at(day, end))
    assert price.main_kind == kind and price.amount_pence == pence


def test_minimum_charge_from_the_contract() -> None:
    ver = _version([S(0, "09:00", "09:30")], 1, date(2026, 12, 1))
    ver.minimum_charge_pence = 1500
    price = price_visit(ver.rate_card, _at(date(2026, 12, 1), 9), _at(date(2026, 12, 1), 9, 30))
    assert price.amount_pence == 1500 and price.minimum_applied


@settings(max_examples=60, deadline=None)
@given(
    days=st.sets(st.integers(0, 6), min_size=1, max_size=7),
    every=st.sampled_from([1, 2]),
    start=st.dates(date(2024, 1, 1), date(2030, 12, 31)),
)
def test_rule_only_gives_schedule_days_in_the_right_weeks(days, every, start) -> None:  # noqa: ANN001
    slots = [S(d, "09:00", "10:00") for d in days]
    ver = _version(slots, every, start)
    got = [dt.date() for dt in schedule_rule(ver)[:20]]
    assert got == sorted(set(got)) and got[0] >= start
    first_monday = start - timedelta(days=start.weekday())
    for d in got:
        assert d.weekday() in days
        assert ((d - first_monday).days // 7) % every == 0
    # Nothing is skipped: every schedule day of every counted week up to the last one.
    expected = [
        first_monday + timedelta(weeks=w, days=x) for w in range(0, 60, every) for x in sorted(days)
    ]
    expected = [d for d in expected if d >= start][: len(got)]
    assert got == expected
    words = schedule_in_words(slots, every)
    assert words.endswith("every other week") == (every == 2)
