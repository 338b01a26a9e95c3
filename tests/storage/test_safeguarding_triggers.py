"""The database itself refuses changes to safeguarding records, and the hash chain names
any entry changed behind the app's back (directly in the database file)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.core.checks import run_checks
from app.core.safeguarding.chain import verify_chain
from app.core.safeguarding.models import AddendumKind, Category, Consent
from app.core.safeguarding.services import ConcernDraft, add_addendum, create_record
from app.storage.database import Store, _connect_raw
from app.storage.opening import open_store
from tests.conftest import TEST_KEY

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
SECRET = "Unique-account-words-4471"


def _fill(store: Store) -> None:
    with store.unit_of_work() as s:
        for i in range(3):
            r = create_record(
                s,
                ConcernDraft(
                    person_name=f"Person {i}",
                    happened_at=NOW - timedelta(days=3 - i),
                    categories=[Category.NEGLECT],
                    seen_heard=f"{SECRET} {i}",
                    consent=Consent.NOT_ASKED,
                ),
                now=NOW - timedelta(days=3 - i, hours=-1),
            ).value
            add_addendum(
                s, r.id, AddendumKind.FOLLOW_UP, f"follow-up {i}", now=NOW - timedelta(days=2 - i)
            )


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE safeguarding_record SET seen_heard = 'rewritten' WHERE id = 1",
        "UPDATE safeguarding_record SET happened_at = written_at",
        "DELETE FROM safeguarding_record WHERE id = 3",
        "UPDATE safeguarding_addendum SET text = 'rewritten'",
        "DELETE FROM safeguarding_addendum",
    ],
)
def test_triggers_refuse_update_and_delete(store: Store, sql: str) -> None:
    _fill(store)
    with pytest.raises(IntegrityError) as exc, store.engine.begin() as conn:
        conn.execute(text(sql))
    assert "Safeguarding records are final" in str(exc.value)
    with store.reading() as s:
        assert verify_chain(s) == []
        assert s.execute(text("SELECT count(*) FROM safeguarding_addendum")).scalar() == 3


def _tamper(store: Store, *statements: str) -> Store:
    """Closes the store, changes the file with a raw SQLCipher connection (dropping the
    guard triggers first), and opens it again the normal way."""
    data_dir = store.data_dir
    store.close()
    conn = _connect_raw(data_dir / "daybook.db", TEST_KEY)
    try:
        for name in (
            "safeguarding_record_no_update",
            "safeguarding_record_no_delete",
            "safeguarding_addendum_no_update",
            "safeguarding_addendum_no_delete",
        ):
            conn.execute(f"DROP TRIGGER {name}")
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()
    return open_store(data_dir, TEST_KEY)


def test_chain_names_a_record_changed_in_the_database_file(store: Store) -> None:
    _fill(store)
    with store.reading() as s:
        assert verify_chain(s) == []
    reopened = _tamper(
        store, "UPDATE safeguarding_record SET seen_heard = 'nothing happened' WHERE id = 2"
    )
    try:
        with reopened.reading() as s:
            problems = verify_chain(s)
            assert any("safeguarding record #2 no longer matches" in p for p in problems)
            assert not any("#1 " in p or "#3 " in p for p in problems)
            assert all(SECRET not in p and "nothing happened" not in p for p in problems)
            assert run_checks(s)["safeguarding chain"] == problems
    finally:
        reopened.close()


def test_chain_notices_a_changed_time_and_a_rehashed_entry(store: Store) -> None:
    _fill(store)
    # a forger who also recomputes the hash still breaks the link of the next entry
    reopened = _tamper(
        store,
        "UPDATE safeguarding_record SET happened_at = '2026-11-20 09:00:00.000000' WHERE id = 1",
        "UPDATE safeguarding_addendum SET content_hash = 'f' || substr(content_hash, 2) "
        "WHERE id = 2",
    )
    try:
        with reopened.reading() as s:
            problems = verify_chain(s)
        assert any("safeguarding record #1 no longer matches" in p for p in problems)
        assert any("addendum 1 to safeguarding record #2 no longer matches" in p for p in problems)
        assert any("record #3 is not linked" in p for p in problems)
    finally:
        reopened.close()


def test_chain_notices_a_deleted_entry(store: Store) -> None:
    _fill(store)
    reopened = _tamper(store, "DELETE FROM safeguarding_addendum WHERE id = 1")
    try:
        with reopened.reading() as s:
            problems = verify_chain(s)
        assert any("missing" in p for p in problems)
        assert any("safeguarding record #2 is not linked" in p for p in problems)
    finally:
        reopened.close()


def test_chain_notices_the_newest_entry_removed(store: Store) -> None:
    _fill(store)
    reopened = _tamper(store, "DELETE FROM safeguarding_addendum WHERE id = 3")
    try:
        with reopened.reading() as s:
            problems = verify_chain(s)
        assert any("newest safeguarding entry" in p for p in problems)
    finally:
        reopened.close()


def test_unreadable_stored_values_are_reported_not_crashed(store: Store) -> None:
    _fill(store)
    reopened = _tamper(
        store,
        "UPDATE safeguarding_record SET categories = '{not json', "
        "written_at = 'yesterday' WHERE id = 3",
    )
    try:
        with reopened.reading() as s:
            problems = verify_chain(s)
        assert any("safeguarding record #3 no longer matches" in p for p in problems)
    finally:
        reopened.close()


def test_daybook_check_names_the_changed_record(
    store: Store, passphrase_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    _fill(store)
    data_dir = store.data_dir
    _tamper(store, "UPDATE safeguarding_addendum SET text = 'changed' WHERE id = 3").close()
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), "check"])
    out = capsys.readouterr().out
    assert code == 2  # damage or tampering is the situation, not a fault in Daybook
    assert (
        "problem: safeguarding chain: addendum 1 to safeguarding record #3 no longer "
        "matches its seal"
    ) in out
    assert SECRET not in out and "changed'" not in out
