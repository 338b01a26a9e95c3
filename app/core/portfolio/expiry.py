"""Expiry rules: a document is valid, expiring soon (within 30 days) or expired.

A document may carry an expiry date (insurance, training) and, for a DBS certificate on the
update service, a yearly subscription renewal date. Whichever comes first is what matters.
A document is valid up to and including its expiry date and expired the day after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

REMIND_DAYS = 30


class ExpiryStatus(StrEnum):
    VALID = "valid"
    EXPIRING_SOON = "expiring_soon"
    EXPIRED = "expired"


STATUS_LABELS = {
    ExpiryStatus.VALID: "Valid",
    ExpiryStatus.EXPIRING_SOON: "Expiring soon",
    ExpiryStatus.EXPIRED: "Expired",
}


@dataclass(frozen=True)
class NextDate:
    when: date
    kind: str  # "expiry" | "renewal"

    @property
    def verb(self) -> str:
        return "expires" if self.kind == "expiry" else "update service renewal due"


def next_date(expiry_date: date | None, renewal_date: date | None) -> NextDate | None:
    """The earlier of the expiry and the renewal date, or None if the document never expires."""
    candidates = [
        NextDate(d, k)
        for d, k in ((expiry_date, "expiry"), (renewal_date, "renewal"))
        if d is not None
    ]
    return min(candidates, key=lambda n: n.when) if candidates else None


def expiry_status(expiry_date: date | None, renewal_date: date | None, today: date) -> ExpiryStatus:
    nd = next_date(expiry_date, renewal_date)
    if nd is None:
        return ExpiryStatus.VALID
    days = (nd.when - today).days
    if days < 0:
        return ExpiryStatus.EXPIRED
    if days <= REMIND_DAYS:
        return ExpiryStatus.EXPIRING_SOON
    return ExpiryStatus.VALID


def days_left(expiry_date: date | None, renewal_date: date | None, today: date) -> int | None:
    nd = next_date(expiry_date, renewal_date)
    return None if nd is None else (nd.when - today).days


def status_text(expiry_date: date | None, renewal_date: date | None, today: date) -> str:
    """Words a carer reads, e.g. "Expired on 01/10/2026" or "Expires in 12 days (07/12/2026)"."""
    from app.core.formatting import format_date

    nd = next_date(expiry_date, renewal_date)
    if nd is None:
        return "Valid (no expiry date)"
    days = (nd.when - today).days
    renewal = nd.kind == "renewal"
    if days < 0:
        return (
            f"Expired: update service renewal was due {format_date(nd.when)}"
            if renewal
            else f"Expired on {format_date(nd.when)}"
        )
    if days == 0:
        return "Update service renewal due today" if renewal else "Expires today"
    what = "Update service renewal due" if renewal else "Expires"
    if days <= REMIND_DAYS:
        unit = "day" if days == 1 else "days"
        return f"{what} in {days} {unit} ({format_date(nd.when)})"
    return f"Valid; {what.lower()} {format_date(nd.when)}"
