"""The contract PDF, read back with pypdf: it says what the agreement must say."""

from __future__ import annotations

import io
import re
from datetime import date, time

import pytest
from pypdf import PdfReader

from app.core.clients import ClientDraft, ClientStatus, PayerType, add_client
from app.core.contracts.document import contract_pdf, fresh_contract_pdf, signing_render
from app.core.contracts.drafting import draft_contract, new_version, sign_version, update_version
from app.core.contracts.form import draft_from_version, new_contract_draft
from app.core.contracts.models import ScheduleSlot
from app.core.contracts.plan_b import PlanBDraft, PlanBKind, add_plan_b_contact
from app.core.profile import ProfileDraft, save_profile
from app.core.schemes import Scheme
from app.documents.contract_pdf import render_contract_pdf
from tests.conftest import TODAY


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(p.extract_text() for p in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def version(session):  # noqa: ANN001, ANN201
    save_profile(
        session,
        ProfileDraft(
            trading_name="Helping Hands Home Care",
            carer_name="Sam Carter",
            address="12 Orchard Lane\nWellington",
            phone="07700 900123",
            scheme=Scheme.SOMERSET,
            safeguarding_phone="0300 123 2224",
        ),
    )
    client = add_client(
        session,
        ClientDraft(
            name="Siobhán Ní Bhriain",
            address="4 Mill Street\nWellington",
            payer_type=PayerType.FAMILY,
            payer_name="Aoife Ní Bhriain",
            payer_address="9 High Street\nTaunton",
            status=ClientStatus.ACTIVE,
        ),
        today=TODAY,
    )
    add_plan_b_contact(
        session,
        client.id,
        PlanBDraft(
            PlanBKind.ARRANGES_COVER, "Aoife Ní Bhriain", "07700 900555", consent_to_share=True
        ),
        today=TODAY,
    )
    add_plan_b_contact(
        session,
        client.id,
        PlanBDraft(PlanBKind.PROVIDER, "Vale Home Helpers", "01823 111222"),
        today=TODAY,
    )
    d = new_contract_draft(session, client.id, today=TODAY)
    d.starts_on = date(2026, 12, 1)
    d.services = ["personal_care", "shopping"]
    d.services_text = "Walk to the post office on Fridays."
    d.schedule = [ScheduleSlot(0, time(9), time(10)), ScheduleSlot(3, time(9), time(10))]
    d.standard_rate_pence = 2000
    d.evening_rate_pence = 2250
    d.weekend_rate_pence = 2200
    d.bank_holiday_rate_pence = 3000
    d.minimum_charge_pence = 1500
    d.mileage_pence_per_mile = 45
    d.notice_days_client = 7
    d.notice_days_carer = 14
    d.late_cancel_hours = 24
    d.late_cancel_percent = 50
    return draft_contract(session, d, today=TODAY).value


def test_the_pdf_says_every_term(session, version) -> None:  # noqa: ANN001
    pdf = fresh_contract_pdf(session, version, render_contract_pdf)
    text = _flat(_text(pdf))
    for must in (
        "Helping Hands Home Care",
        "Siobhán Ní Bhriain",
        "Aoife Ní Bhriain",
        "The Payer",
        "01/12/2026",
        "Mondays and Thursdays, 09:00–10:00",
        "£20.00 per hour",
        "£22.50 per hour",
        "£22.00 per hour",
        "£30.00 per hour",
        "Minimum charge per visit",
        "£15.00",
        "£0.45 per mile",
        "less than 24 hours’ notice, 50%",
        "by bank transfer",
        "monthly",
        "within 14 days of the invoice date",
        "Notice the Client gives 7 days’ notice",
        "Notice the Carer gives 14 days’ notice",
        "Plan B",
        "does not arrange cover",
        "Vale Home Helpers",
        "07700 900555",
        "Boundaries",
        "Confidentiality and data protection",
        "Complaints",
        "0300 123 2224",
        "Signature",
        "Signed for the Carer",
        "Sam Carter",
        "Version 1",
        "DRAFT",
        "Walk to the post office",
    ):
        assert must in text, must
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert f"Page 1 of {len(pages)}" in text
    assert f"Page {len(pages)} of {len(pages)}" in text


def test_signing_stores_the_pdf_byte_for_byte(session, version) -> None:  # noqa: ANN001
    sign_version(
        session,
        version.id,
        signed_on=TODAY,
        how="On paper at the first visit",
        today=TODAY,
        render=signing_render(render_contract_pdf),
    )
    stored = bytes(version.signed_pdf)
    text = _flat(_text(stored))
    assert "DRAFT" not in text
    assert "Recorded as signed on 25/11/2026 (On paper at the first visit)" in text
    assert contract_pdf(session, version, render_contract_pdf) == stored
    # Later changes to the profile do not touch the signed copy.
    save_profile(session, ProfileDraft(trading_name="Renamed Care", carer_name="Sam Carter"))
    assert contract_pdf(session, version, render_contract_pdf) == stored
    assert "Renamed Care" in _text(fresh_contract_pdf(session, version, render_contract_pdf))


def test_a_second_version_says_it_replaces_the_first(session, version) -> None:  # noqa: ANN001
    sign_version(
        session,
        version.id,
        signed_on=TODAY,
        how="paper",
        today=TODAY,
        render=signing_render(render_contract_pdf),
    )
    v2 = new_version(session, version.contract_id, starts_on=date(2027, 4, 1), today=TODAY).value
    d = draft_from_version(v2)
    d.standard_rate_pence = 2150
    d.every_n_weeks = 2
    update_version(session, v2.id, d, today=TODAY)
    text = _flat(_text(fresh_contract_pdf(session, v2, render_contract_pdf)))
    assert "£21.50 per hour" in text and "£20.00 per hour" not in text
    assert "Version 2" in text and "replaces the earlier version" in text
    assert "every other week" in text


def test_a_long_agreement_runs_over_pages_with_page_numbers(session, version) -> None:  # noqa: ANN001
    d = draft_from_version(version)
    d.services_text = "\n".join(f"Task number {i}: help as agreed." for i in range(120))
    update_version(session, version.id, d, today=TODAY)
    pdf = fresh_contract_pdf(session, version, render_contract_pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 4
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1].extract_text()
