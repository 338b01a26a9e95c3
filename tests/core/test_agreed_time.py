"""Billing the agreed time, and the rule corrections of issue 22: charging rules, bank holidays
at Christmas, notice from the version in force, exactly 24 hours' notice."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from app.core.contracts.drafting import new_version, sign_version, update_version
from app.core.contracts.ending import give_notice
from app.core.contracts.form import draft_from_version
from app.core.errors import ValidationError
from app.core.formatting import LONDON
from app.core.invoicing.drafts import draft_invoice
from app.core.pricing import (
    ChargeRule,
    Charging,
    RateCard,
    RateKind,
    is_bank_holiday,
    price_visit,
)
from app.core.visits.models import Visit, VisitStatus
from app.core.visits.services import late_cancel_charge
from tests.conftest import TODAY
from tests.core.test_contracts import _client, _draft, _signed, fake_render

CARD = RateCard(standard_pence=2000, weekend_pence=2500, bank_holiday_pence=3000)


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=LONDON).astimezone(UTC)


MON = date(2026, 11, 16)  # an ordinary Monday

# The example: booked 14:00-15:00, the carer recorded 13:58-14:59 (61 minutes).
CHARGING_CASES = [
    # rule, over-run allowance, (actual start, actual end), booked, charged minutes, words
    (ChargeRule.TIME_SPENT, None, ((13, 58), (14, 59)), ((14, 0), (15, 0)), 61, None),
    (ChargeRule.BOOKED, None, ((13, 58), (14, 59)), ((14, 0), (15, 0)), 60, "booked time"),
    (ChargeRule.BOOKED, None, ((14, 0), (14, 40)), ((14, 0), (15, 0)), 60, "booked time"),
    (ChargeRule.BOOKED, None, ((14, 0), (15, 40)), ((14, 0), (15, 0)), 60, "booked time"),
    # over-run of exactly the allowance is not charged; one minute more is
    (ChargeRule.BOOKED, 15, ((14, 0), (15, 15)), ((14, 0), (15, 0)), 60, "booked time"),
    (ChargeRule.BOOKED, 15, ((14, 0), (15, 16)), ((14, 0), (15, 0)), 76, "over-run"),
    (ChargeRule.BOOKED, None, ((14, 0), (15, 0)), ((14, 0), (15, 0)), 60, None),
    (ChargeRule.ROUND_5, None, ((13, 58), (14, 59)), None, 60, "rounded to the nearest 5"),
    (ChargeRule.ROUND_5, None, ((14, 0), (15, 3)), None, 65, "rounded to the nearest 5"),
    (ChargeRule.ROUND_15, None, ((13, 58), (14, 59)), None, 60, "rounded to the nearest 15"),
    (ChargeRule.ROUND_15, None, ((14, 0), (15, 7)), None, 60, "rounded to the nearest 15"),
    (ChargeRule.ROUND_15, None, ((14, 0), (15, 8)), None, 75, "rounded to the nearest 15"),
    (ChargeRule.ROUND_15, None, ((14, 0), (14, 5)), None, 15, "rounded to the nearest 15"),
    (ChargeRule.ROUND_15, None, ((14, 0), (15, 0)), None, 60, None),
]


@pytest.mark.parametrize(
    ("rule", "allowance", "actual", "booked", "minutes", "words"), CHARGING_CASES
)
def test_charging_rules(rule, allowance, actual, booked, minutes, words) -> None:  # type: ignore[no-untyped-def]
    start, end = at(MON, *actual[0]), at(MON, *actual[1])
    planned = (at(MON, *booked[0]), at(MON, *booked[1])) if booked else None
    price = price_visit(CARD, start, end, charging=Charging(rule, allowance), booked=planned)
    assert price.minutes == minutes
    assert price.amount_pence == round(2000 * minutes / 60 + 1e-9)
    if words is None:
        assert price.charging_note == ""
    else:
        assert words in price.charging_note


def test_booked_time_is_priced_at_the_booked_times_rates() -> None:
    # Booked 17:00-18:00 (standard); the visit ran 17:30-18:30 into the evening.
    card = RateCard(standard_pence=2000, evening_pence=2400)
    price = price_visit(
        card,
        at(MON, 17, 30),
        at(MON, 18, 30),
        charging=Charging(ChargeRule.BOOKED),
        booked=(at(MON, 17), at(MON, 18)),
    )
    assert price.amount_pence == 2000 and price.main_kind == RateKind.STANDARD


def test_the_agreement_states_its_rule() -> None:
    assert "time spent, to the minute" in Charging().terms()
    booked = Charging(ChargeRule.BOOKED, 15).terms()
    assert "booked time" in booked and "more than 15 minutes" in booked
    assert "not charged" in Charging(ChargeRule.BOOKED).terms()
    assert "nearest 15 minutes" in Charging(ChargeRule.ROUND_15).terms()


# GOV.UK "UK bank holidays" (England and Wales): in 2026 Boxing Day is "28 December,
# Monday (substitute day)"; in 2027 Christmas Day is "27 December, Monday (substitute
# day)" and Boxing Day "28 December, Tuesday (substitute day)"; in 2022 New Year's Day
# was "3 January, Monday (substitute day)".
BANK_HOLIDAY_CASES = [
    (date(2026, 12, 25), True),  # Friday
    (date(2026, 12, 26), False),  # Saturday: not a bank holiday
    (date(2026, 12, 28), True),  # Monday, substitute for Boxing Day
    (date(2027, 12, 25), False),  # Saturday
    (date(2027, 12, 26), False),  # Sunday
    (date(2027, 12, 27), True),
    (date(2027, 12, 28), True),
    (date(2022, 1, 1), False),  # Saturday
    (date(2022, 1, 3), True),
    (date(2026, 4, 3), True),  # Good Friday
    (date(2026, 11, 16), False),
]


@pytest.mark.parametrize(("day", "holiday"), BANK_HOLIDAY_CASES)
def test_bank_holidays_england_and_wales(day: date, holiday: bool) -> None:
    assert is_bank_holiday(day) is holiday


@pytest.mark.parametrize(
    ("day", "plain", "any_weekday"),
    [
        (date(2026, 12, 26), RateKind.WEEKEND, RateKind.BANK_HOLIDAY),  # Saturday
        (date(2026, 12, 28), RateKind.BANK_HOLIDAY, RateKind.BANK_HOLIDAY),
        (date(2027, 12, 25), RateKind.WEEKEND, RateKind.BANK_HOLIDAY),
        (date(2027, 12, 24), RateKind.STANDARD, RateKind.STANDARD),
    ],
)
def test_the_christmas_option(day: date, plain: RateKind, any_weekday: RateKind) -> None:
    with_option = RateCard(
        standard_pence=2000, weekend_pence=2500, bank_holiday_pence=3000, christmas_any_weekday=True
    )
    assert price_visit(CARD, at(day, 10), at(day, 11)).main_kind == plain
    assert price_visit(with_option, at(day, 10), at(day, 11)).main_kind == any_weekday


def test_notice_uses_the_version_in_force_on_the_day_notice_is_given(session) -> None:  # type: ignore[no-untyped-def]
    # Issue 22: v1 14 days, v2 7 days from 2027-01-01, notice on 2026-12-10 -> 24 Dec.
    cid = _client(session)
    v1 = _signed(session, cid, notice_days_client=14)
    v2 = new_version(session, v1.contract_id, starts_on=date(2027, 1, 1), today=TODAY).value
    d = draft_from_version(v2)
    d.notice_days_client = 7
    update_version(session, v2.id, d, today=TODAY)
    sign_version(session, v2.id, signed_on=TODAY, how="Email", today=TODAY, render=fake_render)
    last = give_notice(
        session, v1.contract_id, by="client", given_on=date(2026, 12, 10), today=TODAY
    ).value.last_day
    assert last == date(2026, 12, 24)


def _planned(session, cid: int, start: datetime) -> Visit:  # type: ignore[no-untyped-def]
    v = Visit(
        client_id=cid,
        planned_start=start,
        planned_end=start + timedelta(hours=1),
        status=VisitStatus.PLANNED,
    )
    session.add(v)
    session.flush()
    return v


# The contract says: "cancelled with less than 24 hours' notice" (app/documents/contract_pdf.py).
@pytest.mark.parametrize(
    ("notice", "charged"),
    [
        (timedelta(hours=24, minutes=1), False),
        (timedelta(hours=24), False),
        (timedelta(hours=23, minutes=59), True),
        (timedelta(hours=-1), True),
    ],
)
def test_exactly_24_hours_notice_is_in_time(session, notice: timedelta, charged: bool) -> None:  # type: ignore[no-untyped-def]
    cid = _client(session)
    _signed(session, cid)  # 24 hours, 100%, £20 an hour, from 1 Dec 2026
    visit = _planned(session, cid, at(date(2026, 12, 7), 9))
    charge = late_cancel_charge(session, visit, visit.planned_start - notice)
    assert (charge == 2000) is charged and (charge == 0) is not charged


def test_invoice_line_says_the_rule_when_it_changed_the_figure(session) -> None:  # type: ignore[no-untyped-def]
    cid = _client(session)
    _signed(session, cid, charge_rule=ChargeRule.BOOKED)
    day = date(2026, 12, 7)
    for start, end, actual in (((9, 0), (10, 0), ((8, 58), (9, 59))), ((9, 0), (10, 0), None)):
        v = Visit(
            client_id=cid,
            planned_start=at(day, *start),
            planned_end=at(day, *end),
            status=VisitStatus.DELIVERED,
        )
        v.actual_start = at(day, *actual[0]) if actual else v.planned_start
        v.actual_end = at(day, *actual[1]) if actual else v.planned_end
        session.add(v)
        day += timedelta(days=7)
    session.flush()
    inv = draft_invoice(session, cid, date(2026, 12, 1), date(2026, 12, 31)).value
    first, second = inv.lines
    assert first.minutes == 60 and first.amount_pence == 2000
    assert "booked time charged: 60 min, time spent 61 min" in first.description
    assert second.amount_pence == 2000 and "booked" not in second.description


def test_an_over_run_allowance_needs_booked_time_and_a_sensible_figure(session) -> None:  # type: ignore[no-untyped-def]
    from app.core.contracts.form import validate_contract

    cid = _client(session)
    clean = validate_contract(
        _draft(session, cid, charge_rule=ChargeRule.ROUND_5, overrun_after_minutes=15), today=TODAY
    )
    assert clean.overrun_after_minutes is None
    with pytest.raises(ValidationError) as err:
        validate_contract(
            _draft(session, cid, charge_rule=ChargeRule.BOOKED, overrun_after_minutes=999),
            today=TODAY,
        )
    assert err.value.field == "overrun_after_minutes"
    with pytest.raises(ValidationError) as err:
        validate_contract(_draft(session, cid, charge_rule="hourly"), today=TODAY)
    assert err.value.field == "charge_rule"
