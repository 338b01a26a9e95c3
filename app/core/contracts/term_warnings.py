"""Calm notes about terms that are allowed but worth a second look (never blocks)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.clients import Client
from app.core.contracts.form import RATE_FIELDS, USUAL_NOTICE_DAYS, ContractDraft
from app.core.contracts.models import (
    Contract,
    ContractStatus,
    ContractVersion,
)
from app.core.contracts.schedule import (
    DAY_NAMES,
    overlapping_slots,
    same_weeks,
    time_range,
)
from app.core.formatting import format_date, format_money

# ---------------------------------------------------------------------------------------
# Warnings (never blocks)


def contract_warnings(session: Session, draft: ContractDraft) -> list[str]:
    """Calm notes about terms that are allowed but worth a second look."""
    from app.core.profile import get_profile
    from app.core.schemes import SCHEMES, Scheme

    out: list[str] = []
    rates = {
        name: getattr(draft, name)
        for name in RATE_FIELDS
        if isinstance(getattr(draft, name), int) and getattr(draft, name) > 0
    }
    client = session.get(Client, draft.client_id) if draft.client_id else None
    if client is not None and client.dp_rate_pence:
        for name, pence in rates.items():
            if pence < client.dp_rate_pence:
                out.append(
                    f"The {RATE_FIELDS[name]} ({format_money(pence)} an hour) is below "
                    f"this client's Direct Payment rate "
                    f"({format_money(client.dp_rate_pence)} an hour)."
                )
    if client is not None and client.start_date is None and draft.starts_on is not None:
        out.append(
            f"The client's page has no start date, so Daybook cannot check that the "
            f"agreement (from {format_date(draft.starts_on)}) starts when their care does. "
            "Add it in Clients."
        )
    profile = get_profile(session)
    if profile is not None:
        try:
            scheme = SCHEMES[Scheme(profile.scheme)]
        except ValueError:
            scheme = None
        threshold = scheme.tell_network_rate_pence if scheme else None
        if threshold and scheme is not None:
            high = [RATE_FIELDS[n] for n, p in rates.items() if p >= threshold]
            if high:
                out.append(
                    f"The {_and(high)} {'is' if len(high) == 1 else 'are'} at or above "
                    f"{format_money(threshold)} an hour: {scheme.name} asks you to "
                    "tell the network about rates at this level."
                )
    for name, whose in (("notice_days_client", "client's"), ("notice_days_carer", "carer's")):
        days = getattr(draft, name)
        if (
            isinstance(days, int)
            and days > 0
            and not (USUAL_NOTICE_DAYS[0] <= days <= USUAL_NOTICE_DAYS[1])
        ):
            out.append(
                f"The {whose} notice period ({days} days) is outside the usual "
                f"{USUAL_NOTICE_DAYS[0]}–{USUAL_NOTICE_DAYS[1]} days."
            )
    out.extend(_overlap_warnings(session, draft))
    return out


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _overlap_warnings(session: Session, draft: ContractDraft) -> list[str]:
    slots = [s for s in draft.schedule if s.end > s.start]
    if not slots or draft.starts_on is None:
        return []
    stmt = (
        select(ContractVersion)
        .join(Contract)
        .where(
            ContractVersion.status == ContractStatus.SIGNED,
            (Contract.end_date.is_(None)) | (Contract.end_date >= draft.starts_on),
        )
    )
    if draft.client_id is not None:
        stmt = stmt.where(Contract.client_id != draft.client_id)
    out = []
    for other in session.scalars(stmt.order_by(Contract.client_id, ContractVersion.id)):
        if draft.ends_on is not None and other.starts_on > draft.ends_on:
            continue
        if not same_weeks(
            draft.starts_on, draft.every_n_weeks or 1, other.starts_on, other.every_n_weeks or 1
        ):
            continue
        for mine, theirs in overlapping_slots(slots, other.slots):
            out.append(
                f"The {DAY_NAMES[mine.weekday]} {time_range(mine.start, mine.end)} "
                f"visit overlaps {other.contract.client.name}'s visit at "
                f"{time_range(theirs.start, theirs.end)}."
            )
    return out
