"""The SA103S figures box by box, as the carer copies them onto the form, one case a row.

Source for every case: HMRC form SA103S 2024 (tax year 2023-24): box 9 "Your turnover – the
takings, fees, sales or money earned by your business"; box 10.1 "Trading income allowance";
box 20 "Total allowable expenses – total of boxes 11 to 19"; box 21 net profit "if box 9 +
box 10 minus box 20 is positive"; box 22 net loss; box 28 "Net business profit for tax
purposes (if box 21 + box 26 + box 27 minus (boxes 22 to 25.2) is positive). Or if you've
completed box 10.1 (box 21 + box 26 + box 27 minus box 10.1)"; box 31 total taxable profits;
box 32 net business loss for tax purposes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.core.money.expenses import ExpenseDraft, add_expense
from app.core.money.income import OtherIncomeDraft, add_other_income
from app.core.money.models import AllowanceChoice, ExpenseCategory
from app.core.money.summary import tax_year_summary
from app.core.money.tax_settings import TaxSettingsDraft, save_tax_settings
from app.core.money.tax_year import TaxYear
from tests.conftest import TODAY

Y = TaxYear(2026)
P = 100


def income(session: Session, pounds: int, what: str = "Care paid in cash") -> None:
    add_other_income(session, OtherIncomeDraft(date(2026, 6, 1), what, pounds * P), today=TODAY)


def expense(session: Session, pence: int, category: ExpenseCategory) -> None:
    add_expense(
        session,
        ExpenseDraft(date(2026, 6, 2), "Supplier", category, "", pence),
        today=TODAY,
    )


def expenses_claimed(session: Session) -> None:
    income(session, 3_000)
    expense(session, 1_500 * P, ExpenseCategory.PREMISES_INSURANCE)


def allowance_claimed(session: Session) -> None:
    # the example: £3,000 in, £200 of expenses: the allowance is better
    income(session, 3_000)
    expense(session, 200 * P, ExpenseCategory.CLOTHING)


def a_loss(session: Session) -> None:
    income(session, 500)
    expense(session, 1_709, ExpenseCategory.OFFICE)
    expense(session, 800 * P, ExpenseCategory.PROFESSIONAL)
    save_tax_settings(session, Y, TaxSettingsDraft(allowance_choice=AllowanceChoice.EXPENSES))


def other_business_income(session: Session) -> None:
    # money for care work that came without an invoice is still a fee: box 9, not box 10
    income(session, 2_000, "Invoice paid")
    income(session, 45, "Cash for an extra sitting visit")
    expense(session, 17_09, ExpenseCategory.OFFICE)


CASES: list[tuple[str, Callable[[Session], None], list[tuple[str, int]], str]] = [
    (
        "expenses claimed",
        expenses_claimed,
        [
            ("9", 3_000_00),
            ("14", 1_500_00),
            ("20", 1_500_00),
            ("21", 1_500_00),
            ("28", 1_500_00),
            ("31", 1_500_00),
        ],
        "SA103S 2024: box 21 = box 9 + box 10 - box 20; box 28 = box 21 when box 10.1 is empty",
    ),
    (
        "allowance claimed",
        allowance_claimed,
        [("9", 3_000_00), ("10.1", 1_000_00), ("21", 3_000_00), ("28", 2_000_00), ("31", 2_000_00)],
        "SA103S 2024: box 21 = box 9 + box 10 - box 20 (£3,000); box 28 = box 21 - box 10.1",
    ),
    (
        "a loss",
        a_loss,
        [
            ("9", 500_00),
            ("18", 17_09),
            ("16", 800_00),
            ("20", 817_09),
            ("22", 317_09),
            ("32", 317_09),
        ],
        "SA103S 2024: box 22 net loss when box 20 is more than box 9 + box 10; box 32 for tax",
    ),
    (
        "other business income",
        other_business_income,
        [("9", 2_045_00), ("10.1", 1_000_00), ("21", 2_045_00), ("28", 1_045_00), ("31", 1_045_00)],
        "SA103S 2024 box 9 takes all 'takings, fees, sales or money earned'; box 10 stays empty",
    ),
]


@pytest.mark.parametrize(("name", "setup", "boxes", "source"), CASES, ids=[c[0] for c in CASES])
def test_sa103s_boxes_in_form_order(
    session: Session,
    name: str,
    setup: Callable[[Session], None],
    boxes: list[tuple[str, int]],
    source: str,
) -> None:
    setup(session)
    s = tax_year_summary(session, Y)
    shown = [(b.box, b.amount_pence) for b in s.sa103s]
    order = [
        "9",
        "10",
        "10.1",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "20",
        "21",
        "22",
        "28",
        "31",
        "32",
    ]
    assert sorted(boxes, key=lambda b: order.index(b[0])) == shown, source
    # the profit the estimate uses is the form's taxable profit (box 31), or nothing on a loss
    taxable = dict(shown).get("31", 0)
    assert s.profit_pence == taxable == s.estimate.profit_pence, source


def test_the_box_numbers_say_which_form_they_were_checked_on(session: Session) -> None:
    s = tax_year_summary(session, Y)
    assert s.sa103s_note == (
        "Box numbers as on the SA103S form for 2023-24; to be checked on the form for 2026-27."
    )
    assert s.as_json()["sa103s_checked_against"] == "2023-24"
