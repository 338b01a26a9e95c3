"""What `daybook check` verifies about final records: the seals, and that every guard
trigger the database should have is still there."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.checks import integrity_check
from app.core.sealing.guards import missing_triggers
from app.core.sealing.seals import verify_seals


@integrity_check("sealed records")
def _seals(session: Session) -> list[str]:
    return verify_seals(session)


@integrity_check("database guards")
def _guards(session: Session) -> list[str]:
    present = set(
        session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all()
    )
    return [
        f"the database guard {name} is missing, so final records could be changed unseen"
        for name in missing_triggers(present)
    ]
