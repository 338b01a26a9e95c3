"""Subject access: everything held about one client, and nothing about anyone else.

`gather` builds plain sections of plain rows (text, numbers, dates as dd/mm/yyyy) from the
client's own records; binary files and stored PDFs are named, not copied. Safeguarding
records are in only when the carer ticked them in. Each export is logged without content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import LargeBinary, inspect, select
from sqlalchemy.orm import Session

from app.core.base import get_record
from app.core.changes import Area, Done, changes
from app.core.clients import Client, EmergencyContact
from app.core.commitment import CommitmentAgreement
from app.core.contracts.models import Contract, ContractVersion, PlanBContact
from app.core.feedback.models import Feedback, FeedbackEntry
from app.core.formatting import format_date, format_datetime
from app.core.invoicing.models import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    Payment,
    PaymentAllocation,
)
from app.core.money.models import MileageJourney
from app.core.portfolio.models import PortfolioClientChoice, ShareLog
from app.core.privacy.models import PrivacyEvent
from app.core.profile import get_profile
from app.core.receipts import receipt_number
from app.core.safeguarding.models import SafeguardingAddendum, SafeguardingRecord
from app.core.visits.models import Visit
from app.core.visits.timesheets import Timesheet

SAFEGUARDING_EXPLANATION = (
    "Safeguarding records are left out of a subject access export unless you tick them in. "
    "The law allows you to withhold information when giving it could cause serious harm to "
    "the person or someone else, or would tell them about a concern being looked into. "
    "If in doubt, ask the council's safeguarding team before you include them."
)
# Columns never copied: internal search text, stored document snapshots (the rows hold the
# same facts), and anything binary (files are named instead).
LEFT_OUT_COLUMNS = {"search_key", "snapshot", "pdf", "signed_pdf"}


@dataclass
class Section:
    key: str
    title: str
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SubjectAccess:
    client_id: int
    client_name: str
    exported_on: date
    controller: dict[str, str]
    sections: list[Section]
    left_out: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "export": "Subject access request (UK GDPR Article 15)",
            "exported_on": format_date(self.exported_on),
            "controller": self.controller,
            "client_id": self.client_id,
            "client_name": self.client_name,
            "left_out": self.left_out,
            **{s.key: s.rows for s in self.sections},
        }


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bytes):
        return f"(a file of {len(value):,} bytes, held)"
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return str(value)


def row_of(record: Any, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A record's own columns as plain values; binary columns only say a file is held."""
    mapper = inspect(type(record))
    out: dict[str, Any] = {}
    for attr in mapper.column_attrs:
        key = attr.key
        if key in LEFT_OUT_COLUMNS or key in skip:
            continue
        column = attr.columns[0]
        if isinstance(column.type, LargeBinary):
            if key in inspect(record).unloaded:
                continue
            value = getattr(record, key)
            if value:
                out[key] = f"(a file of {len(value):,} bytes, held)"
            continue
        out[key] = _plain(getattr(record, key))
    return out


def _all(session: Session, stmt: Any) -> list[Any]:
    return list(session.scalars(stmt))


def gather(
    session: Session, client_id: int, *, today: date, include_safeguarding: bool = False
) -> SubjectAccess:
    client = get_record(session, Client, client_id, f"There is no client with number {client_id}.")
    profile = get_profile(session)
    controller = {
        "business": profile.trading_name if profile else "",
        "carer": profile.carer_name if profile else "",
        "role": "data controller",
    }
    sections: list[Section] = []

    def add(key: str, title: str, records: list[Any], **kw: Any) -> None:
        sections.append(Section(key, title, [row_of(r, **kw) for r in records]))

    add("client", "The client record", [client])
    add(
        "emergency_contacts",
        "Emergency contacts",
        _all(session, select(EmergencyContact).where(EmergencyContact.client_id == client_id)),
    )
    add(
        "plan_b_contacts",
        "Plan B contacts",
        _all(session, select(PlanBContact).where(PlanBContact.client_id == client_id)),
    )
    contracts = _all(session, select(Contract).where(Contract.client_id == client_id))
    contract_ids = [c.id for c in contracts]
    add("agreements", "Agreements", contracts)
    add(
        "agreement_versions",
        "Agreement versions (every version)",
        _all(
            session,
            select(ContractVersion)
            .where(ContractVersion.contract_id.in_(contract_ids))
            .order_by(ContractVersion.id),
        ),
    )
    add(
        "commitment_agreements",
        "Commitment agreements",
        _all(
            session,
            select(CommitmentAgreement).where(CommitmentAgreement.client_id == client_id),
        ),
    )
    add(
        "visits",
        "Visits",
        _all(
            session,
            select(Visit).where(Visit.client_id == client_id).order_by(Visit.planned_start),
        ),
    )
    add(
        "timesheets",
        "Timesheets",
        _all(session, select(Timesheet).where(Timesheet.client_id == client_id)),
    )
    add(
        "mileage",
        "Journeys for this client",
        _all(session, select(MileageJourney).where(MileageJourney.client_id == client_id)),
    )
    invoices = _all(
        session, select(Invoice).where(Invoice.client_id == client_id).order_by(Invoice.id)
    )
    invoice_ids = [i.id for i in invoices]
    add("invoices", "Invoices", invoices)
    add(
        "invoice_lines",
        "Invoice lines",
        _all(
            session,
            select(InvoiceLine)
            .where(InvoiceLine.invoice_id.in_(invoice_ids))
            .order_by(InvoiceLine.invoice_id, InvoiceLine.position),
        ),
    )
    credit_notes = _all(session, select(CreditNote).where(CreditNote.invoice_id.in_(invoice_ids)))
    add("credit_notes", "Credit notes", credit_notes)
    add(
        "credit_note_lines",
        "Credit note lines",
        _all(
            session,
            select(CreditNoteLine).where(
                CreditNoteLine.credit_note_id.in_([c.id for c in credit_notes])
            ),
        ),
    )
    # A payment is theirs if it names them or pays one of their invoices; only the parts
    # paid to their invoices are shown (one payer may pay for two people).
    allocations = _all(
        session, select(PaymentAllocation).where(PaymentAllocation.invoice_id.in_(invoice_ids))
    )
    payment_ids = {a.payment_id for a in allocations} | set(
        session.scalars(select(Payment.id).where(Payment.client_id == client_id))
    )
    payments = _all(
        session, select(Payment).where(Payment.id.in_(payment_ids)).order_by(Payment.id)
    )
    payment_rows = []
    for p in payments:
        row = row_of(p)
        row["receipt"] = receipt_number(p.id)
        row["paid_to_invoices"] = [
            {"invoice_id": a.invoice_id, "amount_pence": a.amount_pence}
            for a in allocations
            if a.payment_id == p.id
        ]
        shared = session.scalar(
            select(PaymentAllocation.id).where(
                PaymentAllocation.payment_id == p.id,
                PaymentAllocation.invoice_id.not_in(invoice_ids),
            )
        )
        if shared is not None:  # paid for more than one person: only their share
            row["amount_pence"] = sum(a["amount_pence"] for a in row["paid_to_invoices"])
            row.pop("reference", None)  # the payer's words may name the other person
        payment_rows.append(row)
    sections.append(Section("payments", "Payments and receipts", payment_rows))
    feedback = _all(session, select(Feedback).where(Feedback.client_id == client_id))
    add("feedback", "Feedback", feedback)
    add(
        "feedback_entries",
        "Feedback entries",
        _all(
            session,
            select(FeedbackEntry).where(FeedbackEntry.feedback_id.in_([f.id for f in feedback])),
        ),
    )
    add(
        "portfolio_shares",
        "Portfolio shared with them",
        _all(session, select(ShareLog).where(ShareLog.client_id == client_id)),
    )
    add(
        "portfolio_choice",
        "Documents usually sent to them",
        _all(
            session,
            select(PortfolioClientChoice).where(PortfolioClientChoice.client_id == client_id),
        ),
    )
    left_out = []
    records = _all(
        session, select(SafeguardingRecord).where(SafeguardingRecord.client_id == client_id)
    )
    if include_safeguarding:
        add("safeguarding", "Safeguarding records", records)
        add(
            "safeguarding_addenda",
            "Safeguarding addenda",
            _all(
                session,
                select(SafeguardingAddendum).where(
                    SafeguardingAddendum.record_id.in_([r.id for r in records])
                ),
            ),
        )
    elif records:
        left_out.append(f"{len(records)} safeguarding record(s), not ticked in")
    return SubjectAccess(client.id, client.name, today, controller, sections, left_out)


def included_summary(sar: SubjectAccess) -> str:
    """What an export held, by kind and count: the log's words, never the content."""
    parts = [f"{s.key} {len(s.rows)}" for s in sar.sections if s.rows]
    if sar.left_out:
        parts.append("left out: " + "; ".join(sar.left_out))
    return ", ".join(parts)


def log_export(session: Session, sar: SubjectAccess) -> Done[PrivacyEvent]:
    event = PrivacyEvent(kind="export", client_id=sar.client_id, summary=included_summary(sar))
    session.add(event)
    session.flush()
    return Done(event, changes(Area.CLIENTS))


def export_file_stem(sar: SubjectAccess) -> str:
    """<id>-<name> with only characters every file system takes."""
    safe = "".join(ch if ch.isalnum() else "-" for ch in sar.client_name).strip("-")
    while "--" in safe:
        safe = safe.replace("--", "-")
    return f"{sar.client_id}-{safe[:60] or 'client'}"
