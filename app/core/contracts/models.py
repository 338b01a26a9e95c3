"""Contract tables. A Contract is the agreement with one client; each change of terms is a
ContractVersion. A signed version is never changed: new terms make a new version that
starts on a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.base import Base, UTCDateTime, utcnow
from app.core.clients import Client
from app.core.contracts.states import (  # noqa: F401  (their old home)
    NOTICE_BY_LABELS,
    ContractStatus,
    NoticeBy,
)
from app.core.pricing import ChargeRule, Charging, RateCard


class PaymentMethod(StrEnum):
    BANK_TRANSFER = "bank_transfer"
    STANDING_ORDER = "standing_order"
    CASH = "cash"
    CHEQUE = "cheque"
    DIRECT_PAYMENT_CARD = "direct_payment_card"


class InvoiceFrequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    FOUR_WEEKLY = "four_weekly"
    MONTHLY = "monthly"


PAYMENT_METHOD_LABELS = {
    PaymentMethod.BANK_TRANSFER: "Bank transfer",
    PaymentMethod.STANDING_ORDER: "Standing order",
    PaymentMethod.CASH: "Cash",
    PaymentMethod.CHEQUE: "Cheque",
    PaymentMethod.DIRECT_PAYMENT_CARD: "Direct Payment card",
}
FREQUENCY_LABELS = {
    InvoiceFrequency.WEEKLY: "Weekly",
    InvoiceFrequency.FORTNIGHTLY: "Fortnightly",
    InvoiceFrequency.FOUR_WEEKLY: "Every four weeks",
    InvoiceFrequency.MONTHLY: "Monthly",
}


@dataclass(frozen=True)
class ScheduleSlot:
    """One weekly visit: weekday 0=Monday .. 6=Sunday, local start and end time."""

    weekday: int
    start: time
    end: time
    specialist: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "weekday": self.weekday,
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
            "specialist": self.specialist,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ScheduleSlot:
        return cls(
            int(d["weekday"]),
            time.fromisoformat(str(d["start"])),
            time.fromisoformat(str(d["end"])),
            bool(d.get("specialist", False)),
        )


class Contract(Base):
    __tablename__ = "contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Ending: who gave notice and when; the last day follows from that side's notice period.
    notice_given_by: Mapped[str | None] = mapped_column(String(10))  # "client" | "carer"
    notice_given_on: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    client: Mapped[Client] = relationship()

    def __repr__(self) -> str:
        return f"Contract(id={self.id!r})"

    versions: Mapped[list[ContractVersion]] = relationship(
        back_populates="contract",
        order_by="ContractVersion.version_no",
        cascade="all, delete-orphan",
    )


class ContractVersion(Base):
    __tablename__ = "contract_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"), index=True)
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[ContractStatus] = mapped_column(String(12), default=ContractStatus.DRAFT)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)  # a fixed-term agreement's last day
    services: Mapped[list[str]] = mapped_column(JSON, default=list)  # common items chosen
    services_text: Mapped[str] = mapped_column(Text, default="")
    # [{"weekday": 0, "start": "09:00", "end": "10:00", "specialist": false}, ...]
    schedule: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    every_n_weeks: Mapped[int] = mapped_column(Integer, default=1)  # 1 weekly, 2 fortnightly
    standard_rate_pence: Mapped[int] = mapped_column(Integer)
    evening_rate_pence: Mapped[int | None] = mapped_column(Integer)
    weekend_rate_pence: Mapped[int | None] = mapped_column(Integer)
    bank_holiday_rate_pence: Mapped[int | None] = mapped_column(Integer)
    specialist_rate_pence: Mapped[int | None] = mapped_column(Integer)
    minimum_charge_pence: Mapped[int] = mapped_column(Integer, default=0)
    mileage_pence_per_mile: Mapped[int] = mapped_column(Integer, default=0)
    late_cancel_hours: Mapped[int] = mapped_column(Integer, default=24)
    late_cancel_percent: Mapped[int] = mapped_column(Integer, default=100)
    # How a visit's time is charged (migration 0013; agreements signed before keep time spent).
    charge_rule: Mapped[ChargeRule] = mapped_column(
        String(12), default=ChargeRule.TIME_SPENT, server_default=ChargeRule.TIME_SPENT.value
    )
    overrun_after_minutes: Mapped[int | None] = mapped_column(Integer)  # booked time only
    christmas_holiday_rate: Mapped[bool] = mapped_column(default=False, server_default="0")
    payment_method: Mapped[PaymentMethod] = mapped_column(
        String(24), default=PaymentMethod.BANK_TRANSFER
    )
    invoice_frequency: Mapped[InvoiceFrequency] = mapped_column(
        String(16), default=InvoiceFrequency.MONTHLY
    )
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=14)
    notice_days_client: Mapped[int] = mapped_column(Integer, default=14)
    notice_days_carer: Mapped[int] = mapped_column(Integer, default=14)
    plan_b_text: Mapped[str] = mapped_column(Text, default="")
    boundaries_text: Mapped[str] = mapped_column(Text, default="")
    confidentiality_text: Mapped[str] = mapped_column(Text, default="")
    complaints_text: Mapped[str] = mapped_column(Text, default="")
    sent_on: Mapped[date | None] = mapped_column(Date)
    signed_on: Mapped[date | None] = mapped_column(Date)
    signed_how: Mapped[str] = mapped_column(String(200), default="")
    signed_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)  # byte for byte as signed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    contract: Mapped[Contract] = relationship(back_populates="versions")

    def __repr__(self) -> str:
        return f"ContractVersion(id={self.id!r}, version_no={self.version_no!r})"

    @property
    def slots(self) -> list[ScheduleSlot]:
        return [ScheduleSlot.from_json(d) for d in self.schedule or []]

    @property
    def rate_card(self) -> RateCard:
        return RateCard(
            standard_pence=self.standard_rate_pence,
            evening_pence=self.evening_rate_pence,
            weekend_pence=self.weekend_rate_pence,
            bank_holiday_pence=self.bank_holiday_rate_pence,
            specialist_pence=self.specialist_rate_pence,
            minimum_charge_pence=self.minimum_charge_pence or 0,
            christmas_any_weekday=bool(self.christmas_holiday_rate),
        )

    @property
    def charging(self) -> Charging:
        return Charging(
            ChargeRule(self.charge_rule or ChargeRule.TIME_SPENT), self.overrun_after_minutes
        )

    @property
    def locked(self) -> bool:
        return self.status in (ContractStatus.SIGNED, ContractStatus.SUPERSEDED)


class PlanBContact(Base):
    """Per client: who arranges cover when the carer is ill, and providers the carer may suggest."""

    __tablename__ = "plan_b_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "arranges_cover" | "provider"
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_to_share: Mapped[bool] = mapped_column(default=False)
    consent_recorded_on: Mapped[date | None] = mapped_column(Date)

    def __repr__(self) -> str:
        return f"PlanBContact(id={self.id!r})"


SIGNED_STATES = (ContractStatus.SIGNED, ContractStatus.SUPERSEDED)
STATUS_LABELS = {
    ContractStatus.DRAFT: "Draft",
    ContractStatus.SENT: "Sent, waiting for signature",
    ContractStatus.SIGNED: "Signed",
    ContractStatus.SUPERSEDED: "Replaced by a later version",
}
