"""Visits: each planned or delivered visit to a client.

Times are stored as aware UTC (`UTCDateTime`) and shown in Europe/London. A planned visit comes
from a contract version's schedule (or is a one-off); once delivered it carries the actual start
and end, the miles driven for the client and a short note. A cancelled visit is kept (never
deleted) with who cancelled and any late-cancellation charge.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.base import Base, UTCDateTime, utcnow
from app.core.clients import Client
from app.core.contracts.models import ContractVersion
from app.core.visits.status import (  # noqa: F401  (their old home: many import them from here)
    STATUS_LABELS,
    VisitStatus,
    time_that_counts,
)


def new_visit_uid() -> str:
    return str(uuid.uuid4())


class Visit(Base):
    __tablename__ = "visit"
    # A client's visits by date: retention's "last visit" and the client's own lists (migration 0015)
    __table_args__ = (Index("ix_visit_client_id_planned_start", "client_id", "planned_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    contract_version_id: Mapped[int | None] = mapped_column(ForeignKey("contract_version.id"))
    planned_start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    planned_end: Mapped[datetime] = mapped_column(UTCDateTime)
    actual_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    actual_end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[VisitStatus] = mapped_column(String(24), default=VisitStatus.PLANNED)
    one_off: Mapped[bool] = mapped_column(default=False)
    specialist: Mapped[bool] = mapped_column(default=False)
    miles_tenths: Mapped[int] = mapped_column(Integer, default=0)  # miles x 10
    note: Mapped[str] = mapped_column(Text, default="")  # short; may be sensitive: never log
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    late_cancel_charge_pence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # the calendar UID: random and kept with the visit, so that a restored backup never
    # gives another visit the UID a phone already holds (row ids can be reused)
    uid: Mapped[str] = mapped_column(String(36), index=True, unique=True, default=new_visit_uid)

    client: Mapped[Client] = relationship()
    contract_version: Mapped[ContractVersion | None] = relationship()

    def __repr__(self) -> str:  # never the note
        return f"Visit(id={self.id!r})"

    @property
    def start(self) -> datetime:
        """Actual start when delivered (and recorded), else the planned start."""
        return time_that_counts(self.status, self.planned_start, self.actual_start)

    @property
    def end(self) -> datetime:
        return time_that_counts(self.status, self.planned_end, self.actual_end)

    @property
    def minutes(self) -> int:
        return round((self.end - self.start).total_seconds() / 60)

    @property
    def miles(self) -> float:
        return (self.miles_tenths or 0) / 10
