"""The carer's tax choices for each year: trading allowance or expenses, other income
(a job or pension), first year of trading, Scottish taxpayer, last year's bill.

Read plainly (app/core/reading.py): Today asks whether a year is the first year of trading
before the ORM has loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from app.core.changes import Area, Changes, changes
from app.core.errors import ValidationError
from app.core.money.tax import MAX_AMOUNT_PENCE
from app.core.money.tax_year import TaxYear
from app.core.reading import Reader, one, reader

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class AllowanceChoice(StrEnum):
    AUTO = "auto"  # Daybook uses whichever is better
    TRADING_ALLOWANCE = "trading_allowance"
    EXPENSES = "expenses"


@dataclass
class TaxSettingsDraft:
    allowance_choice: AllowanceChoice | str = AllowanceChoice.AUTO
    other_income_pence: int = 0
    other_income_taxed_at_source: bool = True
    first_year_of_trading: bool = False
    scottish: bool = False
    last_year_bill_pence: int | None = None


def get_tax_settings(db: Session | Reader, year: TaxYear) -> TaxSettingsDraft:
    row = one(
        reader(db),
        "SELECT allowance_choice, other_income_pence, other_income_taxed_at_source,"
        " first_year_of_trading, scottish, last_year_bill_pence FROM tax_settings WHERE year = ?",
        (year.label,),
    )
    if row is None:
        return TaxSettingsDraft()
    choice, other, at_source, first, scottish, last = row
    return TaxSettingsDraft(
        AllowanceChoice(choice), other, bool(at_source), bool(first), bool(scottish), last
    )


def _pence(value: int | None, field: str, label: str, *, required: bool) -> int | None:
    if value is None:
        if required:
            raise ValidationError(field, f"Enter the {label} (0 if none).")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"The {label} is not an amount of money.")
    if value < 0:
        raise ValidationError(field, f"The {label} cannot be negative.")
    if value > MAX_AMOUNT_PENCE:
        raise ValidationError(field, f"The {label} looks too high; check the figure.")
    return value


def save_tax_settings(session: Session, year: TaxYear, draft: TaxSettingsDraft) -> Changes:
    from app.core.money.models import TaxSettings

    try:
        choice = AllowanceChoice(draft.allowance_choice)
    except ValueError:
        raise ValidationError("allowance_choice", "Choose one of the options.") from None
    other = _pence(draft.other_income_pence, "other_income_pence", "other income", required=True)
    last = _pence(
        draft.last_year_bill_pence, "last_year_bill_pence", "last year's bill", required=False
    )
    row = session.get(TaxSettings, year.label) or TaxSettings(year=year.label)
    row.allowance_choice = choice
    row.other_income_pence = other or 0
    row.other_income_taxed_at_source = bool(draft.other_income_taxed_at_source)
    row.first_year_of_trading = bool(draft.first_year_of_trading)
    row.scottish = bool(draft.scottish)
    row.last_year_bill_pence = last
    session.add(row)
    session.flush()
    return changes(Area.MONEY)
