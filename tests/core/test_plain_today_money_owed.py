"""Today's invoices, agreements and safeguarding follow-ups read without the ORM: through a plain
connection the providers give the same items as through a Session, and the same as the ORM
providers gave before (their output on the demo is in tests/data/plain_today_money_owed.json,
captured before the change; the edge cases below are worked out by hand), in a fixed number of
queries, never reading what a safeguarding record says."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from app.core.contracts.due import due as contracts_due
from app.core.invoicing.due import due as invoices_due
from app.core.reading import ConnectionReader, Reader, Row, SessionReader
from app.core.reminders import DueItem
from app.core.safeguarding.due import due as safeguarding_due
from app.storage.database import Store, connect_raw
from tests.conftest import TEST_KEY, TODAY
from tests.ui.fresh_process import run_fresh

ROOT = Path(__file__).resolve().parents[2]
CAPTURED = ROOT / "tests" / "data" / "plain_today_money_owed.json"
PROVIDERS: dict[str, Callable[[Reader, date], list[DueItem]]] = {
    "invoices": invoices_due,
    "contracts": contracts_due,
    "safeguarding": safeguarding_due,
}

Item = list[object]


def as_lists(items: list[DueItem]) -> list[Item]:
    """An item as the captured file holds it: area, heading, text, when, urgency, id, action."""
    return [
        [
            str(i.area),
            i.heading,
            i.text,
            i.when.isoformat() if i.when else None,
            int(i.urgency),
            i.record_id,
            i.action,
        ]
        for i in items
    ]


@contextmanager
def plain(store: Store) -> Iterator[ConnectionReader]:
    """A Reader over its own DB-API connection to the store's file, as Today has at start-up."""
    connection = connect_raw(store.path, TEST_KEY, read_only=True)
    try:
        yield ConnectionReader(connection)
    finally:
        connection.close()


def both_ways(store: Store, name: str, today: date) -> list[Item]:
    """The provider's items through a Session and through a plain connection, which agree."""
    with store.unit_of_work() as session:
        through_session = as_lists(PROVIDERS[name](SessionReader(session), today))
    with plain(store) as reader:
        through_connection = as_lists(PROVIDERS[name](reader, today))
    assert through_connection == through_session
    return through_connection


def test_the_demo_gives_what_the_orm_providers_gave(demo_store: Store) -> None:
    captured = json.loads(CAPTURED.read_text(encoding="utf-8"))
    assert len(captured) > 10
    for day_text, by_provider in captured.items():
        for name, expected in by_provider.items():
            assert both_ways(demo_store, name, date.fromisoformat(day_text)) == expected, (
                name,
                day_text,
            )


# -- invoices ---------------------------------------------------------------------------------


def test_invoices_owed_after_part_payments_and_credit_notes(store: Store) -> None:
    from app.core.invoicing.credit_notes import create_credit_note
    from app.core.invoicing.drafts import draft_invoice
    from tests.core.test_invoicing import fake_render, make_business, make_client, visit
    from tests.core.test_invoicing_payments import issued, pay

    with store.unit_of_work() as session:
        make_business(session)
        cid = make_client(session, "Ada", payer="Ada's Son")  # 14 days to pay
        d = issued(session, cid, 6, hours=2, issue_on=date(2026, 11, 9))  # £40, due 23/11
        a = issued(session, cid, 7, hours=3, issue_on=date(2026, 11, 10))  # £60, due 24/11
        b = issued(session, cid, 8, hours=2, issue_on=date(2026, 11, 11))  # £40, due 25/11
        c = issued(session, cid, 9, hours=1, issue_on=date(2026, 11, 12))  # £20, paid
        e = issued(session, cid, 10, hours=1, issue_on=date(2026, 11, 12))  # £20, credited
        pay(session, 2500, a)  # part payment: £35 left
        pay(session, 2000, c)
        create_credit_note(
            session, b.id, reason="Goodwill", today=TODAY, render=fake_render, amount_pence=1500
        )  # £25 left
        create_credit_note(session, e.id, reason="Wrong month", today=TODAY, render=fake_render)
        visit(session, cid, date(2026, 11, 16), (9, 0), (10, 0))
        draft_invoice(session, cid, date(2026, 11, 1), date(2026, 11, 28))
        ids = {"a": a.id, "b": b.id, "d": d.id}
    draft = ["invoices", "Draft invoices", "1 draft invoice to check and issue", None, 2, None, ""]
    # Newest first; b is due exactly today, a overdue by one day, d by two.
    assert both_ways(store, "invoices", TODAY) == [
        [
            "invoices",
            "Invoices awaiting payment",
            "INV-0003 · Ada's Son · £25.00 · due 25/11/2026",
            "2026-11-25",
            1,
            ids["b"],
            "",
        ],
        [
            "invoices",
            "Overdue invoices",
            "INV-0002 · Ada's Son · £35.00 · 1 day overdue",
            "2026-11-24",
            0,
            ids["a"],
            "",
        ],
        [
            "invoices",
            "Overdue invoices",
            "INV-0001 · Ada's Son · £40.00 · 2 days overdue",
            "2026-11-23",
            0,
            ids["d"],
            "",
        ],
        draft,
    ]
    assert both_ways(store, "invoices", date(2026, 11, 23)) == [
        [
            "invoices",
            "Invoices awaiting payment",
            "INV-0003 · Ada's Son · £25.00 · due 25/11/2026",
            "2026-11-25",
            3,
            ids["b"],
            "",
        ],
        [
            "invoices",
            "Invoices awaiting payment",
            "INV-0002 · Ada's Son · £35.00 · due 24/11/2026",
            "2026-11-24",
            3,
            ids["a"],
            "",
        ],
        [
            "invoices",
            "Invoices awaiting payment",
            "INV-0001 · Ada's Son · £40.00 · due 23/11/2026",
            "2026-11-23",
            1,
            ids["d"],
            "",
        ],
        draft,
    ]


def test_the_balance_is_one_computation_for_the_list_and_for_paying(store: Store) -> None:
    """The rows Today reads and the sums paying an invoice reads agree, Session or not."""
    from app.core.invoicing.balances import balance_pence
    from app.core.invoicing.credit_notes import create_credit_note
    from app.core.invoicing.models import Invoice
    from app.core.invoicing.owed import paid_and_credited
    from app.core.invoicing.rows import invoice_row, unpaid_invoices
    from tests.core.test_invoicing import fake_render, make_business, make_client
    from tests.core.test_invoicing_payments import issued, pay

    with store.unit_of_work() as session:
        make_business(session)
        cid = make_client(session, "Bea")
        inv = issued(session, cid, 9, hours=4)  # £80
        pay(session, 3000, inv)
        create_credit_note(
            session, inv.id, reason="Short visit", today=TODAY, render=fake_render, amount_pence=700
        )
        invoice_id = inv.id
    with store.unit_of_work() as session:
        invoice = session.get(Invoice, invoice_id)
        assert invoice is not None and balance_pence(session, invoice) == 4300
        assert paid_and_credited(session, invoice_id) == (3000, 700)
    with plain(store) as reader:
        assert paid_and_credited(reader, invoice_id) == (3000, 700)
        row = invoice_row(reader, invoice_id)
        assert (row.total_pence, row.paid_pence, row.credited_pence) == (8000, 3000, 700)
        assert row.balance_pence == 4300
        assert [r.id for r in unpaid_invoices(reader)] == [invoice_id]


# -- agreements -------------------------------------------------------------------------------


def test_agreements_ending_and_versions_waiting_for_a_signature(store: Store) -> None:
    from app.core.contracts.drafting import draft_contract, send_version
    from app.core.contracts.ending import give_notice
    from tests.core.test_contracts import _client, _draft, _signed

    with store.unit_of_work() as session:
        ver = _signed(session, _client(session), notice_days_client=7)
        give_notice(session, ver.contract_id, by="client", given_on=date(2026, 12, 10), today=TODAY)
        soon = draft_contract(session, _draft(session, _client(session, "Joan Price")), today=TODAY)
        send_version(session, soon.value.id, sent_on=date(2026, 11, 18))  # starts 01/12
        later = _draft(session, _client(session, "Bill Ward"), starts_on=date(2027, 1, 4))
        later_ver = draft_contract(session, later, today=TODAY).value
        send_version(session, later_ver.id, sent_on=date(2026, 11, 1))
        ids = (ver.contract_id, soon.value.contract_id, later_ver.contract_id)
    ending, joan, bill = ids
    joan_item = [
        "contracts",
        "Agreement not signed yet",
        "Joan Price: version 1 sent 18/11/2026, not signed yet",
        "2026-12-01",
        2,
        joan,
        "",
    ]
    bill_item = [
        "contracts",
        "Agreement not signed yet",
        "Bill Ward: version 1 sent 01/11/2026, not signed yet",
        "2027-01-04",
        3,
        bill,
        "",
    ]
    last_day = "Margaret Ellis: the agreement's last day (notice given by the client on 10/12/2026)"
    # Joan's version was sent 6 days before 24/11, exactly 7 before 25/11.
    assert both_ways(store, "contracts", date(2026, 11, 24)) == [
        ["contracts", "Agreement ending", last_day, "2026-12-17", 3, ending, ""],
        bill_item,
    ]
    assert both_ways(store, "contracts", TODAY) == [
        ["contracts", "Agreement ending", last_day, "2026-12-17", 3, ending, ""],
        joan_item,
        bill_item,
    ]
    assert both_ways(store, "contracts", date(2026, 12, 10))[0][4] == 2  # a week before: soon
    assert both_ways(store, "contracts", date(2026, 12, 17))[0][4] == 1  # its last day: today
    assert [i[1] for i in both_ways(store, "contracts", date(2026, 12, 18))] == [
        "Agreement not signed yet"
    ] * 2


# -- safeguarding -----------------------------------------------------------------------------

NARRATIVE_COLUMNS = (
    "seen_heard",
    "actions_taken",
    "place",
    "present",
    "person_name",
    "notifications",
    "categories",
    "text",
)


class Recording:
    """A Reader that keeps the SQL it was asked to run."""

    def __init__(self, inner: Reader) -> None:
        self.inner = inner
        self.sql: list[str] = []

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        self.sql.append(sql)
        return self.inner.rows(sql, params)


def test_follow_ups_newest_first_across_the_clock_change_and_after_addenda(store: Store) -> None:
    from app.core.safeguarding.models import AddendumKind
    from app.core.safeguarding.services import add_addendum, create_record
    from tests.core.test_safeguarding import NOW, SECRET, draft

    # Clocks went back at 02:00 BST on 25/10/2026 (01:00 UTC). The first record happened at
    # 01:10 GMT, the second at 01:30 BST: earlier on the wall clock, but 40 minutes before.
    after = datetime(2026, 10, 25, 1, 10, tzinfo=UTC)
    before = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    with store.unit_of_work() as session:
        first = create_record(session, draft(happened_at=after, follow_up_due=TODAY), now=NOW)
        second = create_record(
            session, draft(happened_at=before, follow_up_due=date(2026, 11, 24)), now=NOW
        )
        moved = create_record(
            session,
            draft(happened_at=datetime(2026, 11, 1, 9, tzinfo=UTC), follow_up_due=TODAY),
            now=NOW,
        ).value
        add_addendum(
            session,
            moved.id,
            AddendumKind.FOLLOW_UP,
            f"Moved: {SECRET}",
            follow_up_due=date(2026, 12, 2),
            now=NOW,
        )
        add_addendum(session, moved.id, AddendumKind.CORRECTION, SECRET, now=NOW)
        done = create_record(
            session,
            draft(happened_at=datetime(2026, 11, 2, 9, tzinfo=UTC), follow_up_due=TODAY),
            now=NOW,
        ).value
        add_addendum(session, done.id, AddendumKind.FOLLOW_UP_DONE, "", now=NOW)
        create_record(session, draft(happened_at=datetime(2026, 11, 3, 9, tzinfo=UTC)), now=NOW)
        ids = (first.value.id, second.value.id, moved.id)
    first_id, second_id, moved_id = ids

    def item(record_id: int, when: str, urgency: int) -> Item:
        text = f"Follow-up for record #{record_id} due"
        return ["safeguarding", "Safeguarding follow-ups", text, when, urgency, record_id, ""]

    assert both_ways(store, "safeguarding", TODAY) == [
        item(moved_id, "2026-12-02", 2),  # moved a week on by its addendum
        item(first_id, "2026-11-25", 1),
        item(second_id, "2026-11-24", 0),  # a day overdue
    ]
    assert both_ways(store, "safeguarding", date(2026, 11, 24))[0] == item(
        moved_id, "2026-12-02", 3
    )
    # the same rows and order as the records list
    from app.core.safeguarding.services import list_records

    with store.unit_of_work() as session:
        listed = [(r.id, r.follow_up_due) for r in list_records(session) if r.follow_up_due]
    assert listed == [
        (moved_id, date(2026, 12, 2)),
        (first_id, TODAY),
        (second_id, date(2026, 11, 24)),
    ]


def test_safeguarding_never_reads_what_was_written(store: Store) -> None:
    from app.core.safeguarding.models import AddendumKind
    from app.core.safeguarding.services import add_addendum, create_record
    from tests.core.test_safeguarding import NOW, SECRET, draft

    with store.unit_of_work() as session:
        record = create_record(session, draft(follow_up_due=TODAY), now=NOW).value
        add_addendum(session, record.id, AddendumKind.CORRECTION, SECRET, now=NOW)
    with plain(store) as reader:
        recording = Recording(reader)
        items = safeguarding_due(recording, TODAY)
    assert len(items) == 1 and SECRET not in repr(items)
    assert len(recording.sql) == 2
    for sql in recording.sql:
        assert "*" not in sql
        for column in NARRATIVE_COLUMNS:
            assert not re.search(rf"\b{column}\b", sql, re.IGNORECASE), (column, sql)


def test_each_provider_reads_in_a_fixed_number_of_queries(demo_store: Store) -> None:
    """No query per invoice, agreement or record."""
    with plain(demo_store) as reader:
        for name, provider in PROVIDERS.items():
            recording = Recording(reader)
            assert provider(recording, TODAY), name
            assert len(recording.sql) == 2, (name, recording.sql)


# -- no ORM -----------------------------------------------------------------------------------

_FRESH = """
import os
import sys
from datetime import date
from pathlib import Path

from app.core.contracts.due import due as contracts_due
from app.core.invoicing.due import due as invoices_due
from app.core.reading import ConnectionReader
from app.core.safeguarding.due import due as safeguarding_due
from app.storage.database import connect_raw
from app.storage.keys import DatabaseKey, KeySource

key = DatabaseKey(os.environ["DAYBOOK_PASSPHRASE"], KeySource.ENVIRONMENT)
reader = ConnectionReader(connect_raw(Path(os.environ["PLAIN_TODAY_DB"]), key))
today = date.fromisoformat(os.environ["PLAIN_TODAY_DATE"])
counts = [len(due(reader, today)) for due in (invoices_due, contracts_due, safeguarding_due)]
assert "sqlalchemy" not in sys.modules, "SQLAlchemy was imported"
print(counts)
"""


def test_the_providers_run_in_a_fresh_process_without_sqlalchemy(demo_store: Store) -> None:
    out = run_fresh(_FRESH, PLAIN_TODAY_DB=str(demo_store.path), PLAIN_TODAY_DATE=TODAY.isoformat())
    captured = json.loads(CAPTURED.read_text(encoding="utf-8"))[TODAY.isoformat()]
    expected = [len(captured[name]) for name in ("invoices", "contracts", "safeguarding")]
    assert out.strip() == str(expected) and min(expected) > 0
