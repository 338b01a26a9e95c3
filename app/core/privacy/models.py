"""The privacy log: each subject access export and each erasure, dated, without content."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.base import Base, UTCDateTime, utcnow


class PrivacyEvent(Base):
    """`kind` is "export" or "erase"; `client_id` is the record number (kept after erasure as
    the placeholder's id); `summary` names what was included or erased, never the content."""

    __tablename__ = "privacy_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(12))
    client_id: Mapped[int] = mapped_column(Integer, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
