"""What Today shows about agreements: one ending after notice, and a version sent a week or
more ago and not signed yet. Plain reads: no ORM."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.core.changes import Area
from app.core.contracts.states import NOTICE_BY_LABELS, ContractStatus, NoticeBy
from app.core.formatting import format_date
from app.core.reading import Reader, day, reader, stored
from app.core.reminders import DueItem, Urgency, plain_due_provider

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SIGNATURE_AWAITED_DAYS = 7  # a version sent this long ago and not signed shows on Today

_ENDING = (
    "SELECT contract.id, contract.end_date, contract.notice_given_by, contract.notice_given_on, "
    "client.name FROM contract JOIN client ON client.id = contract.client_id "
    "WHERE contract.end_date IS NOT NULL AND contract.end_date >= ? "
    "AND contract.notice_given_on IS NOT NULL ORDER BY contract.id"
)
_NOT_SIGNED = (
    "SELECT contract_version.contract_id, contract_version.version_no, contract_version.sent_on, "
    "contract_version.starts_on, client.name FROM contract_version "
    "JOIN contract ON contract.id = contract_version.contract_id "
    "JOIN client ON client.id = contract.client_id "
    "WHERE contract_version.status = ? AND contract_version.sent_on <= ? "
    "ORDER BY contract_version.id"
)


@plain_due_provider("contracts")
def due(db: Session | Reader, today: date) -> list[DueItem]:
    plain = reader(db)
    items = []
    for contract_id, end, by, given_on, name in plain.rows(_ENDING, (stored(today),)):
        last_day = day(end)
        assert last_day is not None
        days = (last_day - today).days
        urgency = Urgency.TODAY if days == 0 else Urgency.SOON if days <= 7 else Urgency.LATER
        who = NOTICE_BY_LABELS.get(NoticeBy(by), "") if by else ""
        items.append(
            DueItem(
                Area.CONTRACTS,
                "Agreement ending",
                f"{name}: the agreement's last day (notice given by {who} "
                f"on {format_date(day(given_on))})",
                last_day,
                urgency,
                contract_id,
            )
        )
    sent_by = today - timedelta(days=SIGNATURE_AWAITED_DAYS)
    waiting = plain.rows(_NOT_SIGNED, (ContractStatus.SENT.value, stored(sent_by)))
    for contract_id, version_no, sent_on, starts, name in waiting:
        starts_on = day(starts)
        assert starts_on is not None
        items.append(
            DueItem(
                Area.CONTRACTS,
                "Agreement not signed yet",
                f"{name}: version {version_no} sent {format_date(day(sent_on))}, not signed yet",
                starts_on,
                Urgency.SOON if starts_on <= today + timedelta(days=7) else Urgency.LATER,
                contract_id,
            )
        )
    return items
