"""The demo's contracts: realistic, signed, non-overlapping, the same for the same seed."""

from __future__ import annotations

import random

from app.core.clients import Client, ClientStatus
from app.core.contracts.due import due
from app.core.contracts.due_and_checks import check
from app.core.contracts.in_force import version_in_effect
from app.core.contracts.models import ContractStatus
from app.core.contracts.rows import contract_rows
from app.core.contracts.schedule import overlapping_slots, same_weeks
from app.demo import DemoContext
from app.demo import clients as demo_clients
from app.demo import contracts as demo_contracts
from tests.conftest import TODAY


def _build(session) -> DemoContext:  # noqa: ANN001
    ctx = DemoContext(rng=random.Random(2026), today=TODAY, years=1)
    demo_clients.extend(session, ctx)
    summary = demo_contracts.extend(session, ctx)
    assert "signed contracts" in summary
    return ctx


def test_demo_contracts(session) -> None:  # noqa: ANN001
    ctx = _build(session)
    rows = contract_rows(session)
    assert len(rows) >= 5
    assert sum(r.status == ContractStatus.DRAFT for r in rows) == 1
    assert any(r.version_no == 2 for r in rows)
    ending = [r for r in rows if r.notice_given_on]
    assert len(ending) == 1 and ending[0].end_date >= TODAY
    assert any(i.heading == "Agreement ending" for i in due(session, TODAY))
    assert check(session) == []
    current = []
    for cid in ctx.client_ids:
        client = session.get(Client, cid)
        ver = version_in_effect(session, cid, TODAY)
        if client.status in (ClientStatus.ACTIVE, ClientStatus.PAUSED):
            assert ver is not None and ver.signed_pdf.startswith(b"%PDF")
            assert 1700 <= ver.standard_rate_pence <= 2200
            assert 1 <= len(ver.slots) <= 5
            current.append(ver)
        else:
            assert ver is None
    for i, a in enumerate(current):
        for b in current[i + 1 :]:
            if same_weeks(a.starts_on, a.every_n_weeks, b.starts_on, b.every_n_weeks):
                assert overlapping_slots(a.slots, b.slots) == []
    assert ctx.notes["contracts"]["notice"]["contract_id"] == ending[0].contract_id


def test_demo_is_deterministic(store) -> None:  # noqa: ANN001
    with store.unit_of_work() as s:
        _build(s)
        first = [(r.client_name, r.standard_rate_pence, r.schedule) for r in contract_rows(s)]
    from app.storage.opening import open_store
    from tests.conftest import TEST_KEY

    other = store.data_dir.parent / "again"
    other.mkdir()
    with open_store(other, TEST_KEY) as again, again.unit_of_work() as s:
        _build(s)
        assert [
            (r.client_name, r.standard_rate_pence, r.schedule) for r in contract_rows(s)
        ] == first
