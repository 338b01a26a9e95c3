"""Subject access (one client's records and no one else's), retention, erasure that keeps
sealed records sealed, the privacy log, and the ICO fee reminder."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.core.checks import run_checks
from app.core.clients import Client, ClientStatus, EmergencyContact
from app.core.errors import ValidationError
from app.core.invoicing.drafts import draft_invoice
from app.core.invoicing.issuing import issue_invoice
from app.core.invoicing.models import Invoice
from app.core.invoicing.payments import PaymentDraft, record_payment
from app.core.privacy.erasure import NotYetErasable, erase_client, plan_erasure
from app.core.privacy.ico import get_ico_fee, save_ico_fee
from app.core.privacy.models import PrivacyEvent
from app.core.privacy.retention import retention_of, retention_rows, set_years, tax_year_end
from app.core.privacy.subject_access import gather, log_export
from app.core.privacy.today import due
from app.documents.erasure import erasure_renderers
from app.documents.subject_access_pdf import render_subject_access_pdf
from tests.conftest import TODAY
from tests.core.test_invoicing import fake_render, make_business, make_client, visit


def _client(session, name: str, word: str, **kw) -> int:  # type: ignore[no-untyped-def]
    cid = make_client(session, name, payer=f"{word} Payer", **kw)
    client = session.get(Client, cid)
    client.care_notes = f"{word} care note"
    client.key_safe = f"{word} keysafe"
    client.emergency_contacts.append(EmergencyContact(name=f"{word} Contact", phone="01234"))
    session.flush()
    return cid


def _issued(session, cid: int, day: date) -> Invoice:  # type: ignore[no-untyped-def]
    v = visit(session, cid, day, (9, 0), (10, 0))
    v.note = f"visit note for client {cid}"
    start = day.replace(day=1)
    inv = draft_invoice(session, cid, start, start + timedelta(days=27)).value
    return issue_invoice(session, inv.id, today=day + timedelta(days=3), render=fake_render).value


@pytest.fixture
def two(session):  # type: ignore[no-untyped-def]
    make_business(session)
    a = _client(session, "Alice Quartzfield", "ZEBRAWOOD")
    b = _client(session, "Bertram Obsidian", "MARMALADE")
    ia = _issued(session, a, date(2026, 9, 8))
    ib = _issued(session, b, date(2026, 9, 8))
    # one payer pays for both: Alice's export shows only her share
    record_payment(
        session,
        PaymentDraft(
            received_on=TODAY,
            amount_pence=ia.total_pence + ib.total_pence,
            invoice_ids=[ia.id, ib.id],
            payer="Shared Payer",
        ),
        today=TODAY,
    )
    return session, a, b, ia, ib


def _pdf_text(data: bytes) -> str:
    return " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def test_export_holds_the_client_and_nothing_of_another(two) -> None:  # type: ignore[no-untyped-def]
    session, a, b, ia, ib = two
    sar = gather(session, a, today=TODAY)
    text = json.dumps(sar.as_json(), ensure_ascii=False)
    pdf = _pdf_text(render_subject_access_pdf(sar))
    for held in ("Alice Quartzfield", "ZEBRAWOOD care note", "ZEBRAWOOD Contact", ia.number):
        assert held in text
    assert "Alice Quartzfield" in pdf and "ZEBRAWOOD" in pdf and "Test Care" in pdf
    for other in ("Bertram", "Obsidian", "MARMALADE", ib.number):
        assert other not in text, other
        assert other not in pdf, other
    [payment] = sar.as_json()["payments"]
    assert payment["amount_pence"] == ia.total_pence  # not the other person's share
    assert [p["invoice_id"] for p in payment["paid_to_invoices"]] == [ia.id]
    assert sar.as_json()["controller"]["business"] == "Test Care"
    assert sar.as_json()["exported_on"] == "25/11/2026"


def test_safeguarding_only_when_ticked_in(demo_store) -> None:  # type: ignore[no-untyped-def]
    from app.core.safeguarding.models import SafeguardingRecord

    with demo_store.reading() as s:
        cid = s.scalars(
            select(SafeguardingRecord.client_id).where(SafeguardingRecord.client_id.is_not(None))
        ).first()
        left = gather(s, cid, today=TODAY)
        assert "safeguarding" not in left.as_json()
        assert any("safeguarding" in why for why in left.left_out)
        ticked = gather(s, cid, today=TODAY, include_safeguarding=True)
        assert ticked.as_json()["safeguarding"] and not ticked.left_out


def test_export_is_logged_without_content(two) -> None:  # type: ignore[no-untyped-def]
    session, a, *_ = two
    event = log_export(session, gather(session, a, today=TODAY)).value
    assert event.kind == "export" and event.client_id == a
    assert "invoices 1" in event.summary and "ZEBRAWOOD" not in event.summary
    assert "Alice" not in event.summary


def test_tax_year_end_and_retention_of_an_active_client(two) -> None:  # type: ignore[no-untyped-def]
    session, a, *_ = two
    assert tax_year_end(date(2026, 4, 5)) == date(2026, 4, 5)
    assert tax_year_end(date(2026, 4, 6)) == date(2027, 4, 5)
    session.get(Client, a).status = ClientStatus.ACTIVE
    r = retention_of(session, session.get(Client, a), today=TODAY)
    # still a client today: 6 years from today, and payment in 2026-27 kept to 05/04/2033
    assert r.erasable_from == date(2033, 4, 5) and not r.erasable
    with pytest.raises(NotYetErasable, match="05/04/2033"):
        plan_erasure(session, a, today=TODAY)


@pytest.fixture
def old(session):  # type: ignore[no-untyped-def]
    make_business(session)
    cid = _client(session, "Olive Oldclient", "PEPPERCORN", starts_on=date(2018, 1, 1))
    inv = _issued(session, cid, date(2019, 6, 10))
    session.get(Client, cid).status = ClientStatus.ENDED
    session.flush()
    return session, cid, inv


def test_erasure_after_retention_keeps_sealed_invoice_and_check(old) -> None:  # type: ignore[no-untyped-def]
    session, cid, inv = old
    [row] = [r for r in retention_rows(session, today=TODAY) if r.client_id == cid]
    assert row.erasable and row.erasable_from == date(2026, 4, 5)  # tax year 2019-20 + 6
    assert [d.record_id for d in due(session, TODAY)] == [cid]
    before = (inv.number, inv.total_pence, inv.issue_date)
    checks_before = run_checks(session)  # the test's hand-made contract is never sealed
    assert checks_before["invoicing"] == []
    plan = plan_erasure(session, cid, today=TODAY)  # the dry run changes nothing
    assert session.get(Client, cid).name == "Olive Oldclient"
    erase_client(session, cid, today=TODAY, render=erasure_renderers())
    client = session.get(Client, cid)
    assert client.name == plan.placeholder == f"Erased client #{cid}"
    assert (client.care_notes, client.key_safe, client.address) == ("", "", "")
    assert not client.emergency_contacts
    inv = session.get(Invoice, inv.id)
    assert (inv.number, inv.total_pence, inv.issue_date) == before
    assert inv.payer_name == plan.placeholder  # redacted, and still sealed:
    assert run_checks(session) == checks_before  # the invoice's seal still holds
    [event] = session.scalars(select(PrivacyEvent).where(PrivacyEvent.kind == "erase"))
    assert event.client_id == cid and "PEPPERCORN" not in event.summary
    assert "PEPPERCORN" not in json.dumps(gather(session, cid, today=TODAY).as_json()["client"])
    assert due(session, TODAY) == []  # erased: no longer listed


def test_retention_years_are_settings(old) -> None:  # type: ignore[no-untyped-def]
    session, cid, _ = old
    set_years(session, "tax", 8)
    assert retention_of(session, session.get(Client, cid), today=TODAY).erasable_from == date(
        2028, 4, 5
    )
    with pytest.raises(ValidationError):
        set_years(session, "tax", 0)


def test_ico_fee_reminder_thirty_days_before(session) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        save_ico_fee(session, "not a number", TODAY)
    assert err.value.field == "ico_number"
    save_ico_fee(session, "za123456", TODAY + timedelta(days=31))
    assert get_ico_fee(session).number == "ZA123456"
    assert due(session, TODAY) == []
    save_ico_fee(session, "ZA123456", TODAY + timedelta(days=30))
    [item] = due(session, TODAY)
    assert "ICO" in item.text and "25/12/2026" in item.text


def test_services_name_what_they_changed(old) -> None:  # type: ignore[no-untyped-def]
    from app.core.changes import ALL, Area, changes

    session, cid, _ = old
    assert save_ico_fee(session, "ZA123456", TODAY) == changes(Area.SETTINGS)
    assert set_years(session, "care", 6) == changes(Area.SETTINGS, Area.CLIENTS)
    assert log_export(session, gather(session, cid, today=TODAY)).changes == changes(Area.CLIENTS)
    assert erase_client(session, cid, today=TODAY, render=erasure_renderers()).changes == ALL


def test_today_lists_exactly_the_clients_retention_says_may_be_erased(old) -> None:  # type: ignore[no-untyped-def]
    """Today asks only about clients no longer in care (start-up speed): the list must be the
    one retention gives for every client, archived clients with old records included."""
    from app.core.clients import archive_client

    session, cid, _ = old
    archived = _client(session, "Archie Archived", "QUILLSTONE", starts_on=date(2018, 1, 1))
    _issued(session, archived, date(2019, 5, 13))
    archive_client(session, archived)  # archived, though its status is still active
    in_care = _client(session, "Ivy Incare", "LANTERNFLY", starts_on=date(2018, 1, 1))
    _issued(session, in_care, date(2019, 5, 13))
    session.get(Client, in_care).status = ClientStatus.ACTIVE
    session.flush()
    erasable = [r.client_id for r in retention_rows(session, today=TODAY) if r.erasable]
    assert sorted(erasable) == sorted([cid, archived])
    assert sorted(d.record_id for d in due(session, TODAY) if d.record_id) == sorted(erasable)


def test_erasure_takes_the_clients_testimonial_out_of_the_portfolio(old) -> None:  # type: ignore[no-untyped-def]
    """A compliment shown as a testimonial quotes the client and may carry a scanned card:
    erasure removes its words and file and archives it; other portfolio documents stay."""
    from pypdf import PdfWriter

    from app.core.feedback.services import FeedbackDraft, make_testimonial, record_feedback
    from app.core.portfolio.models import DocType, PortfolioDocument, PortfolioFile
    from app.core.portfolio.services import DocumentDraft, add_document, attach_file

    session, cid, _inv = old
    item = record_feedback(
        session,
        FeedbackDraft(
            client_id=cid,
            kind="compliment",
            received_on=date(2019, 6, 1),
            received_how="letter",
            summary="PEPPERCORN says Sam was wonderful",
        ),
        today=date(2019, 6, 2),
    ).value
    doc_id = make_testimonial(
        session,
        item.id,
        consent_on=date(2019, 6, 3),
        attribution="Mrs PEPPERCORN, Taunton",
        today=date(2019, 6, 3),
    ).value
    writer, card = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(card)
    attach_file(session, doc_id, "card-from-PEPPERCORN.pdf", card.getvalue())
    dbs = add_document(
        session, DocumentDraft(doc_type=DocType.DBS, title="Enhanced DBS"), today=TODAY
    )
    plan = plan_erasure(session, cid, today=TODAY)
    assert any("1 testimonial(s)" in line for line in plan.erase)

    erase_client(session, cid, today=TODAY, render=erasure_renderers())

    doc = session.get(PortfolioDocument, doc_id)
    assert doc.archived_at is not None and not doc.in_default_set
    assert "PEPPERCORN" not in f"{doc.title} {doc.issuer} {doc.notes}"
    assert (
        session.scalars(select(PortfolioFile).where(PortfolioFile.document_id == doc_id)).all()
        == []
    )
    assert session.get(PortfolioDocument, dbs.id).archived_at is None
