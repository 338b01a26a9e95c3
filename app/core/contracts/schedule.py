"""A contract's visit schedule: in words, validated, and as a dateutil rule.

The schedule is a list of weekly slots (weekday, start, end) repeated every week or every
other week from the version's start date. The visits area generates planned visits from
`schedule_rule(version)` (the days) and `slots_on(version, weekday)` (the times that day).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from dateutil.rrule import WEEKLY, rrule, weekday

from app.core.contracts.models import ScheduleSlot
from app.core.errors import ValidationError

if TYPE_CHECKING:
    from app.core.contracts.models import ContractVersion

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_PLURALS = tuple(f"{d}s" for d in DAY_NAMES)
MAX_SLOTS = 35  # five visits a day, every day: more is surely a slip


def _and(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def days_in_words(weekdays: Iterable[int]) -> str:
    """{0, 3} -> 'Mondays and Thursdays'; 0-4 -> 'Weekdays (Monday to Friday)'."""
    days = sorted(set(weekdays))
    if days == list(range(7)):
        return "Every day"
    if days == list(range(5)):
        return "Weekdays (Monday to Friday)"
    if days == [5, 6]:
        return "Weekends (Saturday and Sunday)"
    return _and([DAY_PLURALS[d] for d in days])


def time_range(start: time, end: time) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def schedule_in_words(slots: Sequence[ScheduleSlot], every_n_weeks: int = 1) -> str:
    """'Mondays and Thursdays, 09:00–10:00'; fortnightly adds ', every other week'.

    Days with the same times share one phrase; phrases are joined with '; '.
    """
    if not slots:
        return "No regular visits"
    times_by_day: dict[int, list[tuple[time, time, bool]]] = {}
    for s in slots:
        times_by_day.setdefault(s.weekday, []).append((s.start, s.end, s.specialist))
    # Group days that have exactly the same set of times.
    groups: dict[tuple[tuple[time, time, bool], ...], list[int]] = {}
    for day in sorted(times_by_day):
        key = tuple(sorted(times_by_day[day]))
        groups.setdefault(key, []).append(day)
    phrases = []
    for key, days in sorted(groups.items(), key=lambda kv: kv[1][0]):
        times = _and([time_range(a, b) + (" (specialist)" if sp else "") for a, b, sp in key])
        phrases.append(f"{days_in_words(days)}, {times}")
    words = "; ".join(phrases)
    if every_n_weeks == 2:
        words += ", every other week"
    elif every_n_weeks > 2:
        words += f", every {every_n_weeks} weeks"
    return words


def version_schedule_in_words(version: ContractVersion) -> str:
    return schedule_in_words(version.slots, version.every_n_weeks or 1)


def minutes_per_week(slots: Sequence[ScheduleSlot], every_n_weeks: int = 1) -> float:
    total = sum(_minutes(s) for s in slots)
    return total / max(every_n_weeks, 1)


def _minutes(s: ScheduleSlot) -> int:
    return (s.end.hour * 60 + s.end.minute) - (s.start.hour * 60 + s.start.minute)


def validate_slots(slots: Sequence[ScheduleSlot], every_n_weeks: int) -> list[ScheduleSlot]:
    """Raises ValidationError naming 'schedule', 'schedule.N.end' or 'every_n_weeks'."""
    if every_n_weeks not in (1, 2):
        raise ValidationError("every_n_weeks", "Choose every week or every other week.")
    if not slots:
        raise ValidationError("schedule", "Add at least one day and time to the schedule.")
    if len(slots) > MAX_SLOTS:
        raise ValidationError(
            "schedule", f"That is more than {MAX_SLOTS} visits a week; check the schedule."
        )
    clean = []
    for i, s in enumerate(slots):
        if not isinstance(s.weekday, int) or not 0 <= s.weekday <= 6:
            raise ValidationError(f"schedule.{i}.weekday", "Choose a day of the week.")
        if s.end == s.start:
            raise ValidationError(
                f"schedule.{i}.end", "The visit has no length: the end time is the start time."
            )
        if s.end < s.start:
            raise ValidationError(
                f"schedule.{i}.end",
                "The visit ends before it starts; check the times "
                "(visits past midnight are not supported).",
            )
        clean.append(
            ScheduleSlot(
                s.weekday,
                s.start.replace(second=0, microsecond=0),
                s.end.replace(second=0, microsecond=0),
                bool(s.specialist),
            )
        )
    ordered = sorted(range(len(clean)), key=lambda i: (clean[i].weekday, clean[i].start))
    for a, b in zip(ordered, ordered[1:], strict=False):
        sa, sb = clean[a], clean[b]
        if sa.weekday == sb.weekday and sb.start < sa.end:
            raise ValidationError(
                f"schedule.{b}.start",
                f"Two visits on {DAY_PLURALS[sa.weekday]} overlap "
                f"({time_range(sa.start, sa.end)} and "
                f"{time_range(sb.start, sb.end)}).",
            )
    return [clean[i] for i in ordered]


def _week_monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def same_weeks(a_start: date, a_every: int, b_start: date, b_every: int) -> bool:
    """Whether two schedules can fall in the same week (fortnightly ones may alternate)."""
    if a_every == 2 and b_every == 2:
        weeks = (_week_monday(a_start) - _week_monday(b_start)).days // 7
        return weeks % 2 == 0
    return True


def overlapping_slots(
    a: Sequence[ScheduleSlot], b: Sequence[ScheduleSlot]
) -> list[tuple[ScheduleSlot, ScheduleSlot]]:
    """Pairs of slots on the same weekday whose times overlap."""
    return [
        (x, y)
        for x in a
        for y in b
        if x.weekday == y.weekday and x.start < y.end and y.start < x.end
    ]


def schedule_rule(version: ContractVersion, *, until: date | None = None) -> rrule:
    """The days with visits: every week (or every other week) on the slots' weekdays.

    Starts on the version's start date (weeks counted from that date's week, Monday
    first); ends at `until`, the version's fixed end or the contract's end date, whichever
    is first. Yields naive midnight datetimes: the times for a day are `slots_on(...)`.
    """
    slots = version.slots
    weekdays = sorted({s.weekday for s in slots})
    if not weekdays:
        raise ValidationError("schedule", "This contract has no regular visits.")
    ends = [
        d
        for d in (until, version.ends_on, version.contract.end_date if version.contract else None)
        if d
    ]
    last = min(ends) if ends else None
    return rrule(
        WEEKLY,
        interval=max(version.every_n_weeks or 1, 1),
        byweekday=[weekday(d) for d in weekdays],
        dtstart=datetime.combine(version.starts_on, time(0, 0)),
        until=datetime.combine(last, time(0, 0)) if last else None,
        wkst=0,
    )


def slots_on(version: ContractVersion, day_of_week: int) -> list[ScheduleSlot]:
    return sorted((s for s in version.slots if s.weekday == day_of_week), key=lambda s: s.start)


def occurrences(
    version: ContractVersion, first: date, last: date
) -> Iterator[tuple[date, ScheduleSlot]]:
    """(date, slot) for every scheduled visit between first and last inclusive."""
    rule = schedule_rule(version, until=last)
    for dt in rule.between(
        datetime.combine(first, time(0, 0)), datetime.combine(last, time(0, 0)), inc=True
    ):
        for slot in slots_on(version, dt.weekday()):
            yield dt.date(), slot
