"""What the agreement PDF is made from, read here so the renderer (app/documents) takes data
and never a Session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core.clients import Client
from app.core.contracts.models import ContractVersion, PlanBContact
from app.core.contracts.plan_b import plan_b_contacts_for
from app.core.profile import BusinessProfile, get_profile

ContractRenderer = Callable[["ContractPdfData"], bytes]


@dataclass(frozen=True)
class ContractPdfData:
    version: ContractVersion
    client: Client
    profile: BusinessProfile | None
    plan_b: list[PlanBContact]


def contract_pdf_data(session: Session, version: ContractVersion) -> ContractPdfData:
    client = version.contract.client
    return ContractPdfData(
        version=version,
        client=client,
        profile=get_profile(session),
        plan_b=list(plan_b_contacts_for(session, client.id)),
    )


def fresh_contract_pdf(
    session: Session, version: ContractVersion, render: ContractRenderer
) -> bytes:
    """The version rendered as it stands now (drafts say DRAFT)."""
    return render(contract_pdf_data(session, version))


def contract_pdf(session: Session, version: ContractVersion, render: ContractRenderer) -> bytes:
    """A signed version's stored PDF byte for byte; otherwise a fresh rendering."""
    if version.signed_pdf:
        return bytes(version.signed_pdf)
    return fresh_contract_pdf(session, version, render)


def signing_render(render: ContractRenderer) -> Callable[[Session, ContractVersion], bytes]:
    """What `sign_version(render=...)` takes: reads the version's data, then renders it."""
    return lambda session, version: fresh_contract_pdf(session, version, render)
