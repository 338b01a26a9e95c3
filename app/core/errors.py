"""Errors a service may raise on purpose. Anything else is a bug."""

from __future__ import annotations


class DaybookError(Exception):
    """An expected problem with a plain-English message safe to show the carer."""


class ValidationError(DaybookError):
    """Bad input in one field of a form. The UI shows `message` beside `field`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class ValidationErrors(ValidationError):
    """Several fields of one form that cannot be read; the UI shows them together."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(*problems[0])
        self.problems = problems


class NotFound(DaybookError):
    """A record the caller asked for does not exist."""


class LockedRecord(DaybookError):
    """A final record (issued invoice, signed contract, safeguarding note) cannot change."""
