"""Plan B contacts: who arranges cover when the carer is ill, and providers the carer may
suggest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record
from app.core.changes import Area, Changes, Done, changes
from app.core.clients import get_client
from app.core.contracts.models import (
    PlanBContact,
)
from app.core.errors import ValidationError

# ---------------------------------------------------------------------------------------
# Plan B contacts


class PlanBKind(StrEnum):
    ARRANGES_COVER = "arranges_cover"
    PROVIDER = "provider"


PLAN_B_KIND_LABELS = {
    PlanBKind.ARRANGES_COVER: "Arranges cover (family or advocate)",
    PlanBKind.PROVIDER: "Another provider the carer may suggest",
}


@dataclass
class PlanBDraft:
    kind: PlanBKind = PlanBKind.ARRANGES_COVER
    name: str = ""
    phone: str = ""
    notes: str = ""
    consent_to_share: bool = False

    def __repr__(self) -> str:
        return f"PlanBDraft(kind={self.kind!r})"


def add_plan_b_contact(
    session: Session, client_id: int, draft: PlanBDraft, *, today: date
) -> Done[PlanBContact]:
    get_client(session, client_id)
    try:
        kind = PlanBKind(draft.kind)
    except ValueError:
        raise ValidationError("kind", "Choose who this contact is.") from None
    contact = PlanBContact(
        client_id=client_id,
        kind=kind.value,
        name=v.required_text(draft.name, "name", "contact's name"),
        phone=v.phone(draft.phone, "phone", required=kind == PlanBKind.ARRANGES_COVER),
        notes=v.optional_text(draft.notes, "notes", "notes", max_len=1000),
        consent_to_share=bool(draft.consent_to_share),
        consent_recorded_on=today if draft.consent_to_share else None,
    )
    session.add(contact)
    session.flush()
    return Done(contact, changes(Area.CONTRACTS))


def set_plan_b_consent(session: Session, contact_id: int, consent: bool, *, today: date) -> Changes:
    contact = _plan_b(session, contact_id)
    contact.consent_to_share = consent
    contact.consent_recorded_on = today
    session.flush()
    return changes(Area.CONTRACTS)


def _plan_b(session: Session, contact_id: int) -> PlanBContact:
    return get_record(
        session, PlanBContact, contact_id, f"There is no Plan B contact with number {contact_id}."
    )


def remove_plan_b_contact(session: Session, contact_id: int) -> Changes:
    session.delete(_plan_b(session, contact_id))
    session.flush()
    return changes(Area.CONTRACTS)


def plan_b_contacts_for(session: Session, client_id: int) -> list[PlanBContact]:
    """Who arranges cover first, then providers the carer may suggest; by name."""
    rows = session.scalars(
        select(PlanBContact).where(PlanBContact.client_id == client_id).order_by(PlanBContact.id)
    )
    return sorted(rows, key=lambda c: (c.kind != PlanBKind.ARRANGES_COVER, c.name.casefold()))
