"""The kinds of feedback, with no SQLAlchemy (Today's reminders read them before the ORM has
loaded; app/core/feedback/models.py uses the same names)."""

from __future__ import annotations

from enum import StrEnum


class FeedbackKind(StrEnum):
    COMPLAINT = "complaint"
    COMPLIMENT = "compliment"
    COMMENT = "comment"
