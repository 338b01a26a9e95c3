"""Which signed terms apply to a client on a day (other areas call this)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.contracts.models import (
    SIGNED_STATES,
    Contract,
    ContractVersion,
)

# ---------------------------------------------------------------------------------------
# Which terms apply on a day (other areas call this)


def version_in_effect(session: Session, client_id: int, on: date) -> ContractVersion | None:
    """The signed (or since superseded) version whose terms apply to `client_id` on `on`.

    Signed versions only; the latest `starts_on <= on`; None after the contract's end date.
    When a client has several contracts, the one with the latest starting version wins.
    """
    stmt = (
        select(ContractVersion)
        .join(Contract, ContractVersion.contract_id == Contract.id)
        .where(
            Contract.client_id == client_id,
            ContractVersion.status.in_([s.value for s in SIGNED_STATES]),
            ContractVersion.starts_on <= on,
            (Contract.end_date.is_(None)) | (Contract.end_date >= on),
        )
        .order_by(
            ContractVersion.starts_on.desc(),
            ContractVersion.version_no.desc(),
            ContractVersion.id.desc(),
        )
        .limit(1)
    )
    return session.scalars(stmt).first()
