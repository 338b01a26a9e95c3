"""What Today shows about agreements, and what `daybook check` verifies about them."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.changes import Area
from app.core.checks import integrity_check
from app.core.contracts.models import (
    NOTICE_BY_LABELS,
    Contract,
    ContractStatus,
    ContractVersion,
    NoticeBy,
)
from app.core.formatting import format_date
from app.core.reminders import DueItem, Urgency, due_provider

# ---------------------------------------------------------------------------------------
# Today and `daybook check`


@due_provider("contracts")
def due(session: Session, today: date) -> list[DueItem]:
    items = []
    ending = session.scalars(
        select(Contract).where(
            Contract.end_date.is_not(None),
            Contract.end_date >= today,
            Contract.notice_given_on.is_not(None),
        )
    )
    for c in ending:
        assert c.end_date is not None
        days = (c.end_date - today).days
        urgency = Urgency.TODAY if days == 0 else Urgency.SOON if days <= 7 else Urgency.LATER
        who = NOTICE_BY_LABELS.get(NoticeBy(c.notice_given_by), "") if c.notice_given_by else ""
        items.append(
            DueItem(
                Area.CONTRACTS,
                "Agreement ending",
                f"{c.client.name}: the agreement's last day (notice given by {who} "
                f"on {format_date(c.notice_given_on)})",
                c.end_date,
                urgency,
                c.id,
            )
        )
    waiting = session.scalars(
        select(ContractVersion).where(
            ContractVersion.status == ContractStatus.SENT,
            ContractVersion.sent_on <= today - timedelta(days=7),
        )
    )
    for ver in waiting:
        items.append(
            DueItem(
                Area.CONTRACTS,
                "Agreement not signed yet",
                f"{ver.contract.client.name}: version {ver.version_no} sent "
                f"{format_date(ver.sent_on)}, not signed yet",
                ver.starts_on,
                Urgency.SOON if ver.starts_on <= today + timedelta(days=7) else Urgency.LATER,
                ver.contract_id,
            )
        )
    return items


@integrity_check("contracts")
def check(session: Session) -> list[str]:
    problems = []
    for c in session.scalars(select(Contract).order_by(Contract.id)):
        unsigned = [ver for ver in c.versions if not ver.locked]
        if len(unsigned) > 1:
            problems.append(f"contract {c.id} has {len(unsigned)} unsigned versions")
        signed_now = [ver for ver in c.versions if ver.status == ContractStatus.SIGNED]
        if len(signed_now) > 1:
            problems.append(f"contract {c.id} has {len(signed_now)} current signed versions")
        for ver in c.versions:
            if ver.locked and not ver.signed_pdf:
                problems.append(
                    f"contract {c.id} version {ver.version_no} is signed but its PDF is missing"
                )
        if not c.versions:
            problems.append(f"contract {c.id} has no versions")
    return problems
