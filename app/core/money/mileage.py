"""The mileage log and the simplified mileage allowance (45p, then 25p after 10,000 miles).

The allowance is worked out across the tax year in date order on the running total of miles,
so a journey that crosses the 10,000-mile mark is split exactly, and the year's total is the
same however the miles are split into journeys: each journey's allowance is the difference
between the allowance on the running total after it and before it (each rounded half-up to
the penny), so the journeys always add up to the allowance on the year's miles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record
from app.core.changes import Area, Changes, changes
from app.core.errors import ValidationError
from app.core.formatting import LONDON
from app.core.money import common
from app.core.money.models import MileageJourney
from app.core.money.tax_rates import TaxRates
from app.core.money.tax_year import TaxYear

MAX_JOURNEY_TENTHS = 1_000 * 10  # 1,000 miles in one journey: surely a slip


def parse_miles(text: str, field: str = "miles_tenths") -> int:
    """'12.5' -> 125 (tenths of a mile)."""
    cleaned = (text or "").strip().lower().removesuffix("miles").removesuffix("mi").strip()
    cleaned = cleaned.replace(",", "")
    if not cleaned:
        raise ValidationError(field, "Enter the miles, for example 12.5.")
    if not re.fullmatch(r"-?\d+(\.\d*)?|-?\.\d+", cleaned):
        raise ValidationError(field, f"“{text.strip()[:20]}” is not a number of miles.")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(field, f"“{text.strip()[:20]}” is not a number of miles.") from None
    if value <= 0:
        raise ValidationError(field, "The miles must be more than 0.")
    if value * 10 != int(value * 10):
        raise ValidationError(field, "Give the miles to one decimal place, like 12.5.")
    return int(value * 10)


def format_miles(tenths: int) -> str:
    whole, tenth = divmod(tenths, 10)
    return f"{whole:,}.{tenth}"


def allowance_on_total(rates: TaxRates, total_tenths: int) -> int:
    """The allowance in pence on `total_tenths` of business miles in the year (half-up)."""
    limit = rates.mileage_threshold_miles * 10
    first = min(total_tenths, limit)
    after = max(0, total_tenths - limit)
    tenth_pence = (
        first * rates.mileage_first_pence_per_mile + after * rates.mileage_after_pence_per_mile
    )
    return (tenth_pence + 5) // 10


def allowances_in_order(rates: TaxRates, tenths: list[int]) -> list[int]:
    """The allowance for each journey in date order; they add up to the allowance on the total."""
    out, running, before = [], 0, 0
    for t in tenths:
        running += t
        after = allowance_on_total(rates, running)
        out.append(after - before)
        before = after
    return out


@dataclass
class JourneyDraft:
    travelled_on: date | None = None
    from_place: str = ""
    to_place: str = ""
    purpose: str = ""
    miles_tenths: int | None = None
    client_id: int | None = None


@dataclass(frozen=True)
class MileageRow:
    source: str  # "journey" (editable) or "visit" (from the visit log, read-only)
    record_id: int
    travelled_on: date
    from_place: str
    to_place: str
    purpose: str
    miles_tenths: int
    client_id: int | None
    client_name: str
    allowance_pence: int = 0

    @property
    def read_only(self) -> bool:
        return self.source != "journey"


def _apply(j: MileageJourney, draft: JourneyDraft, session: Session, *, today: date) -> None:
    j.travelled_on = common.record_date(draft.travelled_on, "travelled_on", "date", today=today)
    j.from_place = v.required_text(draft.from_place, "from_place", "place you set off from")
    j.to_place = v.required_text(draft.to_place, "to_place", "place you went to")
    j.purpose = v.required_text(draft.purpose, "purpose", "purpose of the journey")
    miles = draft.miles_tenths
    if miles is None:
        raise ValidationError("miles_tenths", "Enter the miles, for example 12.5.")
    if isinstance(miles, bool) or not isinstance(miles, int) or miles <= 0:
        raise ValidationError("miles_tenths", "The miles must be more than 0.")
    if miles > MAX_JOURNEY_TENTHS:
        raise ValidationError(
            "miles_tenths", "That is more than 1,000 miles for one journey; check the figure."
        )
    j.miles_tenths = miles
    if draft.client_id is not None:
        from app.core.clients import Client

        if session.get(Client, draft.client_id) is None:
            raise ValidationError("client_id", "Choose a client from the list.")
    j.client_id = draft.client_id


def add_journey(session: Session, draft: JourneyDraft, *, today: date) -> MileageJourney:
    j = MileageJourney()
    _apply(j, draft, session, today=today)
    session.add(j)
    session.flush()
    return j


def update_journey(
    session: Session, journey_id: int, draft: JourneyDraft, *, today: date
) -> Changes:
    j = get_record(
        session, MileageJourney, journey_id, f"There is no journey with number {journey_id}."
    )
    _apply(j, draft, session, today=today)
    session.flush()
    return changes(Area.MONEY)


def delete_journey(session: Session, journey_id: int) -> Changes:
    j = get_record(
        session, MileageJourney, journey_id, f"There is no journey with number {journey_id}."
    )
    session.delete(j)
    session.flush()
    return changes(Area.MONEY)


def _utc_bounds(year: TaxYear) -> tuple[datetime, datetime]:
    start = datetime.combine(year.start, time(0), LONDON)
    end = datetime.combine(year.next().start, time(0), LONDON)
    return start, end


def visit_miles(session: Session, year: TaxYear) -> list[MileageRow]:
    """Miles recorded on delivered visits in the tax year (read-only rows)."""
    try:
        from app.core.visits.models import Visit, VisitStatus
    except ImportError:  # the visit log is not in this build
        return []
    start, end = _utc_bounds(year)
    when = func.coalesce(Visit.actual_start, Visit.planned_start)
    stmt = select(
        Visit.id, Visit.actual_start, Visit.planned_start, Visit.miles_tenths, Visit.client_id
    ).where(
        Visit.status == VisitStatus.DELIVERED, Visit.miles_tenths > 0, when >= start, when < end
    )
    rows = []
    for vid, actual, planned, tenths, client_id in session.execute(stmt):
        day: date = (actual or planned).astimezone(LONDON).date()
        if not year.contains(day):
            continue
        rows.append(
            MileageRow(
                "visit",
                vid,
                day,
                "",
                "Client's home",
                "Visit (from the visit log)",
                tenths,
                client_id,
                "",
            )
        )
    return rows


def mileage_log(session: Session, year: TaxYear, rates: TaxRates | None = None) -> list[MileageRow]:
    """Every business journey in the tax year in date order (journeys entered by hand, then
    visits on the same day), with its share of the mileage allowance when `rates` is given."""
    from app.core.clients import Client

    stmt = select(MileageJourney).where(
        MileageJourney.travelled_on >= year.start, MileageJourney.travelled_on <= year.end
    )
    rows = [
        MileageRow(
            "journey",
            j.id,
            j.travelled_on,
            j.from_place,
            j.to_place,
            j.purpose,
            j.miles_tenths,
            j.client_id,
            "",
        )
        for j in session.scalars(stmt)
    ]
    rows += visit_miles(session, year)
    rows.sort(key=lambda r: (r.travelled_on, r.source != "journey", r.record_id))
    ids = {r.client_id for r in rows if r.client_id is not None}
    names: dict[int, str] = {}
    if ids:
        for cid, name in session.execute(select(Client.id, Client.name).where(Client.id.in_(ids))):
            names[cid] = name
    amounts = (
        allowances_in_order(rates, [r.miles_tenths for r in rows]) if rates else [0] * len(rows)
    )
    return [
        replace(r, client_name=names.get(r.client_id, "") if r.client_id else "", allowance_pence=a)
        for r, a in zip(rows, amounts, strict=True)
    ]
