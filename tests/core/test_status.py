"""Self-employed status: the figures and the two warnings (a warning, never a block)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.status import (
    WARN_INCOME_SHARE,
    WARN_SINGLE_CLIENT,
    figures_as_json,
    figures_from,
    status_figures,
)
from app.storage.database import Store
from tests.conftest import TODAY

END = date(2026, 11, 25)


def _months(*clients_per_month: set[int]) -> dict[date, set[int]]:
    """Newest month first, from November 2026 back."""
    out = {}
    for back, clients in enumerate(clients_per_month):
        index = 2026 * 12 + 10 - back
        out[date(index // 12, index % 12 + 1, 1)] = clients
    return out


# Source: issue 22 and the Staffordshire scheme FAQ (shared/seeds): "a PA usually works for
# one person or family and is legally treated as an employee"; warn "when there has been only
# one client for over 3 months, or one client has over 80% of the income".
@pytest.mark.parametrize(
    ("income", "months", "warnings"),
    [
        ({1: 800, 2: 200}, _months({1, 2}), []),  # exactly 80%: not over
        ({1: 801, 2: 199}, _months({1, 2}), [WARN_INCOME_SHARE]),
        ({1: 1000}, _months({1}, {1}, {1}), [WARN_INCOME_SHARE]),  # 3 months: not over 3
        ({1: 500, 2: 500}, _months({1}, {1}, {1}, {1}), [WARN_SINGLE_CLIENT]),  # 4 months
        ({1: 500, 2: 500}, _months(set(), {1}, {1}, {1}, {1}), [WARN_SINGLE_CLIENT]),  # none yet
        ({1: 500, 2: 500}, _months({1}, {1}, {2}, {2}), []),  # one at a time, but not the same
        ({1: 500, 2: 500}, _months({1}, {1, 2}, {1}, {1}, {1}), []),
        ({}, {}, []),  # a new business: no figures, no warnings
    ],
)
def test_warnings(
    income: dict[int, int], months: dict[date, set[int]], warnings: list[str]
) -> None:
    f = figures_from(date(2025, 12, 1), END, income, {}, months)
    assert f.warnings == warnings


def test_shares_and_counts() -> None:
    f = figures_from(
        date(2025, 12, 1),
        END,
        {1: 3000, 2: 1000},
        {1: 120, 2: 360, 3: 120},
        _months({1, 2}, {3}, {1}),
    )
    assert f.largest_client_share_income == 0.75
    assert f.largest_client_share_hours == 0.6
    assert f.active_clients_12m == 3
    assert f.single_client_months == 2
    assert set(figures_as_json(f)) == {
        "active_clients_12m",
        "largest_client_share_income",
        "largest_client_share_hours",
        "single_client_months",
        "warnings",
    }


def test_status_of_the_demo_business(demo_store: Store) -> None:
    with demo_store.reading() as s:
        f = status_figures(s, TODAY)
    assert f.active_clients_12m >= 8
    assert 0 < f.largest_client_share_income < 0.8
    assert 0 < f.largest_client_share_hours < 0.8
    assert f.warnings == []


def test_hours_are_the_times_recorded_where_there_are_any(session) -> None:  # type: ignore[no-untyped-def]
    """A delivered visit counts its actual times when recorded, else its planned ones; the
    month is the one it actually started in."""
    from datetime import datetime, timedelta

    from app.core.formatting import LONDON
    from app.core.visits.models import Visit, VisitStatus
    from tests.core.test_visits import make_client

    long_stay, usual = make_client(session, "Long Stay"), make_client(session, "Usual")
    planned = datetime(2026, 11, 2, 9, 0, tzinfo=LONDON)
    session.add_all(
        [
            Visit(  # booked for an hour, stayed three
                client_id=long_stay.id,
                planned_start=planned,
                planned_end=planned + timedelta(hours=1),
                actual_start=planned,
                actual_end=planned + timedelta(hours=3),
                status=VisitStatus.DELIVERED,
            ),
            Visit(  # two hours as planned, nothing recorded
                client_id=usual.id,
                planned_start=planned + timedelta(days=1),
                planned_end=planned + timedelta(days=1, hours=2),
                status=VisitStatus.DELIVERED,
            ),
            Visit(  # planned on 1 November, delivered on 31 October
                client_id=usual.id,
                planned_start=datetime(2026, 11, 1, 9, 0, tzinfo=LONDON),
                planned_end=datetime(2026, 11, 1, 10, 0, tzinfo=LONDON),
                actual_start=datetime(2026, 10, 31, 9, 0, tzinfo=LONDON),
                actual_end=datetime(2026, 10, 31, 10, 0, tzinfo=LONDON),
                status=VisitStatus.DELIVERED,
            ),
        ]
    )
    session.flush()
    f = status_figures(session, TODAY)
    assert f.largest_client_share_hours == 0.5  # 3 h of 6 h (the planned times would give 3 of 4)
    assert f.active_clients_12m == 2
    assert f.single_client_months == 1  # October: only Usual; November: both
