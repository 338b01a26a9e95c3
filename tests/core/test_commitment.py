"""The Independent Carer Commitment Agreement: filled in from the portfolio, signed and kept."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.core.clients import ClientDraft, ClientStatus, add_client
from app.core.commitment import commitment_data, sign_commitment, signed_agreements, signed_pdf
from app.core.errors import ValidationError
from app.core.portfolio.models import DocType
from app.core.portfolio.services import DocumentDraft, add_document
from app.documents.commitment_pdf import render_commitment_pdf
from tests.conftest import TODAY


def _text(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)


def _setup(session) -> int:  # noqa: ANN001
    add_document(
        session,
        DocumentDraft(
            doc_type=DocType.DBS,
            title="Enhanced DBS certificate",
            number="001234567890",
            issue_date=date(2025, 3, 1),
            renewal_date=date(2027, 3, 1),
        ),
        today=TODAY,
    )
    for number, expiry in (("OLD/1", date(2026, 6, 1)), ("PL/777", date(2027, 6, 1))):
        add_document(
            session,
            DocumentDraft(
                doc_type=DocType.INSURANCE,
                title="Public liability insurance",
                issuer="Hearthside Mutual",
                number=number,
                issue_date=date(expiry.year - 1, expiry.month, 2),
                expiry_date=expiry,
            ),
            today=TODAY,
        )
    return add_client(
        session, ClientDraft(name="Siobhán Ní Bhriain", status=ClientStatus.ACTIVE), today=TODAY
    ).id


def test_the_pdf_has_the_four_commitments_and_the_checks_from_the_portfolio(session) -> None:
    cid = _setup(session)
    data = commitment_data(session, cid, today=TODAY)
    assert data.insurance.number == "PL/777"  # the current policy, not the expired one
    words = _text(render_commitment_pdf(data))
    for expected in (
        "Independent Carer Commitment Agreement",
        "Siobhán Ní Bhriain",
        "Clear communication and agreed boundaries",
        "Up-to-date DBS and insurance checks",
        "Safe, respectful and professional practice",
        "Honesty, dignity and mutual respect",
        "001234567890",
        "01/03/2027",  # DBS update service renewal
        "PL/777",
        "01/06/2027",  # insurance expiry
        "Signature:",
        "Date:",
    ):
        assert expected in words, expected
    assert len(PdfReader(BytesIO(render_commitment_pdf(data))).pages) == 1


def test_missing_checks_say_so(session) -> None:
    cid = add_client(session, ClientDraft(name="Dennis Hart"), today=TODAY).id
    words = _text(render_commitment_pdf(commitment_data(session, cid, today=TODAY)))
    assert words.count("Not in the portfolio yet") == 2


def test_signing_records_the_date_and_keeps_the_pdf(session) -> None:
    cid = _setup(session)
    with pytest.raises(ValidationError) as err:
        sign_commitment(
            session, cid, signed_on=None, how="", today=TODAY, render=render_commitment_pdf
        )
    assert err.value.field == "signed_on"
    done = sign_commitment(
        session,
        cid,
        signed_on=date(2026, 11, 20),
        how="on paper",
        today=TODAY,
        render=render_commitment_pdf,
    )
    [agreement] = signed_agreements(session, cid)
    assert agreement.id == done.value and agreement.signed_on == date(2026, 11, 20)
    pdf = signed_pdf(session, agreement.id)
    assert "Recorded as signed on 20/11/2026 (on paper)" in _text(pdf)
    session.commit()
    for sql in (
        f"UPDATE commitment_agreement SET signed_on = '2026-01-01' WHERE id = {agreement.id}",
        f"DELETE FROM commitment_agreement WHERE id = {agreement.id}",
    ):
        with pytest.raises(DatabaseError, match="signed agreement is final"):
            session.execute(text(sql))
        session.rollback()
