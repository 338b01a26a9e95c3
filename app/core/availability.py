"""Free time for the scheme's directory: working hours minus the signed schedules.

The carer sets working hours per weekday (with an optional break) and the travel time they
need between visits. Free time on a weekday is those hours, less the break, less each visit
in the signed schedules for the coming week widened by the travel time on both sides. Pieces
shorter than MIN_FREE_MINUTES are not offered: nobody can book care into them.

Every read here is plain SQL through a Reader (Today asks it before the ORM has loaded); a
caller holding a Session passes it as it is.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any

from app.core.changes import Area, Changes, changes
from app.core.contracts.states import SIGNED_STATES
from app.core.errors import ValidationError
from app.core.reading import Reader, day, placeholders, reader, stored
from app.core.reminders import DueItem, Urgency, plain_due_provider
from app.core.setting_values import read_setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

HOURS_KEY = "availability.working_hours"
COPIED_KEY = "availability.copied_text"
MIN_FREE_MINUTES = 30
MAX_TRAVEL_MINUTES = 120
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

Span = tuple[int, int]  # minutes after midnight, start inclusive, end exclusive


@dataclass(frozen=True)
class WorkingDay:
    """Hours on one weekday (0 = Monday), times as "HH:MM"; the break is optional."""

    weekday: int
    start: str
    end: str
    break_start: str = ""
    break_end: str = ""


@dataclass(frozen=True)
class WorkingHours:
    days: tuple[WorkingDay, ...] = ()
    travel_minutes: int = 0

    def day(self, weekday: int) -> WorkingDay | None:
        return next((d for d in self.days if d.weekday == weekday), None)

    def as_json(self) -> dict[str, object]:
        return {
            "days": [
                {
                    "weekday": d.weekday,
                    "start": d.start,
                    "end": d.end,
                    "break_start": d.break_start,
                    "break_end": d.break_end,
                }
                for d in self.days
            ],
            "travel_minutes": self.travel_minutes,
        }


@dataclass(frozen=True)
class FreeSlot:
    weekday: int
    start: int  # minutes after midnight
    end: int

    def as_json(self) -> dict[str, str]:
        return {"day": DAY_NAMES[self.weekday], "from": clock(self.start), "to": clock(self.end)}


@dataclass(frozen=True)
class Availability:
    """A week of free time, and what blocks it (for the grid)."""

    hours: WorkingHours
    free: list[FreeSlot] = field(default_factory=list)
    booked: list[FreeSlot] = field(default_factory=list)  # visits, without travel time

    @property
    def text(self) -> str:
        return availability_text(self.free)


# ---------------------------------------------------------------- time arithmetic


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_clock(text: str, field_name: str, label: str) -> int:
    """ "9:00", "09:00", "9.00", "0900" or "9" -> minutes after midnight; else ValidationError."""
    raw = (text or "").strip().replace(".", ":")
    if raw.isdigit() and len(raw) in (1, 2):
        raw = f"{raw}:00"
    elif raw.isdigit() and len(raw) in (3, 4):
        raw = f"{raw[:-2]}:{raw[-2:]}"
    try:
        t = time.fromisoformat(raw.zfill(5))
    except ValueError:
        raise ValidationError(field_name, f"Enter the {label} as a time, e.g. 09:00.") from None
    return t.hour * 60 + t.minute


def subtract(spans: list[Span], cut: Span) -> list[Span]:
    """The spans with `cut` taken out of them."""
    out: list[Span] = []
    for start, end in spans:
        if cut[1] <= start or cut[0] >= end:
            out.append((start, end))
            continue
        if cut[0] > start:
            out.append((start, cut[0]))
        if cut[1] < end:
            out.append((cut[1], end))
    return out


def free_spans(
    day: WorkingDay | None, visits: list[Span], travel_minutes: int, minimum: int = MIN_FREE_MINUTES
) -> list[Span]:
    """A weekday's free time: working hours less the break, less each visit widened by the
    travel time either side; pieces shorter than `minimum` are dropped."""
    if day is None:
        return []
    spans: list[Span] = [(_minutes(day.start), _minutes(day.end))]
    if day.break_start and day.break_end:
        spans = subtract(spans, (_minutes(day.break_start), _minutes(day.break_end)))
    for start, end in visits:
        spans = subtract(spans, (start - travel_minutes, end + travel_minutes))
    return [s for s in spans if s[1] - s[0] >= minimum]


def _minutes(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def availability_text(free: list[FreeSlot]) -> str:
    """ "Mon 09:00–12:00, 14:30–17:00; Tue …" for pasting into a directory profile."""
    parts = []
    for weekday in range(7):
        spans = [f"{clock(s.start)}–{clock(s.end)}" for s in free if s.weekday == weekday]
        if spans:
            parts.append(f"{DAY_SHORT[weekday]} {', '.join(spans)}")
    return "; ".join(parts) if parts else "No free time at the moment"


# ---------------------------------------------------------------- working hours (Settings)


def get_working_hours(db: Session | Reader) -> WorkingHours:
    raw = read_setting(db, HOURS_KEY)
    if not raw:
        return WorkingHours()
    data = json.loads(raw)
    days = tuple(
        WorkingDay(
            int(d["weekday"]),
            str(d["start"]),
            str(d["end"]),
            str(d.get("break_start", "")),
            str(d.get("break_end", "")),
        )
        for d in data.get("days", [])
    )
    return WorkingHours(days, int(data.get("travel_minutes", 0)))


@dataclass
class WorkingDayDraft:
    """One weekday as typed in Settings; all blank = not working that day."""

    weekday: int
    start: str = ""
    end: str = ""
    break_start: str = ""
    break_end: str = ""


def validate_working_hours(drafts: list[WorkingDayDraft], travel_minutes: int) -> WorkingHours:
    days = []
    for d in sorted(drafts, key=lambda x: x.weekday):
        name = DAY_NAMES[d.weekday]
        label = name.capitalize()
        if not (d.start or "").strip() and not (d.end or "").strip():
            if (d.break_start or "").strip() or (d.break_end or "").strip():
                raise ValidationError(
                    f"{name}_start", f"Enter {label}'s hours, or clear the break."
                )
            continue
        start = parse_clock(d.start, f"{name}_start", f"time you start on {label}")
        end = parse_clock(d.end, f"{name}_end", f"time you finish on {label}")
        if end <= start:
            raise ValidationError(f"{name}_end", f"{label}: the finish must be after the start.")
        b_start = b_end = ""
        if (d.break_start or "").strip() or (d.break_end or "").strip():
            bs = parse_clock(d.break_start, f"{name}_break", f"start of {label}'s break")
            be = parse_clock(d.break_end, f"{name}_break", f"end of {label}'s break")
            if not (start < bs < be < end):
                raise ValidationError(
                    f"{name}_break", f"{label}: the break must fit inside the working hours."
                )
            b_start, b_end = clock(bs), clock(be)
        days.append(WorkingDay(d.weekday, clock(start), clock(end), b_start, b_end))
    if not 0 <= travel_minutes <= MAX_TRAVEL_MINUTES:
        raise ValidationError(
            "travel_minutes",
            f"Travel time between visits must be 0 to {MAX_TRAVEL_MINUTES} minutes.",
        )
    return WorkingHours(tuple(days), travel_minutes)


def save_working_hours(
    session: Session, drafts: list[WorkingDayDraft], travel_minutes: int
) -> Changes:
    from app.core.settings import set_setting

    hours = validate_working_hours(drafts, travel_minutes)
    set_setting(session, HOURS_KEY, json.dumps(hours.as_json()))
    return changes(Area.SETTINGS)


# ---------------------------------------------------------------- free time


def _booked(db: Session | Reader, today: date) -> list[FreeSlot]:
    """Visits in the signed schedules for the seven days from today, by weekday (a fortnightly
    visit counts every week: the directory shows a weekly pattern).

    One query for the week (Today asks this at start-up): each day's terms are chosen from it
    by the rule of `version_in_effect` (the latest signed version started by then, of a
    contract not ended; its own end date respected)."""
    last = today + timedelta(days=6)
    rows = reader(db).rows(
        "SELECT c.client_id, c.end_date, v.starts_on, v.version_no, v.id, v.ends_on, v.schedule"
        " FROM contract_version AS v JOIN contract AS c ON v.contract_id = c.id"
        f" WHERE v.status IN ({placeholders(len(SIGNED_STATES))}) AND v.starts_on <= ?"
        " AND (c.end_date IS NULL OR c.end_date >= ?)",
        (*(s.value for s in SIGNED_STATES), stored(last), stored(today)),
    )
    by_client: dict[int, list[_Version]] = defaultdict(list)
    for client_id, end_date, starts_on, version_no, version_id, ends_on, schedule in rows:
        by_client[client_id].append(
            _Version(
                day(starts_on) or date.min,  # never null: a version has its start
                version_no,
                version_id,
                day(end_date),
                day(ends_on),
                json.loads(schedule) if schedule else None,
            )
        )
    booked: set[FreeSlot] = set()
    for offset in range(7):
        on = today + timedelta(days=offset)
        for versions in by_client.values():
            in_force = [
                v
                for v in versions
                if v.starts_on <= on and (v.contract_end is None or v.contract_end >= on)
            ]
            if not in_force:
                continue
            version = max(in_force, key=lambda v: (v.starts_on, v.version_no, v.id))
            if version.ends_on is not None and version.ends_on < on:
                continue
            for weekday, start, end in map(_slot, version.schedule or []):
                if weekday == on.weekday():
                    booked.add(FreeSlot(weekday, start, end))
    return sorted(booked, key=lambda s: (s.weekday, s.start, s.end))


@dataclass(frozen=True)
class _Version:
    starts_on: date
    version_no: int
    id: int
    contract_end: date | None
    ends_on: date | None
    schedule: list[dict[str, Any]] | None


def _slot(d: dict[str, Any]) -> tuple[int, int, int]:
    """A stored schedule slot (ScheduleSlot.as_json) as its weekday and minutes after midnight."""
    start, end = time.fromisoformat(str(d["start"])), time.fromisoformat(str(d["end"]))
    return int(d["weekday"]), start.hour * 60 + start.minute, end.hour * 60 + end.minute


def availability(db: Session | Reader, today: date) -> Availability:
    db = reader(db)
    hours = get_working_hours(db)
    booked = _booked(db, today)
    free = [
        FreeSlot(weekday, start, end)
        for weekday in range(7)
        for start, end in free_spans(
            hours.day(weekday),
            [(b.start, b.end) for b in booked if b.weekday == weekday],
            hours.travel_minutes,
        )
    ]
    return Availability(hours, free, booked)


def mark_copied(session: Session, today: date) -> Changes:
    """The carer copied the free time into the directory: Today stops reminding until it
    changes again."""
    from app.core.settings import set_setting

    set_setting(session, COPIED_KEY, availability(session, today).text)
    return changes(Area.SETTINGS)


def copied_text(db: Session | Reader) -> str:
    return read_setting(db, COPIED_KEY)


def _directory_name(db: Session | Reader) -> str:
    from app.core.schemes import SCHEMES, Scheme

    scheme = reader(db).rows("SELECT scheme FROM business_profile LIMIT 1")
    directory = SCHEMES[Scheme(scheme[0][0])].directory if scheme else ""
    return directory or "the scheme's directory"


@plain_due_provider("availability")
def due(db: Session | Reader, today: date) -> list[DueItem]:
    db = reader(db)
    hours = get_working_hours(db)
    if not hours.days:
        return []
    text = availability(db, today).text
    copied = copied_text(db)
    if text == copied:
        return []
    what = "has changed since you last copied it" if copied else "has not been copied yet"
    return [
        DueItem(
            Area.SETTINGS,
            "Directory availability",
            f"Your free time {what}: update your profile on {_directory_name(db)} "
            "(Settings → Working hours and free time).",
            today,
            Urgency.SOON,
        )
    ]
