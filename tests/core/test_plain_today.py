"""Today as a whole reads plainly (issue 16): every area's provider registered as plain, the same
items through the Store's plain connection as through a Session, and all of it in a fresh
process without SQLAlchemy (the window shows Today before the ORM has loaded)."""

from __future__ import annotations

import json
from datetime import timedelta

from app.core.reminders import _PROVIDERS, due_items, import_due_modules
from app.storage.database import Store
from tests.conftest import TEST_KEY, TODAY
from tests.ui.fresh_process import run_fresh

AREAS = {
    "availability",
    "contracts",
    "feedback",
    "invoices",
    "money",
    "portfolio",
    "privacy",
    "recovery",
    "safeguarding",
    "status",
    "visits",
}


def test_every_area_has_a_plain_provider() -> None:
    import_due_modules()
    assert set(_PROVIDERS) == AREAS


def _as_rows(items) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(i.area, i.heading, i.text, i.when, i.urgency, i.record_id, i.action) for i in items]


def test_the_plain_connection_and_a_session_give_the_same_today(demo_store: Store) -> None:
    for day in (TODAY - timedelta(days=40), TODAY, TODAY + timedelta(days=9)):
        with demo_store.plain() as db:
            plain = _as_rows(due_items(db, day))
        with demo_store.reading() as session:
            through_session = _as_rows(due_items(session, day))
        assert plain == through_session
        assert {row[0] for row in plain} >= {"visits", "invoices"}


FRESH = """
import json, sys
from datetime import date
from pathlib import Path
from app.core.reading import ConnectionReader
from app.core.reminders import due_items
from app.storage.database import connect_raw
from app.storage.keys import DatabaseKey, KeySource

conn = connect_raw(Path(%r), DatabaseKey(%r, KeySource.ENVIRONMENT), read_only=True)
items = due_items(ConnectionReader(conn), date.fromisoformat(%r))
print(json.dumps({
    "items": [[i.area, i.text, i.urgency] for i in items],
    "orm": sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy"),
}))
"""


def test_today_reads_every_area_without_importing_sqlalchemy(demo_store: Store) -> None:
    with demo_store.plain() as db:
        expected = [[i.area, i.text, i.urgency] for i in due_items(db, TODAY)]
    path = demo_store.path
    demo_store.close()
    out = json.loads(run_fresh(FRESH % (str(path), TEST_KEY.secret, TODAY.isoformat())))
    assert out["orm"] == []
    assert out["items"] == expected and len(expected) > 5
