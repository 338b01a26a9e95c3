"""Erasing a client's details once retention has ended.

The person's details are replaced with a placeholder ("Erased client #ID") in every record
about them. What is not final (the client record, contacts, visit notes, timesheets, payment
names, portfolio share details) is redacted or removed. Final records (issued invoices and
their lines, credit notes, signed agreement versions, commitment agreements, feedback,
safeguarding records) are redacted too, keeping every amount, date and number: each is
listed in erased_record (the only case in which the database triggers allow the change), its
names become the placeholder and its words "(erased)", and its stored PDF is replaced by one
rendered from the redacted record. The erasure is then sealed as one entry in the chain of
seals covering all of them as they now stand, so `daybook check` still holds and any later
change still shows (app/core/sealing/seals.py). Safeguarding records are never erased
automatically: erasure is refused until their own retention has ended too. Each erasure
writes a log entry (date, placeholder id, what was erased), never the content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from app.core.bank.models import BankTransaction
from app.core.base import get_record, utcnow
from app.core.changes import ALL, Done
from app.core.clients import Client, ClientStatus, EmergencyContact
from app.core.commitment import CommitmentAgreement, CommitmentData, commitment_data
from app.core.contracts.models import Contract, ContractStatus, ContractVersion, PlanBContact
from app.core.errors import DaybookError
from app.core.feedback.models import Feedback, FeedbackEntry
from app.core.formatting import format_date
from app.core.invoicing.models import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    PaymentAllocation,
)
from app.core.invoicing.snapshot import InvoiceDocument
from app.core.portfolio.models import (
    PortfolioClientChoice,
    PortfolioDocument,
    PortfolioFile,
    ShareLog,
)
from app.core.privacy.models import PrivacyEvent
from app.core.privacy.retention import retention_of, safeguarding_kept_until
from app.core.safeguarding.models import SafeguardingAddendum, SafeguardingRecord
from app.core.sealing.guards import (
    CONTRACT_VERSION_PERSONAL,
    ERASED_TEXT,
    PLACEHOLDER_PREFIX,
    SAFEGUARDING_RECORD_PERSONAL,
)
from app.core.sealing.models import ErasedRecord
from app.core.sealing.seals import seal_erasure
from app.core.visits.models import Visit
from app.core.visits.timesheets import Timesheet

PDFS_REPLACED = (
    "stored PDFs of these records are replaced by copies rendered from the redacted record "
    "(the erasure's seal covers them); the amounts, dates and numbers stay as issued"
)


@dataclass(frozen=True)
class ErasureRenderers:
    """What renders the redacted copy of each stored PDF (app/documents; core has no ReportLab)."""

    invoice: Callable[[InvoiceDocument], bytes]  # invoices and credit notes
    contract: Callable[[Session, ContractVersion], bytes]  # as sign_version takes it
    commitment: Callable[[CommitmentData], bytes]


class NotYetErasable(DaybookError):
    """Refused: retention has not ended; names the date it does."""


@dataclass(frozen=True)
class ErasurePlan:
    client_id: int
    placeholder: str
    erase: list[str]
    redact: list[str]  # final records whose details are replaced, by number (no content)
    keep: list[str]

    def as_json(self) -> dict[str, object]:
        return {
            "client_id": self.client_id,
            "placeholder": self.placeholder,
            "erase": self.erase,
            "redact": self.redact,
            "pdfs": PDFS_REPLACED if self.redact else "",
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
    safeguarding_until = safeguarding_kept_until(session, client_id)
    if not retention.erasable and safeguarding_until == retention.erasable_from:
        raise NotYetErasable(
            f"Client {client_id} has safeguarding records that must be kept until "
            f"{format_date(safeguarding_until)}; erasure is refused before then."
        )
    if not retention.erasable:
        raise NotYetErasable(
            f"Client {client_id}'s records must be kept until "
            f"{format_date(retention.erasable_from)}; erasure is refused before then."
        )
    payments = _client_payments(session, client_id)
    erase = [
        "name, preferred name, date of birth, address, phone, email, payer details, "
        "care notes and key safe details",
        f"{_count(session, EmergencyContact, EmergencyContact.client_id == client_id)} "
        "emergency contact(s)",
        f"{_count(session, PlanBContact, PlanBContact.client_id == client_id)} Plan B contact(s)",
        f"notes on {_count(session, Visit, Visit.client_id == client_id)} visit(s)",
        f"{_count(session, Timesheet, Timesheet.client_id == client_id)} timesheet(s)",
        f"payer names on {len(payments)} payment(s) and their bank statement lines",
        f"{_count(session, ShareLog, ShareLog.client_id == client_id)} portfolio share record(s)",
        f"{len(_testimonials(session, client_id))} testimonial(s) in the portfolio: their words "
        "and any attached file (the testimonial is archived)",
    ]
    invoice_ids = select(Invoice.id).where(Invoice.client_id == client_id)
    finals = _final_records(session, client_id)
    keep = [
        f"{_count(session, Invoice, Invoice.client_id == client_id)} invoice(s) and "
        f"{_count(session, CreditNote, CreditNote.invoice_id.in_(invoice_ids))} credit note(s): "
        "numbers, dates and amounts as issued (for tax), still sealed",
        "dates, rates and terms of signed agreements; dates and categories of safeguarding "
        "records; dates of feedback",
    ]
    redact = [name for _kind, _id, name in finals]
    return ErasurePlan(client_id, f"{PLACEHOLDER_PREFIX}{client_id}", erase, redact, keep)


def _final_records(session: Session, client_id: int) -> list[tuple[str, int, str]]:
    """(kind, id, name) of each final record about the client, redacted by the erasure."""
    found: list[tuple[str, int, str]] = []
    for inv in session.scalars(
        select(Invoice)
        .where(Invoice.client_id == client_id, Invoice.status != InvoiceStatus.DRAFT)
        .order_by(Invoice.id)
    ):
        found.append(("invoice", inv.id, f"invoice {inv.number}"))
        for note in session.scalars(
            select(CreditNote).where(CreditNote.invoice_id == inv.id).order_by(CreditNote.id)
        ):
            found.append(("credit_note", note.id, f"credit note {note.number}"))
    for version in session.scalars(
        select(ContractVersion)
        .join(Contract)
        .where(
            Contract.client_id == client_id,
            ContractVersion.status.in_((ContractStatus.SIGNED, ContractStatus.SUPERSEDED)),
        )
        .order_by(ContractVersion.id)
    ):
        found.append(
            (
                "contract_version",
                version.id,
                f"signed agreement {version.contract_id} version {version.version_no}",
            )
        )
    for agreement in session.scalars(
        select(CommitmentAgreement)
        .where(CommitmentAgreement.client_id == client_id)
        .order_by(CommitmentAgreement.id)
    ):
        found.append(
            (
                "commitment_agreement",
                agreement.id,
                f"commitment agreement signed {format_date(agreement.signed_on)}",
            )
        )
    for fid in session.scalars(
        select(Feedback.id).where(Feedback.client_id == client_id).order_by(Feedback.id)
    ):
        found.append(("feedback", fid, f"feedback item #{fid}"))
    for rid in session.scalars(
        select(SafeguardingRecord.id)
        .where(SafeguardingRecord.client_id == client_id)
        .order_by(SafeguardingRecord.id)
    ):
        found.append(("safeguarding_record", rid, f"safeguarding record #{rid} and its addenda"))
    return found


def _table(model: type) -> Table:
    """The model's table, for plain UPDATEs (no ORM events: final records refuse those)."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def _words(value: str | None) -> str:
    """Free text as erased: "(erased)" where there were words, else blank."""
    return ERASED_TEXT if (value or "").strip() else ""


def _redact_snapshot(
    snapshot: dict[str, Any] | None, placeholder: str, lines: dict[str, str]
) -> dict[str, Any] | None:
    if snapshot is None:
        return None
    doc = InvoiceDocument.from_json(snapshot)
    doc = replace(
        doc,
        payer_name=placeholder,
        payer_address="",
        person_name=placeholder,
        notes="",
        reason=_words(doc.reason),
        lines=tuple(
            replace(ln, description=lines.get(ln.description, ln.description)) for ln in doc.lines
        ),
    )
    return doc.to_json()


def _redact_invoicing(
    session: Session, client_id: int, placeholder: str, render: ErasureRenderers
) -> None:
    """Invoices (drafts too) and their credit notes: names, typed words, snapshots, PDFs."""
    invoices = list(session.scalars(select(Invoice).where(Invoice.client_id == client_id)))
    inv_ids = [i.id for i in invoices]
    # Lines the carer typed (extras) may name the person; the generated ones never do.
    typed = {
        ln.id: ln.description
        for ln in session.scalars(
            select(InvoiceLine).where(
                InvoiceLine.invoice_id.in_(inv_ids), InvoiceLine.kind == "extra"
            )
        )
    }
    words = {d: ERASED_TEXT for d in typed.values()}
    words |= {f"Credit: {d}"[:300]: ERASED_TEXT for d in typed.values()}
    if typed:
        session.execute(
            update(_table(InvoiceLine))
            .where(_table(InvoiceLine).c.id.in_(list(typed)))
            .values(description=ERASED_TEXT)
        )
        session.execute(
            update(_table(CreditNoteLine))
            .where(_table(CreditNoteLine).c.invoice_line_id.in_(list(typed)))
            .values(description=ERASED_TEXT)
        )
    table = _table(Invoice)
    # Every final invoice gets its redacted PDF now: one stored on first request later would
    # not be the one the erasure sealed.
    for inv in invoices:
        snapshot = _redact_snapshot(inv.snapshot, placeholder, words)
        values: dict[str, Any] = {
            "payer_name": placeholder,
            "payer_address": "",
            "person_name": placeholder,
            "notes": "",
            "snapshot": snapshot,
        }
        if snapshot is not None and inv.status != InvoiceStatus.DRAFT:
            values["pdf"] = render.invoice(InvoiceDocument.from_json(snapshot))
        session.execute(update(table).where(table.c.id == inv.id).values(**values))
    notes = list(session.scalars(select(CreditNote).where(CreditNote.invoice_id.in_(inv_ids))))
    table = _table(CreditNote)
    for note in notes:
        snapshot = _redact_snapshot(note.snapshot, placeholder, words)
        values = {"reason": ERASED_TEXT, "snapshot": snapshot}
        if snapshot is not None:
            values["pdf"] = render.invoice(InvoiceDocument.from_json(snapshot))
        session.execute(update(table).where(table.c.id == note.id).values(**values))


def _redact_agreements(session: Session, client_id: int, render: ErasureRenderers) -> None:
    versions = list(
        session.scalars(
            select(ContractVersion).join(Contract).where(Contract.client_id == client_id)
        )
    )
    table = _table(ContractVersion)
    for version in versions:
        values = {c: _words(getattr(version, c)) for c in CONTRACT_VERSION_PERSONAL}
        values["signed_how"] = ""  # printed in brackets after the date: left out
        session.execute(update(table).where(table.c.id == version.id).values(**values))
    session.expire_all()
    for version in versions:
        version = session.get(ContractVersion, version.id)  # type: ignore[assignment]
        # Only a stored copy is replaced (one is never stored later: contract_pdf renders).
        if version is not None and version.signed_pdf is not None and version.locked:
            pdf = render.contract(session, version)
            session.execute(update(table).where(table.c.id == version.id).values(signed_pdf=pdf))
    table = _table(CommitmentAgreement)
    for agreement in list(
        session.scalars(
            select(CommitmentAgreement).where(CommitmentAgreement.client_id == client_id)
        )
    ):
        how = ""  # printed in brackets after the date: left out
        data = commitment_data(
            session, client_id, today=agreement.signed_on, signed_on=agreement.signed_on, how=how
        )
        session.execute(
            update(table)
            .where(table.c.id == agreement.id)
            .values(signed_how=how, pdf=render.commitment(data))
        )


def _redact_feedback(session: Session, client_id: int) -> None:
    table = _table(Feedback)
    for item in list(session.scalars(select(Feedback).where(Feedback.client_id == client_id))):
        session.execute(
            update(table)
            .where(table.c.id == item.id)
            .values(
                summary=_words(item.summary),
                action_taken=_words(item.action_taken),
                outcome=_words(item.outcome),
            )
        )
        entries = _table(FeedbackEntry)
        for entry in item.entries:
            session.execute(
                update(entries).where(entries.c.id == entry.id).values(text=_words(entry.text))
            )


def _testimonials(session: Session, client_id: int) -> list[int]:
    """Portfolio testimonials made from this client's compliments."""
    return list(
        session.scalars(
            select(Feedback.testimonial_document_id).where(
                Feedback.client_id == client_id, Feedback.testimonial_document_id.is_not(None)
            )
        )
    )


def _redact_testimonials(session: Session, client_id: int) -> None:
    """A testimonial quotes the client and may be a scanned card: its words and files go, and it
    leaves the portfolio (consent to show it ends with the erasure)."""
    ids = _testimonials(session, client_id)
    if not ids:
        return
    session.execute(delete(PortfolioFile).where(PortfolioFile.document_id.in_(ids)))
    session.execute(
        update(PortfolioDocument)
        .where(PortfolioDocument.id.in_(ids))
        .values(
            title="Testimonial (erased)",
            issuer="",
            number="",
            notes="",
            in_default_set=False,
            archived_at=utcnow(),
        )
    )


def _redact_safeguarding(session: Session, client_id: int, placeholder: str) -> None:
    """Plain UPDATEs: the records' own guards refuse any change through the ORM."""
    table = _table(SafeguardingRecord)
    addenda = _table(SafeguardingAddendum)
    rows = session.execute(select(table).where(table.c.client_id == client_id)).all()
    for row in rows:
        values: dict[str, Any] = {c: _words(row._mapping[c]) for c in SAFEGUARDING_RECORD_PERSONAL}
        values["person_name"] = placeholder
        values["notifications"] = [
            {**n, "name": "", "reference": ""} for n in (row._mapping["notifications"] or [])
        ]
        session.execute(update(table).where(table.c.id == row.id).values(**values))
        for add in session.execute(select(addenda).where(addenda.c.record_id == row.id)).all():
            session.execute(
                update(addenda)
                .where(addenda.c.id == add.id)
                .values(text=_words(add._mapping["text"]))
            )


def erase_client(
    session: Session, client_id: int, *, today: date, render: ErasureRenderers
) -> Done[ErasurePlan]:
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
        # The bank's words for those payments name the payer; the line's id stays, so the
        # same statement imported again is still known.
        session.execute(
            update(BankTransaction)
            .where(BankTransaction.payment_id.in_(payment_ids))
            .values(description=plan.placeholder)
        )
    session.execute(
        update(ShareLog)
        .where(ShareLog.client_id == client_id)
        .values(recipient=plan.placeholder, notes="", watermark="")
    )
    session.execute(
        delete(PortfolioClientChoice).where(PortfolioClientChoice.client_id == client_id)
    )
    _redact_testimonials(session, client_id)
    # Final records: listed first (the guard triggers allow their redaction only then),
    # redacted, and the whole erasure sealed as they now stand.
    for kind, record_id, _name in _final_records(session, client_id):
        session.add(ErasedRecord(client_id=client_id, kind=kind, record_id=record_id))
    session.flush()
    _redact_invoicing(session, client_id, plan.placeholder, render)
    _redact_agreements(session, client_id, render)
    _redact_feedback(session, client_id)
    _redact_safeguarding(session, client_id, plan.placeholder)
    seal_erasure(session, client_id)
    summary = "erased: " + "; ".join(plan.erase)
    if plan.redact:
        summary += "; redacted: " + ", ".join(plan.redact) + "; " + PDFS_REPLACED
    session.add(PrivacyEvent(kind="erase", client_id=client_id, summary=summary))
    session.flush()
    session.expire_all()
    return Done(plan, ALL)
