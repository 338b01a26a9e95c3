"""`daybook check` names visits that cannot be right (one pass over the table finds all three)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from app.core.checks import run_checks
from app.core.clients import Client
from app.core.visits.models import Visit, VisitStatus

NINE = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _visit(client: Client, **values: object) -> Visit:
    fields: dict[str, object] = {
        "client": client,
        "planned_start": NINE,
        "planned_end": NINE + timedelta(hours=1),
        "status": VisitStatus.PLANNED,
    }
    fields.update(values)
    return Visit(**fields)


def test_a_clean_visits_table_passes(session: Session) -> None:
    client = Client(name="Ada Lovelace", search_key="ada lovelace")
    session.add_all(
        [
            _visit(client),
            _visit(
                client,
                status=VisitStatus.DELIVERED,
                actual_start=NINE,
                actual_end=NINE + timedelta(hours=1),
            ),
            _visit(client, status=VisitStatus.CANCELLED_BY_CLIENT, late_cancel_charge_pence=1500),
        ]
    )
    session.flush()
    assert run_checks(session)["visits"] == []


def test_each_kind_of_wrong_visit_is_counted(session: Session) -> None:
    client = Client(name="Ada Lovelace", search_key="ada lovelace")
    session.add_all(
        [
            _visit(client, planned_end=NINE - timedelta(minutes=5)),
            _visit(client, planned_end=NINE),
            _visit(client, status=VisitStatus.DELIVERED, actual_start=NINE),
            _visit(client, status=VisitStatus.CANCELLED_BY_CARER, late_cancel_charge_pence=900),
        ]
    )
    session.flush()
    assert run_checks(session)["visits"] == [
        "2 visit(s) end before they start",
        "1 delivered visit(s) have no actual times",
        "1 visit(s) carry a late-cancellation charge but were not cancelled by the client",
    ]
