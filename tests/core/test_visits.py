"""Visits core: schedule generation over clock changes, cancelling, overlaps, guards, ill."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.clients import Client, ClientDraft, ContactDraft, add_client
from app.core.contracts.models import Contract, ContractStatus, ContractVersion, PlanBContact
from app.core.errors import DaybookError, LockedRecord, ValidationError
from app.core.formatting import LONDON
from app.core.visits import services as vs
from app.core.visits.generate import generate_visits
from app.core.visits.ics import visits_ics
from app.core.visits.ill import mark_carer_ill
from app.core.visits.models import Visit, VisitStatus
from tests.conftest import TODAY


def london(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def make_client(session: Session, name: str = "Margaret Ellis", preferred: str = "Peggy") -> Client:
    return add_client(
        session,
        ClientDraft(
            name=name,
            preferred_name=preferred,
            phone="01823 123456",
            emergency_contacts=[ContactDraft("Jo Ellis", "Daughter", "07700 900111")],
        ),
        today=TODAY,
    )


def make_contract(
    session: Session,
    client: Client,
    *,
    starts_on: date,
    slots: list[tuple[int, str, str]],
    every: int = 1,
    end_date: date | None = None,
    late_hours: int = 24,
    late_percent: int = 100,
    rate: int = 2400,
    version_no: int = 1,
    contract: Contract | None = None,
    status: ContractStatus = ContractStatus.SIGNED,
) -> ContractVersion:
    if contract is None:
        contract = Contract(client_id=client.id, end_date=end_date)
        session.add(contract)
        session.flush()
    version = ContractVersion(
        contract_id=contract.id,
        version_no=version_no,
        status=status,
        starts_on=starts_on,
        every_n_weeks=every,
        standard_rate_pence=rate,
        schedule=[{"weekday": d, "start": s, "end": e, "specialist": False} for d, s, e in slots],
        late_cancel_hours=late_hours,
        late_cancel_percent=late_percent,
        signed_on=starts_on,
    )
    session.add(version)
    session.flush()
    session.refresh(contract)
    return version


def all_visits(session: Session, client_id: int | None = None) -> list[Visit]:
    stmt = select(Visit).order_by(Visit.planned_start)
    if client_id is not None:
        stmt = stmt.where(Visit.client_id == client_id)
    return list(session.scalars(stmt))


# ------------------------------------------------------------ generation


@pytest.mark.parametrize("change_sunday", [date(2026, 3, 29), date(2026, 10, 25)])
def test_a_nine_oclock_visit_stays_at_nine_over_the_clock_change(
    session: Session, change_sunday: date
) -> None:
    client = make_client(session)
    make_contract(
        session,
        client,
        starts_on=date(2026, 1, 5),
        slots=[(6, "09:00", "10:00"), (0, "01:30", "02:45")],
    )  # Sundays, Mondays
    generate_visits(session, change_sunday - timedelta(days=7), change_sunday + timedelta(days=8))
    visits = all_visits(session)
    sundays = [v for v in visits if v.planned_start.astimezone(LONDON).weekday() == 6]
    assert len(sundays) == 3
    for v in sundays:
        local_s, local_e = v.planned_start.astimezone(LONDON), v.planned_end.astimezone(LONDON)
        assert (local_s.hour, local_s.minute, local_e.hour) == (9, 0, 10)
        assert v.minutes == 60
    # UTC hour differs either side of the change: GMT 09:00Z, BST 08:00Z.
    utc_hours = {
        v.planned_start.astimezone(UTC).date(): v.planned_start.astimezone(UTC).hour
        for v in sundays
    }
    before, on, after = sorted(utc_hours)
    if change_sunday.month == 3:
        assert (utc_hours[before], utc_hours[on], utc_hours[after]) == (9, 8, 8)
    else:
        assert (utc_hours[before], utc_hours[on], utc_hours[after]) == (8, 9, 9)


def test_fortnightly_schedule_skips_alternate_weeks(session: Session) -> None:
    client = make_client(session)
    # Starts Wednesday 7 Jan 2026: weeks counted from that week; Thursday slots fortnightly.
    make_contract(
        session, client, starts_on=date(2026, 1, 7), slots=[(3, "14:00", "15:00")], every=2
    )
    generate_visits(session, date(2026, 1, 1), date(2026, 2, 28))
    days = [v.planned_start.astimezone(LONDON).date() for v in all_visits(session)]
    assert days == [date(2026, 1, 8), date(2026, 1, 22), date(2026, 2, 5), date(2026, 2, 19)]


def test_generating_twice_creates_no_duplicates_and_keeps_changes(session: Session) -> None:
    client = make_client(session)
    make_contract(
        session,
        client,
        starts_on=date(2026, 11, 2),
        slots=[(0, "09:00", "10:00"), (0, "18:00", "18:30"), (3, "09:00", "10:00")],
    )
    first = generate_visits(session, date(2026, 11, 23), date(2026, 12, 6)).value
    assert first.created == 6
    visits = all_visits(session)
    # The carer moves one, cancels another, marks a third delivered.
    vs.update_visit(
        session,
        visits[0].id,
        vs.VisitDraft(start=london(2026, 11, 23, 11), end=london(2026, 11, 23, 12)),
    )
    vs.cancel_by_carer(session, visits[1].id, cancelled_at=london(2026, 11, 20, 8))
    vs.mark_delivered(
        session,
        visits[2].id,
        london(2026, 11, 26, 9, 5),
        london(2026, 11, 26, 10, 2),
        miles_tenths=35,
        note="fine",
    )
    again = generate_visits(session, date(2026, 11, 23), date(2026, 12, 6)).value
    assert again.created == 0
    assert again.kept == 6
    after = all_visits(session)
    assert len(after) == 6
    assert [v.status for v in after[:3]] == [
        VisitStatus.PLANNED,
        VisitStatus.CANCELLED_BY_CARER,
        VisitStatus.DELIVERED,
    ]
    assert after[0].planned_start == london(2026, 11, 23, 11)


def test_generation_stops_at_the_contract_end_and_follows_new_versions(session: Session) -> None:
    client = make_client(session)
    v1 = make_contract(
        session,
        client,
        starts_on=date(2026, 11, 2),
        slots=[(1, "09:00", "10:00")],
        end_date=date(2026, 12, 31),
    )
    generate_visits(session, date(2026, 11, 1), date(2027, 1, 31))
    tuesdays = all_visits(session)
    assert tuesdays[-1].planned_start.astimezone(LONDON).date() == date(2026, 12, 29)
    assert len(tuesdays) == 9
    # New terms from 1 December: Wednesdays instead, version 2 of the same contract.
    v2 = make_contract(
        session,
        client,
        starts_on=date(2026, 12, 1),
        slots=[(2, "10:00", "11:00")],
        version_no=2,
        contract=v1.contract,
    )
    result = generate_visits(session, date(2026, 11, 1), date(2027, 1, 31)).value
    assert result.removed == 5  # the Tuesdays in December
    visits = all_visits(session)
    assert {
        v.contract_version_id for v in visits if v.planned_start.astimezone(LONDON).month == 12
    } == {v2.id}
    assert all(v.planned_start.astimezone(LONDON).date() <= date(2026, 12, 31) for v in visits)


def test_generation_reports_a_clash_with_another_clients_visit(session: Session) -> None:
    a, b = make_client(session), make_client(session, "Arthur Penrose", "")
    make_contract(session, a, starts_on=date(2026, 11, 2), slots=[(0, "09:00", "10:00")])
    make_contract(session, b, starts_on=date(2026, 11, 2), slots=[(0, "09:30", "10:30")])
    result = generate_visits(session, date(2026, 11, 30), date(2026, 11, 30)).value
    assert result.created == 1
    assert len(result.clashes) == 1
    assert "overlaps" in result.clashes[0].describe()


def test_generation_refuses_a_backwards_range(session: Session) -> None:
    with pytest.raises(ValidationError) as err:
        generate_visits(session, date(2026, 12, 1), date(2026, 11, 1))
    assert err.value.field == "last_day"


# ------------------------------------------------------------ bad input


def test_one_off_end_before_start_zero_length_and_overlap(session: Session) -> None:
    client = make_client(session)
    other = make_client(session, "Arthur Penrose", "")
    with pytest.raises(ValidationError) as err:
        vs.add_one_off(
            session, vs.VisitDraft(client.id, london(2026, 12, 1, 10), london(2026, 12, 1, 9))
        )
    assert err.value.field == "end" and "before it starts" in err.value.message
    with pytest.raises(ValidationError) as err:
        vs.add_one_off(
            session, vs.VisitDraft(client.id, london(2026, 12, 1, 10), london(2026, 12, 1, 10))
        )
    assert err.value.field == "end" and "no length" in err.value.message
    with pytest.raises(ValidationError) as err:
        vs.add_one_off(
            session, vs.VisitDraft(None, london(2026, 12, 1, 10), london(2026, 12, 1, 11))
        )
    assert err.value.field == "client_id"
    vs.add_one_off(
        session, vs.VisitDraft(client.id, london(2026, 12, 1, 10), london(2026, 12, 1, 11))
    )
    with pytest.raises(ValidationError) as err:
        vs.add_one_off(
            session,
            vs.VisitDraft(other.id, london(2026, 12, 1, 10, 30), london(2026, 12, 1, 11, 30)),
        )
    assert err.value.field == "start" and "overlaps" in err.value.message
    # Back to back is fine.
    vs.add_one_off(
        session, vs.VisitDraft(other.id, london(2026, 12, 1, 11), london(2026, 12, 1, 12))
    )
    assert len(all_visits(session)) == 2


def test_marking_delivered_validates_times_and_miles(session: Session) -> None:
    client = make_client(session)
    visit = vs.add_one_off(
        session, vs.VisitDraft(client.id, london(2026, 12, 1, 10), london(2026, 12, 1, 11))
    ).value
    other = vs.add_one_off(
        session, vs.VisitDraft(client.id, london(2026, 12, 1, 12), london(2026, 12, 1, 13))
    ).value
    with pytest.raises(ValidationError) as err:
        vs.mark_delivered(session, visit.id, london(2026, 12, 1, 11), london(2026, 12, 1, 10))
    assert err.value.field == "actual_end"
    with pytest.raises(ValidationError) as err:
        vs.mark_delivered(session, visit.id, london(2026, 12, 1, 10), london(2026, 12, 1, 12, 30))
    assert err.value.field == "actual_start" and "overlaps" in err.value.message
    with pytest.raises(ValidationError) as err:
        vs.mark_delivered(
            session, visit.id, london(2026, 12, 1, 10), london(2026, 12, 1, 11), miles_tenths=-5
        )
    assert err.value.field == "miles"
    with pytest.raises(ValidationError) as err:
        vs.mark_delivered(session, visit.id, london(2027, 12, 1, 10), london(2027, 12, 1, 11))
    assert err.value.field == "actual_start"
    vs.mark_delivered(
        session,
        visit.id,
        london(2026, 12, 1, 10, 5),
        london(2026, 12, 1, 11, 10),
        miles_tenths=42,
        note="Went well",
    )
    assert visit.status == VisitStatus.DELIVERED
    assert visit.minutes == 65 and visit.miles == 4.2
    assert visit.start == london(2026, 12, 1, 10, 5)
    assert other.status == VisitStatus.PLANNED
    assert "Went well" not in repr(visit)


# ------------------------------------------------------------ cancelling


@pytest.mark.parametrize(
    ("hours_before", "expected"),
    [
        (30, 0),  # outside the 24-hour window
        (24, 0),  # exactly 24 hours is not "less than 24 hours' notice" (issue 22)
        (2, 3600),  # inside: 100% of 1.5 h at £24/h
        (-1, 3600),  # after the start
    ],
)
def test_late_cancellation_charge(session: Session, hours_before: int, expected: int) -> None:
    client = make_client(session)
    make_contract(session, client, starts_on=date(2026, 11, 2), slots=[(1, "09:00", "10:30")])
    generate_visits(session, date(2026, 12, 1), date(2026, 12, 1))
    visit = all_visits(session)[0]
    vs.cancel_by_client(
        session, visit.id, cancelled_at=visit.planned_start - timedelta(hours=hours_before)
    )
    assert visit.status == VisitStatus.CANCELLED_BY_CLIENT
    assert visit.late_cancel_charge_pence == expected


def test_late_cancellation_percent_rounds_half_up(session: Session) -> None:
    client = make_client(session)
    # 50% of 55 min at £23.45/h: 2149.58.. -> £21.50 for the visit, half is 1075.
    make_contract(
        session,
        client,
        starts_on=date(2026, 11, 2),
        slots=[(1, "09:00", "09:55")],
        late_percent=50,
        rate=2345,
    )
    generate_visits(session, date(2026, 12, 1), date(2026, 12, 1))
    visit = all_visits(session)[0]
    assert vs.late_cancel_charge(session, visit, visit.planned_start) == 1075
    vs.cancel_by_client(session, visit.id, cancelled_at=visit.planned_start, charge=False)
    assert visit.late_cancel_charge_pence == 0


def test_cancel_by_carer_is_never_charged_and_can_be_undone(session: Session) -> None:
    client = make_client(session)
    make_contract(session, client, starts_on=date(2026, 11, 2), slots=[(1, "09:00", "10:00")])
    generate_visits(session, date(2026, 12, 1), date(2026, 12, 1))
    visit = all_visits(session)[0]
    vs.cancel_by_carer(session, visit.id, cancelled_at=visit.planned_start)
    assert visit.status == VisitStatus.CANCELLED_BY_CARER
    assert visit.late_cancel_charge_pence == 0
    with pytest.raises(DaybookError):
        vs.cancel_by_client(session, visit.id, cancelled_at=visit.planned_start)
    vs.reinstate_visit(session, visit.id)
    assert visit.status == VisitStatus.PLANNED


# ------------------------------------------------------------ guards


def test_a_guard_refusal_is_honoured_for_delete_edit_and_cancel(session: Session) -> None:
    client = make_client(session)
    visit = vs.add_one_off(
        session, vs.VisitDraft(client.id, london(2026, 12, 1, 10), london(2026, 12, 1, 11))
    ).value
    seen: list[str] = []

    def on_issued_invoice(s: Session, v: Visit, action: str) -> str | None:
        seen.append(action)
        return (
            "This visit is on invoice 2026-0001, which has been issued."
            if v.id == visit.id
            else None
        )

    vs.register_visit_guard(on_issued_invoice)
    try:
        with pytest.raises(LockedRecord, match="issued"):
            vs.delete_visit(session, visit.id)
        with pytest.raises(LockedRecord):
            vs.mark_delivered(session, visit.id, london(2026, 12, 1, 10), london(2026, 12, 1, 11))
        with pytest.raises(LockedRecord):
            vs.cancel_by_client(session, visit.id, cancelled_at=london(2026, 11, 1, 9))
        assert seen == ["delete", "edit", "cancel"]
        assert session.get(Visit, visit.id).status == VisitStatus.PLANNED
    finally:
        vs._GUARDS.remove(on_issued_invoice)
    vs.delete_visit(session, visit.id)
    assert all_visits(session) == []


# ------------------------------------------------------------ ill


def test_ill_range_cancels_only_planned_visits_in_range(session: Session) -> None:
    a = make_client(session)
    b = make_client(session, "Arthur Penrose", "")
    session.add(
        PlanBContact(
            client_id=a.id, kind="arranges_cover", name="Linda Ellis", phone="07700 900222"
        )
    )
    make_contract(
        session,
        a,
        starts_on=date(2026, 11, 2),
        slots=[(0, "09:00", "10:00"), (2, "09:00", "10:00")],
    )
    make_contract(session, b, starts_on=date(2026, 11, 2), slots=[(1, "11:00", "12:00")])
    generate_visits(session, date(2026, 11, 30), date(2026, 12, 13))
    visits = all_visits(session)
    delivered = visits[0]  # Monday 30 Nov, already done
    vs.mark_delivered(session, delivered.id, delivered.planned_start, delivered.planned_end)
    result = mark_carer_ill(
        session, date(2026, 11, 30), date(2026, 12, 6), now=london(2026, 11, 30, 7)
    ).value
    assert result.cancelled == 2  # Tue (B), Wed (A): not Monday's delivered visit
    by_status = {v.id: v.status for v in all_visits(session)}
    assert by_status[delivered.id] == VisitStatus.DELIVERED
    week2 = [
        v
        for v in all_visits(session)
        if v.planned_start.astimezone(LONDON).date() >= date(2026, 12, 7)
    ]
    assert {v.status for v in week2} == {VisitStatus.PLANNED}
    names = [c.client_name for c in result.clients]
    assert names == ["Arthur Penrose", "Margaret Ellis"]
    peggy = result.clients[1]
    assert [(p.name, p.phone) for p in peggy.plan_b] == [("Linda Ellis", "07700 900222")]
    assert peggy.emergency_contacts[0].phone == "07700 900111"
    assert all(v.late_cancel_charge_pence == 0 for v in all_visits(session))


# ------------------------------------------------------------ views, ics, Today


def test_week_view_and_list_paging(session: Session) -> None:
    client = make_client(session)
    make_contract(
        session,
        client,
        starts_on=date(2026, 11, 2),
        slots=[(d, "09:00", "10:00") for d in range(7)],
    )
    generate_visits(session, date(2026, 11, 1), date(2026, 12, 31))
    week = vs.visits_in_week(session, date(2026, 11, 25))  # a Wednesday: its Monday is 23rd
    assert list(week)[0] == date(2026, 11, 23) and len(week) == 7
    assert all(len(rows) == 1 for rows in week.values())
    assert week[date(2026, 11, 23)][0].short_name == "Peggy"
    total = vs.count_visits(session, date(2026, 11, 1), date(2026, 12, 31))
    assert total == 60  # from Monday 2 November
    pages = [
        vs.list_visits(session, date(2026, 11, 1), date(2026, 12, 31), limit=25, offset=o)
        for o in (0, 25, 50)
    ]
    assert [len(p) for p in pages] == [25, 25, 10]
    ids = [r.id for p in pages for r in p]
    assert len(set(ids)) == 60
    assert (
        vs.list_visits(session, date(2026, 11, 1), date(2026, 12, 31), status=VisitStatus.DELIVERED)
        == []
    )


def test_ics_has_london_times_and_no_sensitive_text(session: Session) -> None:
    from icalendar import Calendar

    client = make_client(session)
    visit = vs.add_one_off(
        session,
        vs.VisitDraft(client.id, london(2026, 7, 1, 9), london(2026, 7, 1, 10), note="SECRET-NOTE"),
    ).value
    vs.add_one_off(
        session, vs.VisitDraft(client.id, london(2026, 12, 1, 9), london(2026, 12, 1, 10))
    )
    data = visits_ics(session, date(2026, 6, 1), date(2026, 12, 31))
    assert b"SECRET-NOTE" not in data and b"Ellis" not in data
    assert b"TZID=Europe/London" in data and b"BEGIN:VTIMEZONE" in data
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Peggy visit", "Peggy visit"]
    starts = [e.decoded("dtstart") for e in events]
    assert [(s.hour, s.utcoffset()) for s in starts] == [(9, timedelta(hours=1)), (9, timedelta(0))]
    # a random UUID kept with the visit, not its row id (a restored backup may reuse ids)
    assert str(events[0]["uid"]) == f"{visit.uid}@daybook.local"
    assert str(__import__("uuid").UUID(visit.uid)) == visit.uid
    assert len({str(e["uid"]) for e in events}) == 2


def test_today_lists_todays_visits(session: Session) -> None:
    from app.core.reminders import due_items

    client = make_client(session)
    vs.add_one_off(
        session,
        vs.VisitDraft(client.id, london(2026, 11, 25, 9), london(2026, 11, 25, 10), note="SECRET"),
    )
    vs.add_one_off(
        session, vs.VisitDraft(client.id, london(2026, 11, 26, 9), london(2026, 11, 26, 10))
    )
    vs.add_one_off(
        session, vs.VisitDraft(client.id, london(2026, 11, 20, 9), london(2026, 11, 20, 10))
    )
    items = [i for i in due_items(session, TODAY) if i.area == "visits"]
    texts = [i.text for i in items]
    assert "09:00–10:00 Margaret Ellis" in texts
    assert any("1 past visit still planned" in t for t in texts)
    assert not any("SECRET" in t for t in texts)
    assert len(items) == 2


def test_cancel_quote_explains_the_charge(session: Session) -> None:
    client = make_client(session)
    make_contract(
        session,
        client,
        starts_on=date(2026, 11, 2),
        slots=[(1, "09:00", "10:00")],
        late_hours=48,
        late_percent=50,
    )
    generate_visits(session, date(2026, 12, 1), date(2026, 12, 1))
    visit = all_visits(session)[0]
    inside = vs.cancel_quote(session, visit.id, visit.planned_start - timedelta(hours=5))
    assert inside.charge_pence == 1200 and inside.late
    assert "£12.00" in inside.describe() and "48 hours" in inside.describe()
    outside = vs.cancel_quote(session, visit.id, visit.planned_start - timedelta(days=3))
    assert outside.charge_pence == 0 and "no charge" in outside.describe()


def test_integrity_check_finds_inconsistent_visits(session: Session) -> None:
    from app.core.checks import run_checks

    client = make_client(session)
    visit = vs.add_one_off(
        session, vs.VisitDraft(client.id, london(2026, 12, 1, 10), london(2026, 12, 1, 11))
    ).value
    assert run_checks(session)["visits"] == []
    visit.status = VisitStatus.DELIVERED
    visit.late_cancel_charge_pence = 500
    session.flush()
    problems = run_checks(session)["visits"]
    assert len(problems) == 2 and "no actual times" in problems[0]
