"""The contract list: one row per contract, showing its latest version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.clients import Client
from app.core.contracts.lookup import latest_version
from app.core.contracts.models import (
    SIGNED_STATES,
    STATUS_LABELS,
    Contract,
    ContractStatus,
)
from app.core.contracts.schedule import (
    schedule_in_words,
)
from app.core.formatting import format_date

# ---------------------------------------------------------------------------------------
# Lists


@dataclass(frozen=True)
class ContractRow:
    contract_id: int
    version_id: int
    client_id: int
    client_name: str
    version_no: int
    status: ContractStatus
    starts_on: date
    standard_rate_pence: int
    schedule: str
    notice_days_client: int
    notice_days_carer: int
    end_date: date | None
    notice_given_by: str | None
    notice_given_on: date | None

    @property
    def status_label(self) -> str:
        if self.end_date is not None and self.status in SIGNED_STATES:
            return f"{STATUS_LABELS[self.status]}, ends {format_date(self.end_date)}"
        return STATUS_LABELS[self.status]


def contract_rows(session: Session, client_id: int | None = None) -> list[ContractRow]:
    """One row per contract, showing its latest version."""
    stmt = select(Contract).join(Client).order_by(Client.name, Contract.id)
    if client_id is not None:
        stmt = stmt.where(Contract.client_id == client_id)
    rows = []
    for c in session.scalars(stmt):
        if not c.versions:
            continue
        ver = latest_version(c)
        rows.append(
            ContractRow(
                contract_id=c.id,
                version_id=ver.id,
                client_id=c.client_id,
                client_name=c.client.name,
                version_no=ver.version_no,
                status=ContractStatus(ver.status),
                starts_on=ver.starts_on,
                standard_rate_pence=ver.standard_rate_pence,
                schedule=schedule_in_words(ver.slots, ver.every_n_weeks or 1),
                notice_days_client=ver.notice_days_client,
                notice_days_carer=ver.notice_days_carer,
                end_date=c.end_date,
                notice_given_by=c.notice_given_by,
                notice_given_on=c.notice_given_on,
            )
        )
    return rows


def row_as_json(row: ContractRow) -> dict[str, object]:
    """What `daybook contract list --json` prints."""
    return {
        "id": row.contract_id,
        "version_id": row.version_id,
        "client_id": row.client_id,
        "client_name": row.client_name,
        "version": row.version_no,
        "status": row.status.value,
        "starts_on": row.starts_on.isoformat(),
        "standard_rate_pence": row.standard_rate_pence,
        "schedule": row.schedule,
        "notice_days_client": row.notice_days_client,
        "notice_days_carer": row.notice_days_carer,
        "end_date": row.end_date.isoformat() if row.end_date else None,
        "notice_given_by": row.notice_given_by,
        "notice_given_on": row.notice_given_on.isoformat() if row.notice_given_on else None,
    }
