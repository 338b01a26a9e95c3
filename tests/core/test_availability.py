"""Free time for the directory: working hours minus signed schedules, with breaks and travel
time between visits (issue 22; the schemes ask carers to keep availability up to date)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from app.core.availability import (
    WorkingDay,
    WorkingDayDraft,
    availability,
    availability_text,
    due,
    free_spans,
    get_working_hours,
    mark_copied,
    save_working_hours,
    validate_working_hours,
)
from app.core.contracts.models import ContractStatus
from app.core.errors import ValidationError
from tests.conftest import TODAY
from tests.core.test_visits import make_client, make_contract


def m(text: str) -> int:
    h, mm = text.split(":")
    return int(h) * 60 + int(mm)


DAY = WorkingDay(0, "09:00", "17:00", "12:30", "13:00")


@pytest.mark.parametrize(
    ("day", "visits", "travel", "expected"),
    [
        # no visits: the hours less the break
        (DAY, [], 0, [("09:00", "12:30"), ("13:00", "17:00")]),
        # no break, no visits
        (WorkingDay(0, "09:00", "17:00"), [], 15, [("09:00", "17:00")]),
        # a visit 10:00-11:00 with 15 minutes' travel either side
        (
            DAY,
            [("10:00", "11:00")],
            15,
            [("09:00", "09:45"), ("11:15", "12:30"), ("13:00", "17:00")],
        ),
        # travel eats a gap to under half an hour: 09:00-09:20 is not offered
        (DAY, [("09:35", "10:00")], 15, [("10:15", "12:30"), ("13:00", "17:00")]),
        # exactly 30 minutes left is offered
        (WorkingDay(0, "09:00", "11:00"), [("09:45", "10:30")], 15, [("09:00", "09:30")]),
        # a visit outside working hours takes nothing away
        (WorkingDay(0, "09:00", "12:00"), [("18:00", "19:00")], 30, [("09:00", "12:00")]),
        # a visit covering the whole day leaves nothing
        (WorkingDay(0, "09:00", "12:00"), [("08:00", "13:00")], 0, []),
        # back-to-back visits with travel between them
        (
            WorkingDay(0, "08:00", "14:00"),
            [("09:00", "10:00"), ("10:30", "11:00")],
            10,
            [("08:00", "08:50"), ("11:10", "14:00")],
        ),
        # not working that day
        (None, [("09:00", "10:00")], 0, []),
    ],
)
def test_free_spans(day, visits, travel, expected) -> None:  # type: ignore[no-untyped-def]
    spans = free_spans(day, [(m(a), m(b)) for a, b in visits], travel)
    assert spans == [(m(a), m(b)) for a, b in expected]


@pytest.mark.parametrize(
    ("draft", "travel", "field"),
    [
        (WorkingDayDraft(0, "17:00", "09:00"), 0, "monday_end"),
        (WorkingDayDraft(1, "nine", "17:00"), 0, "tuesday_start"),
        (WorkingDayDraft(2, "09:00", "17:00", "08:00", "08:30"), 0, "wednesday_break"),
        (WorkingDayDraft(3, "09:00", "17:00", "13:00", "12:00"), 0, "thursday_break"),
        (WorkingDayDraft(4, "", "", "12:00", "12:30"), 0, "friday_start"),
        (WorkingDayDraft(0, "09:00", "17:00"), 121, "travel_minutes"),
        (WorkingDayDraft(0, "09:00", "17:00"), -1, "travel_minutes"),
    ],
)
def test_bad_working_hours_name_the_field(draft, travel, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        validate_working_hours([draft], travel)
    assert err.value.field == field


def test_times_are_read_kindly_and_blank_days_are_days_off() -> None:
    hours = validate_working_hours(
        [WorkingDayDraft(0, "9:00", "1730"), WorkingDayDraft(1), WorkingDayDraft(2, "8.30", "12")],
        10,
    )
    assert [(d.weekday, d.start, d.end) for d in hours.days] == [
        (0, "09:00", "17:30"),
        (2, "08:30", "12:00"),
    ]
    assert hours.travel_minutes == 10


def test_text_for_the_directory() -> None:
    from app.core.availability import FreeSlot

    slots = [FreeSlot(0, m("09:00"), m("12:00")), FreeSlot(0, m("14:30"), m("17:00"))]
    slots.append(FreeSlot(2, m("10:00"), m("11:00")))
    assert availability_text(slots) == "Mon 09:00–12:00, 14:30–17:00; Wed 10:00–11:00"
    assert availability_text([]) == "No free time at the moment"


def _hours(session: Session, travel: int = 15) -> None:
    save_working_hours(
        session,
        [WorkingDayDraft(d, "09:00", "17:00", "12:30", "13:00") for d in range(5)],
        travel,
    )


def test_free_time_is_working_hours_minus_signed_schedules(session: Session) -> None:
    _hours(session)
    client = make_client(session)
    make_contract(session, client, starts_on=date(2026, 1, 5), slots=[(0, "10:00", "11:00")])
    make_contract(  # an unsigned agreement books nothing
        session,
        make_client(session, "Other"),
        starts_on=date(2026, 1, 5),
        slots=[(1, "10:00", "11:00")],
        status=ContractStatus.DRAFT,
    )
    week = availability(session, TODAY)
    mondays = [(s.start, s.end) for s in week.free if s.weekday == 0]
    tuesdays = [(s.start, s.end) for s in week.free if s.weekday == 1]
    assert mondays == [(m("09:00"), m("09:45")), (m("11:15"), m("12:30")), (m("13:00"), m("17:00"))]
    assert tuesdays == [(m("09:00"), m("12:30")), (m("13:00"), m("17:00"))]
    assert not [s for s in week.free if s.weekday >= 5]
    assert week.free[0].as_json() == {"day": "monday", "from": "09:00", "to": "09:45"}


def test_an_ended_contract_frees_its_time_and_a_new_one_starting_this_week_books_it(
    session: Session,
) -> None:
    _hours(session, travel=0)
    ended = make_contract(
        session,
        make_client(session),
        starts_on=date(2026, 1, 5),
        slots=[(0, "10:00", "11:00")],
        end_date=TODAY - timedelta(days=1),
    )
    assert ended.contract.end_date is not None
    # TODAY is Wednesday 25/11/2026: a contract from Friday books Friday
    make_contract(
        session,
        make_client(session, "New"),
        starts_on=date(2026, 11, 27),
        slots=[(4, "09:00", "12:30")],
    )
    week = availability(session, TODAY)
    assert [(s.start, s.end) for s in week.free if s.weekday == 0][0] == (m("09:00"), m("12:30"))
    assert [(s.start, s.end) for s in week.free if s.weekday == 4] == [(m("13:00"), m("17:00"))]


def test_today_reminds_until_copied_and_again_when_free_time_changes(session: Session) -> None:
    assert due(session, TODAY) == []  # no working hours: nothing to say
    _hours(session)
    [item] = due(session, TODAY)
    assert "not been copied" in item.text
    mark_copied(session, TODAY)
    assert due(session, TODAY) == []
    make_contract(
        session, make_client(session), starts_on=date(2026, 1, 5), slots=[(2, "14:00", "15:00")]
    )
    [item] = due(session, TODAY)
    assert "changed since you last copied" in item.text
    mark_copied(session, TODAY)
    assert due(session, TODAY) == []


def test_working_hours_round_trip_through_settings(session: Session) -> None:
    _hours(session, travel=20)
    hours = get_working_hours(session)
    assert hours.travel_minutes == 20 and len(hours.days) == 5
    assert hours.day(0) == WorkingDay(0, "09:00", "17:00", "12:30", "13:00")
    assert hours.day(6) is None


def test_each_days_booked_time_follows_the_terms_in_force_that_day(session: Session) -> None:
    """The week is read in one query (Today at start-up); each day must still use the terms
    `version_in_effect` names for it: a new version from Friday, a contract ending on
    Thursday, a fixed term ending on Saturday, and a second contract starting later."""
    from app.core.availability import _booked
    from app.core.contracts.in_force import version_in_effect
    from app.core.contracts.models import ScheduleSlot

    changing, ending, fixed, two = (
        make_client(session, name) for name in ("Changing", "Ending", "Fixed", "Two contracts")
    )
    v1 = make_contract(session, changing, starts_on=date(2026, 1, 5), slots=[(4, "08:00", "09:00")])
    make_contract(  # from Friday 27/11 the Friday visit moves to the afternoon
        session,
        changing,
        starts_on=date(2026, 11, 27),
        slots=[(4, "15:00", "16:00"), (0, "07:00", "08:00")],
        version_no=2,
        contract=v1.contract,
    )
    make_contract(  # ends on Thursday: its Friday visit is not booked
        session,
        ending,
        starts_on=date(2026, 1, 5),
        slots=[(3, "10:00", "11:00"), (4, "10:00", "11:00")],
        end_date=date(2026, 11, 26),
    )
    term = make_contract(
        session,
        fixed,
        starts_on=date(2026, 1, 5),
        slots=[(5, "09:00", "10:00"), (6, "09:00", "10:00")],
        status=ContractStatus.DRAFT,
    )
    term.ends_on = date(2026, 11, 28)  # a fixed term: Saturday yes, Sunday no
    term.status = ContractStatus.SIGNED
    make_contract(session, two, starts_on=date(2026, 1, 5), slots=[(1, "12:00", "13:00")])
    make_contract(session, two, starts_on=date(2026, 11, 30), slots=[(1, "18:00", "19:00")])
    session.flush()

    def hhmm(minutes: int) -> str:
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    expected = set()
    for day in (TODAY + timedelta(days=n) for n in range(7)):
        for client in (changing, ending, fixed, two):
            version = version_in_effect(session, client.id, day)
            if version is None or (version.ends_on is not None and version.ends_on < day):
                continue
            for slot in map(ScheduleSlot.from_json, version.schedule):
                if slot.weekday == day.weekday():
                    expected.add((slot.weekday, f"{slot.start:%H:%M}", f"{slot.end:%H:%M}"))
    booked = {(b.weekday, hhmm(b.start), hhmm(b.end)) for b in _booked(session, TODAY)}
    assert (
        booked
        == expected
        == {
            (0, "07:00", "08:00"),  # version 2's Monday (30/11)
            (1, "18:00", "19:00"),  # the later contract wins from Monday 30/11 (Tuesday 01/12)
            (3, "10:00", "11:00"),  # Thursday, the ending contract's last day
            (4, "15:00", "16:00"),  # Friday under version 2
            (5, "09:00", "10:00"),  # the fixed term's last day
        }
    )
