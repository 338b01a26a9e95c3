"""The portfolio's `daybook check`: every attached file still has all its bytes."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.checks import integrity_check
from app.core.portfolio.models import PortfolioFile


@integrity_check("portfolio")
def check_files(session: Session) -> list[str]:
    """Every attached file still has all its bytes."""
    rows = session.execute(
        select(PortfolioFile.id, PortfolioFile.size, func.length(PortfolioFile.content))
    )
    return [
        f"portfolio file {fid} has {actual or 0} bytes, {size} expected"
        for fid, size, actual in rows
        if (actual or 0) != size
    ]
