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
