"""Feedback tables: complaints, compliments and comments about the carer, per client.

A saved item is never edited in place: what happens next (acknowledged, action taken,
outcome, resolved, a correction, consent to use a compliment) is a dated FeedbackEntry, and
the item's current fields change only together with the entry that says so. Triggers (in
migration 0009) refuse changing what was received and any change to an entry.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import clients as _clients  # noqa: F401  (the client table our keys refer to)
from app.core.base import Base, UTCDateTime, utcnow
from app.core.feedback.kinds import FeedbackKind
from app.core.portfolio import models as _portfolio  # noqa: F401  (testimonial documents)


class ReceivedHow(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    LETTER = "letter"
    SCHEME = "scheme"


class EntryKind(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    ACTION = "action"
    OUTCOME = "outcome"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    CORRECTION = "correction"
    CONSENT = "consent"


KIND_LABELS = {
    FeedbackKind.COMPLAINT: "Complaint",
    FeedbackKind.COMPLIMENT: "Compliment",
    FeedbackKind.COMMENT: "Comment",
}
HOW_LABELS = {
    ReceivedHow.IN_PERSON: "In person",
    ReceivedHow.PHONE: "Phone",
    ReceivedHow.LETTER: "Letter",
    ReceivedHow.SCHEME: "Through the scheme",
}
ENTRY_LABELS = {
    EntryKind.RECEIVED: "Received",
    EntryKind.ACKNOWLEDGED: "Acknowledged",
    EntryKind.ACTION: "What was done",
    EntryKind.OUTCOME: "Outcome",
    EntryKind.RESOLVED: "Resolved",
    EntryKind.REOPENED: "Reopened",
    EntryKind.CORRECTION: "Correction",
    EntryKind.CONSENT: "Consent to use as a testimonial",
}


class Feedback(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    kind: Mapped[FeedbackKind] = mapped_column(String(12))
    received_on: Mapped[date] = mapped_column(Date, index=True)
    received_how: Mapped[ReceivedHow] = mapped_column(String(12))
    summary: Mapped[str] = mapped_column(Text, default="")  # the carer's words; may be sensitive
    reply_due: Mapped[date | None] = mapped_column(Date)  # complaints only
    reply_days: Mapped[int | None] = mapped_column(Integer)  # from the complaints clause
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    action_taken: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    resolved_on: Mapped[date | None] = mapped_column(Date)
    consent_on: Mapped[date | None] = mapped_column(Date)  # compliment: may be a testimonial
    testimonial_document_id: Mapped[int | None] = mapped_column(ForeignKey("portfolio_document.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    entries: Mapped[list[FeedbackEntry]] = relationship(
        back_populates="feedback", order_by="FeedbackEntry.id"
    )

    def __repr__(self) -> str:  # never the summary
        return f"Feedback(id={self.id!r})"


class FeedbackEntry(Base):
    __tablename__ = "feedback_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(ForeignKey("feedback.id"), index=True)
    kind: Mapped[EntryKind] = mapped_column(String(12))
    happened_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    feedback: Mapped[Feedback] = relationship(back_populates="entries")

    def __repr__(self) -> str:
        return f"FeedbackEntry(id={self.id!r})"
