"""Feedback: the reply-due rule, dated entries instead of edits, testimonials, Today."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.core.clients import ClientDraft, ClientStatus, add_client
from app.core.contracts.clauses import DEFAULT_CLAUSES
from app.core.contracts.drafting import draft_contract, sign_version
from app.core.errors import LockedRecord, ValidationError
from app.core.feedback.models import EntryKind, FeedbackKind, ReceivedHow
from app.core.feedback.reminders import due
from app.core.feedback.reply_due import ReplyPeriod, add_period, period_from_clause
from app.core.feedback.services import (
    FeedbackDraft,
    add_entry,
    feedback_report,
    get_feedback,
    list_feedback,
    make_testimonial,
    record_feedback,
    row_as_json,
)
from app.core.portfolio.models import DocType, PortfolioDocument
from app.core.reminders import Urgency
from tests.conftest import TODAY
from tests.core.test_contracts import _draft, fake_render


# Source: the issue 22 ("the agreement's complaints clause sets the days; default 7"), and
# Daybook's default complaints clause ("The Carer will reply within 7 days").
@pytest.mark.parametrize(
    ("clause", "period"),
    [
        (DEFAULT_CLAUSES["complaints_text"], ReplyPeriod(7)),
        ("I will reply within 14 days of hearing from you.", ReplyPeriod(14)),
        ("I will reply within ten days.", ReplyPeriod(10)),
        ("A full reply within 5 working days.", ReplyPeriod(5, working_days=True)),
        ("Within twenty-eight (28) days you will have my answer.", ReplyPeriod(28)),
        ("Please tell me first and I will put it right.", ReplyPeriod(7)),  # no period: default
        ("", ReplyPeriod(7)),
        ("within 0 days", ReplyPeriod(7)),  # nonsense: the default
    ],
)
def test_reply_period_is_read_from_the_complaints_clause(clause: str, period: ReplyPeriod) -> None:
    assert period_from_clause(clause) == period


@pytest.mark.parametrize(
    ("received", "period", "due_on"),
    [
        (date(2026, 11, 25), ReplyPeriod(7), date(2026, 12, 2)),  # calendar days
        # Working days skip weekends: Wed 25 Nov + 5 working days = Wed 2 Dec.
        (date(2026, 11, 25), ReplyPeriod(5, True), date(2026, 12, 2)),
        # ... and England and Wales bank holidays (GOV.UK bank holidays: 25 Dec 2026 is a
        # Friday, 28 Dec 2026 the substitute for Boxing Day): Thu 24 Dec + 2 = Wed 30 Dec.
        (date(2026, 12, 24), ReplyPeriod(2, True), date(2026, 12, 30)),
    ],
)
def test_reply_due_date(received: date, period: ReplyPeriod, due_on: date) -> None:
    assert add_period(received, period) == due_on


def _client(session, name: str = "Margaret Ellis") -> int:  # noqa: ANN001
    return add_client(session, ClientDraft(name=name, status=ClientStatus.ACTIVE), today=TODAY).id


def _complaint(session, cid: int, on: date = date(2026, 11, 20)):  # noqa: ANN001, ANN202
    draft = FeedbackDraft(cid, FeedbackKind.COMPLAINT, on, ReceivedHow.PHONE, "Late twice.")
    return record_feedback(session, draft, today=TODAY).value


def test_a_complaint_takes_its_reply_days_from_the_signed_agreement(session) -> None:
    cid = _client(session)
    d = _draft(session, cid, starts_on=date(2026, 11, 1))
    d.complaints_text = "Tell me first. I will reply within 3 days."
    ver = draft_contract(session, d, today=TODAY).value
    sign_version(session, ver.id, signed_on=TODAY, how="paper", today=TODAY, render=fake_render)
    item = _complaint(session, cid)
    assert (item.reply_days, item.reply_due) == (3, date(2026, 11, 23))
    other = _complaint(session, _client(session, "Dennis Hart"))  # no agreement: default 7
    assert other.reply_due == date(2026, 11, 27)


def test_record_checks_the_fields(session) -> None:
    cid = _client(session)
    bad = [
        (FeedbackDraft(None, "complaint", TODAY, "phone", "x"), "client_id"),
        (FeedbackDraft(cid, "grumble", TODAY, "phone", "x"), "kind"),
        (FeedbackDraft(cid, "complaint", TODAY, "pigeon", "x"), "received_how"),
        (FeedbackDraft(cid, "complaint", date(2026, 12, 1), "phone", "x"), "received_on"),
        (FeedbackDraft(cid, "complaint", TODAY, "phone", "  "), "summary"),
    ]
    for draft, field in bad:
        with pytest.raises(ValidationError) as err:
            record_feedback(session, draft, today=TODAY)
        assert err.value.field == field


def test_changes_to_a_complaint_are_dated_entries(session) -> None:
    item = _complaint(session, _client(session))
    add_entry(session, item.id, EntryKind.ACKNOWLEDGED, happened_on=date(2026, 11, 21), today=TODAY)
    with pytest.raises(ValidationError, match="Write the outcome"):
        add_entry(session, item.id, EntryKind.RESOLVED, happened_on=TODAY, today=TODAY)
    add_entry(
        session,
        item.id,
        "action",
        happened_on=date(2026, 11, 22),
        text="Earlier start.",
        today=TODAY,
    )
    add_entry(session, item.id, "resolved", happened_on=TODAY, text="Happy now.", today=TODAY)
    add_entry(
        session, item.id, "correction", happened_on=TODAY, text="It was three times.", today=TODAY
    )
    item = get_feedback(session, item.id)
    assert (item.acknowledged_on, item.resolved_on, item.outcome) == (
        date(2026, 11, 21),
        TODAY,
        "Happy now.",
    )
    assert item.summary == "Late twice."  # the correction is an entry, not an edit
    assert [e.kind for e in item.entries] == [
        "received",
        "acknowledged",
        "action",
        "resolved",
        "correction",
    ]
    assert row_as_json(list_feedback(session)[0])["status"] == "resolved"
    with pytest.raises(ValidationError, match="before it was received"):
        add_entry(
            session, item.id, "correction", happened_on=date(2026, 11, 1), text="x", today=TODAY
        )


def test_the_database_refuses_silent_edits(session) -> None:
    item = _complaint(session, _client(session))
    session.commit()
    for sql in (
        f"UPDATE feedback SET summary = 'rewritten' WHERE id = {item.id}",
        f"UPDATE feedback SET received_on = '2026-01-01' WHERE id = {item.id}",
        f"DELETE FROM feedback WHERE id = {item.id}",
        f"UPDATE feedback_entry SET text = 'x' WHERE feedback_id = {item.id}",
        f"DELETE FROM feedback_entry WHERE feedback_id = {item.id}",
    ):
        with pytest.raises(DatabaseError, match="Add a dated entry"):
            session.execute(text(sql))
        session.rollback()


def test_a_compliment_becomes_a_testimonial_only_with_consent(session) -> None:
    cid = _client(session)
    words = "Thank you for everything."
    item = record_feedback(
        session,
        FeedbackDraft(cid, FeedbackKind.COMPLIMENT, date(2026, 11, 10), ReceivedHow.LETTER, words),
        today=TODAY,
    ).value
    with pytest.raises(ValidationError) as err:
        make_testimonial(session, item.id, consent_on=None, attribution="Mrs E.", today=TODAY)
    assert err.value.field == "consent_on"
    done = make_testimonial(
        session,
        item.id,
        consent_on=date(2026, 11, 12),
        attribution="Mrs E., Wellington",
        today=TODAY,
    )
    doc = session.get(PortfolioDocument, done.value)
    assert doc.doc_type == DocType.TESTIMONIAL and doc.notes == words
    assert "Mrs E., Wellington" in doc.title and not doc.in_default_set
    with pytest.raises(LockedRecord):
        make_testimonial(session, item.id, consent_on=TODAY, attribution="x", today=TODAY)
    complaint = _complaint(session, cid)
    with pytest.raises(ValidationError, match="Only a compliment"):
        make_testimonial(session, complaint.id, consent_on=TODAY, attribution="x", today=TODAY)
    report = feedback_report(session, date(2026, 11, 1), date(2026, 11, 30))
    assert report.compliments_with_consent == [(date(2026, 11, 10), words)]


@pytest.mark.parametrize(
    ("received", "urgency"),
    [
        (date(2026, 11, 10), Urgency.OVERDUE),  # due 17 Nov
        (date(2026, 11, 18), Urgency.TODAY),  # due 25 Nov
        (date(2026, 11, 20), Urgency.SOON),  # due 27 Nov, within 3 days
        (date(2026, 11, 24), None),  # due 1 Dec: not yet on Today
    ],
)
def test_today_shows_replies_due(session, received: date, urgency: Urgency | None) -> None:
    item = _complaint(session, _client(session), on=received)
    items = due(session, TODAY)
    assert [i.urgency for i in items] == ([urgency] if urgency is not None else [])
    if items:
        assert "Margaret" in items[0].text and "Late" not in items[0].text  # no summary
        add_entry(session, item.id, "outcome", happened_on=TODAY, text="Apologised.", today=TODAY)
        assert due(session, TODAY) == []  # replied
