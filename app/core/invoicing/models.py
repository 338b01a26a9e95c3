"""Invoicing tables: invoices and their lines, payments and how they are allocated, credit
notes, and the counters that number invoices and credit notes without gaps.

An issued invoice never changes: its number, payer snapshot, lines, total and PDF are final.
It is corrected only by a credit note that references it.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from app.core.base import Base, UTCDateTime, utcnow
from app.core.invoicing.status import (  # noqa: F401  (their old home: most code imports them here)
    OPEN_STATUSES,
    InvoiceStatus,
)

STATUS_LABELS = {
    InvoiceStatus.DRAFT: "Draft",
    InvoiceStatus.ISSUED: "Issued",
    InvoiceStatus.PART_PAID: "Part paid",
    InvoiceStatus.PAID: "Paid",
    InvoiceStatus.VOID: "Void (credited)",
}
FINAL_STATUSES = (
    InvoiceStatus.ISSUED,
    InvoiceStatus.PART_PAID,
    InvoiceStatus.PAID,
    InvoiceStatus.VOID,
)


class LineKind(StrEnum):
    VISIT = "visit"
    MILEAGE = "mileage"
    LATE_CANCEL = "late_cancel"
    EXTRA = "extra"


LINE_KIND_LABELS = {
    LineKind.VISIT: "Visit",
    LineKind.MILEAGE: "Mileage",
    LineKind.LATE_CANCEL: "Late cancellation",
    LineKind.EXTRA: "Extra",
}


class PaymentMethod(StrEnum):
    BANK_TRANSFER = "bank_transfer"
    STANDING_ORDER = "standing_order"
    CASH = "cash"
    CHEQUE = "cheque"
    DIRECT_PAYMENT_CARD = "direct_payment_card"
    OTHER = "other"


METHOD_LABELS = {
    PaymentMethod.BANK_TRANSFER: "Bank transfer",
    PaymentMethod.STANDING_ORDER: "Standing order",
    PaymentMethod.CASH: "Cash",
    PaymentMethod.CHEQUE: "Cheque",
    PaymentMethod.DIRECT_PAYMENT_CARD: "Direct Payment card",
    PaymentMethod.OTHER: "Other",
}


class NumberCounter(Base):
    """The next running number of one series ('invoice', 'credit_note'). Allocated only
    inside the transaction that issues, so a failed issue leaves no gap."""

    __tablename__ = "number_counter"

    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    next_value: Mapped[int] = mapped_column(Integer, default=1)


class Invoice(Base):
    __tablename__ = "invoice"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(20), unique=True)  # set at issue
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    status: Mapped[InvoiceStatus] = mapped_column(
        String(12), default=InvoiceStatus.DRAFT, index=True
    )
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    # Who pays, as it was when the invoice was issued (a draft shows the current payer).
    payer_name: Mapped[str] = mapped_column(String(200), default="")
    payer_address: Mapped[str] = mapped_column(Text, default="")
    person_name: Mapped[str] = mapped_column(String(200), default="")  # the person cared for
    payer_is_client: Mapped[bool] = mapped_column(default=True)
    issue_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    payment_terms_days: Mapped[int | None] = mapped_column(Integer)
    total_pence: Mapped[int] = mapped_column(Integer, default=0)  # sum of lines; final at issue
    notes: Mapped[str] = mapped_column(Text, default="")
    # Everything the PDF shows, frozen at issue, so a PDF rendered later is the same document.
    snapshot: Mapped[dict[str, object] | None] = deferred(mapped_column(JSON))
    pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))  # byte for byte once stored
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="invoice",
        cascade="all, delete-orphan",
        order_by="(InvoiceLine.line_date, InvoiceLine.position, InvoiceLine.id)",
    )
    allocations: Mapped[list[PaymentAllocation]] = relationship(back_populates="invoice")
    credit_notes: Mapped[list[CreditNote]] = relationship(
        back_populates="invoice", order_by="CreditNote.id"
    )

    def __repr__(self) -> str:
        return f"Invoice(id={self.id!r}, number={self.number!r}, status={self.status!r})"

    @property
    def is_draft(self) -> bool:
        return self.status == InvoiceStatus.DRAFT

    @property
    def reference(self) -> str:
        return self.number or f"Draft {self.id}"


class InvoiceLine(Base):
    __tablename__ = "invoice_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoice.id", ondelete="CASCADE"), index=True
    )
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"), index=True)
    kind: Mapped[LineKind] = mapped_column(String(16), default=LineKind.EXTRA)
    description: Mapped[str] = mapped_column(String(300), default="")
    line_date: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    minutes: Mapped[int | None] = mapped_column(Integer)
    rate_pence: Mapped[int | None] = mapped_column(Integer)  # per hour (visit) or per mile
    quantity: Mapped[int | None] = mapped_column(Integer)  # tenths of a mile for mileage
    amount_pence: Mapped[int] = mapped_column(Integer)  # rounded half-up to the penny once
    position: Mapped[int] = mapped_column(Integer, default=0)

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class Payment(Base):
    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    amount_pence: Mapped[int] = mapped_column(Integer)
    method: Mapped[PaymentMethod] = mapped_column(String(24), default=PaymentMethod.BANK_TRANSFER)
    payer: Mapped[str] = mapped_column(String(200), default="")
    reference: Mapped[str] = mapped_column(String(200), default="")
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    allocations: Mapped[list[PaymentAllocation]] = relationship(
        back_populates="payment", cascade="all, delete-orphan", order_by="PaymentAllocation.id"
    )

    def __repr__(self) -> str:
        return f"Payment(id={self.id!r})"

    @property
    def allocated_pence(self) -> int:
        return sum(a.amount_pence for a in self.allocations)

    @property
    def unallocated_pence(self) -> int:
        """Money received beyond what it paid off: credit held for the payer."""
        return self.amount_pence - self.allocated_pence


class PaymentAllocation(Base):
    __tablename__ = "payment_allocation"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(
        ForeignKey("payment.id", ondelete="CASCADE"), index=True
    )
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    amount_pence: Mapped[int] = mapped_column(Integer)

    payment: Mapped[Payment] = relationship(back_populates="allocations")
    invoice: Mapped[Invoice] = relationship(back_populates="allocations")


class CreditNote(Base):
    __tablename__ = "credit_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    issue_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    total_pence: Mapped[int] = mapped_column(Integer)  # the amount credited (positive)
    snapshot: Mapped[dict[str, object] | None] = deferred(mapped_column(JSON))
    pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    invoice: Mapped[Invoice] = relationship(back_populates="credit_notes")
    lines: Mapped[list[CreditNoteLine]] = relationship(
        back_populates="credit_note", cascade="all, delete-orphan", order_by="CreditNoteLine.id"
    )

    def __repr__(self) -> str:
        return f"CreditNote(id={self.id!r}, number={self.number!r})"


class CreditNoteLine(Base):
    __tablename__ = "credit_note_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    credit_note_id: Mapped[int] = mapped_column(
        ForeignKey("credit_note.id", ondelete="CASCADE"), index=True
    )
    invoice_line_id: Mapped[int | None] = mapped_column(ForeignKey("invoice_line.id"))
    description: Mapped[str] = mapped_column(String(300), default="")
    amount_pence: Mapped[int] = mapped_column(Integer)

    credit_note: Mapped[CreditNote] = relationship(back_populates="lines")
