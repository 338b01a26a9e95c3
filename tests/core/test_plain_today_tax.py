"""Today's tax deadlines and self-employed status read plainly (no ORM), with the same answers.

The expected answers in tests/data/plain_today_tax.json were captured from the ORM
implementation (commit 7a7a32d, before the providers became plain) by running this module as a
script: `python -m tests.core.test_plain_today_tax` (turnover was then imported from
app.core.money.income, money received by client from app.core.status). Each scenario is built
step by step in one real encrypted file, and after each step the providers, the status
figures, Making Tax Digital and the turnover are asked on days chosen around the rules' edges,
through a plain connection, a Session wrapped as a Reader and the Session itself.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.core.formatting import LONDON
from app.core.money.tax_year import TaxYear
from app.storage.database import Store
from tests.conftest import TEST_KEY, TODAY

EXPECTED = Path(__file__).parent.parent / "data" / "plain_today_tax.json"
P = 100

# around 5/6 April, the 31 January and 31 July payments, the first-year registration (5 Oct),
# the 14-day SOON edge, the clock changes and month ends
DAYS = [
    date(2026, 4, 5),
    date(2026, 4, 6),
    date(2026, 7, 17),
    date(2026, 7, 31),
    date(2026, 9, 1),
    date(2026, 10, 5),
    date(2026, 11, 3),
    TODAY,
    date(2026, 11, 26),
    date(2027, 1, 17),
    date(2027, 1, 31),
    date(2027, 2, 1),
    date(2027, 3, 31),
    date(2027, 4, 1),
]


def figures(db: Any, day: date) -> dict[str, object]:
    """What Today and Money are told on `day` (db: a Session or a Reader)."""
    from app.core.invoicing.income import received_by_client  # was status._income_by_client
    from app.core.money import deadlines
    from app.core.money.tax_settings import get_tax_settings
    from app.core.money.turnover import turnover_between, turnover_for_year  # were in .income
    from app.core.status import due as status_due
    from app.core.status import status_figures

    year = TaxYear.of(day)
    years = [year.previous().previous(), year.previous(), year]
    status = asdict(status_figures(db, day))
    mtd = deadlines.mtd_status(db, year)
    start = status["start"]
    assert isinstance(start, date)
    return {
        "money": [_item(i) for i in deadlines.due(db, day)],
        "status": [_item(i) for i in status_due(db, day)],
        "figures": {k: v.isoformat() if isinstance(v, date) else v for k, v in status.items()},
        "income_by_client": sorted(received_by_client(db, start, day).items()),
        "mtd": [mtd.applies, mtd.starts.label if mtd.starts else None, mtd.text],
        "turnover": [turnover_for_year(db, y) for y in years],
        "rolling": turnover_between(db, day - timedelta(days=364), day),
        "first_year": [get_tax_settings(db, y).first_year_of_trading for y in years],
    }


def _item(i: Any) -> list[object]:
    when = i.when.isoformat() if i.when else None
    return [i.area.value, i.heading, i.text, when, int(i.urgency), i.record_id, i.action]


# --- the hand-made scenario: one business, three clients, built in steps -------------------


def _at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=LONDON).astimezone(UTC)


def _client(session, name: str, payer: str = "") -> int:  # type: ignore[no-untyped-def]
    from tests.core.test_invoicing import make_client

    return make_client(session, name, payer=payer, starts_on=date(2024, 1, 1))


def _visits(session, client_id: int, *days: date) -> None:  # type: ignore[no-untyped-def]
    from tests.core.test_invoicing import visit

    for d in days:
        visit(session, client_id, d, (9, 0), (10, 0))  # a weekday hour at £20


def _issue(session, client_id: int, start: date, end: date, on: date) -> int:  # type: ignore[no-untyped-def]
    from app.core.invoicing.drafts import draft_invoice
    from app.core.invoicing.issuing import issue_invoice
    from tests.core.test_invoicing import fake_render

    inv = draft_invoice(session, client_id, start, end).value
    return issue_invoice(session, inv.id, today=on, render=fake_render).value.id


def _pay(session, pence: int, on: date, *invoice_ids: int, payer: str = "") -> int:  # type: ignore[no-untyped-def]
    from app.core.invoicing.payments import PaymentDraft, record_payment

    draft = PaymentDraft(received_on=on, amount_pence=pence, invoice_ids=list(invoice_ids))
    if payer:
        draft.payer = payer
    return record_payment(session, draft, today=on, allow_overpayment=not invoice_ids).value.id


def _other(session, pence: int, on: date, what: str = "Care paid in cash") -> None:  # type: ignore[no-untyped-def]
    from app.core.money.income import OtherIncomeDraft, add_other_income

    add_other_income(session, OtherIncomeDraft(on, what, pence), today=on)


def _delivered(session, client_id: int, start: datetime, end: datetime, **actual: datetime) -> None:  # type: ignore[no-untyped-def]
    from app.core.visits.models import Visit, VisitStatus

    session.add(
        Visit(
            client_id=client_id,
            planned_start=start,
            planned_end=end,
            status=actual.pop("status", VisitStatus.DELIVERED),
            **actual,
        )
    )
    session.flush()


IDS: dict[str, int] = {}


def step_business(session) -> None:  # type: ignore[no-untyped-def]
    from tests.core.test_invoicing import make_business

    make_business(session)
    IDS["ada"] = _client(session, "Ada Able", payer="Ada's Son")
    IDS["bea"] = _client(session, "Bea Bright")
    IDS["cal"] = _client(session, "Cal Calm")


def step_money_at_the_year_edges(session) -> None:  # type: ignore[no-untyped-def]
    ada = IDS["ada"]
    _visits(session, ada, date(2025, 3, 10), date(2025, 3, 11), date(2025, 3, 12))
    a1 = _issue(session, ada, date(2025, 3, 1), date(2025, 3, 31), date(2025, 3, 31))
    _pay(session, 60 * P, date(2025, 4, 5), a1)  # paid in full on the year's last day
    _visits(session, ada, date(2025, 4, 7), date(2025, 4, 8), date(2025, 4, 9))
    a2 = _issue(session, ada, date(2025, 4, 1), date(2025, 4, 30), date(2025, 4, 30))
    _pay(session, 25 * P, date(2025, 5, 6), a2)  # a part payment
    # held as credit, for nobody's invoice yet, on the new year's first day
    IDS["credit"] = _pay(session, 100 * P, date(2025, 4, 6), payer="Bea's daughter")
    _other(session, 49_940 * P, date(2025, 4, 5))  # 2024-25: £60 + £49,940 = £50,000.00
    _other(session, 1, date(2025, 4, 6))  # a penny in 2025-26, not 2024-25


def step_credit_notes_and_credit_used(session) -> None:  # type: ignore[no-untyped-def]
    from app.core.invoicing.credit_notes import create_credit_note
    from app.core.invoicing.payments import use_credit

    bea, cal = IDS["bea"], IDS["cal"]
    _visits(session, bea, date(2026, 10, 5), date(2026, 10, 6), date(2026, 10, 7))
    b1 = _issue(session, bea, date(2026, 10, 1), date(2026, 10, 31), date(2026, 10, 31))
    create_credit_note(
        session,
        b1,
        reason="One visit cut short",
        today=date(2026, 11, 1),
        render=None,
        amount_pence=20 * P,
    )
    use_credit(session, IDS["credit"], b1)  # £40 of the £100 credit
    _visits(session, cal, date(2026, 9, 7), date(2026, 9, 8))
    c1 = _issue(session, cal, date(2026, 9, 1), date(2026, 9, 30), date(2026, 9, 30))
    use_credit(session, IDS["credit"], c1)  # the same old payment now pays a second client
    # credit received in the last 12 months, then used for two clients: Cal's, then Ada's
    _visits(session, cal, date(2026, 10, 12), date(2026, 10, 13))
    c3 = _issue(session, cal, date(2026, 10, 1), date(2026, 10, 31), date(2026, 10, 31))
    _visits(session, IDS["ada"], date(2026, 10, 14))
    a3 = _issue(session, IDS["ada"], date(2026, 10, 1), date(2026, 10, 31), date(2026, 10, 31))
    fresh = _pay(session, 50 * P, date(2026, 11, 2), payer="A friend")
    use_credit(session, fresh, c3)  # £40
    use_credit(session, fresh, a3)  # £10 of £20
    _visits(session, cal, date(2026, 8, 10))
    c2 = _issue(session, cal, date(2026, 8, 1), date(2026, 8, 31), date(2026, 8, 31))
    create_credit_note(session, c2, reason="Not owed", today=date(2026, 9, 1), render=None)
    _pay(session, 15 * P, TODAY, payer="Cal Calm")  # credit again, for nobody yet


def step_the_window_edges(session) -> None:  # type: ignore[no-untyped-def]
    bea = IDS["bea"]
    _visits(session, bea, date(2025, 11, 3), date(2025, 11, 4))
    b0 = _issue(session, bea, date(2025, 11, 1), date(2025, 11, 30), date(2025, 11, 30))
    _pay(session, 10 * P, date(2025, 11, 30), b0)  # the day before TODAY's 12 months begin
    _pay(session, 11 * P, date(2025, 12, 1), b0)  # their first day


def step_a_penny_over_the_threshold(session) -> None:  # type: ignore[no-untyped-def]
    _other(session, 1, date(2025, 4, 5))  # 2024-25 now £50,000.01: MTD from 6 April 2026


def step_first_year(session) -> None:  # type: ignore[no-untyped-def]
    from app.core.money.tax_settings import TaxSettingsDraft, save_tax_settings

    save_tax_settings(session, TaxYear(2025), TaxSettingsDraft(first_year_of_trading=True))
    save_tax_settings(session, TaxYear(2026), TaxSettingsDraft(other_income_pence=1000 * P))


def step_visits_across_the_clock_changes(session) -> None:  # type: ignore[no-untyped-def]
    from app.core.visits.models import VisitStatus

    ada, bea, cal = IDS["ada"], IDS["bea"], IDS["cal"]
    hour = timedelta(hours=1)
    # 00:30 BST on 1 April is 23:30 UTC on 31 March: April's, and inside a window from April
    _delivered(session, ada, _at(date(2026, 4, 1), 0, 30), _at(date(2026, 4, 1), 1, 30))
    # 23:30 BST on 31 March: before a window that starts on 1 April
    _delivered(session, bea, _at(date(2026, 3, 31), 23, 30), _at(date(2026, 4, 1), 0, 15))
    # 00:30 BST on 1 October (23:30 UTC on 30 September) counts in October
    _delivered(session, ada, _at(date(2026, 10, 1), 0, 30), _at(date(2026, 10, 1), 2, 0))
    # the night the clocks go back (25 October 2026): 00:30 BST to 02:30 GMT is three hours
    _delivered(session, ada, _at(date(2026, 10, 25), 0, 30), _at(date(2026, 10, 25), 2, 30))
    # 00:30 GMT on 1 November
    _delivered(session, ada, _at(date(2026, 11, 1), 0, 30), _at(date(2026, 11, 1), 1, 0))
    # late on TODAY counts; just after midnight does not
    _delivered(session, ada, _at(TODAY, 23, 0), _at(TODAY, 23, 59))
    _delivered(session, bea, _at(TODAY + timedelta(days=1), 0, 30), _at(TODAY, 23, 59) + hour)
    # planned for May, delivered (actual times) in June; and one that ended before it began
    _delivered(
        session,
        bea,
        _at(date(2026, 5, 31), 22, 0),
        _at(date(2026, 5, 31), 23, 0),
        actual_start=_at(date(2026, 6, 1), 0, 15),
        actual_end=_at(date(2026, 6, 1), 2, 0),
    )
    _delivered(
        session,
        cal,
        _at(date(2026, 6, 2), 9, 0),
        _at(date(2026, 6, 2), 10, 0),
        actual_start=_at(date(2026, 6, 2), 10, 0),
        actual_end=_at(date(2026, 6, 2), 9, 0),
    )
    # not delivered: never counted
    for status in (
        VisitStatus.PLANNED,
        VisitStatus.CANCELLED_BY_CLIENT,
        VisitStatus.CANCELLED_BY_CARER,
    ):
        _delivered(
            session, cal, _at(date(2026, 11, 2), 9, 0), _at(date(2026, 11, 2), 17, 0), status=status
        )


def step_one_client_for_months(session) -> None:  # type: ignore[no-untyped-def]
    ada = IDS["ada"]
    # Ada alone from December to March, on the 15th (and already the most hours since June)
    for year, month in [(2026, m) for m in range(6, 13)] + [(2027, 1), (2027, 2), (2027, 3)]:
        day = date(year, month, 15)
        _delivered(session, ada, _at(day, 9, 0), _at(day, 12, 0))
    _pay(session, 900 * P, date(2026, 11, 20), payer="Ada's Son")  # mostly Ada's money


STEPS: list[tuple[str, Callable[..., None]]] = [
    ("business", step_business),
    ("money at the year's edges", step_money_at_the_year_edges),
    ("credit notes and credit used", step_credit_notes_and_credit_used),
    ("the window's edges", step_the_window_edges),
    ("a penny over the threshold", step_a_penny_over_the_threshold),
    ("first year", step_first_year),
    ("visits across the clock changes", step_visits_across_the_clock_changes),
    ("one client for months", step_one_client_for_months),
]


def hand_made(
    store: Store, ask: Callable[[Store, date], dict[str, object]]
) -> Iterator[tuple[str, str, dict[str, object]]]:
    for name, step in STEPS:
        with store.unit_of_work() as session:
            step(session)
        for day in DAYS:
            yield name, day.isoformat(), ask(store, day)


def demo(
    store: Store, ask: Callable[[Store, date], dict[str, object]]
) -> Iterator[tuple[str, str, dict[str, object]]]:
    from app.demo import build_demo

    build_demo(store, seed=2026, years=1, today=TODAY)
    for day in DAYS:
        yield "demo", day.isoformat(), ask(store, day)


def ask_through_a_session(store: Store, day: date) -> dict[str, object]:
    with store.reading() as session:
        return figures(session, day)


# --- the tests -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def expected() -> dict[str, dict[str, object]]:
    return json.loads(EXPECTED.read_text())


def ask_every_way(store: Store, day: date) -> dict[str, object]:
    """Through a plain connection (Today at start-up), a Session wrapped as a Reader (Today
    once the ORM is up) and the Session itself (Money, the SA figures, the CLI): one answer."""
    from app.core.reading import ConnectionReader, reader

    with store.plain() as plain:
        assert isinstance(plain, ConnectionReader)
        found = figures(plain, day)
    with store.reading() as session:
        assert figures(reader(session), day) == found
        assert figures(session, day) == found
    return found


class Counting:
    def __init__(self, db: Any) -> None:
        self.db, self.queries = db, 0

    def rows(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        self.queries += 1
        return self.db.rows(sql, params)


def _as_json(found: dict[str, object]) -> object:
    return json.loads(json.dumps(found, ensure_ascii=False))


def test_the_edges_read_plainly_as_the_orm_read_them(store: Store, expected) -> None:  # type: ignore[no-untyped-def]
    seen = 0
    for step, day, found in hand_made(store, ask_every_way):
        assert _as_json(found) == expected[f"hand_made: {step}"][day], (step, day)
        seen += 1
    assert seen == len(STEPS) * len(DAYS)
    # a few queries each, however many payments and visits there are (no query per row)
    from app.core.money.deadlines import due as money_due
    from app.core.status import due as status_due

    for provider, most in ((money_due, 3 + 2 * 3), (status_due, 2)):
        with store.plain() as plain:
            counted = Counting(plain)
            assert provider(counted, TODAY)  # something to say on TODAY
            assert counted.queries <= most, provider.__module__
    # Money's year view and its SA103S turnover box come from the same rule as Today's
    from app.core.money.deadlines import mtd_status
    from app.core.money.summary import tax_year_summary
    from app.core.money.turnover import turnover_for_year

    for year in (TaxYear(2024), TaxYear(2025), TaxYear(2026)):
        with store.reading() as session:
            summary = tax_year_summary(session, year, today=TODAY)
        with store.plain() as plain:
            assert summary.turnover_pence == turnover_for_year(plain, year)
            assert summary.sa103s[0].amount_pence == summary.turnover_pence
            assert summary.mtd == mtd_status(plain, year)


def test_the_demo_reads_plainly_as_the_orm_read_it(store: Store, expected) -> None:  # type: ignore[no-untyped-def]
    for _, day, found in demo(store, ask_every_way):
        assert _as_json(found) == expected["demo: demo"][day], day


def test_the_edges_hold_what_they_are_meant_to(expected) -> None:  # type: ignore[no-untyped-def]
    """The captured answers show the rules at their edges (so that the scenario keeps
    testing them): 5 April is the old tax year's, a penny over the threshold brings MTD,
    credit notes leave turnover alone, and both status warnings appear."""
    edges = expected["hand_made: money at the year's edges"][TODAY.isoformat()]
    assert edges["turnover"] == [50_000 * P, 125_01, 0]  # £60 + £49,940; £25 + £100 + 1p
    assert edges["mtd"][0] is False  # exactly £50,000 is not over the threshold
    over = expected["hand_made: a penny over the threshold"][TODAY.isoformat()]
    assert over["mtd"][:2] == [True, "2026-27"]
    assert [i[3] for i in over["money"]] == ["2027-01-31", "2027-01-31", "2027-02-07"]
    credit = expected["hand_made: credit notes and credit used"][TODAY.isoformat()]
    assert credit["turnover"][2] == 65_00  # £50 credit + £15: credit notes take nothing off
    assert credit["income_by_client"] == [[1, 50_00]]  # the credit went last to Ada's invoice
    edges = expected["hand_made: the window's edges"][TODAY.isoformat()]
    assert edges["income_by_client"] == [[1, 50_00], [2, 11_00]]  # 1 December in, 30 November out
    months = expected["hand_made: one client for months"]["2027-03-31"]
    assert [i[2] for i in months["status"]] == [
        "You have had only one client for over 3 months. See Money.",
        "One client paid over 80% of your income in the last 12 months. See Money.",
    ]
    first = expected["hand_made: first year"]["2026-09-01"]
    assert "Register for Self Assessment (your first year, 2025-26)" in first["money"][0][2]


def test_today_asks_the_plain_providers() -> None:
    from app.core import reminders, status
    from app.core.money import deadlines

    reminders.import_due_modules()
    assert reminders._PROVIDERS["money"] is deadlines.due
    assert reminders._PROVIDERS["status"] is status.due


def test_the_providers_read_without_the_orm(data_dir: Path) -> None:
    """A fresh interpreter runs both providers over a plain connection to a real file and
    never imports SQLAlchemy."""
    from app.storage.opening import open_store
    from tests.ui.fresh_process import run_fresh

    store = open_store(data_dir, TEST_KEY)
    try:
        for _, step in STEPS:
            with store.unit_of_work() as session:
                step(session)
        path = store.path
    finally:
        store.close()
    script = f"""
import json, sys
from datetime import date
from pathlib import Path
from app.core.money.deadlines import due as money_due
from app.core.reading import ConnectionReader
from app.core.status import due as status_due
from app.storage.database import connect_raw
from tests.conftest import TEST_KEY

db = ConnectionReader(connect_raw(Path({str(path)!r}), TEST_KEY))
found = {{}}
for day in ("2026-09-01", "2027-01-17", "2027-03-31"):
    items = money_due(db, date.fromisoformat(day)) + status_due(db, date.fromisoformat(day))
    found[day] = [[i.heading, i.text, i.when and i.when.isoformat(), int(i.urgency)] for i in items]
assert "sqlalchemy" not in sys.modules, "SQLAlchemy was imported"
print(json.dumps(found))
"""
    found = json.loads(run_fresh(script))
    last = json.loads(EXPECTED.read_text())["hand_made: one client for months"]
    for day, items in found.items():
        assert items == [[i[1], i[2], i[3], i[4]] for i in last[day]["money"] + last[day]["status"]]
    assert any("only one client" in i[1] for i in found["2027-03-31"])


# --- capture: run as a script on the ORM implementation ------------------------------------


def capture(folder: Path) -> dict[str, dict[str, dict[str, object]]]:
    from app.storage.opening import open_store

    out: dict[str, dict[str, dict[str, object]]] = {}
    for name, build in (("hand_made", hand_made), ("demo", demo)):
        d = folder / name
        d.mkdir(parents=True)
        store = open_store(d, TEST_KEY)
        try:
            for step, day, found in build(store, ask_through_a_session):
                out.setdefault(f"{name}: {step}", {})[day] = found
        finally:
            store.close()
    return out


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        EXPECTED.write_text(json.dumps(capture(Path(tmp)), indent=1, ensure_ascii=False) + "\n")
    sys.exit(0)
