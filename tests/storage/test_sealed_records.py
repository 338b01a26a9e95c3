"""Issued invoices, credit notes and signed contract versions cannot change unseen: the
database refuses direct edits (triggers), and `daybook check` names any edit made after the
triggers were dropped (seals, counters, guards). Edits are made with a raw SQLCipher
connection, as a curious person with the passphrase would."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text

from app.core.checks import run_checks
from app.core.clients import ClientDraft, add_client
from app.core.contracts.drafting import draft_contract, sign_version
from app.core.contracts.form import new_contract_draft
from app.core.contracts.models import ScheduleSlot
from app.core.invoicing.credit_notes import create_credit_note
from app.core.invoicing.drafts import add_extra_line, draft_invoice
from app.core.invoicing.issuing import invoice_pdf, issue_invoice
from app.core.sealing.guards import EXPECTED_TRIGGERS, SAFEGUARDING_TRIGGERS
from app.core.sealing.seals import verify_seals
from app.storage.database import Store
from app.storage.opening import open_store
from tests.conftest import TEST_KEY, TODAY
from tests.core.test_invoicing import fake_render, make_business, visit

SIGNED_PDF = b"%PDF-1.4 the signed agreement"


def _fill(store: Store) -> None:
    """A signed contract; INV-0001 (PDF at issue, one line credited by CN-0001), INV-0002
    (PDF stored later, on first request), and a draft that must stay editable."""
    with store.unit_of_work() as s:
        make_business(s)
        cid = add_client(s, ClientDraft(name="Ada Client", address="2 Lane"), today=TODAY).id
        d = new_contract_draft(s, cid, today=TODAY)
        d.starts_on = date(2026, 9, 1)
        d.services = ["meals"]
        d.schedule = [ScheduleSlot(0, time(9), time(10))]
        d.standard_rate_pence = 2000
        version = draft_contract(s, d, today=TODAY).value
        sign_version(
            s,
            version.id,
            signed_on=date(2026, 8, 20),
            how="On paper",
            today=TODAY,
            render=lambda _s, _v: SIGNED_PDF,
        )
        for day in (5, 12, 19):
            visit(s, cid, date(2026, 10, day), (9, 0), (10, 0))
        first = draft_invoice(s, cid, date(2026, 10, 1), date(2026, 10, 31)).value
        issue_invoice(s, first.id, today=TODAY, render=fake_render)
        visit(s, cid, date(2026, 11, 2), (9, 0), (10, 0))
        second = draft_invoice(s, cid, date(2026, 11, 1), date(2026, 11, 15)).value
        issue_invoice(s, second.id, today=TODAY, render=None)
        invoice_pdf(s, second.id, fake_render)  # stored on first request, sealed then
        create_credit_note(
            s,
            first.id,
            reason="Charged by mistake",
            today=TODAY,
            render=fake_render,
            line_ids=[first.lines[0].id],
        )
        visit(s, cid, date(2026, 11, 16), (9, 0), (10, 0))
        draft = draft_invoice(s, cid, date(2026, 11, 16), date(2026, 11, 22)).value
        add_extra_line(s, draft.id, "Shopping", 1250)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sealed") / "data"
    folder.mkdir()
    store = open_store(folder, TEST_KEY)
    try:
        _fill(store)
    finally:
        store.close()
    return folder


@pytest.fixture
def filled(template: Path, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    shutil.copytree(template, folder)
    yield folder


def _raw(folder: Path) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(folder / "daybook.db"))
    conn.execute(f"PRAGMA key = '{TEST_KEY.secret}'")
    return conn


def _problems(folder: Path) -> list[str]:
    store = open_store(folder, TEST_KEY)
    try:
        with store.reading() as s:
            return [f"{name}: {p}" for name, found in run_checks(s).items() for p in found]
    finally:
        store.close()


INV1 = "(SELECT id FROM invoice WHERE number = 'INV-0001')"
INV2 = "(SELECT id FROM invoice WHERE number = 'INV-0002')"
SIGNED = "status = 'signed'"

# (what a careless or curious person does, the SQL, refused by the database?, what check says)
EDITS: list[tuple[str, list[str], bool, str]] = [
    (
        "payer",
        ["UPDATE invoice SET payer_name = 'Someone Else' WHERE number = 'INV-0001'"],
        True,
        "invoice INV-0001 no longer matches its seal",
    ),
    (
        "issue date",
        ["UPDATE invoice SET issue_date = '2026-01-02' WHERE number = 'INV-0001'"],
        True,
        "invoice INV-0001 no longer matches its seal",
    ),
    (
        "due date",
        ["UPDATE invoice SET due_date = '2027-06-30' WHERE number = 'INV-0002'"],
        True,
        "invoice INV-0002 no longer matches its seal",
    ),
    (
        "frozen PDF",
        ["UPDATE invoice SET pdf = X'255044462D' WHERE number = 'INV-0001'"],
        True,
        "invoice INV-0001 (its PDF) no longer matches its seal",
    ),
    (
        "PDF stored later, replaced",
        ["UPDATE invoice SET pdf = X'00' WHERE number = 'INV-0002'"],
        True,
        "invoice INV-0002 (its PDF) no longer matches its seal",
    ),
    (
        "snapshot",
        ["UPDATE invoice SET snapshot = '{}' WHERE number = 'INV-0001'"],
        True,
        "invoice INV-0001 no longer matches its seal",
    ),
    (
        "status back to draft",
        ["UPDATE invoice SET status = 'draft' WHERE number = 'INV-0002'"],
        True,
        "invoice INV-0002 was sealed as final but is now marked as not final",
    ),
    (
        "deleting the newest invoice",
        [
            f"DELETE FROM invoice_line WHERE invoice_id = {INV2}",
            "DELETE FROM invoice WHERE number = 'INV-0002'",
        ],
        True,
        "the newest number issued, INV-0002, is not in the database",
    ),
    (
        "a line and the total changed together",
        [
            f"UPDATE invoice_line SET amount_pence = amount_pence + 1000 WHERE id = "
            f"(SELECT max(id) FROM invoice_line WHERE invoice_id = {INV1})",
            "UPDATE invoice SET total_pence = total_pence + 1000 WHERE number = 'INV-0001'",
        ],
        True,
        "invoice INV-0001 no longer matches its seal",
    ),
    (
        "a line added to an issued invoice",
        [
            "INSERT INTO invoice_line (invoice_id, kind, description, line_date, amount_pence, "
            f"position) VALUES ({INV1}, 'extra', 'Extra', '2026-10-31', 0, 9)"
        ],
        True,
        "invoice INV-0001 no longer matches its seal",
    ),
    (
        "a line taken off an issued invoice",
        [
            f"DELETE FROM invoice_line WHERE id = (SELECT max(id) FROM invoice_line "
            f"WHERE invoice_id = {INV2})"
        ],
        True,
        "invoice INV-0002 no longer matches its seal",
    ),
    (
        "a credit note's total",
        ["UPDATE credit_note SET total_pence = 1 WHERE number = 'CN-0001'"],
        True,
        "credit note CN-0001 no longer matches its seal",
    ),
    (
        "a credit note's line",
        ["UPDATE credit_note_line SET amount_pence = 1"],
        True,
        "credit note CN-0001 no longer matches its seal",
    ),
    (
        "a credit note deleted",
        ["DELETE FROM credit_note_line", "DELETE FROM credit_note"],
        True,
        "credit note id 1 was sealed but is no longer in the database",
    ),
    (
        "a signed contract's rate",
        [f"UPDATE contract_version SET standard_rate_pence = 2500 WHERE {SIGNED}"],
        True,
        "contract 1 version 1 no longer matches its seal",
    ),
    (
        "signed PDF",
        [f"UPDATE contract_version SET signed_pdf = X'00' WHERE {SIGNED}"],
        True,
        "contract 1 version 1 (its PDF) no longer matches its seal",
    ),
    (
        "signed date",
        [f"UPDATE contract_version SET signed_on = '2026-11-20' WHERE {SIGNED}"],
        True,
        "contract 1 version 1 no longer matches its seal",
    ),
    (
        "a signed version back to draft",
        [f"UPDATE contract_version SET status = 'draft' WHERE {SIGNED}"],
        True,
        "contract 1 version 1 was sealed as final but is now marked as not final",
    ),
    (
        "a seal removed",
        ["DELETE FROM record_seal WHERE seq = (SELECT max(seq) FROM record_seal)"],
        True,
        "is not the one last saved",
    ),
    (
        "marked paid with no payment (allowed by the database)",
        ["UPDATE invoice SET status = 'paid' WHERE number = 'INV-0002'"],
        False,
        "invoice INV-0002: its status does not follow from its payments",
    ),
    (
        "an issued invoice put in from outside (allowed by the database)",
        [
            "INSERT INTO invoice (number, client_id, status, period_start, period_end, "
            "payer_name, payer_address, person_name, payer_is_client, total_pence, notes, "
            "created_at) VALUES ('INV-0003', 1, 'issued', '2026-11-01', '2026-11-30', 'X', "
            "'', 'X', 1, 0, '', '2026-11-25 10:00:00.000000')"
        ],
        False,
        "invoice INV-0003 is final but was never sealed",
    ),
]


def test_every_expected_trigger_exists_at_head(store: Store) -> None:
    with store.reading() as s:
        present = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    assert set(EXPECTED_TRIGGERS) <= present
    assert len(EXPECTED_TRIGGERS) >= 18


def test_a_filled_database_verifies_and_drafts_stay_editable(filled: Path) -> None:
    assert _problems(filled) == []
    conn = _raw(filled)
    try:  # a draft and its lines: every kind of change is allowed
        draft = "(SELECT id FROM invoice WHERE status = 'draft')"
        conn.execute(f"UPDATE invoice SET notes = 'changed', total_pence = 1 WHERE id = {draft}")
        conn.execute(f"UPDATE invoice_line SET amount_pence = 1 WHERE invoice_id = {draft}")
        conn.execute(f"DELETE FROM invoice_line WHERE invoice_id = {draft}")
        conn.execute(f"DELETE FROM invoice WHERE id = {draft}")
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(("what", "sql", "refused", "reported"), EDITS, ids=[e[0] for e in EDITS])
def test_a_direct_edit_is_refused_or_reported(
    filled: Path, what: str, sql: list[str], refused: bool, reported: str
) -> None:
    conn = _raw(filled)
    try:
        if refused:
            with pytest.raises(sqlcipher3.DatabaseError) as exc:
                for statement in sql:
                    conn.execute(statement)
            assert "cannot be changed" in str(exc.value) or "are final" in str(exc.value)
            conn.rollback()
            assert _problems(filled) == [], "a refused edit left a trace"
        # With every guard dropped first, the same edit is named by `daybook check`.
        for name in EXPECTED_TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in sql:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()
    problems = _problems(filled)
    assert any(reported in p for p in problems), problems
    assert any("database guards" in p for p in problems)


@pytest.mark.parametrize("trigger", ["invoice_final_no_update", *SAFEGUARDING_TRIGGERS])
def test_dropping_a_guard_is_reported(filled: Path, trigger: str) -> None:
    conn = _raw(filled)
    try:
        conn.execute(f"DROP TRIGGER {trigger}")
        conn.commit()
    finally:
        conn.close()
    assert _problems(filled) == [
        f"database guards: the database guard {trigger} is missing, so final records could "
        "be changed unseen"
    ]


def test_seals_are_in_one_chain_and_sealing_is_repeatable(filled: Path) -> None:
    store = open_store(filled, TEST_KEY)
    try:
        with store.reading() as s:
            kinds = s.execute(text("SELECT kind FROM record_seal ORDER BY seq")).scalars().all()
            assert verify_seals(s) == []
    finally:
        store.close()
    assert kinds == [
        "contract_version",
        "contract_version_pdf",
        "invoice",
        "invoice_pdf",
        "invoice",
        "invoice_pdf",
        "credit_note",
        "credit_note_pdf",
    ]


def test_upgrading_a_database_made_before_seals_seals_what_is_final(filled: Path) -> None:
    from alembic import command
    from alembic.config import Config

    import app.storage.migrations as migrations

    store = open_store(filled, TEST_KEY)
    try:
        assert store.engine is not None
        with store.engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(Path(migrations.__file__).parent))
            config.attributes["connection"] = conn
            command.downgrade(config, "0007")
        with store.reading() as s:
            tables = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table'")))
        assert "record_seal" not in tables
    finally:
        store.close()
    store = open_store(filled, TEST_KEY)  # upgrades to head: 0008 seals the records
    try:
        with store.reading() as s:
            assert s.scalar(text("SELECT count(*) FROM record_seal")) == 8
    finally:
        store.close()
    assert _problems(filled) == []
