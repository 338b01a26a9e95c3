"""Today's "Getting started" checklist for a new business: each step ticks itself from the
records (nothing to tick by hand), and the list goes away once every step is done.

Read in one query, through a Session or a plain Reader (Today reads it before the ORM has
loaded)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.changes import Area
from app.core.reading import Reader, one, reader

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Stored status values (ContractStatus and InvoiceStatus live with the models, which import
# SQLAlchemy; tests/core/test_plain_today_visits.py checks these against them).
SIGNED_CONTRACT_STATUSES = ("signed", "superseded")
DRAFT_INVOICE_STATUS = "draft"


@dataclass(frozen=True)
class Step:
    text: str
    area: Area  # where the carer does it
    done: bool


def getting_started(db: Session | Reader) -> list[Step]:
    found = one(
        reader(db),
        "SELECT EXISTS (SELECT 1 FROM client),"
        " EXISTS (SELECT 1 FROM contract_version),"
        " EXISTS (SELECT 1 FROM contract_version WHERE status IN (?, ?)),"
        " EXISTS (SELECT 1 FROM visit),"
        " EXISTS (SELECT 1 FROM invoice WHERE status != ?)",
        (*SIGNED_CONTRACT_STATUSES, DRAFT_INVOICE_STATUS),
    )
    client, agreement, signed, visit, invoice = (bool(x) for x in found or (0,) * 5)
    return [
        Step("Add your first client", Area.CLIENTS, client),
        Step("Write the agreement with them", Area.CONTRACTS, agreement),
        Step("Sign the agreement (Mark as signed)", Area.CONTRACTS, signed),
        Step("Plan the visits it sets out", Area.VISITS, visit),
        Step("Issue your first invoice", Area.INVOICES, invoice),
    ]


def still_getting_started(steps: list[Step]) -> bool:
    return not all(step.done for step in steps)
