"""Planned visits that an agreement no longer asks for, once its terms change.

When notice is given, a version with an end date is signed, or newer terms take over, the
visits planned from the old schedule after that point are deleted, as "Plan from schedules"
already replaces them. Deleted, not marked cancelled: a planned visit is only the schedule's
forecast, not a record of anything that happened; the notice and the signed versions are the
record. A cancelled status would say the client (charges may follow) or the carer (missed)
called a visit off, which neither did, and it would be counted as such in the client's
visits and timesheets. Delivered, cancelled and invoiced visits are never touched, and
one-off visits the carer added by hand are kept and counted, for the carer to decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.contracts.models import SIGNED_STATES, Contract
from app.core.errors import LockedRecord
from app.core.formatting import format_date, plural
from app.core.visits.generate import _version_on, _windows
from app.core.visits.models import Visit, VisitStatus
from app.core.visits.services import check_guards, local_date

FAR_FUTURE = date(9999, 12, 31)


@dataclass(frozen=True)
class ClearedVisits:
    """What clear_visits_outside_terms did for one agreement."""

    last_day: date | None = None
    after_end: int = 0  # planned visits after the last day, deleted
    replaced: int = 0  # planned visits of earlier terms on days newer terms cover, deleted
    one_offs_after_end: int = 0  # planned one-off visits after the last day, kept

    @property
    def removed(self) -> int:
        return self.after_end + self.replaced

    def summary(self) -> str:
        """Plain words for the carer, or "" when nothing was touched."""
        parts = []
        if self.after_end and self.last_day is not None:
            parts.append(
                f"{plural(self.after_end, 'planned visit')} after "
                f"{format_date(self.last_day)} removed."
            )
        if self.replaced:
            parts.append(
                f"{plural(self.replaced, 'planned visit')} under the earlier terms removed."
            )
        if self.one_offs_after_end and self.last_day is not None:
            parts.append(
                f"{plural(self.one_offs_after_end, 'one-off visit')} after "
                f"{format_date(self.last_day)} kept: check "
                f"{'it' if self.one_offs_after_end == 1 else 'them'} in Visits."
            )
        return " ".join(parts)


def clear_visits_outside_terms(session: Session, contract_id: int) -> ClearedVisits:
    """Deletes this agreement's planned scheduled visits on days its signed terms no longer
    give them: after its last day, or where a newer version is in force. Flushes; the
    caller names Area.VISITS among its changes when `removed` is not 0."""
    contract = session.get(Contract, contract_id)
    if contract is None:
        return ClearedVisits()
    versions = sorted(
        (v for v in contract.versions if v.status in SIGNED_STATES),
        key=lambda v: (v.starts_on, v.version_no or 0, v.id),
    )
    if not versions:
        return ClearedVisits(last_day=contract.end_date)
    windows = _windows(versions, versions[0].starts_on, FAR_FUTURE)
    ids = [v.id for v in versions]
    planned = session.scalars(
        select(Visit)
        .where(Visit.contract_version_id.in_(ids), Visit.status == VisitStatus.PLANNED)
        .order_by(Visit.planned_start)
    )
    end = contract.end_date
    after_end = replaced = one_offs = 0
    for visit in planned:
        day = local_date(visit.planned_start)
        ended = end is not None and day > end
        if visit.one_off:
            one_offs += ended
            continue
        if _version_on(windows, day) == visit.contract_version_id:
            continue
        try:
            check_guards(session, visit, "delete")
        except LockedRecord:
            continue
        session.delete(visit)
        if ended:
            after_end += 1
        else:
            replaced += 1
    session.flush()
    return ClearedVisits(
        last_day=end, after_end=after_end, replaced=replaced, one_offs_after_end=one_offs
    )
