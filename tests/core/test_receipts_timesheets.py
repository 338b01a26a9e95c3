"""Receipts for payments and timesheets for delivered visits (issue 22): the figures, the
PDFs read back, and the records kept."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from app.core.errors import LockedRecord, NotFound, ValidationError
from app.core.invoicing.credit_notes import create_credit_note
from app.core.profile import get_profile
from app.core.receipts import list_payments, payment_receipt
from app.core.visits.models import VisitStatus
from app.core.visits.timesheets import (
    Timesheet,
    hours_and_minutes,
    record_signed,
    save_timesheet,
    timesheet_data,
    timesheets_for,
)
from app.documents.letterhead import Letterhead
from app.documents.receipt_pdf import render_receipt
from app.documents.timesheet_pdf import render_timesheet
from tests.conftest import TODAY
from tests.core.test_invoicing import make_business, make_client, visit
from tests.core.test_invoicing_payments import issued, pay


def text_of(pdf: bytes) -> str:
    return " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def world(session):  # type: ignore[no-untyped-def]
    make_business(session)
    return session, make_client(session, "Ada Client", payer="Ada's Son")


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 min"),
        (5, "5 min"),
        (45, "45 min"),
        (60, "1 h 00 min"),
        (65, "1 h 05 min"),
        (125, "2 h 05 min"),
        (600, "10 h 00 min"),
    ],
)
def test_hours_and_minutes(minutes: int, text: str) -> None:
    assert hours_and_minutes(minutes) == text


def test_receipt_shows_what_it_settled_and_what_is_still_owed(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    sept, octo = issued(session, cid, 9, hours=3), issued(session, cid, 10, hours=2)  # £60, £40
    first = pay(session, 7000, sept, octo, on=date(2026, 11, 2), reference="cash in hand")
    second = pay(session, 3000, octo, on=date(2026, 11, 9))
    r1 = payment_receipt(session, first.id)
    assert r1.payer == "Ada's Son" and r1.person_name == "Ada Client"
    assert [(ln.invoice_number, ln.paid_now_pence, ln.left_pence) for ln in r1.lines] == [
        (sept.number, 6000, 0),
        (octo.number, 1000, 3000),
    ]
    # printed again after the second payment, the first receipt still says what it said
    assert r1.still_owed_pence == 3000
    assert payment_receipt(session, second.id).still_owed_pence == 0
    pdf = render_receipt(r1, Letterhead.of(get_profile(session)))
    text = text_of(pdf)
    for words in (
        "RECEIPT",
        "Ada's Son",
        "£70.00",
        "Bank transfer",
        "02/11/2026",
        sept.number,
        octo.number,
        "Still owed on these invoices: £30.00",
        "Received with thanks",
        "Test Care",
    ):
        assert words in text, words
    assert "12-34-56" not in text and "12345678" not in text  # no bank details on a receipt


def test_a_credit_note_after_the_payment_does_not_change_its_receipt(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    inv = issued(session, cid, 9, hours=3)
    p = pay(session, 2000, inv, on=date(2026, 11, 2))
    create_credit_note(
        session,
        inv.id,
        amount_pence=1000,
        reason="Overcharge",
        today=TODAY,
        render=lambda doc: b"PDF",
    )
    assert payment_receipt(session, p.id).still_owed_pence == 4000


def test_payment_list_has_the_agreed_keys_newest_first(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    sept, octo = issued(session, cid, 9), issued(session, cid, 10)
    pay(session, 2000, sept, on=date(2026, 11, 1))
    pay(session, 2000, octo, on=date(2026, 11, 5))
    rows = [r.as_json() for r in list_payments(session)]
    assert [r["invoice_numbers"] for r in rows] == [[octo.number], [sept.number]]
    assert set(rows[0]) == {
        "id",
        "received_on",
        "amount_pence",
        "method",
        "payer",
        "invoice_numbers",
    }
    assert rows[0]["method"] == "bank_transfer" and rows[0]["amount_pence"] == 2000


def test_receipt_for_a_missing_payment(world) -> None:  # type: ignore[no-untyped-def]
    session, _ = world
    with pytest.raises(NotFound):
        payment_receipt(session, 999)


def test_timesheet_lists_delivered_visits_only_with_times_and_total(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    visit(session, cid, date(2026, 11, 2), (9, 0), (10, 5))
    visit(session, cid, date(2026, 11, 3), (13, 58), (14, 59))
    visit(session, cid, date(2026, 11, 4), (9, 0), (10, 0), status=VisitStatus.CANCELLED_BY_CLIENT)
    visit(session, cid, date(2026, 11, 5), (9, 0), (10, 0), status=VisitStatus.PLANNED)
    visit(session, cid, date(2026, 12, 1), (9, 0), (10, 0))  # outside the period
    data = timesheet_data(session, cid, date(2026, 11, 1), date(2026, 11, 30))
    assert [(ln.day, ln.start, ln.end, ln.minutes) for ln in data.lines] == [
        (date(2026, 11, 2), "09:00", "10:05", 65),
        (date(2026, 11, 3), "13:58", "14:59", 61),
    ]
    assert data.total_minutes == 126
    text = text_of(render_timesheet(data, Letterhead.of(get_profile(session))))
    for words in (
        "TIMESHEET",
        "Ada Client",
        "Mon 02/11/2026",
        "09:00–10:05",
        "1 h 05 min",
        "1 h 01 min",
        "Total",
        "2 h 06 min",
        "Client or representative",
        "Ada's Son",
        "Signature",
        "Sam Test",
    ):
        assert words in text, words
    assert "04/11/2026" not in text and "05/11/2026" not in text


def test_timesheet_period_is_checked(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    with pytest.raises(ValidationError) as err:
        timesheet_data(session, cid, date(2026, 11, 30), date(2026, 11, 1))
    assert err.value.field == "period_end"
    with pytest.raises(ValidationError) as err:
        timesheet_data(session, cid, None, date(2026, 11, 1))
    assert err.value.field == "period_start"
    with pytest.raises(NotFound):
        timesheet_data(session, 999, date(2026, 11, 1), date(2026, 11, 2))


def test_a_kept_timesheet_records_when_it_was_signed_and_is_then_final(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    visit(session, cid, date(2026, 11, 2), (9, 0), (10, 0))
    data = timesheet_data(session, cid, date(2026, 11, 1), date(2026, 11, 15))
    done = save_timesheet(session, data, b"%PDF-1.4 kept", today=date(2026, 11, 16))
    assert done.changes
    with pytest.raises(ValidationError) as err:
        record_signed(
            session, done.value, signed_on=date(2026, 11, 30), signed_by="Ada's Son", today=TODAY
        )
    assert err.value.field == "signed_on"  # in the future
    with pytest.raises(ValidationError) as err:
        record_signed(
            session, done.value, signed_on=date(2026, 11, 10), signed_by="Ada's Son", today=TODAY
        )
    assert err.value.field == "signed_on"  # before it was made
    with pytest.raises(ValidationError) as err:
        record_signed(session, done.value, signed_on=TODAY, signed_by="  ", today=TODAY)
    assert err.value.field == "signed_by"
    record_signed(
        session, done.value, signed_on=date(2026, 11, 20), signed_by="Ada's Son", today=TODAY
    )
    [row] = timesheets_for(session, cid)
    assert (row.signed_on, row.signed_by, row.visit_count, row.total_minutes) == (
        date(2026, 11, 20),
        "Ada's Son",
        1,
        60,
    )
    assert session.get(Timesheet, done.value).pdf == b"%PDF-1.4 kept"
    with pytest.raises(LockedRecord):
        record_signed(session, done.value, signed_on=TODAY, signed_by="Someone", today=TODAY)


def test_making_the_same_period_again_replaces_only_an_unsigned_timesheet(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    visit(session, cid, date(2026, 11, 2), (9, 0), (10, 0))
    first, last = date(2026, 11, 1), date(2026, 11, 15)
    one = save_timesheet(session, timesheet_data(session, cid, first, last), b"v1", today=TODAY)
    visit(session, cid, date(2026, 11, 3), (9, 0), (9, 30))  # a visit recorded late
    two = save_timesheet(session, timesheet_data(session, cid, first, last), b"v2", today=TODAY)
    assert two.value == one.value
    [row] = timesheets_for(session, cid)
    assert (row.visit_count, row.total_minutes) == (2, 90)
    record_signed(session, two.value, signed_on=TODAY, signed_by="Ada's Son", today=TODAY)
    three = save_timesheet(session, timesheet_data(session, cid, first, last), b"v3", today=TODAY)
    assert three.value != two.value
    assert session.get(Timesheet, two.value).pdf == b"v2"  # the signed one is kept as it was
