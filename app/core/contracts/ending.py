"""Ending an agreement: notice given by either side, and the last day that follows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.core.changes import Area, Changes, Done, changes
from app.core.contracts.lookup import get_contract, latest_signed, latest_version
from app.core.contracts.models import (
    SIGNED_STATES,
    Contract,
    NoticeBy,
)
from app.core.errors import DaybookError, ValidationError
from app.core.formatting import format_date

# ---------------------------------------------------------------------------------------
# Ending


def notice_last_day(given_on: date, notice_days: int) -> date:
    """Notice given on 1 November with 14 days' notice runs 2–15 November: last day the 15th."""
    return given_on + timedelta(days=notice_days)


def recompute_end(contract: Contract) -> None:
    ends = []
    signed = latest_signed(contract)
    fixed = signed.ends_on if signed else None
    if signed is None and contract.versions:
        fixed = latest_version(contract).ends_on
    if fixed:
        ends.append(fixed)
    if contract.notice_given_on and contract.notice_given_by and signed is not None:
        ends.append(
            notice_last_day(
                contract.notice_given_on, _notice_days(contract, NoticeBy(contract.notice_given_by))
            )
        )
    contract.end_date = min(ends) if ends else None


def _notice_days(contract: Contract, by: NoticeBy) -> int:
    """The notice of the signed version in force on the day notice was given (the terms
    agreed then), or the first signed version when notice came before any started."""
    assert contract.notice_given_on is not None
    signed = sorted(
        (v for v in contract.versions if v.status in SIGNED_STATES),
        key=lambda v: (v.starts_on, v.version_no),
    )
    assert signed
    started = [v for v in signed if v.starts_on <= contract.notice_given_on]
    base = started[-1] if started else signed[0]
    return base.notice_days_client if by == NoticeBy.CLIENT else base.notice_days_carer


@dataclass(frozen=True)
class NoticeRecorded:
    last_day: date
    visits_removed: int  # planned visits after the last day, deleted
    visits_said: str  # what happened to the planned visits, in the carer's words ("" if none)


def give_notice(
    session: Session, contract_id: int, *, by: str, given_on: date | None, today: date
) -> Done[NoticeRecorded]:
    """Records who gave notice and when, works out the agreement's last day, and deletes the
    visits planned from its schedule after that day (app.core.visits.terms_changed)."""
    from app.core.visits.terms_changed import clear_visits_outside_terms

    contract = get_contract(session, contract_id)
    if latest_signed(contract) is None:
        raise DaybookError(
            "This agreement has not been signed, so there is no notice to give: "
            "discard the draft instead."
        )
    if contract.notice_given_on is not None:
        raise DaybookError(
            f"Notice was already given on {format_date(contract.notice_given_on)}."
            " Withdraw it first to record different notice."
        )
    try:
        side = NoticeBy(by)
    except ValueError:
        raise ValidationError(
            "notice_given_by", "Choose who gave notice: the client or the carer."
        ) from None
    if given_on is None:
        raise ValidationError("notice_given_on", "Enter the date notice was given.")
    if given_on > today + timedelta(days=366) or given_on.year < today.year - 30:
        raise ValidationError("notice_given_on", "Check the date notice was given.")
    if contract.end_date is not None and given_on > contract.end_date:
        raise ValidationError(
            "notice_given_on",
            f"The agreement had already ended by then ({format_date(contract.end_date)}).",
        )
    contract.notice_given_by = side.value
    contract.notice_given_on = given_on
    recompute_end(contract)
    session.flush()
    assert contract.end_date is not None
    cleared = clear_visits_outside_terms(session, contract.id)
    said = changes(Area.CONTRACTS, Area.VISITS) if cleared.removed else changes(Area.CONTRACTS)
    return Done(NoticeRecorded(contract.end_date, cleared.removed, cleared.summary()), said)


def withdraw_notice(session: Session, contract_id: int) -> Changes:
    contract = get_contract(session, contract_id)
    contract.notice_given_by = None
    contract.notice_given_on = None
    recompute_end(contract)
    session.flush()
    return changes(Area.CONTRACTS)
