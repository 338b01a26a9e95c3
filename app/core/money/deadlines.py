"""HMRC's dates for a tax year, Making Tax Digital for the carer, and Today's reminders.

Read plainly (app/core/reading.py): Today asks before the ORM has loaded; Money's summary
passes its Session to the same functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.core.changes import Area
from app.core.formatting import format_date, format_money
from app.core.money.tax_rates import MTD_FIRST_YEAR, mtd_threshold_pence
from app.core.money.tax_settings import get_tax_settings
from app.core.money.tax_year import TaxYear
from app.core.money.turnover import turnover_for_year
from app.core.reading import Reader, reader
from app.core.reminders import DueItem, Urgency, plain_due_provider

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DUE_WITHIN_DAYS = 90  # the January return and bill show from early November


@dataclass(frozen=True)
class Deadline:
    when: date
    what: str
    kind: str  # "return", "payment", "registration", "mtd"


@dataclass(frozen=True)
class MtdStatus:
    applies: bool  # MTD applies in the year looked at
    starts: TaxYear | None  # the year MTD starts (or started) for the carer, if known
    text: str


@dataclass(frozen=True)
class QuarterPeriod:
    number: int  # 1 to 4
    start: date  # always 6 April: MTD updates are cumulative from the start of the year
    end: date
    due: date


def quarter_periods(year: TaxYear) -> list[QuarterPeriod]:
    """MTD quarterly periods end 5 Jul, 5 Oct, 5 Jan, 5 Apr; each update is due on the 7th of
    the second month after (7 Aug, 7 Nov, 7 Feb, 7 May), and covers 6 April to its end."""
    s = year.start_year
    ends = [date(s, 7, 5), date(s, 10, 5), date(s + 1, 1, 5), date(s + 1, 4, 5)]
    dues = [date(s, 8, 7), date(s, 11, 7), date(s + 1, 2, 7), date(s + 1, 5, 7)]
    return [
        QuarterPeriod(n, year.start, end, due)
        for n, (end, due) in enumerate(zip(ends, dues, strict=True), start=1)
    ]


def quarterly_updates(year: TaxYear) -> list[Deadline]:
    return [
        Deadline(
            q.due,
            f"Making Tax Digital: quarterly update for {year.label} up to {format_date(q.end)}",
            "mtd",
        )
        for q in quarter_periods(year)
    ]


def year_deadlines(year: TaxYear, *, first_year: bool, mtd_applies: bool) -> list[Deadline]:
    s = year.start_year
    out = []
    if first_year:
        out.append(
            Deadline(
                date(s + 1, 10, 5),
                f"Register for Self Assessment (your first year, {year.label})",
                "registration",
            )
        )
    out.append(
        Deadline(
            date(s + 1, 1, 31),
            f"First payment on account for {year.label}, if HMRC asked for payments on account",
            "payment",
        )
    )
    out.append(
        Deadline(
            date(s + 1, 7, 31),
            f"Second payment on account for {year.label}, if HMRC asked for payments on account",
            "payment",
        )
    )
    # under MTD the year ends with a final declaration instead of the online return
    filing = "Final declaration" if mtd_applies else "Online tax return"
    out.append(
        Deadline(
            date(s + 2, 1, 31),
            f"{filing} for {year.label} and the balancing payment",
            "return",
        )
    )
    if mtd_applies:
        out.extend(quarterly_updates(year))
    return sorted(out, key=lambda d: d.when)


def _turnovers(db: Session | Reader) -> Callable[[TaxYear], int]:
    """turnover_for_year, each year read once (upcoming asks about several years)."""
    plain = reader(db)
    cache: dict[TaxYear, int] = {}

    def turnover(y: TaxYear) -> int:
        if y not in cache:
            cache[y] = turnover_for_year(plain, y)
        return cache[y]

    return turnover


def mtd_status(db: Session | Reader, year: TaxYear) -> MtdStatus:
    """Whether Making Tax Digital applies in `year`, or when it will start, and why.

    MTD applies from the year S when qualifying income (turnover) in the year two before S
    was over S's threshold."""
    return _mtd_status(year, _turnovers(db))


def _mtd_status(year: TaxYear, turnover: Callable[[TaxYear], int]) -> MtdStatus:
    start = MTD_FIRST_YEAR
    s = start
    while s <= year.next().next():
        threshold = mtd_threshold_pence(s)
        q = s.previous().previous()
        if threshold is not None and turnover(q) > threshold:
            why = (
                f"your turnover in {q.label} was {format_money(turnover(q))}, over the "
                f"{format_money(threshold)} threshold for {s.label}"
            )
            if s <= year:
                return MtdStatus(
                    True,
                    s,
                    f"Making Tax Digital applies to you from 6 April "
                    f"{s.start_year}: {why}. Send a quarterly update for "
                    "each quarter and a final declaration by 31 January.",
                )
            so_far = " so far" if q == year else ""
            return MtdStatus(
                False,
                s,
                f"Making Tax Digital will start for you on 6 April "
                f"{s.start_year} ({s.label}): {why}{so_far}. You will "
                "need software that works with MTD by then.",
            )
        s = s.next()
    later = year.next().next()
    threshold = mtd_threshold_pence(max(later, start))
    return MtdStatus(
        False,
        None,
        f"Making Tax Digital does not apply to you yet: your turnover "
        f"in {year.label} is {format_money(turnover(year))}, not over "
        f"{format_money(threshold or 0)}, the threshold for "
        f"{max(later, start).label}.",
    )


def upcoming(
    db: Session | Reader, today: date, within_days: int = DUE_WITHIN_DAYS
) -> list[Deadline]:
    db = reader(db)
    turnover = _turnovers(db)
    horizon = today + timedelta(days=within_days)
    current = TaxYear.of(today)
    found: list[Deadline] = []
    for y in (current.previous().previous(), current.previous(), current):
        first = get_tax_settings(db, y).first_year_of_trading
        applies = y >= MTD_FIRST_YEAR and _mtd_status(y, turnover).applies
        found += [
            d
            for d in year_deadlines(y, first_year=first, mtd_applies=applies)
            if today <= d.when <= horizon
        ]
    return sorted(found, key=lambda d: (d.when, d.what))


@plain_due_provider("money")
def due(db: Reader, today: date) -> list[DueItem]:
    items = []
    for d in upcoming(db, today):
        days = (d.when - today).days
        urgency = Urgency.TODAY if days == 0 else Urgency.SOON if days <= 14 else Urgency.LATER
        items.append(
            DueItem(Area.MONEY, "Tax", f"{d.what} by {format_date(d.when)}", d.when, urgency)
        )
    return items
