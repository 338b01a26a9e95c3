"""Today's availability, privacy and portfolio providers read plainly (no ORM at start-up).

Each must give exactly what the ORM version gave: the items below, in
plain_today_settings_expected.json, were captured from the ORM providers before they were
rewritten (on the demo and on the hand-made cases built here), and the plain providers must
give the same through a DB-API connection and through a Session.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.core.formatting import LONDON
from app.core.reading import ConnectionReader
from app.core.reminders import DueItem
from app.storage.database import Store, connect_raw
from tests.conftest import TEST_KEY, TODAY

EXPECTED_FILE = Path(__file__).with_name("plain_today_settings_expected.json")
PROVIDERS = {
    "availability": "app.core.availability",
    "privacy": "app.core.privacy.today",
    "portfolio": "app.core.portfolio.reminders",
}
DEMO_DAYS = (TODAY, date(2026, 12, 30), date(2027, 3, 1), date(2034, 1, 2))
EDGE_DAYS = (
    TODAY,
    TODAY - timedelta(days=1),
    TODAY + timedelta(days=2),
    TODAY + timedelta(days=30),
    TODAY + timedelta(days=31),
    date(2026, 3, 29),  # the clocks go forward
    date(2026, 6, 26),
    date(2026, 6, 27),
    date(2026, 10, 25),  # the clocks go back
    date(2030, 6, 1),
    date(2031, 6, 1),
    date(2034, 1, 2),
)


def provider(name: str) -> Callable[..., list[DueItem]]:
    import importlib

    return importlib.import_module(PROVIDERS[name]).due  # type: ignore[no-any-return]


def as_json(items: list[DueItem]) -> list[list[Any]]:
    return [
        [
            i.area.value,
            i.heading,
            i.text,
            i.when.isoformat() if i.when else None,
            i.urgency.name,
            i.record_id,
            i.action,
        ]
        for i in items
    ]


def reads(db: Any, days: tuple[date, ...]) -> dict[str, Any]:
    """Each provider's items, and the free time and retention they are made from, each day."""
    from app.core.availability import availability
    from app.core.privacy.retention import retention_rows

    found: dict[str, Any] = {}
    for day in days:
        for name in PROVIDERS:
            found[f"{name}/{day.isoformat()}"] = as_json(provider(name)(db, day))
        week = availability(db, day)
        found[f"free/{day.isoformat()}"] = [
            week.text,
            [[b.weekday, b.start, b.end] for b in week.booked],
        ]
        found[f"retention/{day.isoformat()}"] = [
            [
                r.client_id,
                str(r.last_activity),
                str(r.last_visit),
                str(r.last_tax_record),
                str(r.erasable_from),
                r.erasable,
                r.erased,
            ]
            for r in retention_rows(db, today=day)
        ]
    return found


def through_session(store: Store, days: tuple[date, ...]) -> dict[str, Any]:
    with store.reading() as s:
        return reads(s, days)


def through_connection(store: Store, days: tuple[date, ...]) -> dict[str, Any]:
    conn = connect_raw(store.path, TEST_KEY)
    try:
        return reads(ConnectionReader(conn), days)
    finally:
        conn.close()


# ------------------------------------------------------------------ the hand-made cases


def _when(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=LONDON).astimezone(UTC)


def build_records(store: Store) -> None:
    """Clients at the edges of retention, schedules for the free time, documents expiring."""
    from app.core.availability import WorkingDayDraft, save_working_hours
    from app.core.clients import Client, ClientStatus
    from app.core.contracts.models import ContractStatus
    from app.core.feedback.services import FeedbackDraft, record_feedback
    from app.core.invoicing.drafts import draft_invoice
    from app.core.invoicing.payments import PaymentDraft, record_payment
    from app.core.portfolio.models import DocType
    from app.core.portfolio.services import DocumentDraft, add_document, archive_document
    from app.core.privacy.ico import save_ico_fee
    from app.core.safeguarding.models import Consent
    from app.core.safeguarding.services import ConcernDraft, add_addendum, create_record
    from app.core.sealing.guards import PLACEHOLDER_PREFIX
    from tests.core.test_invoicing import make_business, visit
    from tests.core.test_privacy import _client, _issued
    from tests.core.test_visits import make_contract

    with store.unit_of_work() as s:
        make_business(s)
        save_working_hours(
            s, [WorkingDayDraft(d, "09:00", "17:00", "12:30", "13:00") for d in range(5)], 15
        )
        save_working_hours(
            s,
            [WorkingDayDraft(d, "09:00", "17:00", "12:30", "13:00") for d in range(5)]
            + [WorkingDayDraft(5, "10:00", "14:00")],
            15,
        )

        def client(name: str, word: str, status: ClientStatus = ClientStatus.ENDED) -> Client:
            cid = _client(s, name, word, starts_on=date(2018, 1, 1))
            c = s.get(Client, cid)
            c.status = status
            c.created_at = datetime(2018, 1, 2, 10, 0, tzinfo=UTC)
            s.flush()
            return c

        # retention: the tax record decides (tax year 2019-20 + 6 = 05/04/2026)
        a = client("Ann Invoiced", "AAA")
        _issued(s, a.id, date(2019, 6, 10))
        # the last visit decides, erasable exactly on 25/11/2026
        b = client("Ben Visited", "BBB")
        visit(s, b.id, date(2020, 11, 25), (9, 0), (10, 0))
        # a visit at 00:30 in summer time is on the London day, a day after its UTC day
        c = client("Cat Summer", "CCC")
        visit(s, c.id, date(2020, 6, 27), (0, 30), (1, 0))
        # a visit at 23:30 on a winter evening
        d = client("Dan Winter", "DDD")
        visit(s, d.id, date(2020, 1, 14), (23, 30), (23, 50))
        # safeguarding keeps the records 10 years from the last entry (an addendum here)
        e = client("Eve Guarded", "EEE")
        visit(s, e.id, date(2019, 2, 1), (9, 0), (10, 0))
        record = create_record(
            s,
            ConcernDraft(
                client_id=e.id,
                happened_at=datetime(2020, 5, 31, 21, 0, tzinfo=UTC),
                categories=["physical"],
                seen_heard="Nothing to read here.",
                consent=Consent.YES,
            ),
            now=datetime(2020, 5, 31, 23, 30, tzinfo=UTC),  # 01/06/2020 in London
        ).value
        add_addendum(
            s,
            record.id,
            "correction",
            "A later word.",
            now=datetime(2021, 5, 31, 23, 30, tzinfo=UTC),
        )
        # archived, though still "active": no longer in care
        f = client("Fay Archived", "FFF", ClientStatus.ACTIVE)
        visit(s, f.id, date(2019, 3, 4), (9, 0), (10, 0))
        f.archived_at = datetime(2020, 1, 1, tzinfo=UTC)
        # in care: never listed
        g = client("Gus Incare", "GGG", ClientStatus.ACTIVE)
        visit(s, g.id, date(2019, 3, 4), (9, 0), (10, 0))
        # already erased: never listed
        h = client("Hal Erased", "HHH")
        visit(s, h.id, date(2019, 3, 4), (9, 0), (10, 0))
        h.name = f"{PLACEHOLDER_PREFIX}{h.id}"
        # no records at all: counted from when the client was added
        client("Ida Nothing", "III", ClientStatus.ENQUIRY)
        # a draft invoice counts by its period's end; a paused client is not in care
        j = client("Jon Drafted", "JJJ", ClientStatus.PAUSED)
        visit(s, j.id, date(2019, 3, 11), (9, 0), (10, 0))
        draft_invoice(s, j.id, date(2019, 3, 1), date(2019, 3, 28))
        # a payment in a later tax year keeps the tax records longer
        k = client("Kim Paidlate", "KKK")
        inv = _issued(s, k.id, date(2019, 6, 10))
        record_payment(
            s,
            PaymentDraft(
                received_on=date(2020, 5, 1), amount_pence=inv.total_pence, invoice_ids=[inv.id]
            ),
            today=TODAY,
        )
        # feedback after the last visit keeps the care records longer
        m = client("May Thankful", "MMM")
        visit(s, m.id, date(2019, 1, 10), (9, 0), (10, 0))
        record_feedback(
            s,
            FeedbackDraft(
                client_id=m.id,
                kind="compliment",
                received_on=date(2021, 2, 1),
                received_how="letter",
                summary="Lovely",
            ),
            today=TODAY,
        )
        # availability: signed schedules this week and next (see test_availability)
        changing = client("Nia Changing", "NNN", ClientStatus.ACTIVE)
        v1 = make_contract(s, changing, starts_on=date(2026, 1, 5), slots=[(4, "08:00", "09:00")])
        make_contract(
            s,
            changing,
            starts_on=date(2026, 11, 27),
            slots=[(4, "15:00", "16:00"), (0, "07:00", "09:30")],
            version_no=2,
            contract=v1.contract,
        )
        ending = client("Oli Ending", "OOO", ClientStatus.ACTIVE)
        make_contract(
            s,
            ending,
            starts_on=date(2026, 1, 5),
            slots=[(3, "10:00", "11:00"), (4, "10:00", "11:00")],
            end_date=date(2026, 11, 26),
        )
        fixed = client("Pat Fixed", "PPP", ClientStatus.ACTIVE)
        term = make_contract(
            s,
            fixed,
            starts_on=date(2026, 1, 5),
            slots=[(5, "11:00", "12:00"), (6, "09:00", "10:00")],
            status=ContractStatus.DRAFT,
        )
        term.ends_on = date(2026, 11, 28)
        term.status = ContractStatus.SIGNED
        unsigned = client("Quin Unsigned", "QQQ", ClientStatus.ACTIVE)
        make_contract(
            s,
            unsigned,
            starts_on=date(2026, 1, 5),
            slots=[(1, "10:00", "11:00")],
            status=ContractStatus.SENT,
        )
        replaced = client("Ros Replaced", "RRR", ClientStatus.ACTIVE)
        old = make_contract(
            s,
            replaced,
            starts_on=date(2026, 3, 2),
            slots=[(2, "09:00", "10:00")],
            status=ContractStatus.SUPERSEDED,
        )
        make_contract(
            s,
            replaced,
            starts_on=date(2026, 6, 24),
            slots=[(2, "14:00", "15:30")],
            version_no=2,
            contract=old.contract,
        )
        # the ICO fee falls due 30 days after TODAY
        save_ico_fee(s, "ZA123456", TODAY + timedelta(days=30))
        # portfolio: expiring around TODAY, a DBS renewal, an archived one, one that never expires
        for title, doc_type, expiry, renewal in (
            ("Insurance", DocType.INSURANCE, TODAY, None),
            ("Moving and handling", DocType.TRAINING, TODAY - timedelta(days=1), None),
            ("First aid", DocType.TRAINING, TODAY + timedelta(days=30), None),
            ("Food hygiene", DocType.TRAINING, TODAY + timedelta(days=31), None),
            ("DBS", DocType.DBS, None, TODAY + timedelta(days=3)),
            ("DBS (old)", DocType.DBS, TODAY + timedelta(days=400), TODAY + timedelta(days=2)),
            ("Reference", DocType.REFERENCE, None, None),
            ("Quality standard", DocType.QUALITY_STANDARD, date(2026, 3, 29), None),
        ):
            add_document(
                s,
                DocumentDraft(
                    doc_type=doc_type,
                    title=title,
                    issue_date=date(2025, 1, 1),
                    expiry_date=expiry,
                    renewal_date=renewal,
                ),
                today=TODAY,
            )
        gone = add_document(
            s,
            DocumentDraft(doc_type=DocType.TRAINING, title="Archived", expiry_date=TODAY),
            today=TODAY,
        )
        archive_document(s, gone.id)


def copy_free_time(store: Store) -> None:
    from app.core.availability import mark_copied

    with store.unit_of_work() as s:
        mark_copied(s, TODAY)


def lengthen_retention(store: Store) -> None:
    from app.core.privacy.retention import set_years

    with store.unit_of_work() as s:
        set_years(s, "care", 7)
        set_years(s, "safeguarding", 11)


STAGES: tuple[tuple[str, Callable[[Store], None]], ...] = (
    ("built", build_records),
    ("copied", copy_free_time),
    ("longer", lengthen_retention),
)


def settle_demo(store: Store) -> None:
    """The demo's clients are added "now": a client with no records is kept from that day, so
    the demo's added dates are fixed here for figures that do not depend on the day of the run."""
    from sqlalchemy import update

    from app.core.clients import Client

    with store.unit_of_work() as s:
        s.execute(update(Client).values(created_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC)))


def capture(store: Store, demo_store: Store) -> dict[str, Any]:
    """What the providers give on the demo and at each stage of the hand-made cases."""
    settle_demo(demo_store)
    found: dict[str, Any] = {"demo": through_session(demo_store, DEMO_DAYS)}
    for stage, step in STAGES:
        step(store)
        found[stage] = through_session(store, EDGE_DAYS)
    return found


# ------------------------------------------------------------------ the tests


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_demo_gives_what_the_orm_gave(demo_store: Store, expected: dict[str, Any]) -> None:
    settle_demo(demo_store)
    assert through_session(demo_store, DEMO_DAYS) == expected["demo"]
    assert through_connection(demo_store, DEMO_DAYS) == expected["demo"]


def test_the_edge_cases_give_what_the_orm_gave(store: Store, expected: dict[str, Any]) -> None:
    for stage, step in STAGES:
        step(store)
        assert through_session(store, EDGE_DAYS) == expected[stage], stage
        assert through_connection(store, EDGE_DAYS) == expected[stage], stage


def test_the_providers_read_without_the_orm(data_dir: Path, expected: dict[str, Any]) -> None:
    """In a fresh interpreter, over a plain connection: the same items, and no SQLAlchemy."""
    from app.storage.opening import open_store
    from tests.ui.fresh_process import run_fresh

    store = open_store(data_dir, TEST_KEY)
    try:
        build_records(store)
    finally:
        store.close()
    script = f"""
import importlib, json, sys
from datetime import date
from app.core.reading import ConnectionReader
from app.storage.database import connect_raw
from app.storage.keys import DatabaseKey, KeySource

conn = connect_raw({str(store.path)!r}, DatabaseKey({TEST_KEY.secret!r}, KeySource.ENVIRONMENT))
db = ConnectionReader(conn)
found = {{}}
for name, module in {PROVIDERS!r}.items():
    for day in {[d.isoformat() for d in EDGE_DAYS]!r}:
        items = importlib.import_module(module).due(db, date.fromisoformat(day))
        found[name + "/" + day] = [
            [i.area.value, i.heading, i.text, i.when and i.when.isoformat(), i.urgency.name,
             i.record_id, i.action]
            for i in items
        ]
assert "sqlalchemy" not in sys.modules, "SQLAlchemy was imported"
print(json.dumps(found))
"""
    found = json.loads(run_fresh(script))
    assert found == {k: v for k, v in expected["built"].items() if k.split("/")[0] in PROVIDERS}
    assert any(found.values())  # the cases give items of each kind
    assert all(any(v for k, v in found.items() if k.startswith(name)) for name in PROVIDERS)


def test_stored_values_the_plain_reads_name_are_the_models() -> None:
    """The plain reads name a few stored values the ORM modules own: they must agree."""
    from app.core.availability import _slot
    from app.core.clients import ClientStatus
    from app.core.contracts.models import ScheduleSlot
    from app.core.privacy.retention import IN_CARE

    assert IN_CARE == ClientStatus.ACTIVE.value
    slot = ScheduleSlot(3, time(7, 45), time(9, 5), specialist=True)
    assert _slot(slot.as_json()) == (3, 7 * 60 + 45, 9 * 60 + 5)


def test_privacy_reads_only_the_clients_no_longer_in_care(store: Store) -> None:
    """Today asks in a few queries, whatever the number of clients, and never reads a
    client's name, notes or safeguarding text."""
    build_records(store)
    queries: list[str] = []
    values: list[str] = []
    conn = connect_raw(store.path, TEST_KEY)
    try:
        plain = ConnectionReader(conn)

        class Watching:
            def rows(self, sql: str, params: Any = ()) -> list[Any]:
                queries.append(sql)
                found = plain.rows(sql, params)
                values.extend(str(v) for row in found for v in row)
                return found

        items = provider("privacy")(Watching(), TODAY)
    finally:
        conn.close()
    assert [i.record_id for i in items if i.record_id] == [1, 2, 3, 4, 6, 9, 10]
    assert len(queries) <= 10
    read = " ".join(values)
    for sensitive in ("Ann", "Invoiced", "care note", "keysafe", "Nothing to read", "Lovely"):
        assert sensitive not in read, sensitive
