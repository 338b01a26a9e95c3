"""Feedback services: record an item, add dated entries, turn a compliment into a testimonial,
list items (no free text in the listing) and gather the quarterly summary for the scheme."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record
from app.core.changes import Area, Changes, Done, changes
from app.core.clients import Client
from app.core.errors import LockedRecord, NotFound, ValidationError
from app.core.feedback.models import (
    EntryKind,
    Feedback,
    FeedbackEntry,
    FeedbackKind,
    ReceivedHow,
)
from app.core.feedback.reply_due import add_period, client_reply_period

MAX_SUMMARY = 4000


@dataclass
class FeedbackDraft:
    client_id: int | None = None
    kind: FeedbackKind | str | None = None
    received_on: date | None = None
    received_how: ReceivedHow | str | None = None
    summary: str = ""


def _enum(kind: type, value: object, field_name: str, message: str):
    try:
        return kind(value)
    except ValueError:
        raise ValidationError(field_name, message) from None


def get_feedback(session: Session, feedback_id: int) -> Feedback:
    return get_record(session, Feedback, feedback_id, f"There is no feedback number {feedback_id}.")


def record_feedback(session: Session, draft: FeedbackDraft, *, today: date) -> Done[Feedback]:
    if draft.client_id is None or session.get(Client, draft.client_id) is None:
        raise ValidationError("client_id", "Choose the client the feedback is from.")
    kind = _enum(FeedbackKind, draft.kind, "kind", "Choose complaint, compliment or comment.")
    how = _enum(
        ReceivedHow, draft.received_how, "received_how", "Choose how the feedback was received."
    )
    received_on = v.past_date(
        draft.received_on, "received_on", "date it was received", today=today, required=True
    )
    assert received_on is not None
    summary = v.required_text(
        draft.summary, "summary", "summary in your own words", max_len=MAX_SUMMARY
    )
    item = Feedback(
        client_id=draft.client_id,
        kind=kind,
        received_on=received_on,
        received_how=how,
        summary=summary,
    )
    if kind == FeedbackKind.COMPLAINT:
        period = client_reply_period(session, draft.client_id, received_on)
        item.reply_days = period.days
        item.reply_due = add_period(received_on, period)
    session.add(item)
    session.flush()
    session.add(
        FeedbackEntry(feedback_id=item.id, kind=EntryKind.RECEIVED, happened_on=received_on)
    )
    session.flush()
    return Done(item, changes(Area.FEEDBACK))


def _complaint(item: Feedback, what: str) -> None:
    if item.kind != FeedbackKind.COMPLAINT:
        raise ValidationError("kind", f"Only a complaint can be {what}.")


def add_entry(
    session: Session,
    feedback_id: int,
    kind: EntryKind | str,
    *,
    happened_on: date | None,
    text: str = "",
    today: date,
) -> Changes:
    """What happened next, as a dated entry; the item's current fields follow it."""
    item = get_feedback(session, feedback_id)
    kind = _enum(EntryKind, kind, "kind", "Choose what happened.")
    if kind in (EntryKind.RECEIVED, EntryKind.CONSENT):
        raise ValidationError("kind", "Choose what happened.")
    day = v.past_date(happened_on, "happened_on", "date", today=today, required=True)
    assert day is not None
    if day < item.received_on:
        raise ValidationError("happened_on", "The date cannot be before it was received.")
    text = v.optional_text(text, "text", "text", max_len=MAX_SUMMARY)
    if kind == EntryKind.ACKNOWLEDGED:
        _complaint(item, "acknowledged")
        if item.acknowledged_on is not None:
            raise ValidationError("kind", "This complaint was already acknowledged.")
        item.acknowledged_on = day
    elif kind in (EntryKind.ACTION, EntryKind.OUTCOME):
        _complaint(item, "given what was done and an outcome")
        if not text:
            label = "what was done" if kind == EntryKind.ACTION else "the outcome"
            raise ValidationError("text", f"Write {label}.")
        if kind == EntryKind.ACTION:
            item.action_taken = text
        else:
            item.outcome = text
    elif kind == EntryKind.RESOLVED:
        _complaint(item, "resolved")
        if item.resolved_on is not None:
            raise ValidationError("kind", "This complaint is already resolved.")
        if not text and not item.outcome:
            raise ValidationError("text", "Write the outcome before marking it resolved.")
        if text:
            item.outcome = text
        item.resolved_on = day
    elif kind == EntryKind.REOPENED:
        _complaint(item, "reopened")
        if item.resolved_on is None:
            raise ValidationError("kind", "This complaint is still open.")
        item.resolved_on = None
    elif kind == EntryKind.CORRECTION and not text:
        raise ValidationError("text", "Write the correction.")
    session.add(FeedbackEntry(feedback_id=item.id, kind=kind, happened_on=day, text=text))
    session.flush()
    return changes(Area.FEEDBACK)


def make_testimonial(
    session: Session,
    feedback_id: int,
    *,
    consent_on: date | None,
    attribution: str,
    today: date,
) -> Done[int]:
    """A compliment the client agreed may be shown becomes a portfolio testimonial (the
    portfolio's own document type); returns the new document's id."""
    from app.core.portfolio.models import DocType
    from app.core.portfolio.services import DocumentDraft, add_document

    item = get_feedback(session, feedback_id)
    if item.kind != FeedbackKind.COMPLIMENT:
        raise ValidationError("kind", "Only a compliment can become a testimonial.")
    if item.testimonial_document_id is not None:
        raise LockedRecord("This compliment is already a testimonial in the portfolio.")
    day = v.past_date(
        consent_on, "consent_on", "date the client agreed", today=today, required=True
    )
    assert day is not None
    if day < item.received_on:
        raise ValidationError("consent_on", "Consent cannot be before the compliment was received.")
    attribution = v.required_text(
        attribution, "attribution", "name to show (for example: Mrs P., Stafford)", max_len=200
    )
    doc = add_document(
        session,
        DocumentDraft(
            doc_type=DocType.TESTIMONIAL,
            title=f"Testimonial from {attribution}",
            issuer=attribution,
            issue_date=item.received_on,
            notes=item.summary,
            in_default_set=False,
        ),
        today=today,
    )
    item.consent_on = day
    item.testimonial_document_id = doc.id
    session.add(
        FeedbackEntry(
            feedback_id=item.id,
            kind=EntryKind.CONSENT,
            happened_on=day,
            text=f"Shown in the portfolio as from {attribution}.",
        )
    )
    session.flush()
    return Done(doc.id, changes(Area.FEEDBACK, Area.PORTFOLIO))


# ---------------------------------------------------------------- reading


def status_of(item: Feedback) -> str:
    """open|resolved: compliments and comments need no reply, so they are resolved."""
    if item.kind != FeedbackKind.COMPLAINT:
        return "resolved"
    return "resolved" if item.resolved_on is not None else "open"


def reply_given(item: Feedback) -> bool:
    return item.kind != FeedbackKind.COMPLAINT or bool(item.outcome) or item.resolved_on is not None


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    client_id: int
    client_name: str
    kind: FeedbackKind
    received_on: date
    received_how: ReceivedHow
    status: str
    reply_due: date | None
    acknowledged_on: date | None
    resolved_on: date | None
    consent_on: date | None
    testimonial: bool


def _row(item: Feedback, client_name: str) -> FeedbackRow:
    return FeedbackRow(
        id=item.id,
        client_id=item.client_id,
        client_name=client_name,
        kind=FeedbackKind(item.kind),
        received_on=item.received_on,
        received_how=ReceivedHow(item.received_how),
        status=status_of(item),
        reply_due=item.reply_due,
        acknowledged_on=item.acknowledged_on,
        resolved_on=item.resolved_on,
        consent_on=item.consent_on,
        testimonial=item.testimonial_document_id is not None,
    )


def list_feedback(session: Session, client_id: int | None = None) -> list[FeedbackRow]:
    stmt = select(Feedback, Client.name).join(Client, Feedback.client_id == Client.id)
    if client_id is not None:
        if session.get(Client, client_id) is None:
            raise NotFound(f"There is no client number {client_id}.")
        stmt = stmt.where(Feedback.client_id == client_id)
    stmt = stmt.order_by(Feedback.received_on.desc(), Feedback.id.desc())
    return [_row(item, name) for item, name in session.execute(stmt)]


def row_as_json(row: FeedbackRow) -> dict[str, object]:
    """The public listing: ids, kinds, dates and status only (no names, no summaries)."""
    return {
        "id": row.id,
        "client_id": row.client_id,
        "kind": row.kind.value,
        "received_on": row.received_on.isoformat(),
        "status": row.status,
        "reply_due": row.reply_due.isoformat() if row.reply_due else None,
        "resolved_on": row.resolved_on.isoformat() if row.resolved_on else None,
    }


@dataclass(frozen=True)
class ComplaintLine:
    id: int
    received_on: date
    received_how: ReceivedHow
    acknowledged_on: date | None
    reply_due: date | None
    resolved_on: date | None
    outcome: str


@dataclass(frozen=True)
class FeedbackReport:
    start: date
    end: date
    counts: dict[FeedbackKind, int]
    complaints: list[ComplaintLine] = field(default_factory=list)
    compliments_with_consent: list[tuple[date, str]] = field(default_factory=list)
    compliments_without_consent: int = 0


def feedback_report(session: Session, start: date, end: date) -> FeedbackReport:
    """What the scheme's quarterly request asks: counts by kind, each complaint's dates and
    outcome, and compliments' words only where the client agreed."""
    if end < start:
        raise ValidationError("end", "The end date is before the start date.")
    items = session.scalars(
        select(Feedback)
        .where(Feedback.received_on >= start, Feedback.received_on <= end)
        .order_by(Feedback.received_on, Feedback.id)
    ).all()
    counts = {k: 0 for k in FeedbackKind}
    complaints, consented, unconsented = [], [], 0
    for item in items:
        kind = FeedbackKind(item.kind)
        counts[kind] += 1
        if kind == FeedbackKind.COMPLAINT:
            complaints.append(
                ComplaintLine(
                    item.id,
                    item.received_on,
                    ReceivedHow(item.received_how),
                    item.acknowledged_on,
                    item.reply_due,
                    item.resolved_on,
                    item.outcome,
                )
            )
        elif kind == FeedbackKind.COMPLIMENT:
            if item.consent_on is not None:
                consented.append((item.received_on, item.summary))
            else:
                unconsented += 1
    return FeedbackReport(start, end, counts, complaints, consented, unconsented)


def entries_of(session: Session, feedback_id: int) -> list[FeedbackEntry]:
    return list(get_feedback(session, feedback_id).entries)
