"""What a visit costs under a contract's rates. Pure functions: no database, no Qt.

A visit is split at the boundaries where the rate changes (evening start and end, midnight),
each part priced at the rate in force for it, in local (Europe/London) time. The amount is
rounded half-up to the penny once, for the whole visit; then the minimum charge applies.
Which rate applies to a part, most specific first: specialist visit, bank holiday (England
and Wales), weekend, evening, standard. A missing rate falls back to the standard rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache

from app.core.formatting import LONDON


class RateKind(StrEnum):
    STANDARD = "standard"
    EVENING = "evening"
    WEEKEND = "weekend"
    BANK_HOLIDAY = "bank_holiday"
    SPECIALIST = "specialist"
    MINIMUM = "minimum"


RATE_LABELS = {
    RateKind.STANDARD: "Standard",
    RateKind.EVENING: "Evening",
    RateKind.WEEKEND: "Weekend",
    RateKind.BANK_HOLIDAY: "Bank holiday",
    RateKind.SPECIALIST: "Specialist",
    RateKind.MINIMUM: "Minimum charge",
}


@dataclass(frozen=True)
class RateCard:
    standard_pence: int
    evening_pence: int | None = None
    weekend_pence: int | None = None
    bank_holiday_pence: int | None = None
    specialist_pence: int | None = None
    minimum_charge_pence: int = 0
    evening_from: time = time(18, 0)
    evening_until: time = time(7, 0)  # mornings before this count as evening too

    def rate(self, kind: RateKind) -> int:
        value = {
            RateKind.EVENING: self.evening_pence,
            RateKind.WEEKEND: self.weekend_pence,
            RateKind.BANK_HOLIDAY: self.bank_holiday_pence,
            RateKind.SPECIALIST: self.specialist_pence,
        }.get(kind)
        return self.standard_pence if value is None else value


@dataclass(frozen=True)
class PricePart:
    kind: RateKind
    rate_pence: int
    minutes: int


@dataclass(frozen=True)
class VisitPrice:
    parts: tuple[PricePart, ...]
    minutes: int
    amount_pence: int
    minimum_applied: bool

    @property
    def main_kind(self) -> RateKind:
        if self.minimum_applied:
            return RateKind.MINIMUM
        return max(self.parts, key=lambda p: p.minutes).kind if self.parts else RateKind.STANDARD

    @property
    def description(self) -> str:
        """'Standard', or 'Standard 30 min + Evening 30 min' when the rate changed mid-visit."""
        if len(self.parts) == 1:
            return RATE_LABELS[self.parts[0].kind]
        return " + ".join(f"{RATE_LABELS[p.kind]} {p.minutes} min" for p in self.parts)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(d: date) -> bool:
    """England and Wales bank holidays (the `holidays` package's GB/ENG list)."""
    return d in _bank_holidays(d.year)


def bank_holiday_name(d: date) -> str | None:
    import holidays

    return holidays.country_holidays("GB", subdiv="ENG", years=d.year).get(d)


def round_half_up_div(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half-up (away from zero on .5) in integers."""
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    q, r = divmod(abs(numerator), abs(denominator))
    return sign * (q + (1 if 2 * r >= abs(denominator) else 0))


def line_amount(rate_pence: int, minutes: int) -> int:
    """rate × minutes / 60, rounded half-up to the penny once."""
    return round_half_up_div(rate_pence * minutes, 60)


def _kind_at(card: RateCard, local: datetime, specialist: bool) -> RateKind:
    if specialist:
        return RateKind.SPECIALIST
    if is_bank_holiday(local.date()):
        return RateKind.BANK_HOLIDAY
    if local.weekday() >= 5:
        return RateKind.WEEKEND
    t = local.time()
    if t >= card.evening_from or t < card.evening_until:
        return RateKind.EVENING
    return RateKind.STANDARD


def _boundaries(card: RateCard, start: datetime, end: datetime) -> list[datetime]:
    """Local instants between start and end where the rate may change."""
    points = []
    day = start.date()
    while day <= end.date():
        for t in (time(0, 0), card.evening_until, card.evening_from):
            p = datetime.combine(day, t, tzinfo=LONDON)
            if start < p < end:
                points.append(p)
        day += timedelta(days=1)
    return sorted(set(points))


def price_visit(
    card: RateCard, start: datetime, end: datetime, *, specialist: bool = False
) -> VisitPrice:
    """The price of one visit from `start` to `end` (aware datetimes)."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("visit times must be timezone-aware")
    if end <= start:
        raise ValueError("a visit must end after it starts")
    s, e = start.astimezone(LONDON), end.astimezone(LONDON)
    edges = [s, *_boundaries(card, s, e), e]
    merged: list[list] = []  # [kind, minutes]
    for a, b in zip(edges, edges[1:], strict=False):
        # Subtract in UTC: aware datetimes in one zone subtract as wall-clock times in Python.
        minutes = round((b.astimezone(UTC) - a.astimezone(UTC)).total_seconds() / 60)
        if minutes <= 0:
            continue
        kind = _kind_at(card, a, specialist)
        if merged and merged[-1][0] == kind:
            merged[-1][1] += minutes
        else:
            merged.append([kind, minutes])
    parts = tuple(PricePart(k, card.rate(k), m) for k, m in merged)
    total_minutes = sum(p.minutes for p in parts)
    amount = round_half_up_div(sum(p.rate_pence * p.minutes for p in parts), 60)
    minimum_applied = amount < card.minimum_charge_pence
    if minimum_applied:
        amount = card.minimum_charge_pence
    return VisitPrice(parts, total_minutes, amount, minimum_applied)
