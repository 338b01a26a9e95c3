"""Gapless numbers for invoices (INV-0001, INV-0002, ...) and credit notes (CN-0001, ...).

A number is taken from a counter row inside the same transaction that issues the document,
after everything that can fail (the PDF) has been done; if the transaction is rolled back the
counter goes back with it, so no number is ever burnt. A number is never reused: the counter
only moves forward and the number columns are unique.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from app.core.errors import DaybookError
from app.core.invoicing.models import NumberCounter


@dataclass(frozen=True)
class Series:
    name: str
    prefix: str
    digits: int = 4

    def format(self, value: int) -> str:
        return f"{self.prefix}{value:0{self.digits}d}"


INVOICES = Series("invoice", "INV-")
CREDIT_NOTES = Series("credit_note", "CN-")


def peek_number(session: Session, series: Series) -> tuple[int, str]:
    """The value and number the next document of `series` will get (nothing is taken)."""
    value = session.scalar(
        select(NumberCounter.next_value).where(NumberCounter.series == series.name)
    )
    if value is None:
        value = 1
    return value, series.format(value)


def take_number(session: Session, series: Series, expected: int) -> str:
    """Moves the counter on from `expected` (as peeked) and returns its number.

    Call only once nothing else can fail before the flush; the caller's transaction makes
    the counter move and the document's number land together, or neither.
    """
    moved = _move_on(session, series, expected)
    if moved == 0 and session.get(NumberCounter, series.name) is None:  # the series' first
        session.add(NumberCounter(series=series.name, next_value=1))
        session.flush()
        moved = _move_on(session, series, expected)
    if moved != 1:
        raise DaybookError("Another change took that number at the same moment; try again.")
    return series.format(expected)


def _move_on(session: Session, series: Series, expected: int) -> int:
    """How many counters moved from `expected` to the next value (1, or 0 if none was there)."""
    return cast(
        CursorResult[Any],
        session.execute(
            update(NumberCounter)
            .where(NumberCounter.series == series.name, NumberCounter.next_value == expected)
            .values(next_value=expected + 1)
            .execution_options(synchronize_session="fetch")
        ),
    ).rowcount
