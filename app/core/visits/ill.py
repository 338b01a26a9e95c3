"""“I'm ill”: cancel the planned visits in a date range and list who to tell, with Plan B."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.changes import Area, Done, changes
from app.core.clients import Client
from app.core.contracts.plan_b import plan_b_contacts_for
from app.core.errors import LockedRecord
from app.core.visits.models import Visit, VisitStatus
from app.core.visits.services import (
    VisitRow,
    _aware,
    _check_range,
    check_guards,
    local_midnight,
    row_of,
)

MAX_ILL_DAYS = 366
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class PlanBRow:
    name: str
    phone: str
    kind: str  # "arranges_cover" | "provider"

    @property
    def kind_label(self) -> str:
        return "Arranges cover" if self.kind == "arranges_cover" else "Care provider"


@dataclass
class ClientToTell:
    client_id: int
    client_name: str
    client_phone: str
    visits: list[VisitRow] = field(default_factory=list)
    plan_b: list[PlanBRow] = field(default_factory=list)
    emergency_contacts: list[PlanBRow] = field(default_factory=list)


@dataclass
class IllResult:
    first_day: date
    last_day: date
    clients: list[ClientToTell] = field(default_factory=list)
    kept_locked: int = 0  # visits a guard would not let us cancel

    @property
    def cancelled(self) -> int:
        return sum(len(c.visits) for c in self.clients)


def plan_b_for(session: Session, client_id: int) -> list[PlanBRow]:
    """The client's Plan B contacts: who arranges cover first, then providers."""
    contacts = plan_b_contacts_for(session, client_id)
    rows = [PlanBRow(c.name, c.phone or "", c.kind or "") for c in contacts]
    rows.sort(key=lambda r: r.kind != "arranges_cover")
    return rows


def planned_in_range(session: Session, first_day: date, last_day: date) -> list[Visit]:
    return list(
        session.scalars(
            select(Visit)
            .where(
                Visit.status == VisitStatus.PLANNED,
                Visit.planned_start >= local_midnight(first_day),
                Visit.planned_start < local_midnight(last_day + _ONE_DAY),
            )
            .order_by(Visit.planned_start)
        )
    )


def mark_carer_ill(
    session: Session, first_day: date, last_day: date, *, now: datetime | None = None
) -> Done[IllResult]:
    """Cancels every planned visit from first_day to last_day (London days, inclusive) as
    missed by the carer (never charged) and returns, per client, the visits and who to call.
    Delivered and already cancelled visits are left as they are."""
    from app.core.base import utcnow

    _check_range(first_day, last_day, max_days=MAX_ILL_DAYS)
    when = _aware(now, "now", "time") if now is not None else utcnow()
    result = IllResult(first_day, last_day)
    by_client: dict[int, ClientToTell] = {}
    for visit in planned_in_range(session, first_day, last_day):
        try:
            check_guards(session, visit, "cancel")
        except LockedRecord:
            result.kept_locked += 1
            continue
        visit.status = VisitStatus.CANCELLED_BY_CARER
        visit.cancelled_at = when
        visit.late_cancel_charge_pence = 0
        client: Client = visit.client
        entry = by_client.get(client.id)
        if entry is None:
            entry = by_client[client.id] = ClientToTell(
                client.id,
                client.name,
                client.phone or "",
                plan_b=plan_b_for(session, client.id),
                emergency_contacts=[
                    PlanBRow(c.name, c.phone or "", "emergency") for c in client.emergency_contacts
                ],
            )
        entry.visits.append(row_of(visit, client))
    session.flush()
    result.clients = sorted(by_client.values(), key=lambda c: c.visits[0].start)
    return Done(result, changes(Area.VISITS))
