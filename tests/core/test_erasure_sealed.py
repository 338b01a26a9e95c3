"""Erasure reaches sealed and guarded records (issue 18): the erased client's name is nowhere
in the database afterwards (text columns, JSON, and the text of every stored PDF), the
amounts, dates and numbers are as issued, `daybook check` finds nothing, and the triggers
still refuse any other change."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, time

import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from sqlalchemy.exc import DatabaseError

from app.core.bank.models import BankTransaction
from app.core.checks import run_checks
from app.core.clients import Client, ClientDraft, ClientStatus, EmergencyContact, add_client
from app.core.commitment import sign_commitment
from app.core.contracts.document import signing_render
from app.core.contracts.drafting import draft_contract, sign_version
from app.core.contracts.form import new_contract_draft
from app.core.contracts.models import ScheduleSlot
from app.core.feedback.models import EntryKind, FeedbackKind, ReceivedHow
from app.core.feedback.services import FeedbackDraft, add_entry, record_feedback
from app.core.invoicing.credit_notes import create_credit_note
from app.core.invoicing.drafts import add_extra_line, draft_invoice
from app.core.invoicing.issuing import issue_invoice
from app.core.invoicing.payments import PaymentDraft, record_payment
from app.core.privacy.erasure import NotYetErasable, erase_client, plan_erasure
from app.core.safeguarding.models import Category, Consent, NotifiedKind
from app.core.safeguarding.services import (
    ConcernDraft,
    NotificationDraft,
    add_addendum,
    create_record,
)
from app.documents.commitment_pdf import render_commitment_pdf
from app.documents.contract_pdf import render_contract_pdf
from app.documents.erasure import erasure_renderers
from app.documents.invoice_pdf import render_invoice
from tests.conftest import TODAY
from tests.core.test_invoicing import make_business, visit

NAME = "Quillon Brackenbury"
WORD = "QUILLON"  # in every free text about the person
SIGNED = date(2018, 3, 1)


def _when(day: date, hh: int = 10) -> datetime:
    return datetime.combine(day, time(hh), tzinfo=UTC)


def _seed(session, *, safeguarding_on: date) -> dict[str, int]:  # type: ignore[no-untyped-def]
    make_business(session)
    client = add_client(
        session,
        ClientDraft(name=NAME, address=f"3 {WORD} Lane\nTown", care_notes=f"{WORD} care"),
        today=SIGNED,
    )
    client.emergency_contacts.append(EmergencyContact(name=f"{WORD} Son", phone="01234"))
    cid = client.id
    draft = new_contract_draft(session, cid, today=SIGNED)
    draft.starts_on = SIGNED
    draft.services = ["personal_care"]
    draft.schedule = [ScheduleSlot(0, time(9), time(10))]
    draft.standard_rate_pence = 2000
    draft.plan_b_text = f"{WORD}'s daughter covers."
    version = draft_contract(session, draft, today=SIGNED).value
    sign_version(
        session,
        version.id,
        signed_on=SIGNED,
        how=f"On paper with {NAME}",
        today=SIGNED,
        render=signing_render(render_contract_pdf),
    )
    day = date(2019, 6, 10)
    visit(session, cid, day, (9, 0), (10, 0))
    inv = draft_invoice(session, cid, date(2019, 6, 1), date(2019, 6, 28)).value
    add_extra_line(session, inv.id, f"Shopping for {NAME}", 1250, day)
    inv = issue_invoice(session, inv.id, today=date(2019, 6, 30), render=render_invoice).value
    note = create_credit_note(
        session,
        inv.id,
        reason=f"{WORD} was away",
        today=date(2019, 7, 2),
        render=render_invoice,
        amount_pence=500,
    ).value
    payment = record_payment(
        session,
        PaymentDraft(
            received_on=date(2019, 7, 10),
            amount_pence=1000,
            payer=f"{WORD} Daughter",
            reference=f"{WORD} INV-0001",
            invoice_ids=[inv.id],
        ),
        today=date(2019, 7, 10),
    ).value
    session.add(
        BankTransaction(
            uid="bank-1",
            posted_on=date(2019, 7, 10),
            amount_pence=1000,
            description=f"FASTER PAYMENT {WORD} INV-0001",
            action="payment",
            payment_id=payment.id,
        )
    )
    agreement = sign_commitment(
        session,
        cid,
        signed_on=SIGNED,
        how=f"with {WORD}",
        today=SIGNED,
        render=render_commitment_pdf,
    ).value
    item = record_feedback(
        session,
        FeedbackDraft(
            client_id=cid,
            kind=FeedbackKind.COMPLAINT,
            received_on=date(2019, 5, 1),
            received_how=ReceivedHow.PHONE,
            summary=f"{WORD} said the visit was late",
        ),
        today=date(2019, 5, 1),
    ).value
    add_entry(
        session,
        item.id,
        EntryKind.ACTION,
        happened_on=date(2019, 5, 2),
        text=f"Rang {WORD} back",
        today=date(2019, 5, 2),
    )
    record = create_record(
        session,
        ConcernDraft(
            client_id=cid,
            happened_at=_when(safeguarding_on, 9),
            place=f"{WORD}'s kitchen",
            present=f"{NAME} and a neighbour",
            categories=[Category.NEGLECT],
            seen_heard=f"{WORD} had no food in",
            actions_taken="Rang the council",
            notifications=[
                NotificationDraft(
                    NotifiedKind.COUNCIL, _when(safeguarding_on, 11), "Duty desk", f"{WORD}-77"
                )
            ],
            consent=Consent.YES,
        ),
        now=_when(safeguarding_on, 12),
    ).value
    add_addendum(
        session, record.id, "correction", f"{WORD} was at home", now=_when(safeguarding_on, 13)
    )
    session.get(Client, cid).status = ClientStatus.ENDED
    session.flush()
    return {"client": cid, "invoice": inv.id, "note": note.id, "version": version.id,
            "agreement": agreement, "feedback": item.id, "record": record.id}  # fmt: skip


def _everything(session) -> str:  # type: ignore[no-untyped-def]
    """Every text value and the text of every PDF in every table, as one string."""
    conn = session.connection()
    found: list[str] = []
    tables = conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'table'"))
    for (table,) in tables.all():
        for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')):
            for value in row:
                if isinstance(value, str):
                    found.append(value)
                elif isinstance(value, bytes) and value.startswith(b"%PDF"):
                    reader = PdfReader(io.BytesIO(value))
                    found.append(" ".join(p.extract_text() or "" for p in reader.pages))
                elif isinstance(value, bytes):
                    found.append(value.decode("latin-1"))
    return "\n".join(found)


def _figures(session, ids: dict[str, int]) -> list[object]:  # type: ignore[no-untyped-def]
    conn = session.connection()
    return [
        conn.execute(
            sa.text(
                "SELECT number, issue_date, due_date, total_pence, period_start, period_end "
                "FROM invoice WHERE id = :i"
            ),
            {"i": ids["invoice"]},
        ).one(),
        conn.execute(
            sa.text(
                "SELECT line_date, minutes, rate_pence, amount_pence FROM invoice_line "
                "WHERE invoice_id = :i ORDER BY id"
            ),
            {"i": ids["invoice"]},
        ).all(),
        conn.execute(
            sa.text("SELECT number, issue_date, total_pence FROM credit_note WHERE id = :i"),
            {"i": ids["note"]},
        ).one(),
        conn.execute(
            sa.text(
                "SELECT signed_on, starts_on, standard_rate_pence FROM contract_version "
                "WHERE id = :i"
            ),
            {"i": ids["version"]},
        ).one(),
        conn.execute(
            sa.text("SELECT happened_at, categories, chain_seq FROM safeguarding_record")
        ).all(),
    ]


def test_erasure_redacts_every_sealed_and_guarded_record_and_check_holds(session) -> None:  # type: ignore[no-untyped-def]
    ids = _seed(session, safeguarding_on=date(2015, 1, 5))
    assert NAME in _everything(session) and WORD in _everything(session)
    assert all(problems == [] for problems in run_checks(session).values())
    figures = _figures(session, ids)
    plan = plan_erasure(session, ids["client"], today=TODAY)
    assert plan.redact == [
        "invoice INV-0001",
        "credit note CN-0001",
        f"signed agreement {ids['version']} version 1",
        "commitment agreement signed 01/03/2018",
        f"feedback item #{ids['feedback']}",
        f"safeguarding record #{ids['record']} and its addenda",
    ]
    assert "replaced by copies rendered from the redacted record" in plan.as_json()["pdfs"]

    erase_client(session, ids["client"], today=TODAY, render=erasure_renderers())

    text = _everything(session)
    assert NAME not in text and WORD not in text.upper()
    assert "Brackenbury" not in text
    assert _figures(session, ids) == figures
    assert all(problems == [] for problems in run_checks(session).values()), run_checks(session)
    placeholder = f"Erased client #{ids['client']}"
    pdf = (
        session.connection()
        .execute(sa.text("SELECT pdf FROM invoice WHERE id = :i"), {"i": ids["invoice"]})
        .scalar()
    )
    page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert placeholder in page and "INV-0001" in page and "12.50" in page
    log = (
        session.connection()
        .execute(sa.text("SELECT summary FROM privacy_event WHERE kind = 'erase'"))
        .scalar()
    )
    assert "invoice INV-0001" in log and "rendered from the redacted record" in log


def test_after_erasure_the_triggers_still_refuse_other_changes(session) -> None:  # type: ignore[no-untyped-def]
    ids = _seed(session, safeguarding_on=date(2015, 1, 5))
    erase_client(session, ids["client"], today=TODAY, render=erasure_renderers())
    session.flush()
    conn = session.connection()
    refused = [
        ("UPDATE invoice SET total_pence = total_pence + 1 WHERE id = :i", ids["invoice"]),
        ("UPDATE invoice SET payer_name = 'Someone Else' WHERE id = :i", ids["invoice"]),
        ("UPDATE invoice_line SET amount_pence = 1 WHERE invoice_id = :i", ids["invoice"]),
        ("UPDATE credit_note SET total_pence = 1 WHERE id = :i", ids["note"]),
        ("UPDATE contract_version SET standard_rate_pence = 1 WHERE id = :i", ids["version"]),
        ("UPDATE commitment_agreement SET signed_on = '2001-01-01' WHERE id = :i", ids["agreement"]),
        ("UPDATE feedback SET summary = 'new words' WHERE id = :i", ids["feedback"]),
        ("UPDATE safeguarding_record SET seen_heard = 'new words' WHERE id = :i", ids["record"]),
        ("UPDATE safeguarding_record SET consent = 'no' WHERE id = :i", ids["record"]),
        ("DELETE FROM erased_record WHERE client_id = :i", ids["client"]),
    ]  # fmt: skip
    for sql, record_id in refused:
        with pytest.raises(DatabaseError), conn.begin_nested():
            conn.execute(sa.text(sql), {"i": record_id})


def test_the_triggers_refuse_a_redaction_of_a_record_not_erased(session) -> None:  # type: ignore[no-untyped-def]
    ids = _seed(session, safeguarding_on=date(2015, 1, 5))
    conn = session.connection()
    for sql, record_id in (
        ("UPDATE invoice SET payer_name = 'Erased client #' || client_id WHERE id = :i", ids["invoice"]),
        ("UPDATE safeguarding_record SET seen_heard = '(erased)' WHERE id = :i", ids["record"]),
        ("UPDATE feedback_entry SET text = '' WHERE feedback_id = :i", ids["feedback"]),
    ):  # fmt: skip
        with pytest.raises(DatabaseError), conn.begin_nested():
            conn.execute(sa.text(sql), {"i": record_id})


def test_a_change_after_erasure_is_named_by_check(session) -> None:  # type: ignore[no-untyped-def]
    ids = _seed(session, safeguarding_on=date(2015, 1, 5))
    erase_client(session, ids["client"], today=TODAY, render=erasure_renderers())
    session.flush()
    conn = session.connection()
    conn.execute(sa.text("DROP TRIGGER invoice_final_no_update"))  # as an intruder would
    conn.execute(sa.text("UPDATE invoice SET total_pence = 1 WHERE id = :i"), {"i": ids["invoice"]})
    problems = run_checks(session)["sealed records"]
    assert any(f"the erasure of client {ids['client']}" in p for p in problems)


def test_recent_safeguarding_records_refuse_the_erasure_naming_their_date(session) -> None:  # type: ignore[no-untyped-def]
    ids = _seed(session, safeguarding_on=date(2019, 8, 1))
    with pytest.raises(NotYetErasable, match="safeguarding records .* until 01/08/2029"):
        plan_erasure(session, ids["client"], today=TODAY)
    assert session.get(Client, ids["client"]).name == NAME  # refused: nothing changed


def test_the_command_lists_what_it_will_redact_then_erases_and_check_passes(
    store, passphrase_env: str, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    with store.unit_of_work() as session:
        ids = _seed(session, safeguarding_on=date(2015, 1, 5))
    store.close()
    args = ["--data-dir", str(store.data_dir), "client", "erase", str(ids["client"])]
    assert main([*args, "--dry-run"]) == 0
    said = capsys.readouterr().out
    assert "final records redacted" in said and "invoice INV-0001" in said
    assert "safeguarding record #" in said and "rendered from the redacted record" in said
    assert main([*args, "--dry-run", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["dry_run"] and "credit note CN-0001" in plan["redact"]
    assert main(args) == 0
    assert NAME not in capsys.readouterr().out
    assert main(["--data-dir", str(store.data_dir), "check"]) == 0
