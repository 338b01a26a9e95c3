"""Counting visits by London day, through a Session or a plain Reader (Today reads it before
the ORM has loaded)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.core.formatting import local_midnight
from app.core.reading import Reader, reader, scalar, stored
from app.core.visits.status import VisitStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def count_visits(
    db: Session | Reader,
    start: date,
    end: date,
    client_id: int | None = None,
    status: VisitStatus | str | None = None,
) -> int:
    """How many visits are planned to start from `start` to `end` (London days, both
    included), of one client and in one status when given."""
    sql = "SELECT count(id) FROM visit WHERE planned_start >= ? AND planned_start < ?"
    params: list[object] = [
        stored(local_midnight(start)),
        stored(local_midnight(end + timedelta(days=1))),
    ]
    if client_id is not None:
        sql += " AND client_id = ?"
        params.append(client_id)
    if status:
        sql += " AND status = ?"
        params.append(VisitStatus(status).value)
    return int(scalar(reader(db), sql, params) or 0)
