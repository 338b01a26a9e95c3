"""Demo visits: the demo contracts' schedules over ctx.years up to four weeks ahead.

Past visits are mostly delivered (actual times a few minutes off the plan, 1–12 miles);
a few were cancelled by the client (some late and charged), a few missed by the carer,
including one week off ill; a few one-off visits. Deterministic (ctx.rng only) and quick:
the schedule is worked out in memory and written with one bulk insert.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.core.contracts.in_force import version_in_effect
from app.core.pricing import price_visit, round_half_up_div
from app.core.visits.generate import planned_slots, signed_versions
from app.core.visits.models import Visit, VisitStatus
from app.core.visits.services import local_midnight, london_datetime
from app.demo import DemoContext

WEEKS_AHEAD = 4
ONE_OFF_NOTES = [
    "Extra visit: hospital appointment",
    "Cover for family away",
    "Help after a fall",
    "Shopping trip",
]
NOTES = ["", "", "", "", "All well", "Tired today", "Prompted lunch", "Walk to the shop"]


class _Busy:
    """The carer's booked time, per London day, to keep demo visits from overlapping."""

    def __init__(self) -> None:
        self.by_day: dict[date, list[tuple[datetime, datetime]]] = defaultdict(list)

    def free(self, start: datetime, end: datetime) -> bool:
        day = start.date()
        return not any(
            s < end and start < e
            for d in (day - timedelta(days=1), day, day + timedelta(days=1))
            for s, e in self.by_day.get(d, ())
        )

    def book(self, start: datetime, end: datetime) -> None:
        self.by_day[start.date()].append((start, end))


def extend(session: Session, ctx: DemoContext) -> str:
    rng = ctx.rng
    first = date(ctx.today.year - ctx.years, ctx.today.month, 1)
    last = ctx.today + timedelta(weeks=WEEKS_AHEAD)
    versions = signed_versions(session, ctx.client_ids or None)
    by_id = {v.id: v for vs in versions.values() for v in vs}
    slots = planned_slots(versions, first, last)
    today_start = local_midnight(ctx.today)
    created = today_start
    # One week off ill, a few months back.
    ill_monday = (
        ctx.today - timedelta(days=ctx.today.weekday()) - timedelta(weeks=rng.randint(8, 20))
    )
    ill_days = {ill_monday + timedelta(days=i) for i in range(5)}
    busy = _Busy()
    rows: list[dict[str, object]] = []
    counts: dict[str, int] = defaultdict(int)

    def add(
        client_id: int,
        version_id: int | None,
        start: datetime,
        end: datetime,
        specialist: bool,
        one_off: bool,
        note: str = "",
    ) -> None:
        row: dict[str, object] = dict(
            client_id=client_id,
            contract_version_id=version_id,
            planned_start=start,
            planned_end=end,
            actual_start=None,
            actual_end=None,
            status=VisitStatus.PLANNED,
            one_off=one_off,
            specialist=specialist,
            miles_tenths=0,
            note=note,
            cancelled_at=None,
            late_cancel_charge_pence=0,
            created_at=created,
        )
        day = start.date()
        roll = rng.random()
        if start >= today_start:
            if roll < 0.02:
                row.update(
                    status=VisitStatus.CANCELLED_BY_CLIENT,
                    cancelled_at=today_start - timedelta(hours=rng.randint(2, 48)),
                )
                counts["cancelled_by_client"] += 1
        elif day in ill_days:
            row.update(
                status=VisitStatus.CANCELLED_BY_CARER,
                cancelled_at=local_midnight(ill_monday) + timedelta(hours=7),
            )
            counts["cancelled_by_carer"] += 1
        elif roll < 0.015:
            row.update(
                status=VisitStatus.CANCELLED_BY_CARER,
                cancelled_at=start - timedelta(hours=rng.randint(1, 6)),
            )
            counts["cancelled_by_carer"] += 1
        elif roll < 0.05:
            late = rng.random() < 0.5
            hours = rng.randint(1, 12) if late else rng.randint(30, 96)
            charge = 0
            version = by_id.get(version_id) if version_id else None
            if late and version is not None and hours < (version.late_cancel_hours or 0):
                price = price_visit(version.rate_card, start, end, specialist=specialist)
                charge = round_half_up_div(
                    price.amount_pence * (version.late_cancel_percent or 0), 100
                )
            row.update(
                status=VisitStatus.CANCELLED_BY_CLIENT,
                cancelled_at=start - timedelta(hours=hours),
                late_cancel_charge_pence=charge,
            )
            counts["cancelled_by_client"] += 1
            counts["late_charged"] += 1 if charge else 0
        else:
            a = start + timedelta(minutes=rng.randint(-5, 5))
            b = end + timedelta(minutes=rng.randint(-3, 8))
            row.update(
                status=VisitStatus.DELIVERED,
                actual_start=a,
                actual_end=b,
                miles_tenths=rng.randint(10, 120),
                note=note or rng.choice(NOTES),
            )
            counts["delivered"] += 1
        busy.book(start, end)
        rows.append(row)

    for slot in slots:
        if busy.free(slot.start, slot.end):
            add(
                slot.client_id,
                slot.contract_version_id,
                slot.start,
                slot.end,
                slot.specialist,
                False,
            )
    # About one one-off a month, on a day and time that is free.
    months = max(1, (last - first).days // 30)
    clients = sorted(versions)
    for _ in range(months):
        if not clients:
            break
        client_id = rng.choice(clients)
        day = first + timedelta(days=rng.randint(0, (last - first).days))
        hour = rng.choice([11, 13, 14, 15, 16])
        start = london_datetime(day, time(hour, 0))
        end = start + timedelta(minutes=rng.choice([60, 90, 120]))
        if not busy.free(start, end):
            continue
        version = version_in_effect(session, client_id, day)  # the one invoicing uses
        if version is None:  # no terms in force that day: no rate to invoice at
            continue
        add(client_id, version.id, start, end, False, True, rng.choice(ONE_OFF_NOTES))
        counts["one_off"] += 1
    if rows:
        session.execute(insert(Visit), rows)
    session.flush()
    ctx.notes["visits_ill_week"] = ill_monday
    ctx.notes["visits_range"] = (first, last)
    return (
        f"{len(rows)} visits ({counts['delivered']} delivered, "
        f"{counts['cancelled_by_client']} cancelled by clients, "
        f"{counts['cancelled_by_carer']} missed, {counts['one_off']} one-offs)"
    )
