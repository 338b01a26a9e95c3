"""Which signed terms apply to a client on a day (other areas call this)."""

from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import Date, Integer, Select, bindparam, select
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
    return session.scalars(_in_effect_stmt(), {"client_id": client_id, "on": on}).first()


@cache
def _in_effect_stmt() -> Select[ContractVersion]:
    # Built once: invoicing asks this for every invoice, and building the statement cost
    # as much as running it.
    on = bindparam("on", type_=Date())
    return (
        select(ContractVersion)
        .join(Contract, ContractVersion.contract_id == Contract.id)
        .where(
            Contract.client_id == bindparam("client_id", type_=Integer()),
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
