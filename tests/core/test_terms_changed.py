"""Visits planned at signing go when the agreement's terms stop asking for them: notice
given, newer terms signed. Delivered, cancelled and one-off visits stay."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.changes import Area
from app.core.contracts.drafting import draft_contract, new_version, sign_version, update_version
from app.core.contracts.ending import give_notice
from app.core.contracts.form import draft_from_version
from app.core.contracts.models import ScheduleSlot
from app.core.formatting import LONDON
from app.core.visits import services as vs
from app.core.visits.generate import PLAN_AHEAD_WEEKS, plan_from_start
from app.core.visits.models import Visit, VisitStatus
from tests.conftest import TODAY
from tests.core.test_contracts import _client, _draft, fake_render

MONDAY, THURSDAY, TUESDAY = 0, 3, 1


def days_between(first: date, last: date, weekdays: set[int]) -> list[date]:
    """Every day from first to last (inclusive) that falls on one of `weekdays`."""
    return [
        first + timedelta(days=i)
        for i in range((last - first).days + 1)
        if (first + timedelta(days=i)).weekday() in weekdays
    ]


def visits(session: Session) -> list[Visit]:
    return list(session.scalars(select(Visit).order_by(Visit.planned_start)))


def day_of(visit: Visit) -> date:
    return visit.planned_start.astimezone(LONDON).date()


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def signed_and_planned(session: Session) -> tuple[int, int]:
    """Mondays and Thursdays 09:00-10:00 from 01/12/2026, signed, planned 8 weeks ahead."""
    cid = _client(session)
    ver = draft_contract(session, _draft(session, cid, notice_days_client=7), today=TODAY).value
    sign_version(session, ver.id, signed_on=TODAY, how="On paper", today=TODAY, render=fake_render)
    plan_from_start(session, ver.contract_id, today=TODAY)
    return cid, ver.contract_id


def test_notice_removes_the_planned_visits_after_the_last_day_and_says_how_many(
    session: Session,
) -> None:
    cid, contract_id = signed_and_planned(session)
    start = date(2026, 12, 1)
    planned_to = start + timedelta(weeks=PLAN_AHEAD_WEEKS) - timedelta(days=1)
    assert [day_of(v) for v in visits(session)] == days_between(start, planned_to, {0, 3})
    by_day = {day_of(v): v for v in visits(session)}
    vs.mark_delivered(
        session, by_day[date(2026, 12, 3)].id, at(date(2026, 12, 3), 9), at(date(2026, 12, 3), 10)
    )
    cancelled = by_day[date(2026, 12, 28)]
    vs.cancel_by_client(session, cancelled.id, cancelled_at=at(date(2026, 12, 1), 8))
    one_off = vs.add_one_off(
        session, vs.VisitDraft(cid, at(date(2026, 12, 22), 14), at(date(2026, 12, 22), 15))
    ).value

    done = give_notice(session, contract_id, by="client", given_on=date(2026, 12, 10), today=TODAY)

    last = date(2026, 12, 17)
    assert done.value.last_day == last
    gone = [
        d
        for d in days_between(last + timedelta(days=1), planned_to, {0, 3})
        if d != day_of(cancelled)
    ]
    assert done.value.visits_removed == len(gone) > 0
    assert Area.VISITS in done.changes
    assert done.value.visits_said == (
        f"{len(gone)} planned visits after 17/12/2026 removed. "
        "1 one-off visit after 17/12/2026 kept: check it in Visits."
    )
    left = {day_of(v): v.status for v in visits(session)}
    assert (
        max(d for d, s in left.items() if s == VisitStatus.PLANNED and d != day_of(one_off)) <= last
    )
    assert left[date(2026, 12, 3)] == VisitStatus.DELIVERED  # before the end: untouched
    assert left[day_of(cancelled)] == VisitStatus.CANCELLED_BY_CLIENT  # a cancellation stays
    assert left[date(2026, 12, 22)] == VisitStatus.PLANNED  # the one-off the carer added
    assert all(d in left for d in days_between(start, last, {0, 3}))


def test_a_visit_a_guard_protects_is_not_removed(session: Session) -> None:
    _cid, contract_id = signed_and_planned(session)
    after_end = [v for v in visits(session) if day_of(v) > date(2026, 12, 17)]
    protected = after_end[-1]

    def guard(_s: Session, v: Visit, action: str) -> str | None:
        return "It is on an invoice." if v.id == protected.id else None

    vs.register_visit_guard(guard)
    try:
        done = give_notice(
            session, contract_id, by="client", given_on=date(2026, 12, 10), today=TODAY
        )
    finally:
        vs._GUARDS.remove(guard)
    assert done.value.last_day == date(2026, 12, 17)
    assert session.get(Visit, protected.id) is not None
    assert done.value.visits_removed == len(after_end) - 1


def test_notice_with_nothing_planned_changes_only_the_agreement(session: Session) -> None:
    cid = _client(session)
    ver = draft_contract(session, _draft(session, cid), today=TODAY).value
    sign_version(session, ver.id, signed_on=TODAY, how="On paper", today=TODAY, render=fake_render)
    done = give_notice(session, ver.contract_id, by="client", given_on=TODAY, today=TODAY)
    assert done.value.visits_removed == 0 and done.value.visits_said == ""
    assert done.changes == frozenset({Area.CONTRACTS})


def test_signing_newer_terms_removes_the_old_schedules_visits_from_their_start(
    session: Session,
) -> None:
    _cid, contract_id = signed_and_planned(session)
    before = visits(session)
    v2_start = date(2027, 1, 4)
    v2 = new_version(session, contract_id, starts_on=v2_start, today=TODAY).value
    d = draft_from_version(v2)
    d.schedule = [ScheduleSlot(TUESDAY, time(9), time(10))]
    d.ends_on = date(2027, 1, 12)
    update_version(session, v2.id, d, today=TODAY)

    done = sign_version(
        session, v2.id, signed_on=TODAY, how="Email", today=TODAY, render=fake_render
    )

    old_after = [v for v in before if day_of(v) >= v2_start]
    after_end = [v for v in old_after if day_of(v) > date(2027, 1, 12)]
    assert done.value.replaced == len(old_after) - len(after_end) > 0
    assert done.value.after_end == len(after_end) > 0
    assert Area.VISITS in done.changes
    assert "under the earlier terms removed" in done.value.summary()
    assert all(day_of(v) < v2_start for v in visits(session))
    # planning again gives the new terms' Tuesdays up to the fixed end, nothing after it
    plan_from_start(session, contract_id, today=TODAY)
    new = [day_of(v) for v in visits(session) if day_of(v) >= v2_start]
    assert new == days_between(v2_start, date(2027, 1, 12), {TUESDAY})
    assert MONDAY not in {d.weekday() for d in new}
