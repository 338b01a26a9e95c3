"""Migration 0011 gives every visit already kept its own random calendar UID."""

from __future__ import annotations

import uuid
from pathlib import Path

import sqlalchemy as sa

from app.storage.database import Store
from app.storage.migrate import current_revision
from app.storage.migrations import HEAD
from app.storage.opening import open_store
from tests.conftest import TEST_KEY


def test_existing_visits_get_distinct_uuids(data_dir: Path) -> None:
    from alembic import command

    from app.storage.migrate import _alembic_config

    s = Store(data_dir, TEST_KEY).open()
    with s.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0010")
        text_columns = (
            "preferred_name address phone email payer_type payer_name payer_address "
            "payer_email payer_phone care_notes key_safe status search_key"
        ).split()
        conn.execute(
            sa.text(
                f"INSERT INTO client (id, name, created_at, {', '.join(text_columns)}) "
                f"VALUES (1, 'Peggy Ellis', '2026-01-01 00:00:00', "
                f"{', '.join(repr('') for _ in text_columns)})"
            )
        )
        for i in range(1, 4):
            conn.execute(
                sa.text(
                    "INSERT INTO visit (id, client_id, planned_start, planned_end, status, "
                    "one_off, specialist, miles_tenths, note, late_cancel_charge_pence, "
                    "created_at) VALUES (:id, 1, '2026-07-01 08:00:00', '2026-07-01 09:00:00', "
                    "'planned', 1, 0, 0, '', 0, '2026-01-01 00:00:00')"
                ),
                {"id": i},
            )
    s.close()
    with open_store(data_dir, TEST_KEY) as again:
        assert current_revision(again) == HEAD
        with again.engine.connect() as conn:
            uids = [r[0] for r in conn.execute(sa.text("SELECT uid FROM visit ORDER BY id"))]
    assert len(uids) == 3 and len(set(uids)) == 3
    assert all(str(uuid.UUID(u)) == u for u in uids)
