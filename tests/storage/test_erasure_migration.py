"""Migration 0014 replaces the guard triggers with ones that allow an erasure's redaction:
records sealed before it still verify after the upgrade, and can then be erased with
`daybook check` still finding nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import text

from app.core.checks import run_checks
from app.core.privacy.erasure import erase_client
from app.core.sealing.guards import EXPECTED_TRIGGERS, REPLACED_BY_0014
from app.documents.erasure import erasure_renderers
from app.storage.database import Store
from app.storage.migrate import current_revision
from app.storage.migrations import HEAD
from app.storage.opening import open_store
from tests.conftest import TEST_KEY, TODAY
from tests.core.test_erasure_sealed import NAME, _everything, _seed


def _seeded_at_0013(data_dir: Path) -> dict[str, int]:
    from alembic import command
    from sqlalchemy.orm import Session

    from app.storage.migrate import _alembic_config

    s = Store(data_dir, TEST_KEY).open()  # not migrated
    try:
        with s.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0013")
            session = Session(bind=conn)
            ids = _seed(session, safeguarding_on=date(2015, 1, 5))
            session.flush()
            old = {name: sql for (name, sql) in conn.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))}  # fmt: skip
            assert old["invoice_final_no_update"] == REPLACED_BY_0014["invoice_final_no_update"]
    finally:
        s.close()
    return ids


def test_seals_made_before_0014_verify_after_it_and_the_client_can_be_erased(
    data_dir: Path,
) -> None:
    ids = _seeded_at_0013(data_dir)
    store = open_store(data_dir, TEST_KEY)
    try:
        assert current_revision(store) == HEAD
        with store.unit_of_work() as session:
            assert all(p == [] for p in run_checks(session).values()), run_checks(session)
            present = dict(
                session.execute(
                    text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                ).all()
            )
            assert {n: present.get(n) for n in EXPECTED_TRIGGERS} == EXPECTED_TRIGGERS
            erase_client(session, ids["client"], today=TODAY, render=erasure_renderers())
        with store.reading() as session:
            assert NAME not in _everything(session)
            assert all(p == [] for p in run_checks(session).values()), run_checks(session)
    finally:
        store.close()
