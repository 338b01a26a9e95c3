"""Income: payments received on invoices (cash basis, by date received) and other business
income entered by hand. What was received in a period, and the turnover, are read in
app/core/money/turnover.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record
from app.core.changes import Area, Changes, changes
from app.core.money import common
from app.core.money.models import OtherIncome
from app.core.money.turnover import income_for_year as income_for_year  # its old home


@dataclass
class OtherIncomeDraft:
    received_on: date | None = None
    description: str = ""
    amount_pence: int | None = None


def add_other_income(session: Session, draft: OtherIncomeDraft, *, today: date) -> OtherIncome:
    row = OtherIncome(
        received_on=common.record_date(
            draft.received_on, "received_on", "date received", today=today
        ),
        description=v.required_text(draft.description, "description", "description"),
        amount_pence=common.amount(draft.amount_pence, "amount_pence", "amount"),
    )
    session.add(row)
    session.flush()
    return row


def delete_other_income(session: Session, income_id: int) -> Changes:
    row = get_record(
        session, OtherIncome, income_id, f"There is no income record with number {income_id}."
    )
    session.delete(row)
    session.flush()
    return changes(Area.MONEY)
