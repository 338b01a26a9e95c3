"""Use of home: the flat rate a month by hours worked at home (simplified expenses)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.changes import Area, Changes, changes
from app.core.errors import ValidationError
from app.core.money.models import UseOfHome
from app.core.money.tax_rates import TaxRates
from app.core.money.tax_year import TaxYear

MAX_HOURS = 31 * 24


@dataclass(frozen=True)
class UseOfHomeMonth:
    year: int
    month: int
    hours: int
    amount_pence: int


def set_use_of_home(session: Session, year: int, month: int, hours: int | None) -> Changes:
    """Hours worked at home in a calendar month; 0 or None clears the month."""
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationError("month", "Choose a month.")
    if hours is not None and (isinstance(hours, bool) or not isinstance(hours, int)):
        raise ValidationError("hours", "Enter the hours as a whole number.")
    if hours is not None and hours < 0:
        raise ValidationError("hours", "The hours cannot be negative.")
    if hours is not None and hours > MAX_HOURS:
        raise ValidationError("hours", "That is more hours than the month has.")
    first = date(year, month, 1)
    row = session.scalars(select(UseOfHome).where(UseOfHome.month == first)).one_or_none()
    if not hours:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(UseOfHome(month=first, hours=hours))
    else:
        row.hours = hours
    session.flush()
    return changes(Area.MONEY)


def use_of_home_for_year(
    session: Session, year: TaxYear, rates: TaxRates | None
) -> list[UseOfHomeMonth]:
    """Each month of the tax year (April to March) with hours recorded, and its flat rate."""
    months = year.months()
    first = date(*months[0], 1)
    last = date(*months[-1], 1)
    stmt = select(UseOfHome).where(UseOfHome.month >= first, UseOfHome.month <= last)
    rows = {(r.month.year, r.month.month): r.hours for r in session.scalars(stmt)}
    return [
        UseOfHomeMonth(
            y,
            m,
            rows.get((y, m), 0),
            rates.use_of_home_monthly_pence(rows.get((y, m), 0)) if rates else 0,
        )
        for y, m in months
    ]
