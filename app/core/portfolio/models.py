"""Portfolio tables: the carer's documents (DBS, insurance, training ...), their files kept
inside the encrypted database, per-client choices and a log of who was shown or sent what.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import clients as _clients  # noqa: F401  (the client table our keys refer to)
from app.core.base import Base, UTCDateTime, utcnow


class DocType(StrEnum):
    DBS = "dbs"
    INSURANCE = "insurance"
    QUALITY_STANDARD = "quality_standard"
    TRAINING = "training"
    REFERENCE = "reference"
    ID = "id"
    TESTIMONIAL = "testimonial"
    OTHER = "other"


TYPE_LABELS = {
    DocType.DBS: "DBS check",
    DocType.INSURANCE: "Insurance",
    DocType.QUALITY_STANDARD: "Quality Standard / agreement",
    DocType.TRAINING: "Training certificate",
    DocType.REFERENCE: "Reference",
    DocType.ID: "Identity document",
    DocType.TESTIMONIAL: "Testimonial",
    DocType.OTHER: "Other",
}
TYPE_PLURALS = {
    DocType.DBS: "DBS checks",
    DocType.INSURANCE: "Insurance",
    DocType.QUALITY_STANDARD: "Quality Standard and agreements",
    DocType.TRAINING: "Training certificates",
    DocType.REFERENCE: "References",
    DocType.ID: "Identity documents",
    DocType.TESTIMONIAL: "Testimonials",
    DocType.OTHER: "Other documents",
}
TYPE_ORDER = {t: i for i, t in enumerate(DocType)}


class ShareHow(StrEnum):
    SENT = "sent"
    SHOWN = "shown"


SHARE_LABELS = {ShareHow.SENT: "Sent", ShareHow.SHOWN: "Shown"}


class PortfolioDocument(Base):
    __tablename__ = "portfolio_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[DocType] = mapped_column(String(20), default=DocType.OTHER)
    title: Mapped[str] = mapped_column(String(200))
    issuer: Mapped[str] = mapped_column(String(200), default="")
    number: Mapped[str] = mapped_column(String(100), default="")
    issue_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    # DBS update service: the yearly subscription renewal (the certificate itself has no expiry)
    renewal_date: Mapped[date | None] = mapped_column(Date)
    cover_pence: Mapped[int | None] = mapped_column(Integer)  # insurance cover, e.g. £5,000,000
    notes: Mapped[str] = mapped_column(Text, default="")
    in_default_set: Mapped[bool] = mapped_column(Boolean, default=True)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    files: Mapped[list[PortfolioFile]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by=lambda: (PortfolioFile.sort_order, PortfolioFile.id),
    )

    def __repr__(self) -> str:
        return f"PortfolioDocument(id={self.id!r})"

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


class PortfolioFile(Base):
    """One attached file, byte for byte, inside the encrypted database (never a copy on disk)."""

    __tablename__ = "portfolio_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio_document.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(50))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # loaded only when asked
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    document: Mapped[PortfolioDocument] = relationship(back_populates="files")

    def __repr__(self) -> str:
        return f"PortfolioFile(id={self.id!r})"


class PortfolioClientChoice(Base):
    """Which documents this client is usually sent (instead of the default set)."""

    __tablename__ = "portfolio_client_choice"

    client_id: Mapped[int] = mapped_column(
        ForeignKey("client.id", ondelete="CASCADE"), primary_key=True
    )
    document_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ShareLog(Base):
    """Who was sent or shown the portfolio, when, and which documents (titles kept as they were)."""

    __tablename__ = "portfolio_share_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(200))
    how: Mapped[ShareHow] = mapped_column(String(10), default=ShareHow.SENT)
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    document_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    document_titles: Mapped[list[str]] = mapped_column(JSON, default=list)
    watermark: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"ShareLog(id={self.id!r})"
