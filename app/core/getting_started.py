"""Today's "Getting started" checklist for a new business: each step ticks itself from the
records (nothing to tick by hand), and the list goes away once every step is done."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.core.changes import Area
from app.core.clients import Client
from app.core.contracts.models import ContractStatus, ContractVersion
from app.core.invoicing.models import Invoice, InvoiceStatus
from app.core.visits.models import Visit


@dataclass(frozen=True)
class Step:
    text: str
    area: Area  # where the carer does it
    done: bool


def getting_started(session: Session) -> list[Step]:
    def has(stmt) -> bool:
        return bool(session.scalar(select(exists(stmt))))

    signed = ContractVersion.status.in_([ContractStatus.SIGNED, ContractStatus.SUPERSEDED])
    return [
        Step("Add your first client", Area.CLIENTS, has(select(Client.id))),
        Step("Write the agreement with them", Area.CONTRACTS, has(select(ContractVersion.id))),
        Step(
            "Sign the agreement (Mark as signed)",
            Area.CONTRACTS,
            has(select(ContractVersion.id).where(signed)),
        ),
        Step("Plan the visits it sets out", Area.VISITS, has(select(Visit.id))),
        Step(
            "Issue your first invoice",
            Area.INVOICES,
            has(select(Invoice.id).where(Invoice.status != InvoiceStatus.DRAFT)),
        ),
    ]


def still_getting_started(steps: list[Step]) -> bool:
    return not all(step.done for step in steps)
