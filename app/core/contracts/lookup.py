"""Finding contracts and their versions."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.base import get_record
from app.core.contracts.models import (
    SIGNED_STATES,
    Contract,
    ContractVersion,
)

# ---------------------------------------------------------------------------------------
# Finding


def get_contract(session: Session, contract_id: int) -> Contract:
    return get_record(
        session, Contract, contract_id, f"There is no contract with number {contract_id}."
    )


def get_version(session: Session, version_id: int) -> ContractVersion:
    return get_record(
        session,
        ContractVersion,
        version_id,
        f"There is no contract version with number {version_id}.",
    )


def latest_version(contract: Contract) -> ContractVersion:
    return max(contract.versions, key=lambda ver: ver.version_no)


def latest_signed(contract: Contract) -> ContractVersion | None:
    signed = [ver for ver in contract.versions if ver.status in SIGNED_STATES]
    return max(signed, key=lambda ver: ver.version_no) if signed else None


def contracts_for_client(session: Session, client_id: int) -> list[Contract]:
    return list(
        session.scalars(
            select(Contract).where(Contract.client_id == client_id).order_by(Contract.id)
        )
    )
