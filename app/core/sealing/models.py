"""One chain of seals over every final record: issued invoices, credit notes and signed
contract versions (each with its lines), and each one's PDF once it is stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.base import Base, UTCDateTime, utcnow


class RecordSeal(Base):
    __tablename__ = "record_seal"
    __table_args__ = (UniqueConstraint("kind", "record_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(24))  # invoice, invoice_pdf, credit_note, ...
    record_id: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    sealed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"RecordSeal(seq={self.seq!r}, kind={self.kind!r}, record_id={self.record_id!r})"


class ErasedRecord(Base):
    """A final record whose personal details an erasure replaced (issue 18): the database
    triggers allow that redaction only for a record listed here, and this list never
    changes. `kind` is the table (invoice, credit_note, contract_version, commitment_agreement,
    feedback, safeguarding_record); lines and addenda follow their parent."""

    __tablename__ = "erased_record"
    __table_args__ = (UniqueConstraint("kind", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(24))
    record_id: Mapped[int] = mapped_column(Integer)
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"ErasedRecord(kind={self.kind!r}, record_id={self.record_id!r})"
