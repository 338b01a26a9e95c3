"""Checks shared by the money records."""

from __future__ import annotations

from datetime import date

from app.core.errors import ValidationError
from app.core.formatting import format_date
from app.core.money.tax_rates import known_years
from app.core.money.tax_year import TaxYear

MAX_RECORD_PENCE = 1_000_000 * 100  # £1 million on one record: surely a typing slip


def first_year() -> TaxYear:
    return known_years()[0]


def record_date(value: date | None, field: str, label: str, *, today: date) -> date:
    """A date for a money record: given, not in the future, not before the first tax year
    this version keeps (records after the last known year are kept; the estimate waits)."""
    if value is None:
        raise ValidationError(field, f"Enter the {label} as dd/mm/yyyy.")
    if value > today:
        raise ValidationError(field, f"The {label} cannot be in the future.")
    first = first_year()
    if value < first.start:
        raise ValidationError(
            field,
            f"The {label} is before {format_date(first.start)}, the "
            f"start of {first.label}, the first tax year Daybook keeps.",
        )
    return value


def amount(value: int | None, field: str, label: str) -> int:
    if value is None:
        raise ValidationError(field, f"Enter the {label}.")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"The {label} is not an amount of money.")
    if value <= 0:
        raise ValidationError(field, f"The {label} must be more than £0.00.")
    if value > MAX_RECORD_PENCE:
        raise ValidationError(field, f"The {label} looks too high; check the figure.")
    return value
