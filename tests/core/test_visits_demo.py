"""The demo visits: deterministic, varied, no overlaps, consistent with the contracts."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from app.core.contracts.models import Contract, ContractStatus, ContractVersion
from app.core.formatting import LONDON
from app.core.visits.models import Visit, VisitStatus
from app.demo import DemoContext
from app.storage.database import Store
from app.storage.opening import open_store
from tests.conftest import TEST_KEY, TODAY

SCHEDULES = [
    [(0, "09:00", "10:00"), (3, "09:00", "10:00")],
    [(1, "11:00", "12:30")],
    [(d, "18:00", "18:45") for d in range(7)],
    [(2, "14:00", "15:00"), (4, "14:00", "15:00")],
]


def _contracts(session, ctx: DemoContext) -> None:  # type: ignore[no-untyped-def]
    """Signed contracts for four demo clients (in case the contracts demo is not there)."""
    if session.scalar(select(func.count(ContractVersion.id))):
        return
    for i, slots in enumerate(SCHEDULES):
        contract = Contract(client_id=ctx.client_ids[i])
        session.add(contract)
        session.flush()
        session.add(
            ContractVersion(
                contract_id=contract.id,
                version_no=1,
                status=ContractStatus.SIGNED,
                starts_on=TODAY - timedelta(days=365 * ctx.years + 40),
                every_n_weeks=2 if i == 3 else 1,
                standard_rate_pence=2400,
                schedule=[{"weekday": d, "start": s, "end": e} for d, s, e in slots],
                late_cancel_hours=24,
                late_cancel_percent=100,
            )
        )
    session.flush()


def build(data_dir: Path, years: int = 1) -> tuple[Store, str]:
    import app.demo.clients as clients_demo
    import app.demo.visits as visits_demo

    store = open_store(data_dir, TEST_KEY)
    ctx = DemoContext(rng=random.Random(2026), today=TODAY, years=years)
    with store.unit_of_work() as s:
        clients_demo.extend(s, ctx)
        _contracts(s, ctx)
    with store.unit_of_work() as s:
        summary = visits_demo.extend(s, ctx)
    return store, summary


def test_demo_visits_are_varied_deterministic_and_never_overlap(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    store, summary = build(tmp_path / "a")
    again, summary_again = build(tmp_path / "b")
    try:
        assert summary == summary_again
        with store.reading() as s:
            visits = list(s.scalars(select(Visit).order_by(Visit.planned_start)))
            s.expunge_all()
        statuses = {v.status for v in visits}
        assert statuses == set(VisitStatus)
        today_start = TODAY
        past = [v for v in visits if v.planned_start.astimezone(LONDON).date() < today_start]
        future = [v for v in visits if v.planned_start.astimezone(LONDON).date() >= today_start]
        delivered = [v for v in past if v.status == VisitStatus.DELIVERED]
        assert len(delivered) > 0.85 * len(past)
        assert all(v.status != VisitStatus.DELIVERED for v in future)
        assert max(v.planned_start for v in visits).astimezone(LONDON).date() <= TODAY + timedelta(
            weeks=4
        )
        assert all(10 <= v.miles_tenths <= 120 for v in delivered)
        assert all(
            abs(v.actual_start - v.planned_start) <= timedelta(minutes=10) for v in delivered
        )
        charged = [v for v in visits if v.late_cancel_charge_pence > 0]
        assert charged and all(v.status == VisitStatus.CANCELLED_BY_CLIENT for v in charged)
        assert any(v.one_off for v in visits)
        live = sorted(
            (v for v in visits if v.status in (VisitStatus.PLANNED, VisitStatus.DELIVERED)),
            key=lambda v: v.planned_start,
        )
        for a, b in zip(live, live[1:], strict=False):
            assert a.planned_end <= b.planned_start
        # The ill week: five weekdays with every visit missed by the carer.
        missed_days = {
            v.planned_start.astimezone(LONDON).date()
            for v in visits
            if v.status == VisitStatus.CANCELLED_BY_CARER
        }
        assert any(
            all(d + timedelta(days=i) in missed_days for i in range(5))
            for d in missed_days
            if d.weekday() == 0
        )
    finally:
        store.close()
        again.close()


def test_ten_years_of_demo_visits_build(tmp_path: Path) -> None:
    store, summary = build(tmp_path, years=10)
    try:
        with store.reading() as s:
            first = s.scalar(select(func.min(Visit.planned_start)))
            count = s.scalar(select(func.count(Visit.id)))
        assert first.astimezone(LONDON).date() <= date(TODAY.year - 10, TODAY.month, 1)
        assert count > 10 * 52 * 10
        assert summary.startswith(f"{count} visits")
    finally:
        store.close()
