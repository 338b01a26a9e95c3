"""Money tables: other business income, expenses (with receipts kept inside the encrypted
database), use of home, mileage journeys and the tax settings for each tax year."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.core.base import Base, UTCDateTime, utcnow
from app.core.money.tax_settings import AllowanceChoice  # its home is light (Today reads it)


class ExpenseCategory(StrEnum):
    CAR_TRAVEL = "car_travel"
    STAFF = "staff"
    PREMISES_INSURANCE = "premises_insurance"
    REPAIRS = "repairs"
    OFFICE = "office"
    BANK_INTEREST = "bank_interest"
    PROFESSIONAL = "professional"
    CLOTHING = "clothing"
    OTHER = "other"


class OtherIncome(Base):
    """Business income that did not come through an invoice (entered by hand)."""

    __tablename__ = "other_income"
    __table_args__ = (CheckConstraint("amount_pence > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    description: Mapped[str] = mapped_column(String(200))
    amount_pence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"OtherIncome(id={self.id!r})"


class Expense(Base):
    __tablename__ = "expense"
    __table_args__ = (CheckConstraint("amount_pence > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    spent_on: Mapped[date] = mapped_column(Date, index=True)
    supplier: Mapped[str] = mapped_column(String(200))
    category: Mapped[ExpenseCategory] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(500), default="")
    amount_pence: Mapped[int] = mapped_column(Integer)
    # the receipt itself, inside the encrypted database; loaded only when asked for
    receipt_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    receipt_filename: Mapped[str] = mapped_column(String(255), default="")
    receipt_mime: Mapped[str] = mapped_column(String(50), default="")
    receipt_size: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"Expense(id={self.id!r})"

    @property
    def has_receipt(self) -> bool:
        return bool(self.receipt_mime)


class UseOfHome(Base):
    """Hours worked at home in one calendar month (`month` is its first day)."""

    __tablename__ = "use_of_home"
    __table_args__ = (CheckConstraint("hours >= 0", name="hours_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date, unique=True)
    hours: Mapped[int] = mapped_column(Integer)


class MileageJourney(Base):
    __tablename__ = "mileage_journey"
    __table_args__ = (CheckConstraint("miles_tenths > 0", name="miles_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    travelled_on: Mapped[date] = mapped_column(Date, index=True)
    from_place: Mapped[str] = mapped_column(String(200))
    to_place: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(200))
    miles_tenths: Mapped[int] = mapped_column(Integer)  # miles x 10
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("client.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"MileageJourney(id={self.id!r})"


class TaxSettings(Base):
    """The carer's choices for one tax year ("2026-27")."""

    __tablename__ = "tax_settings"

    year: Mapped[str] = mapped_column(String(7), primary_key=True)
    allowance_choice: Mapped[AllowanceChoice] = mapped_column(
        String(20), default=AllowanceChoice.AUTO
    )
    other_income_pence: Mapped[int] = mapped_column(Integer, default=0)  # job, pension
    other_income_taxed_at_source: Mapped[bool] = mapped_column(Boolean, default=True)
    first_year_of_trading: Mapped[bool] = mapped_column(Boolean, default=False)
    scottish: Mapped[bool] = mapped_column(Boolean, default=False)
    last_year_bill_pence: Mapped[int | None] = mapped_column(Integer)
