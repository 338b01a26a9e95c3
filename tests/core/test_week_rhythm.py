"""The week's rhythm in core: plan from an agreement's start, mark a week as planned."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.core.changes import Area
from app.core.errors import ValidationError
from app.core.visits.generate import first_unplanned_day, generate_visits, plan_from_start
from app.core.visits.models import VisitStatus
from app.core.visits.services import mark_delivered_as_planned
from tests.conftest import TODAY
from tests.core.test_visits import all_visits, make_client, make_contract


def test_plan_from_start_includes_past_weeks_and_is_idempotent(session: Session) -> None:
    peggy = make_client(session)
    version = make_contract(
        session, peggy, starts_on=date(2026, 11, 2), slots=[(0, "09:00", "10:00")]
    )
    done = plan_from_start(session, version.contract_id, today=TODAY)
    assert done.changes == frozenset({Area.VISITS})
    days = [v.planned_start.date() for v in all_visits(session, peggy.id)]
    # Mondays from 02/11 (weeks already gone) to eight weeks after today (25/11 -> 19/01)
    assert days[0] == date(2026, 11, 2)
    assert days[-1] == date(2027, 1, 18)
    assert done.value.created == len(days) == 12
    again = plan_from_start(session, version.contract_id, today=TODAY)
    assert again.value.created == 0 and again.value.kept == 12


def test_plan_from_start_refuses_an_unsigned_or_missing_agreement(session: Session) -> None:
    with pytest.raises(ValidationError) as exc:
        plan_from_start(session, 999, today=TODAY)
    assert exc.value.field == "contract_id"


def test_plan_from_schedules_starts_at_an_unplanned_agreement(session: Session) -> None:
    peggy = make_client(session)
    assert first_unplanned_day(session, TODAY) == TODAY  # nothing signed: from today
    make_contract(session, peggy, starts_on=date(2026, 11, 9), slots=[(0, "09:00", "10:00")])
    assert first_unplanned_day(session, TODAY) == date(2026, 11, 9)
    generate_visits(session, date(2026, 11, 9), date(2026, 12, 31))
    assert first_unplanned_day(session, TODAY) == TODAY  # planned already: from today


def test_mark_delivered_as_planned_marks_only_planned_visits(session: Session) -> None:
    peggy = make_client(session)
    make_contract(session, peggy, starts_on=date(2026, 11, 2), slots=[(0, "09:00", "10:00")])
    generate_visits(session, date(2026, 11, 2), date(2026, 11, 22))
    visits = all_visits(session, peggy.id)
    assert len(visits) == 3
    first = mark_delivered_as_planned(session, [visits[0].id])
    assert first.value.marked == 1
    done = mark_delivered_as_planned(session, [v.id for v in visits])
    assert (done.value.marked, done.value.skipped) == (2, 1)
    assert done.changes == frozenset({Area.VISITS})
    assert done.value.summary() == (
        "2 visits marked delivered as planned. "
        "1 left as they were (not planned, or already invoiced)."
    )
    for visit in all_visits(session, peggy.id):
        assert visit.status == VisitStatus.DELIVERED
        assert (visit.actual_start, visit.actual_end) == (visit.planned_start, visit.planned_end)
    nothing = mark_delivered_as_planned(session, [visits[0].id])
    assert nothing.changes == frozenset()
