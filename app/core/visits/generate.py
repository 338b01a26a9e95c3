"""Planned visits from each client's contract schedule.

Each signed contract version is in force from its start date until the next version starts
(or the contract ends). Its weekly slots are repeated with dateutil's rrule (every week or
every other week, weeks counted from the version's start week) and turned from Europe/London
wall-clock times into UTC, so a 09:00 visit is at 09:00 in summer and in winter.

Generating is idempotent. For each client and day, visits already there are kept: a slot is
matched to a visit at the same start; a scheduled visit the carer moved to another time that
day still counts for its slot; cancelled visits stay cancelled. Planned scheduled visits left
from an older version (or after the contract ended) are replaced by the version in force.
A slot that would overlap another client's visit is not added but reported as a clash.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.changes import Area, Done, changes
from app.core.clients import Client
from app.core.contracts.models import Contract, ContractStatus, ContractVersion
from app.core.errors import LockedRecord, ValidationError
from app.core.formatting import LONDON
from app.core.visits.models import Visit, VisitStatus
from app.core.visits.services import (
    MAX_RANGE_DAYS,
    _check_range,
    check_guards,
    local_date,
    local_midnight,
    london_datetime,
    short_name,
)


@dataclass(frozen=True)
class PlannedSlot:
    """One visit a schedule asks for (aware UTC times)."""

    client_id: int
    contract_version_id: int
    start: datetime
    end: datetime
    specialist: bool

    @property
    def day(self) -> date:
        return local_date(self.start)


@dataclass(frozen=True)
class Clash:
    day: date
    start: datetime  # aware UTC
    client_name: str
    other_client_name: str

    def describe(self) -> str:
        s = self.start.astimezone(LONDON)
        return (
            f"{s:%a %d/%m/%Y %H:%M} {self.client_name}: overlaps the visit to "
            f"{self.other_client_name}"
        )


@dataclass
class GenerateResult:
    created: int = 0
    kept: int = 0
    removed: int = 0
    clashes: list[Clash] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.created} visit{'s' if self.created != 1 else ''} added"]
        if self.kept:
            parts.append(f"{self.kept} already there kept")
        if self.removed:
            parts.append(f"{self.removed} replaced by the agreement now in force")
        if self.clashes:
            parts.append(f"{len(self.clashes)} not added because they clash with another visit")
        return "; ".join(parts) + "."


def signed_versions(
    session: Session, client_ids: Iterable[int] | None = None
) -> dict[int, list[ContractVersion]]:
    """Every signed (or superseded) version per client, in the order they took effect."""
    stmt = (
        select(ContractVersion, Contract.client_id)
        .join(Contract, ContractVersion.contract_id == Contract.id)
        .where(ContractVersion.status.in_([ContractStatus.SIGNED, ContractStatus.SUPERSEDED]))
    )
    if client_ids is not None:
        stmt = stmt.where(Contract.client_id.in_(list(client_ids)))
    out: dict[int, list[ContractVersion]] = defaultdict(list)
    for version, client_id in session.execute(stmt):
        out[client_id].append(version)
    for versions in out.values():
        versions.sort(key=lambda v: (v.starts_on, v.version_no or 0, v.id))
    return out


def _windows(
    versions: list[ContractVersion], first: date, last: date
) -> list[tuple[ContractVersion, date, date]]:
    """(version, from, to): the days each version is the one in force within first..last."""
    out = []
    for i, version in enumerate(versions):
        later = [v.starts_on for v in versions[i + 1 :] if v.starts_on > version.starts_on]
        if any(v.starts_on == version.starts_on for v in versions[i + 1 :]):
            continue  # a later version starting the same day takes over at once
        until = min(later) - timedelta(days=1) if later else last
        ends = [until, last]
        if version.contract is not None and version.contract.end_date:
            ends.append(version.contract.end_date)
        ends_on: date | None = getattr(version, "ends_on", None)
        if ends_on is not None:
            ends.append(ends_on)
        a, b = max(version.starts_on, first), min(ends)
        if a <= b:
            out.append((version, a, b))
    return out


def _occurrences(version: ContractVersion, first: date, last: date):
    """(day, slot) pairs: dateutil rrule, weeks counted from the version start week."""
    from dateutil.rrule import WEEKLY, rrule, weekday

    slots = version.slots
    if not slots:
        return
    by_day: dict[int, list] = defaultdict(list)
    for slot in slots:
        by_day[slot.weekday].append(slot)
    rule = rrule(
        WEEKLY,
        interval=max(version.every_n_weeks or 1, 1),
        byweekday=[weekday(d) for d in sorted(by_day)],
        dtstart=datetime.combine(version.starts_on, datetime.min.time()),
        wkst=0,
    )
    for dt in rule.between(
        datetime.combine(first, datetime.min.time()),
        datetime.combine(last, datetime.min.time()),
        inc=True,
    ):
        for slot in sorted(by_day[dt.weekday()], key=lambda s: s.start):
            yield dt.date(), slot


def planned_slots(
    versions_by_client: dict[int, list[ContractVersion]], first: date, last: date
) -> list[PlannedSlot]:
    """Every visit the schedules ask for from `first` to `last` (London days, inclusive)."""
    out = []
    for client_id, versions in versions_by_client.items():
        for version, a, b in _windows(versions, first, last):
            for day, slot in _occurrences(version, a, b):
                start = london_datetime(day, slot.start)
                end = london_datetime(day, slot.end)
                if end <= start:  # past midnight
                    end = london_datetime(day + timedelta(days=1), slot.end)
                out.append(PlannedSlot(client_id, version.id, start, end, bool(slot.specialist)))
    out.sort(key=lambda p: (p.start, p.client_id))
    return out


def _version_on(windows: list[tuple[ContractVersion, date, date]], day: date) -> int | None:
    for version, a, b in windows:
        if a <= day <= b:
            return version.id
    return None


def generate_visits(
    session: Session, first_day: date, last_day: date, *, client_id: int | None = None
) -> Done[GenerateResult]:
    """Adds the planned visits the contracts ask for from first_day to last_day."""
    _check_range(first_day, last_day, max_days=MAX_RANGE_DAYS)
    if client_id is not None and session.get(Client, client_id) is None:
        raise ValidationError("client_id", "That client no longer exists; choose another.")
    versions = signed_versions(session, None if client_id is None else [client_id])
    wanted = planned_slots(versions, first_day, last_day)
    # an archived client has left the everyday list: their visits stay, no new ones are planned
    archived = set(session.scalars(select(Client.id).where(Client.archived_at.is_not(None))))
    wanted = [slot for slot in wanted if slot.client_id not in archived]
    windows = {cid: _windows(vs, first_day, last_day) for cid, vs in versions.items()}

    # Every visit near the range (all clients: the carer cannot be in two places).
    lo, hi = (
        local_midnight(first_day - timedelta(days=1)),
        local_midnight(last_day + timedelta(days=2)),
    )
    existing = list(
        session.scalars(select(Visit).where(Visit.planned_start >= lo, Visit.planned_start < hi))
    )
    names = {c.id: short_name(c) for c in session.scalars(select(Client))}
    result = GenerateResult()

    in_range = [
        v
        for v in existing
        if first_day <= local_date(v.planned_start) <= last_day
        and (client_id is None or v.client_id == client_id)
    ]
    # Planned scheduled visits from a version no longer in force that day: replace them.
    for visit in in_range:
        if (
            visit.status == VisitStatus.PLANNED
            and not visit.one_off
            and visit.contract_version_id is not None
        ):
            in_force = _version_on(
                windows.get(visit.client_id, []), local_date(visit.planned_start)
            )
            if in_force != visit.contract_version_id:
                try:
                    check_guards(session, visit, "delete")
                except LockedRecord:
                    continue
                session.delete(visit)
                existing.remove(visit)
                result.removed += 1
    scheduled: dict[tuple[int, date], list[Visit]] = defaultdict(list)
    for visit in existing:
        if not visit.one_off:
            scheduled[(visit.client_id, local_date(visit.planned_start))].append(visit)
    wanted_by_day: dict[tuple[int, date], list[PlannedSlot]] = defaultdict(list)
    for slot in wanted:
        wanted_by_day[(slot.client_id, slot.day)].append(slot)

    busy = [
        (v.start, v.end, v.client_id)
        for v in existing
        if v.status in (VisitStatus.PLANNED, VisitStatus.DELIVERED)
    ]
    new_visits = []
    for key, slots in sorted(wanted_by_day.items(), key=lambda kv: kv[1][0].start):
        have = list(scheduled.get(key, []))
        to_add = []
        for slot in slots:
            match = next((v for v in have if v.planned_start == slot.start), None)
            if match is not None:
                have.remove(match)
                result.kept += 1
            else:
                to_add.append(slot)
        for visit in have:  # moved by the carer: it still stands for the nearest slot
            if not to_add:
                break
            nearest = min(to_add, key=lambda s: abs(s.start - visit.planned_start))
            to_add.remove(nearest)
            result.kept += 1
        for slot in to_add:
            other = next(((s, e, c) for s, e, c in busy if s < slot.end and slot.start < e), None)
            if other is not None:
                result.clashes.append(
                    Clash(
                        slot.day, slot.start, names.get(slot.client_id, ""), names.get(other[2], "")
                    )
                )
                continue
            busy.append((slot.start, slot.end, slot.client_id))
            new_visits.append(
                Visit(
                    client_id=slot.client_id,
                    contract_version_id=slot.contract_version_id,
                    planned_start=slot.start,
                    planned_end=slot.end,
                    status=VisitStatus.PLANNED,
                    one_off=False,
                    specialist=slot.specialist,
                    miles_tenths=0,
                    note="",
                    late_cancel_charge_pence=0,
                )
            )
    session.add_all(new_visits)
    session.flush()
    result.created = len(new_visits)
    return Done(result, changes(Area.VISITS))


PLAN_AHEAD_WEEKS = 8


def first_unplanned_day(session: Session, today: date) -> date:
    """Where "Plan from schedules" should start: the start of the earliest signed version
    that has no visit yet (so an agreement that began weeks ago gets its past weeks too),
    otherwise today. Never further back than one action may cover."""
    planned = select(Visit.id).where(Visit.contract_version_id == ContractVersion.id).exists()
    starts = session.scalars(
        select(ContractVersion.starts_on)
        .join(Contract, ContractVersion.contract_id == Contract.id)
        .join(Client, Contract.client_id == Client.id)
        .where(
            ContractVersion.status == ContractStatus.SIGNED,
            Client.archived_at.is_(None),
            ~planned,
        )
    ).all()
    last = today + timedelta(weeks=PLAN_AHEAD_WEEKS) - timedelta(days=1)
    earliest = min([s for s in starts if s is not None and s <= today] + [today])
    return max(earliest, last - timedelta(days=MAX_RANGE_DAYS))


def plan_from_start(session: Session, contract_id: int, *, today: date) -> Done[GenerateResult]:
    """After signing: the client's planned visits from the signed version's start date (past
    weeks included) to PLAN_AHEAD_WEEKS weeks ahead. Idempotent like generate_visits."""
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise ValidationError("contract_id", "That agreement no longer exists.")
    signed = [v for v in contract.versions if v.status == ContractStatus.SIGNED]
    if not signed:
        raise ValidationError("contract_id", "The agreement is not signed yet.")
    start = min(v.starts_on for v in signed)
    last = max(today, start) + timedelta(weeks=PLAN_AHEAD_WEEKS) - timedelta(days=1)
    first = max(start, last - timedelta(days=MAX_RANGE_DAYS))
    return generate_visits(session, first, last, client_id=contract.client_id)
