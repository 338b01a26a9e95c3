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
