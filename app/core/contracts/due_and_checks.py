"""What `daybook check` verifies about agreements (what Today shows about them: due.py)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.checks import integrity_check
from app.core.contracts.models import Contract, ContractStatus


@integrity_check("contracts")
def check(session: Session) -> list[str]:
    problems = []
    for c in session.scalars(select(Contract).order_by(Contract.id)):
        unsigned = [ver for ver in c.versions if not ver.locked]
        if len(unsigned) > 1:
            problems.append(f"contract {c.id} has {len(unsigned)} unsigned versions")
        signed_now = [ver for ver in c.versions if ver.status == ContractStatus.SIGNED]
        if len(signed_now) > 1:
            problems.append(f"contract {c.id} has {len(signed_now)} current signed versions")
        for ver in c.versions:
            if ver.locked and not ver.signed_pdf:
                problems.append(
                    f"contract {c.id} version {ver.version_no} is signed but its PDF is missing"
                )
        if not c.versions:
            problems.append(f"contract {c.id} has no versions")
    return problems
