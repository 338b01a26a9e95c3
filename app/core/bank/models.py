"""Bank statement lines already imported, and the column layout remembered per bank."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.base import Base, UTCDateTime, utcnow
from app.core.invoicing import models as _invoicing  # noqa: F401  (payment table)
from app.core.money import models as _money  # noqa: F401  (expense table)


class BankTransaction(Base):
    """One statement line, recorded once by its bank id or a hash of date, amount and
    description: importing the same file again finds it and adds nothing."""

    __tablename__ = "bank_transaction"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(100), unique=True)
    posted_on: Mapped[date] = mapped_column(Date, index=True)
    amount_pence: Mapped[int] = mapped_column(Integer)  # money in positive, out negative
    description: Mapped[str] = mapped_column(String(300), default="")
    action: Mapped[str] = mapped_column(String(12))  # payment | expense | skip
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    expense_id: Mapped[int | None] = mapped_column(ForeignKey("expense.id"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"BankTransaction(id={self.id})"


class BankLayout(Base):
    """The columns of one bank's CSV export, keyed by its header line, as JSON text."""

    __tablename__ = "bank_layout"

    header: Mapped[str] = mapped_column(String(500), primary_key=True)
    mapping: Mapped[str] = mapped_column(Text)
