"""Safeguarding records: validation, final once saved, addenda in order, Today, listing."""

from __future__ import annotations

import inspect as pyinspect
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.core.clients import ClientDraft, add_client
from app.core.errors import LockedRecord, NotFound, ValidationError
from app.core.reminders import Urgency
from app.core.safeguarding import services
from app.core.safeguarding.chain import verify_chain
from app.core.safeguarding.models import (
    AddendumKind,
    Category,
    Consent,
    NotifiedKind,
    SafeguardingAddendum,
    SafeguardingRecord,
)
from app.core.safeguarding.services import (
    ConcernDraft,
    NotificationDraft,
    add_addendum,
    create_record,
    list_records,
    record_as_json,
    record_view,
)
from tests.conftest import TODAY

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
SECRET = "Zebedee-said-unique-phrase-7731"  # stands for the free text; must never leak


def draft(**overrides) -> ConcernDraft:  # type: ignore[no-untyped-def]
    base = dict(
        person_name="Visiting neighbour",
        happened_at=NOW - timedelta(hours=3),
        place="Kitchen",
        present="Only the two of us",
        categories=[Category.PHYSICAL],
        seen_heard=f"I saw a bruise. She said “{SECRET}”.",
        actions_taken="Called the safeguarding team.",
        notifications=[
            NotificationDraft(
                NotifiedKind.COUNCIL, NOW - timedelta(hours=1), "Duty officer", "REF-123"
            )
        ],
        consent=Consent.YES,
    )
    base.update(overrides)
    return ConcernDraft(**base)


@pytest.fixture
def client_id(session) -> int:  # type: ignore[no-untyped-def]
    return add_client(session, ClientDraft(name="Margaret Ellis"), today=TODAY).id


# -- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"categories": []}, "categories", "at least one category"),
        ({"categories": ["not-a-category"]}, "categories", "from the list"),
        ({"happened_at": NOW + timedelta(minutes=30)}, "happened_at", "future"),
        ({"happened_at": None}, "happened_at", "Enter the time"),
        ({"happened_at": datetime(1850, 1, 1, tzinfo=UTC)}, "happened_at", "year"),
        ({"seen_heard": ""}, "seen_heard", "what you saw and heard"),
        ({"seen_heard": "   \n  "}, "seen_heard", "what you saw and heard"),
        ({"seen_heard": "x" * 20001}, "seen_heard", "too long"),
        ({"person_name": "", "client_id": None}, "person_name", "Choose the client"),
        ({"client_id": 999}, "client_id", "no longer exists"),
        ({"consent": None}, "consent", "agreed"),
        ({"consent": "maybe"}, "consent", "agreed"),
        ({"notifications": [NotificationDraft("pigeon", NOW)]}, "notifications.0.kind", "list"),
        (
            {"notifications": [NotificationDraft(NotifiedKind.POLICE, None)]},
            "notifications.0.at",
            "Enter the time",
        ),
        (
            {"notifications": [NotificationDraft(NotifiedKind.POLICE, NOW + timedelta(hours=2))]},
            "notifications.0.at",
            "future",
        ),
        (
            {"notifications": [NotificationDraft(NotifiedKind.POLICE, NOW - timedelta(days=2))]},
            "notifications.0.at",
            "before the time it happened",
        ),
        (
            {"notifications": [NotificationDraft(NotifiedKind.OTHER, NOW)]},
            "notifications.0.name",
            "who you told",
        ),
        ({"follow_up_due": date(2026, 11, 1)}, "follow_up_due", "before the concern"),
        ({"follow_up_due": date(2031, 1, 1)}, "follow_up_due", "two years"),
    ],
)
def test_bad_input_names_the_field(session, overrides, field, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        create_record(session, draft(**overrides), now=NOW)
    assert exc.value.field == field
    assert words in exc.value.message
    assert SECRET not in str(exc.value)
    assert session.scalars(select(SafeguardingRecord)).first() is None


def test_a_few_minutes_of_clock_slack_is_allowed(session) -> None:  # type: ignore[no-untyped-def]
    record = create_record(
        session, draft(happened_at=NOW + timedelta(minutes=3), notifications=[]), now=NOW
    ).value
    assert record.happened_at == NOW + timedelta(minutes=3)


def test_record_keeps_both_times_and_everything_written(session, client_id) -> None:  # type: ignore[no-untyped-def]
    record = create_record(
        session,
        draft(
            client_id=client_id,
            person_name="ignored when a client is chosen",
            categories=[Category.FINANCIAL, Category.PHYSICAL, Category.FINANCIAL],
            follow_up_due=date(2026, 12, 2),
        ),
        now=NOW,
    ).value
    view = record_view(session, record.id)
    assert view.happened_at == NOW - timedelta(hours=3)
    assert view.written_at == NOW
    assert view.who == "Margaret Ellis" and view.is_client
    # de-duplicated, in the guidance's order
    assert view.categories == ("Physical abuse", "Financial or material abuse")
    assert SECRET in view.seen_heard
    assert view.notifications[0].reference == "REF-123"
    assert view.notifications[0].at == NOW - timedelta(hours=1)
    assert view.consent.startswith("Yes")
    assert view.follow_up_waiting == date(2026, 12, 2)
    assert len(view.content_hash) == 64


def test_naive_times_from_a_form_are_london_time(session) -> None:  # type: ignore[no-untyped-def]
    # 25 November: London is on GMT, so 10:00 local is 10:00 UTC; in July it would be 09:00
    record = create_record(session, draft(happened_at=datetime(2026, 7, 1, 10, 0)), now=NOW).value
    assert record.happened_at == datetime(2026, 7, 1, 9, 0, tzinfo=UTC)


# -- final once saved -------------------------------------------------------------------------


def test_services_offer_no_update_or_delete() -> None:
    names = [
        n
        for n, f in pyinspect.getmembers(services, pyinspect.isfunction)
        if f.__module__ == services.__name__
    ]
    assert "create_record" in names and "add_addendum" in names
    for name in names:
        assert not any(word in name for word in ("update", "delete", "edit", "remove", "change"))


def test_changing_a_saved_record_is_refused_and_nothing_changes(store) -> None:  # type: ignore[no-untyped-def]
    with store.unit_of_work() as s:
        record_id = create_record(s, draft(), now=NOW).value.id
    with pytest.raises(LockedRecord) as exc, store.unit_of_work() as s:
        s.get(SafeguardingRecord, record_id).seen_heard = "quietly rewritten"
    assert "addendum" in str(exc.value)
    with store.reading() as s:
        assert SECRET in s.get(SafeguardingRecord, record_id).seen_heard
        assert verify_chain(s) == []


def test_attribute_change_right_after_saving_is_refused(session) -> None:  # type: ignore[no-untyped-def]
    record = create_record(session, draft(), now=NOW).value
    with pytest.raises(LockedRecord):
        record.categories = ["other"]
    with pytest.raises(LockedRecord):
        record.happened_at = NOW
    assert record.categories == ["physical"]


def test_flush_refuses_a_dirty_record_even_without_the_attribute_guard(store) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm.attributes import flag_modified

    with store.unit_of_work() as s:
        record_id = create_record(s, draft(), now=NOW).value.id
    with pytest.raises(LockedRecord), store.unit_of_work() as s:
        record = s.get(SafeguardingRecord, record_id)
        record.notifications.append({"kind": "police"})  # in-place JSON change
        flag_modified(record, "notifications")
        s.flush()
    with store.reading() as s:
        assert len(s.get(SafeguardingRecord, record_id).notifications) == 1


def test_deleting_a_record_or_an_addendum_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    with store.unit_of_work() as s:
        record_id = create_record(s, draft(), now=NOW).value.id
        add_addendum(s, record_id, AddendumKind.FOLLOW_UP, "Rang the team.", now=NOW)
    for model in (SafeguardingRecord, SafeguardingAddendum):
        with pytest.raises(LockedRecord), store.unit_of_work() as s:
            s.delete(s.scalars(select(model)).one())
            s.flush()
    with store.reading() as s:
        assert len(list_records(s)) == 1
        assert list_records(s)[0].addenda_count == 1


def test_changing_an_addendum_is_refused(session) -> None:  # type: ignore[no-untyped-def]
    record = create_record(session, draft(), now=NOW).value
    addendum = add_addendum(
        session, record.id, AddendumKind.CORRECTION, "Time was 10:15.", now=NOW
    ).value
    with pytest.raises(LockedRecord):
        addendum.text = "something else"
    with pytest.raises(LockedRecord):
        addendum.seq = 7


# -- addenda --------------------------------------------------------------------------------


def test_addenda_keep_their_order_per_record_and_join_one_chain(session) -> None:  # type: ignore[no-untyped-def]
    first = create_record(session, draft(), now=NOW).value
    second = create_record(
        session, draft(person_name="Another person"), now=NOW + timedelta(minutes=1)
    ).value
    texts = []
    for i in range(4):
        target = first if i % 2 == 0 else second
        add_addendum(
            session,
            target.id,
            AddendumKind.FOLLOW_UP,
            f"note {i}",
            now=NOW + timedelta(hours=i + 1),
        )
        texts.append((target.id, f"note {i}"))
    view = record_view(session, first.id)
    assert [(a.seq, a.text) for a in view.addenda] == [(1, "note 0"), (2, "note 2")]
    assert [a.seq for a in record_view(session, second.id).addenda] == [1, 2]
    seqs = sorted(
        [r.chain_seq for r in session.scalars(select(SafeguardingRecord))]
        + [a.chain_seq for a in session.scalars(select(SafeguardingAddendum))]
    )
    assert seqs == [1, 2, 3, 4, 5, 6]
    assert verify_chain(session) == []


@pytest.mark.parametrize(
    ("kind", "text", "field"),
    [
        (AddendumKind.CORRECTION, "", "text"),
        (AddendumKind.FOLLOW_UP, "   ", "text"),
        ("gossip", "x", "kind"),
        (AddendumKind.FOLLOW_UP_DONE, "done", "kind"),  # nothing waiting
        (AddendumKind.FOLLOW_UP, "x" * 20001, "text"),
    ],
)
def test_bad_addenda_are_refused(session, kind, text, field) -> None:  # type: ignore[no-untyped-def]
    record = create_record(session, draft(), now=NOW).value
    with pytest.raises(ValidationError) as exc:
        add_addendum(session, record.id, kind, text, now=NOW)
    assert exc.value.field == field
    assert session.scalars(select(SafeguardingAddendum)).first() is None


def test_addendum_to_a_missing_record(session) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound):
        add_addendum(session, 42, AddendumKind.FOLLOW_UP, "x", now=NOW)


# -- follow-ups on Today --------------------------------------------------------------------


def test_follow_up_shows_on_today_until_marked_done(session) -> None:  # type: ignore[no-untyped-def]
    record = create_record(session, draft(follow_up_due=date(2026, 11, 27)), now=NOW).value
    items = services.due(session, TODAY)
    assert [(i.text, i.when, i.urgency) for i in items] == [
        (f"Follow-up for record #{record.id} due", date(2026, 11, 27), Urgency.SOON)
    ]
    assert services.due(session, date(2026, 11, 28))[0].urgency == Urgency.OVERDUE
    # a follow-up addendum moves the date
    add_addendum(
        session,
        record.id,
        AddendumKind.FOLLOW_UP,
        "Team will call back.",
        follow_up_due=date(2026, 12, 20),
        now=NOW,
    )
    assert services.due(session, TODAY)[0].when == date(2026, 12, 20)
    assert services.due(session, TODAY)[0].urgency == Urgency.LATER
    add_addendum(session, record.id, AddendumKind.FOLLOW_UP_DONE, "", now=NOW)
    assert services.due(session, TODAY) == []
    assert record_view(session, record.id).addenda[-1].text == "Follow-up marked done."
    with pytest.raises(ValidationError):  # nothing left to mark done
        add_addendum(session, record.id, AddendumKind.FOLLOW_UP_DONE, "", now=NOW)


def test_today_text_has_no_free_text(session) -> None:  # type: ignore[no-untyped-def]
    create_record(session, draft(follow_up_due=TODAY), now=NOW)
    for item in services.due(session, TODAY):
        assert SECRET not in item.text and "Visiting neighbour" not in item.text
        assert item.urgency == Urgency.TODAY


# -- privacy --------------------------------------------------------------------------------


def test_reprs_and_json_carry_no_free_text(session, client_id) -> None:  # type: ignore[no-untyped-def]
    record = create_record(session, draft(client_id=client_id), now=NOW).value
    addendum = add_addendum(session, record.id, AddendumKind.CORRECTION, SECRET, now=NOW).value
    d = draft()
    for thing in (
        record,
        addendum,
        d,
        d.notifications[0],
        record_view(session, record.id),
        list_records(session)[0],
    ):
        assert SECRET not in repr(thing) and "Kitchen" not in repr(thing)
    data = record_as_json(list_records(session)[0])
    assert set(data) == {
        "id",
        "happened_at",
        "written_at",
        "client_id",
        "categories",
        "addenda_count",
        "follow_up_due",
    }
    assert data["categories"] == ["physical"] and data["addenda_count"] == 1
    assert data["client_id"] == client_id
    assert data["happened_at"] == "2026-11-25T12:00:00+00:00"


def test_a_database_error_on_save_carries_no_text(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.core.errors import DaybookError
    from app.core.safeguarding.chain import GENESIS

    with store.unit_of_work() as s:
        create_record(s, draft(), now=NOW)
    monkeypatch.setattr(services, "last_link", lambda _s: (0, GENESIS))  # a clashing chain_seq
    with pytest.raises(DaybookError) as exc, store.unit_of_work() as s:
        create_record(s, draft(), now=NOW)
    assert SECRET not in str(exc.value)
    assert exc.value.__suppress_context__ and exc.value.__cause__ is None
    with store.reading() as s:
        assert len(list_records(s)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Zoë said “Ça va” — 👋🏽 ok",
        "مرحبا (Arabic, right to left)",
        "'; DROP TABLE safeguarding_record; --",
        "line one\r\nline two\ttabbed\x00after a NUL",
        "x" * 20000,
    ],
)
def test_nasty_text_round_trips_and_keeps_its_seal(store, text) -> None:  # type: ignore[no-untyped-def]
    with store.unit_of_work() as s:
        record_id = create_record(
            s, draft(seen_heard=text, place=text[:2000], person_name=text[:200]), now=NOW
        ).value.id
        add_addendum(s, record_id, AddendumKind.CORRECTION, text, now=NOW)
    with store.reading() as s:
        view = record_view(s, record_id)
        assert view.seen_heard == text.strip() and view.addenda[0].text == text.strip()
        assert verify_chain(s) == []
