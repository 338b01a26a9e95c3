"""The safeguarding PDF says what a council or the police need, read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from app.core.clients import ClientDraft, add_client
from app.core.profile import ProfileDraft, get_profile, save_profile
from app.core.safeguarding.models import AddendumKind, Category, Consent, NotifiedKind
from app.core.safeguarding.services import (
    ConcernDraft,
    NotificationDraft,
    add_addendum,
    create_record,
    record_view,
)
from app.documents.safeguarding_pdf import render_safeguarding_pdf
from tests.conftest import TODAY

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(p.extract_text() or "" for p in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def record_id(session) -> int:  # type: ignore[no-untyped-def]
    save_profile(
        session,
        ProfileDraft(
            trading_name="Helping Hands",
            carer_name="Sam Carter",
            safeguarding_phone="0300 123 2224",
        ),
    )
    client = add_client(session, ClientDraft(name="Siobhán Ní Bhriain"), today=TODAY)
    record = create_record(
        session,
        ConcernDraft(
            client_id=client.id,
            happened_at=datetime(2026, 11, 24, 9, 5, tzinfo=UTC),
            place="Front room <upstairs> & hall",
            present="Her son",
            categories=[Category.FINANCIAL, Category.PSYCHOLOGICAL],
            seen_heard="She said: “He took my purse.”",
            actions_taken="Rang the safeguarding team.",
            notifications=[
                NotificationDraft(
                    NotifiedKind.COUNCIL,
                    datetime(2026, 11, 24, 10, 30, tzinfo=UTC),
                    "Duty worker",
                    "SAS-7781",
                ),
                NotificationDraft(
                    NotifiedKind.POLICE, datetime(2026, 11, 24, 11, 0, tzinfo=UTC), "", "CAD 0192"
                ),
            ],
            consent=Consent.LACKS_CAPACITY,
            follow_up_due=date(2026, 11, 30),
        ),
        now=datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
    ).value
    add_addendum(
        session,
        record.id,
        AddendumKind.CORRECTION,
        "It was 09:15, not 09:05.",
        now=NOW - timedelta(hours=2),
    )
    add_addendum(
        session,
        record.id,
        AddendumKind.FOLLOW_UP,
        "Team rang back; visit booked.",
        follow_up_due=date(2026, 12, 4),
        now=NOW,
    )
    return record.id


def test_pdf_has_every_section_times_addenda_and_seals(session, record_id) -> None:  # type: ignore[no-untyped-def]
    view = record_view(session, record_id)
    reader, text = _text(render_safeguarding_pdf(view, get_profile(session), printed_at=NOW))
    flat = _flat(text)
    assert "Safeguarding record" in flat
    assert "Siobhán Ní Bhriain" in flat
    # both times, in UK time (24/11 is GMT, so the same clock time)
    assert "24/11/2026 09:05" in flat and "24/11/2026 12:00" in flat
    assert "Financial or material abuse" in flat and "Psychological or emotional abuse" in flat
    assert "Front room <upstairs> & hall" in flat  # markup characters survive, escaped
    assert "“He took my purse.”" in flat
    for words in (
        "What was seen and heard",
        "What the carer did",
        "Who was told",
        "Who was present",
        "Consent to referral",
    ):
        assert words in flat
    assert "SAS-7781" in flat and "CAD 0192" in flat and "24/11/2026 10:30" in flat
    assert "not a formal assessment" in flat
    # addenda in order, with their dates
    first = flat.index("Addendum 1: Correction, written 25/11/2026 13:00")
    second = flat.index("Addendum 2: Follow-up, written 25/11/2026 15:00")
    assert first < second
    assert "moved to 04/12/2026" in flat
    # every entry's hash
    assert view.content_hash in flat.replace(" ", "")
    for a in view.addenda:
        assert a.content_hash in flat.replace(" ", "")
    n = len(reader.pages)
    for i in range(1, n + 1):
        page = _flat(reader.pages[i - 1].extract_text())
        assert f"Page {i} of {n}" in page
        assert "Confidential" in page
    assert reader.metadata.title == f"Safeguarding record #{record_id}"


def test_a_long_account_flows_over_pages_with_numbers(session, record_id) -> None:  # type: ignore[no-untyped-def]
    long = ConcernDraft(
        person_name="Łukasz Wiśniewski",
        happened_at=NOW - timedelta(hours=1),
        categories=[Category.OTHER],
        seen_heard="\n".join(f"Line {i}: what I saw." for i in range(400)),
        consent=Consent.NOT_ASKED,
    )
    record = create_record(session, long, now=NOW).value
    reader, text = _text(
        render_safeguarding_pdf(record_view(session, record.id), None, printed_at=NOW)
    )
    flat = _flat(text)
    assert len(reader.pages) >= 4
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in flat
    assert "Line 399: what I saw." in flat
    assert "Łukasz Wiśniewski (not a client)" in flat
    assert "No addenda." in flat and "No one recorded." in flat
