"""What a visit costs under a contract's rates. Pure functions: no database, no Qt.

A visit is split at the boundaries where the rate changes (evening start and end, midnight),
each part priced at the rate in force for it, in local (Europe/London) time. The amount is
rounded half-up to the penny once, for the whole visit; then the minimum charge applies.
Which rate applies to a part, most specific first: specialist visit, bank holiday (England
and Wales), weekend, evening, standard. A missing rate falls back to the standard rate.

Which minutes are charged follows the agreement (`Charging`): the time spent (as recorded),
the booked time, or the time spent rounded to the nearest 5 or 15 minutes. The charged time
is priced as one interval from the visit's start (the booked start for booked time).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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


class ChargeRule(StrEnum):
    TIME_SPENT = "time_spent"
    BOOKED = "booked"
    ROUND_5 = "round_5"
    ROUND_15 = "round_15"


CHARGE_RULE_LABELS = {
    ChargeRule.TIME_SPENT: "Time spent, to the minute",
    ChargeRule.BOOKED: "Booked time",
    ChargeRule.ROUND_5: "Time spent, rounded to the nearest 5 minutes",
    ChargeRule.ROUND_15: "Time spent, rounded to the nearest 15 minutes",
}
_ROUNDING_STEP = {ChargeRule.ROUND_5: 5, ChargeRule.ROUND_15: 15}


def _minutes_between(a: datetime, b: datetime) -> int:
    # Subtract in UTC: aware datetimes in one zone subtract as wall-clock times in Python.
    return round((b.astimezone(UTC) - a.astimezone(UTC)).total_seconds() / 60)


@dataclass(frozen=True)
class Charging:
    """How an agreement charges a visit's time.

    Booked time: the booking is charged whether the visit was shorter or longer, except that
    with `overrun_after_minutes` set, a visit that ends more than that many minutes after the
    booked end is charged for the time spent (an over-run the client agreed to at the time).
    """

    rule: ChargeRule = ChargeRule.TIME_SPENT
    overrun_after_minutes: int | None = None

    def overran(self, end: datetime, booked_end: datetime) -> bool:
        return (
            self.overrun_after_minutes is not None
            and _minutes_between(booked_end, end) > self.overrun_after_minutes
        )

    def charged_interval(
        self, start: datetime, end: datetime, booked: tuple[datetime, datetime] | None
    ) -> tuple[datetime, datetime]:
        """The interval that is priced for a visit that ran from `start` to `end`."""
        if self.rule == ChargeRule.BOOKED:
            if booked is None or booked[1] <= booked[0] or self.overran(end, booked[1]):
                return start, end
            return booked
        step = _ROUNDING_STEP.get(self.rule)
        if step is None:
            return start, end
        spent = _minutes_between(start, end)
        charged = max(step, round_half_up_div(spent, step) * step)
        return start, start + timedelta(minutes=charged)

    def terms(self) -> str:
        """The sentence the agreement states."""
        if self.rule == ChargeRule.BOOKED:
            first = "Visits are charged for the booked time, also when a visit is shorter."
            if self.overrun_after_minutes is None:
                return f"{first} Time past the booked end is not charged."
            return (
                f"{first} When a visit runs more than {self.overrun_after_minutes} minutes past "
                "the booked end, because the client asked for it or agreed to it at the time, "
                "the time spent is charged instead."
            )
        step = _ROUNDING_STEP.get(self.rule)
        if step is not None:
            return (
                f"Visits are charged for the time spent, rounded to the nearest {step} minutes "
                f"(at least {step} minutes)."
            )
        return "Visits are charged for the time spent, to the minute."

    def line_words(self, spent: int, charged: int, overran: bool) -> str:
        """Said on an invoice line when the rule changed the figure."""
        if self.rule == ChargeRule.BOOKED:
            if overran:
                return (
                    f"over-run of more than {self.overrun_after_minutes} min past the booking: "
                    f"time spent charged, as agreed"
                )
            return f"booked time charged: {charged} min, time spent {spent} min"
        step = _ROUNDING_STEP.get(self.rule, 1)
        return f"time spent {spent} min, rounded to the nearest {step} min: {charged} min"


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
    christmas_any_weekday: bool = False  # holiday rate on 25 and 26 December, any weekday

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
    charging_note: str = ""  # the charging rule's words, when it changed the figure

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


def _listed(year: int) -> dict[date, str]:
    """The `holidays` package's GB/ENG list for a year: from its copy in bank_holiday_table for
    the years records use (importing the package loads all its 250 countries, 8 MiB), else
    from the package itself."""
    from app.core.bank_holiday_table import FIRST_YEAR, LAST_YEAR, LISTED

    if FIRST_YEAR <= year <= LAST_YEAR:
        prefix = f"{year}-"
        return {
            date.fromisoformat(line[:10]): line[11:]
            for line in LISTED.splitlines()
            if line.startswith(prefix)
        }
    import holidays

    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> dict[date, str]:
    listed = _listed(year)
    # The package lists Christmas Day, Boxing Day and New Year's Day on their dates even on a
    # weekend, beside the "(observed)" substitute weekday. In England and Wales only the
    # substitute is a bank holiday (GOV.UK bank holidays; the Banking and Financial Dealings
    # Act 1971, Schedule 1), and every other bank holiday falls on a weekday, so a weekend
    # date is never one: 26 Dec 2026 (a Saturday) is not; Monday 28 Dec 2026 is.
    return {d: name for d, name in listed.items() if d.weekday() < 5}


def is_bank_holiday(d: date) -> bool:
    """England and Wales bank holidays (the `holidays` package's GB/ENG list, weekday dates)."""
    return d in _bank_holidays(d.year)


def is_christmas_or_boxing_day(d: date) -> bool:
    return d.month == 12 and d.day in (25, 26)


def bank_holiday_name(d: date) -> str | None:
    return _bank_holidays(d.year).get(d)


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
    day = local.date()
    if is_bank_holiday(day) or (card.christmas_any_weekday and is_christmas_or_boxing_day(day)):
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
    card: RateCard,
    start: datetime,
    end: datetime,
    *,
    specialist: bool = False,
    charging: Charging | None = None,
    booked: tuple[datetime, datetime] | None = None,
) -> VisitPrice:
    """The price of one visit from `start` to `end` (aware datetimes), charged by `charging`
    (time spent when None); `booked` is the booked (planned) start and end."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("visit times must be timezone-aware")
    if end <= start:
        raise ValueError("a visit must end after it starts")
    spent = _price_interval(card, start, end, specialist)
    if charging is None or charging.rule == ChargeRule.TIME_SPENT:
        return spent
    c_start, c_end = charging.charged_interval(start, end, booked)
    charged = _price_interval(card, c_start, c_end, specialist)
    overran = (
        charging.rule == ChargeRule.BOOKED
        and booked is not None
        and charging.overran(end, booked[1])
    )
    if charged.amount_pence == spent.amount_pence and not overran:
        return charged
    words = charging.line_words(spent.minutes, charged.minutes, overran)
    return replace(charged, charging_note=words)


def _price_interval(card: RateCard, start: datetime, end: datetime, specialist: bool) -> VisitPrice:
    s, e = start.astimezone(LONDON), end.astimezone(LONDON)
    edges = [s, *_boundaries(card, s, e), e]
    merged: list[list] = []  # [kind, minutes]
    for a, b in zip(edges, edges[1:], strict=False):
        minutes = _minutes_between(a, b)
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
