"""Expiry: valid, expiring soon (within 30 days), expired; and the reminders on Today."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.changes import Area
from app.core.portfolio.expiry import (
    REMIND_DAYS,
    ExpiryStatus,
    days_left,
    expiry_status,
    status_text,
)
from app.core.portfolio.models import DocType
from app.core.portfolio.reminders import due
from app.core.portfolio.services import (
    DocumentDraft,
    add_document,
    archive_document,
    list_documents,
)
from app.core.reminders import Urgency
from tests.conftest import TODAY


@pytest.mark.parametrize(
    "offset, status",
    [
        (31, ExpiryStatus.VALID),
        (30, ExpiryStatus.EXPIRING_SOON),
        (1, ExpiryStatus.EXPIRING_SOON),
        (0, ExpiryStatus.EXPIRING_SOON),  # valid through its expiry day
        (-1, ExpiryStatus.EXPIRED),
        (-400, ExpiryStatus.EXPIRED),
    ],
)
def test_status_around_the_30_day_line(offset, status) -> None:
    assert expiry_status(TODAY + timedelta(days=offset), None, TODAY) == status


def test_no_dates_means_valid() -> None:
    assert expiry_status(None, None, TODAY) == ExpiryStatus.VALID
    assert days_left(None, None, TODAY) is None
    assert status_text(None, None, TODAY) == "Valid (no expiry date)"


def test_the_earlier_of_expiry_and_dbs_renewal_counts() -> None:
    far, soon = TODAY + timedelta(days=300), TODAY + timedelta(days=10)
    assert expiry_status(far, soon, TODAY) == ExpiryStatus.EXPIRING_SOON
    assert expiry_status(None, TODAY - timedelta(days=1), TODAY) == ExpiryStatus.EXPIRED
    assert days_left(far, soon, TODAY) == 10
    assert status_text(None, soon, TODAY) == "Update service renewal due in 10 days (05/12/2026)"


def test_status_words() -> None:
    assert status_text(date(2026, 11, 1), None, TODAY) == "Expired on 01/11/2026"
    assert status_text(TODAY, None, TODAY) == "Expires today"
    assert status_text(TODAY + timedelta(days=1), None, TODAY) == "Expires in 1 day (26/11/2026)"
    assert status_text(date(2027, 6, 1), None, TODAY) == "Valid; expires 01/06/2027"


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
)
def test_status_follows_days_left(expiry, today) -> None:
    days = (expiry - today).days
    status = expiry_status(expiry, None, today)
    expected = (
        ExpiryStatus.EXPIRED
        if days < 0
        else ExpiryStatus.EXPIRING_SOON
        if days <= REMIND_DAYS
        else ExpiryStatus.VALID
    )
    assert status == expected


def add(session, title, **kw):
    return add_document(
        session, DocumentDraft(kw.pop("doc_type", DocType.TRAINING), title, **kw), today=TODAY
    ).id


def test_today_shows_expiring_and_expired_documents_only(session) -> None:
    add(session, "Fresh", expiry_date=TODAY + timedelta(days=31))
    soon = add(session, "First aid", expiry_date=TODAY + timedelta(days=12))
    gone = add(session, "Food hygiene", expiry_date=TODAY - timedelta(days=3))
    add(session, "Care Certificate")
    today_item = add(session, "Manual handling", expiry_date=TODAY)
    dbs = add(
        session,
        "Enhanced DBS",
        doc_type=DocType.DBS,
        issue_date=date(2025, 1, 1),
        renewal_date=TODAY + timedelta(days=20),
    )
    archived = add(session, "Old insurance", expiry_date=TODAY - timedelta(days=90))
    archive_document(session, archived)

    items = {i.record_id: i for i in due(session, TODAY)}
    assert set(items) == {soon, gone, today_item, dbs}
    assert all(i.area == Area.PORTFOLIO for i in items.values())
    assert items[gone].urgency == Urgency.OVERDUE
    assert items[gone].text == "“Food hygiene” expired on 22/11/2026"
    assert items[soon].urgency == Urgency.SOON
    assert items[soon].text == "“First aid” expires on 07/12/2026 (in 12 days)"
    assert items[today_item].urgency == Urgency.TODAY
    assert items[dbs].text == "DBS update service renewal is due on 15/12/2026 (in 20 days)"
    assert items[dbs].when == TODAY + timedelta(days=20)


def test_reminder_starts_exactly_30_days_before(session) -> None:
    d = add(session, "First aid", expiry_date=date(2026, 12, 25))
    assert due(session, date(2026, 11, 24)) == []
    assert [i.record_id for i in due(session, date(2026, 11, 25))] == [d]


def test_the_provider_is_registered_for_today() -> None:
    from app.core.reminders import _PROVIDERS, _SESSION_PROVIDERS

    assert due in (_PROVIDERS.get("portfolio"), _SESSION_PROVIDERS.get("portfolio"))


def test_list_shows_expired_status(session) -> None:
    add(session, "Food hygiene", expiry_date=TODAY - timedelta(days=3))
    [row] = list_documents(session, today=TODAY)
    assert row.status == ExpiryStatus.EXPIRED
    assert row.status_text == "Expired on 22/11/2026"
    assert row.days_left == -3
