"""A visit's status and which of its times count, with no SQLAlchemy: Today reads visits before
the ORM has loaded (app/core/visits/due.py), and the model (app/core/visits/models.py) uses the
same names."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum


class VisitStatus(StrEnum):
    PLANNED = "planned"
    DELIVERED = "delivered"
    CANCELLED_BY_CLIENT = "cancelled_by_client"
    CANCELLED_BY_CARER = "cancelled_by_carer"  # carer ill or missed: never charged


STATUS_LABELS = {
    VisitStatus.PLANNED: "Planned",
    VisitStatus.DELIVERED: "Delivered",
    VisitStatus.CANCELLED_BY_CLIENT: "Cancelled by client",
    VisitStatus.CANCELLED_BY_CARER: "Missed (carer)",
}


def time_that_counts(status: str, planned: datetime, actual: datetime | None) -> datetime:
    """A visit's start (or end): the actual time when delivered and recorded, else the
    planned one."""
    if status == VisitStatus.DELIVERED and actual is not None:
        return actual
    return planned
