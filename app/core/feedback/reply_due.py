"""When a complaint's reply is due: the days the agreement's complaints clause promises.

The clause is the carer's own words (the default says "The Carer will reply within 7 days"),
so the number is read from them: "within 7 days", "within seven days", "within 5 working
days". Working days skip weekends and England and Wales bank holidays. A clause that names
no period, or no signed agreement, gives the default of 7 days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.core.pricing import is_bank_holiday

DEFAULT_REPLY_DAYS = 7

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "twenty-one": 21,
    "twenty-eight": 28,
    "thirty": 30,
}
_PERIOD = re.compile(
    r"\bwithin\s+(\d{1,2}|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s*\(\d{1,2}\))?\s+(working\s+|business\s+)?days?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ReplyPeriod:
    days: int
    working_days: bool = False

    def words(self) -> str:
        unit = "working day" if self.working_days else "day"
        return f"{self.days} {unit}{'' if self.days == 1 else 's'}"


def period_from_clause(text: str | None) -> ReplyPeriod:
    """The first "within N (working) days" in the clause, else the default."""
    match = _PERIOD.search(text or "")
    if not match:
        return ReplyPeriod(DEFAULT_REPLY_DAYS)
    raw = match.group(1).lower()
    days = int(raw) if raw.isdigit() else _WORDS[raw]
    if not 1 <= days <= 60:
        return ReplyPeriod(DEFAULT_REPLY_DAYS)
    return ReplyPeriod(days, working_days=bool(match.group(2)))


def add_period(received_on: date, period: ReplyPeriod) -> date:
    if not period.working_days:
        return received_on + timedelta(days=period.days)
    day, left = received_on, period.days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5 and not is_bank_holiday(day):
            left -= 1
    return day


def client_reply_period(session: Session, client_id: int, on: date) -> ReplyPeriod:
    """The period in the agreement that applied on `on` (else the client's latest signed
    agreement, else the default)."""
    from sqlalchemy import select

    from app.core.contracts.in_force import version_in_effect
    from app.core.contracts.models import Contract, ContractStatus, ContractVersion

    version = version_in_effect(session, client_id, on)
    if version is None:
        version = session.scalars(
            select(ContractVersion)
            .join(Contract, ContractVersion.contract_id == Contract.id)
            .where(
                Contract.client_id == client_id,
                ContractVersion.status.in_(
                    [ContractStatus.SIGNED.value, ContractStatus.SUPERSEDED.value]
                ),
            )
            .order_by(ContractVersion.starts_on.desc(), ContractVersion.id.desc())
            .limit(1)
        ).first()
    return period_from_clause(version.complaints_text if version is not None else None)
