"""Making Tax Digital quarterly figures: cumulative from 6 April, by SA103S category.

Source: GOV.UK "Making Tax Digital for Income Tax: send quarterly updates": quarterly periods
6 April to 5 July, 5 October, 5 January and 5 April (standard periods); each update is due by
the 7th of the second month after (7 August, 7 November, 7 February, 7 May); the figures in
each update are cumulative for the tax year so far.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.cli import main
from app.core.money.expenses import ExpenseDraft, add_expense
from app.core.money.income import OtherIncomeDraft, add_other_income
from app.core.money.mileage import JourneyDraft, add_journey
from app.core.money.models import ExpenseCategory
from app.core.money.quarters import mtd_quarters
from app.core.money.summary import tax_year_summary
from app.core.money.tax_year import TaxYear
from app.core.money.use_of_home import set_use_of_home
from app.storage.database import Store
from tests.conftest import TODAY

Y = TaxYear(2025)  # a whole year before TODAY (25/11/2026), so every quarter has records
P = 100
SOURCE = "GOV.UK, Making Tax Digital for Income Tax: quarterly periods and deadlines"


def fill(session: Session) -> None:
    for when, pounds in [
        (date(2025, 4, 6), 100),  # the first day counts
        (date(2025, 7, 5), 200),  # the last day of Q1
        (date(2025, 7, 6), 400),  # the first day of Q2
        (date(2026, 1, 5), 800),
        (date(2026, 4, 5), 1_600),  # the last day of the year
        (date(2026, 4, 6), 3_200),  # next year
    ]:
        add_other_income(session, OtherIncomeDraft(when, "Care", pounds * P), today=TODAY)
    add_expense(
        session,
        ExpenseDraft(date(2025, 5, 1), "Insurer", ExpenseCategory.PREMISES_INSURANCE, "", 95_40),
        today=TODAY,
    )
    add_expense(
        session,
        ExpenseDraft(date(2025, 10, 6), "DBS", ExpenseCategory.PROFESSIONAL, "", 16_00),
        today=TODAY,
    )
    add_journey(
        session, JourneyDraft(date(2025, 8, 1), "Home", "Shop", "Shopping", 100), today=TODAY
    )
    set_use_of_home(session, 2025, 6, 30)  # June ends in Q1: £10
    set_use_of_home(session, 2026, 3, 30)  # March ends in Q4: £10


def test_quarters_are_cumulative_with_their_dates(session: Session) -> None:
    fill(session)
    qs = mtd_quarters(session, Y)
    assert [(q.quarter, q.period_start, q.period_end, q.due) for q in qs] == [
        (1, date(2025, 4, 6), date(2025, 7, 5), date(2025, 8, 7)),
        (2, date(2025, 4, 6), date(2025, 10, 5), date(2025, 11, 7)),
        (3, date(2025, 4, 6), date(2026, 1, 5), date(2026, 2, 7)),
        (4, date(2025, 4, 6), date(2026, 4, 5), date(2026, 5, 7)),
    ], SOURCE
    assert [q.cumulative_income_pence for q in qs] == [300_00, 700_00, 1_500_00, 3_100_00]
    assert [q.cumulative_expenses_pence for q in qs] == [
        95_40 + 10_00,
        95_40 + 10_00 + 4_50,
        95_40 + 10_00 + 4_50 + 16_00,
        95_40 + 10_00 + 4_50 + 16_00 + 10_00,
    ]
    # by SA103S category, in the form's order: box 12 travel, 14 premises, 16 professional
    assert [(c.box, c.amount_pence) for c in qs[3].expenses_by_category] == [
        ("12", 4_50),
        ("14", 95_40 + 20_00),
        ("16", 16_00),
    ]
    assert [(c.box, c.amount_pence) for c in qs[0].expenses_by_category] == [("14", 95_40 + 10_00)]


def test_the_last_quarter_equals_the_year(session: Session) -> None:
    fill(session)
    last = mtd_quarters(session, Y)[-1]
    s = tax_year_summary(session, Y)
    assert last.cumulative_income_pence == s.turnover_pence
    assert last.cumulative_expenses_pence == s.actual_expenses_pence


def run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)


def test_cli_quarters_json_has_exactly_the_issue_keys(
    store: Store, passphrase_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with store.unit_of_work() as s:
        fill(s)
    data_dir = str(store.data_dir)
    store.close()
    assert run(["--data-dir", data_dir, "tax", "quarters", "--year", "2025-26", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [list(r) for r in rows] == [
        [
            "quarter",
            "period_start",
            "period_end",
            "due",
            "cumulative_income_pence",
            "cumulative_expenses_pence",
        ]
    ] * 4
    assert rows[0] == {
        "quarter": 1,
        "period_start": "2025-04-06",
        "period_end": "2025-07-05",
        "due": "2025-08-07",
        "cumulative_income_pence": 300_00,
        "cumulative_expenses_pence": 105_40,
    }
    assert run(["--data-dir", data_dir, "tax", "summary", "--year", "2025-26", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert rows[-1]["cumulative_income_pence"] == summary["turnover_pence"]
    assert run(["--data-dir", data_dir, "tax", "quarters", "--year", "2025-26"]) == 0
    text = capsys.readouterr().out
    assert "Quarter 1" in text and "07/08/2025" in text and "£300.00" in text
    assert run(["--data-dir", data_dir, "tax", "quarters", "--year", "2025"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--year" in err


def test_quarters_csv(session: Session, tmp_path: Path) -> None:
    from app.core.money.export import quarters_csv

    fill(session)
    text = quarters_csv(session, Y)
    lines = text.splitlines()
    assert lines[0].startswith("Quarter,From,To,Update due,Income to date (£),Expenses to date")
    assert "Box 14" in lines[0]
    assert lines[1].startswith("1,06/04/2025,05/07/2025,07/08/2025,300.00,105.40")
    assert lines[4].startswith("4,06/04/2025,05/04/2026,07/05/2026,3100.00,")
