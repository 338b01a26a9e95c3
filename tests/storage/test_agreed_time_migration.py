"""Migration 0013 adds how visits are charged to contract_version with ALTER TABLE ADD COLUMN:
versions signed before keep "time spent" and their seals verify; versions signed after seal
the new terms, and the database refuses changes to them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.core.checks import run_checks
from app.core.contracts.drafting import new_version, sign_version, update_version
from app.core.contracts.form import draft_from_version
from app.core.contracts.models import ContractVersion
from app.core.pricing import ChargeRule
from app.core.sealing.seals import seal_unsealed, verify_seals
from app.storage.database import Store
from app.storage.migrate import current_revision
from app.storage.migrations import HEAD
from app.storage.opening import open_store
from tests.conftest import TEST_KEY, TODAY
from tests.core.test_contracts import fake_render

_VALUES = {"INTEGER": 0, "BOOLEAN": 0, "DATE": "2026-01-01", "DATETIME": "2026-01-01 00:00:00"}


def _insert(conn: sa.Connection, table: str, **given: object) -> None:
    """A row with `given` values and a plain value for every other NOT NULL column."""
    values = dict(given)
    for _cid, name, kind, notnull, default, _pk in conn.execute(
        sa.text(f"PRAGMA table_info({table})")
    ):
        if name not in values and notnull and default is None and name != "id":
            values[name] = _VALUES.get(kind.split("(")[0].upper(), "[]" if kind == "JSON" else "")
    cols = ", ".join(values)
    conn.execute(
        sa.text(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(':' + c for c in values)})"),
        values,
    )


def _signed_at_0012(data_dir: Path) -> None:
    from alembic import command
    from sqlalchemy.orm import Session

    from app.storage.migrate import _alembic_config

    s = Store(data_dir, TEST_KEY).open()  # not migrated
    with s.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0012")
        _insert(conn, "client", id=1, name="Peggy Ellis", status="active")
        _insert(conn, "contract", id=1, client_id=1)
        for vid, no, status, starts in (
            (1, 1, "superseded", "2026-01-01"),
            (2, 2, "signed", "2026-06-01"),
        ):
            _insert(
                conn,
                "contract_version",
                id=vid,
                contract_id=1,
                version_no=no,
                status=status,
                starts_on=starts,
                signed_on=starts,
                standard_rate_pence=2000,
                services='["meals"]',
                schedule='[{"weekday": 0, "start": "09:00", "end": "10:00", "specialist": false}]',
                plan_b_text="Her son arranges cover.",
                late_cancel_hours=24,
                late_cancel_percent=100,
                notice_days_client=14,
                notice_days_carer=14,
                payment_terms_days=14,
                every_n_weeks=1,
                payment_method="bank_transfer",
                invoice_frequency="monthly",
                signed_pdf=b"%PDF-1.4 signed",
            )
        # Sealed as Daybook 0012 sealed them when they were signed.
        session = Session(bind=conn)
        assert seal_unsealed(session) == 4
        session.flush()
    s.close()


def _problems(store: Store) -> list[str]:
    with store.reading() as s:
        return [f"{name}: {p}" for name, found in run_checks(s).items() for p in found]


def test_upgraded_versions_keep_time_spent_and_their_seals(data_dir: Path) -> None:
    _signed_at_0012(data_dir)
    store = open_store(data_dir, TEST_KEY)
    try:
        assert current_revision(store) == HEAD
        assert _problems(store) == []
        with store.unit_of_work() as s:
            old = s.get(ContractVersion, 2)
            assert old.charge_rule == ChargeRule.TIME_SPENT
            assert old.overrun_after_minutes is None and old.christmas_holiday_rate is False
            # A new version signed after the upgrade, charging the booked time.
            v3 = new_version(s, 1, starts_on=date(2027, 1, 1), today=TODAY).value
            d = draft_from_version(v3)
            d.charge_rule = ChargeRule.BOOKED
            d.overrun_after_minutes = 15
            d.christmas_holiday_rate = True
            update_version(s, v3.id, d, today=TODAY)
            sign_version(s, v3.id, signed_on=TODAY, how="Email", today=TODAY, render=fake_render)
        assert _problems(store) == []
        with store.engine.connect() as conn:
            # The database refuses the new terms' change, on a version signed before and after.
            for vid, column, value in (
                (2, "charge_rule", "'booked'"),
                (3, "charge_rule", "'time_spent'"),
                (3, "overrun_after_minutes", "60"),
                (3, "christmas_holiday_rate", "0"),
            ):
                with pytest.raises(sa.exc.DatabaseError, match="signed"):
                    conn.execute(
                        sa.text(f"UPDATE contract_version SET {column} = {value} WHERE id = {vid}")
                    )
                conn.rollback()
            # Past the trigger (as an edit straight in the file would be), the seal names it.
            conn.execute(sa.text("DROP TRIGGER contract_version_signed_no_update"))
            conn.execute(
                sa.text("UPDATE contract_version SET overrun_after_minutes = 60 WHERE id = 3")
            )
            conn.execute(sa.text("UPDATE contract_version SET charge_rule = 'booked' WHERE id = 2"))
            from sqlalchemy.orm import Session

            found = verify_seals(Session(bind=conn))
            conn.rollback()
        joined = " ".join(found)
        assert "contract 1 version 3" in joined and "contract 1 version 2" in joined
    finally:
        store.close()
