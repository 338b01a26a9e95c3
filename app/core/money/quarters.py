"""Making Tax Digital quarterly figures: income and expenses cumulative from 6 April to the
end of each quarter, with the expenses by SA103S category, as the quarterly updates ask.

A month's use-of-home flat rate counts in the quarter in which the month ends (June in the
first quarter, which ends on 5 July), so the last quarter holds the whole year's figures.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.core.money.deadlines import quarter_periods
from app.core.money.expenses import (
    CATEGORY_BOX,
    MILEAGE_BOX,
    SA103S_BOXES,
    USE_OF_HOME_BOX,
    list_expenses,
)
from app.core.money.mileage import mileage_log
from app.core.money.tax_rates import rates_for
from app.core.money.tax_year import TaxYear
from app.core.money.turnover import income_for_year
from app.core.money.use_of_home import use_of_home_for_year


@dataclass(frozen=True)
class CategoryToDate:
    box: str
    label: str
    amount_pence: int


@dataclass(frozen=True)
class QuarterFigures:
    quarter: int
    period_start: date
    period_end: date
    due: date
    cumulative_income_pence: int
    cumulative_expenses_pence: int
    expenses_by_category: tuple[CategoryToDate, ...]  # cumulative, in the form's box order

    def as_json(self) -> dict[str, object]:
        return {
            "quarter": self.quarter,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "due": self.due.isoformat(),
            "cumulative_income_pence": self.cumulative_income_pence,
            "cumulative_expenses_pence": self.cumulative_expenses_pence,
        }


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def mtd_quarters(session: Session, year: TaxYear | str) -> list[QuarterFigures]:
    ty = year if isinstance(year, TaxYear) else TaxYear.parse(year)
    rates = rates_for(ty)
    # (date, SA103S box key, pence) for every expense the year's figures count
    dated: list[tuple[date, str, int]] = [
        (e.spent_on, CATEGORY_BOX[e.category], e.amount_pence) for e in list_expenses(session, ty)
    ]
    dated += [
        (j.travelled_on, MILEAGE_BOX, j.allowance_pence) for j in mileage_log(session, ty, rates)
    ]
    dated += [
        (_month_end(m.year, m.month), USE_OF_HOME_BOX, m.amount_pence)
        for m in use_of_home_for_year(session, ty, rates)
    ]
    income = income_for_year(session, ty)
    order = list(SA103S_BOXES)
    out = []
    for q in quarter_periods(ty):
        by_box: dict[str, int] = {}
        for when, key, pence in dated:
            if when <= q.end and pence:
                by_box[key] = by_box.get(key, 0) + pence
        categories = tuple(
            CategoryToDate(SA103S_BOXES[k].box, SA103S_BOXES[k].label, by_box[k])
            for k in sorted(by_box, key=order.index)
        )
        out.append(
            QuarterFigures(
                quarter=q.number,
                period_start=q.start,
                period_end=q.end,
                due=q.due,
                cumulative_income_pence=sum(
                    r.amount_pence for r in income if r.received_on <= q.end
                ),
                cumulative_expenses_pence=sum(by_box.values()),
                expenses_by_category=categories,
            )
        )
    return out
