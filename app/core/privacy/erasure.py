"""Erasing a client's details once retention has ended.

The person's details are replaced with a placeholder ("Erased client #ID"); what is not final
(the client record, contacts, visit notes, timesheets, payment names, portfolio share
details) is redacted or removed. Final records (issued invoices, credit notes, signed
agreement versions, commitment agreements, feedback, safeguarding records) are guarded by
triggers and sealed: erasure leaves them exactly as they are, so `daybook check` still holds,
and says so in its plan. Safeguarding records are never erased automatically. Each erasure
writes a log entry (date, placeholder id, what was erased), never the content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.core.base import get_record
from app.core.changes import ALL, Done
from app.core.clients import Client, ClientStatus, EmergencyContact
from app.core.commitment import CommitmentAgreement
from app.core.contracts.models import Contract, PlanBContact
from app.core.errors import DaybookError
from app.core.feedback.models import Feedback
from app.core.formatting import format_date
from app.core.invoicing.models import CreditNote, Invoice, Payment, PaymentAllocation
from app.core.portfolio.models import PortfolioClientChoice, ShareLog
from app.core.privacy.models import PrivacyEvent
from app.core.privacy.retention import retention_of
from app.core.safeguarding.models import SafeguardingRecord
from app.core.visits.models import Visit
from app.core.visits.timesheets import Timesheet

PLACEHOLDER_PREFIX = "Erased client #"


class NotYetErasable(DaybookError):
    """Refused: retention has not ended; names the date it does."""


@dataclass(frozen=True)
class ErasurePlan:
    client_id: int
    placeholder: str
    erase: list[str]
    keep: list[str]

    def as_json(self) -> dict[str, object]:
        return {
            "client_id": self.client_id,
            "placeholder": self.placeholder,
            "erase": self.erase,
            "keep": self.keep,
        }


def _count(session: Session, model: type, *where: object) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0  # type: ignore[arg-type]


def _client_payments(session: Session, client_id: int) -> list[int]:
    invoice_ids = select(Invoice.id).where(Invoice.client_id == client_id)
    via = select(PaymentAllocation.payment_id).where(PaymentAllocation.invoice_id.in_(invoice_ids))
    return list(
        session.scalars(
            select(Payment.id).where((Payment.client_id == client_id) | Payment.id.in_(via))
        )
    )


def plan_erasure(session: Session, client_id: int, *, today: date) -> ErasurePlan:
    """What erasing would change, or NotYetErasable naming the date it becomes possible."""
    client = get_record(session, Client, client_id, f"There is no client with number {client_id}.")
    retention = retention_of(session, client, today=today)
    if retention.erased:
        raise DaybookError(f"Client {client_id} has already been erased.")
    if not retention.erasable:
        raise NotYetErasable(
            f"Client {client_id}'s records must be kept until "
            f"{format_date(retention.erasable_from)}; erasure is refused before then."
        )
    erase = [
        "name, preferred name, date of birth, address, phone, email, payer details, "
        "care notes and key safe details",
        f"{_count(session, EmergencyContact, EmergencyContact.client_id == client_id)} "
        "emergency contact(s)",
        f"{_count(session, PlanBContact, PlanBContact.client_id == client_id)} Plan B contact(s)",
        f"notes on {_count(session, Visit, Visit.client_id == client_id)} visit(s)",
        f"{_count(session, Timesheet, Timesheet.client_id == client_id)} timesheet(s)",
        f"payer names on {len(_client_payments(session, client_id))} payment(s)",
        f"{_count(session, ShareLog, ShareLog.client_id == client_id)} portfolio share record(s)",
    ]
    contract_ids = select(Contract.id).where(Contract.client_id == client_id)
    invoice_ids = select(Invoice.id).where(Invoice.client_id == client_id)
    keep = [
        f"{_count(session, Invoice, Invoice.client_id == client_id)} invoice(s) and "
        f"{_count(session, CreditNote, CreditNote.invoice_id.in_(invoice_ids))} credit note(s) "
        "(final and sealed: amounts and dates for tax)",
        f"{_count(session, Contract, Contract.id.in_(contract_ids))} agreement(s) "
        "(signed versions are final)",
        f"{_count(session, CommitmentAgreement, CommitmentAgreement.client_id == client_id)} "
        "commitment agreement(s) (final)",
        f"{_count(session, Feedback, Feedback.client_id == client_id)} feedback item(s) (final)",
        f"{_count(session, SafeguardingRecord, SafeguardingRecord.client_id == client_id)} "
        "safeguarding record(s) (never erased automatically)",
    ]
    return ErasurePlan(client_id, f"{PLACEHOLDER_PREFIX}{client_id}", erase, keep)


def erase_client(session: Session, client_id: int, *, today: date) -> Done[ErasurePlan]:
    plan = plan_erasure(session, client_id, today=today)
    client = session.get(Client, client_id)
    assert client is not None
    client.name = plan.placeholder
    client.preferred_name = ""
    client.date_of_birth = None
    for attr in (
        "address",
        "phone",
        "email",
        "payer_name",
        "payer_address",
        "payer_email",
        "payer_phone",
        "care_notes",
        "key_safe",
        "search_key",
    ):
        setattr(client, attr, "")
    client.status = ClientStatus.ENDED
    session.execute(delete(EmergencyContact).where(EmergencyContact.client_id == client_id))
    session.execute(delete(PlanBContact).where(PlanBContact.client_id == client_id))
    session.execute(update(Visit).where(Visit.client_id == client_id).values(note=""))
    session.execute(delete(Timesheet).where(Timesheet.client_id == client_id))
    payment_ids = _client_payments(session, client_id)
    if payment_ids:
        session.execute(
            update(Payment)
            .where(Payment.id.in_(payment_ids))
            .values(payer=plan.placeholder, reference="")
        )
    session.execute(
        update(ShareLog)
        .where(ShareLog.client_id == client_id)
        .values(recipient=plan.placeholder, notes="", watermark="")
    )
    session.execute(
        delete(PortfolioClientChoice).where(PortfolioClientChoice.client_id == client_id)
    )
    session.add(
        PrivacyEvent(kind="erase", client_id=client_id, summary="erased: " + "; ".join(plan.erase))
    )
    session.flush()
    session.expire_all()
    return Done(plan, ALL)
