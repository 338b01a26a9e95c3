"""Expenses by HMRC category, each with an optional receipt kept in the encrypted database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from app.core import validators as v
from app.core.base import get_record
from app.core.changes import Area, Changes, changes
from app.core.errors import NotFound, ValidationError
from app.core.files import HEIC, HEIC_UNREADABLE, heic_supported, sniff_mime
from app.core.money import common
from app.core.money.models import Expense, ExpenseCategory
from app.core.money.tax_year import TaxYear

MAX_RECEIPT_BYTES = 20 * 1024 * 1024

CATEGORY_LABELS: dict[ExpenseCategory, str] = {
    ExpenseCategory.CAR_TRAVEL: "Car, van and travel",
    ExpenseCategory.STAFF: "Wages and staff costs",
    ExpenseCategory.PREMISES_INSURANCE: "Rent, rates, power and insurance",
    ExpenseCategory.REPAIRS: "Repairs",
    ExpenseCategory.OFFICE: "Phone, stationery and office",
    ExpenseCategory.BANK_INTEREST: "Bank and interest charges",
    ExpenseCategory.PROFESSIONAL: "Accountancy and professional fees",
    ExpenseCategory.CLOTHING: "Clothing (uniform, PPE)",
    ExpenseCategory.OTHER: "Other allowable expenses",
}
CATEGORY_HINTS: dict[ExpenseCategory, str] = {
    ExpenseCategory.CAR_TRAVEL: "parking, bus and train fares (not fuel if you claim mileage)",
    ExpenseCategory.PREMISES_INSURANCE: "public liability insurance",
    ExpenseCategory.PROFESSIONAL: "DBS checks and the update service, training, accountant",
    ExpenseCategory.CLOTHING: "uniform, gloves, aprons and other PPE",
}


@dataclass(frozen=True)
class Sa103sBox:
    box: str
    label: str


# SA103S (self-employment, short) boxes in the order the form reads them. Checked against
# HMRC's SA103S 2024 (tax year 2023-24): box 21 is box 9 + box 10 minus box 20; the trading
# income allowance goes in box 10.1 and is taken off only at box 28 ("box 21 + box 26 +
# box 27 minus box 10.1"); box 31 is the total taxable profit, box 32 a loss for tax.
# The 2024-25 numbering of boxes 21, 22, 28, 31 and 32 agrees in third-party filing guides
# (GoSimpleTax's SA103S box articles for 2024-25); the 2025-26 and 2026-27 forms were not
# available to check, so the window, the CSV and the PDF say "to be checked" beside them.
SA103S_CHECKED_AGAINST = "2023-24"
SA103S_BOXES: dict[str, Sa103sBox] = {
    "turnover": Sa103sBox("9", "Your turnover (takings, fees, money earned)"),
    "other_business_income": Sa103sBox("10", "Any other business income not in box 9"),
    "trading_allowance": Sa103sBox("10.1", "Trading income allowance"),
    "car_travel": Sa103sBox("12", "Car, van and travel expenses"),
    "staff": Sa103sBox("13", "Wages, salaries and other staff costs"),
    "premises_insurance": Sa103sBox("14", "Rent, rates, power and insurance costs"),
    "repairs": Sa103sBox("15", "Repairs and maintenance of property and equipment"),
    "professional": Sa103sBox("16", "Accountancy, legal and other professional fees"),
    "bank_interest": Sa103sBox("17", "Interest and bank and credit card financial charges"),
    "office": Sa103sBox("18", "Phone, fax, stationery and other office costs"),
    "other": Sa103sBox("19", "Other allowable business expenses"),
    "total_expenses": Sa103sBox("20", "Total allowable expenses"),
    "net_profit": Sa103sBox("21", "Net profit (box 9 + box 10 minus box 20)"),
    "net_loss": Sa103sBox("22", "Net loss (box 20 minus box 9 + box 10)"),
    "profit_for_tax": Sa103sBox("28", "Net business profit for tax purposes"),
    "taxable_profit": Sa103sBox("31", "Total taxable profits from this business"),
    "loss_for_tax": Sa103sBox("32", "Net business loss for tax purposes"),
}


def sa103s_note(year_label: str) -> str:
    """What the carer should know about the box numbers for the year they look at."""
    if year_label == SA103S_CHECKED_AGAINST:
        return f"Box numbers as on the SA103S form for {year_label}."
    return (
        f"Box numbers as on the SA103S form for {SA103S_CHECKED_AGAINST}; "
        f"to be checked on the form for {year_label}."
    )


CATEGORY_BOX: dict[ExpenseCategory, str] = {
    ExpenseCategory.CAR_TRAVEL: "car_travel",
    ExpenseCategory.STAFF: "staff",
    ExpenseCategory.PREMISES_INSURANCE: "premises_insurance",
    ExpenseCategory.REPAIRS: "repairs",
    ExpenseCategory.OFFICE: "office",
    ExpenseCategory.BANK_INTEREST: "bank_interest",
    ExpenseCategory.PROFESSIONAL: "professional",
    ExpenseCategory.CLOTHING: "other",
    ExpenseCategory.OTHER: "other",
}
# simplified expenses go in these boxes (VERIFY): mileage with travel, use of home with premises
MILEAGE_BOX = "car_travel"
USE_OF_HOME_BOX = "premises_insurance"


def sniff_receipt(data: bytes) -> str:
    """The receipt's type from its first bytes (never from its name), or ValidationError."""
    if not data:
        raise ValidationError("receipt", "The receipt file is empty.")
    if len(data) > MAX_RECEIPT_BYTES:
        raise ValidationError(
            "receipt",
            "The receipt is larger than 20 MB; take a smaller photo "
            "or scan it at a lower resolution.",
        )
    mime = sniff_mime(data)
    if mime == HEIC and not heic_supported():
        raise ValidationError("receipt", f"The receipt {HEIC_UNREADABLE}")
    if mime is not None:
        return mime
    raise ValidationError(
        "receipt", "The receipt must be a photo (PNG, JPEG or HEIC) or a PDF; this file is neither."
    )


@dataclass
class Receipt:
    filename: str
    data: bytes

    def __repr__(self) -> str:
        return f"Receipt({len(self.data)} bytes)"


@dataclass
class ExpenseDraft:
    spent_on: date | None = None
    supplier: str = ""
    category: ExpenseCategory | str = ExpenseCategory.OTHER
    description: str = ""
    amount_pence: int | None = None
    receipt: Receipt | None = None  # None keeps what is there (when updating)


@dataclass(frozen=True)
class ExpenseRow:
    id: int
    spent_on: date
    supplier: str
    category: ExpenseCategory
    category_label: str
    description: str
    amount_pence: int
    receipt_filename: str
    receipt_mime: str


def _category(value: ExpenseCategory | str) -> ExpenseCategory:
    try:
        return ExpenseCategory(value)
    except ValueError:
        raise ValidationError("category", "Choose a category from the list.") from None


def _apply(expense: Expense, draft: ExpenseDraft, *, today: date) -> None:
    expense.spent_on = common.record_date(draft.spent_on, "spent_on", "date", today=today)
    expense.supplier = v.required_text(draft.supplier, "supplier", "supplier (who you paid)")
    expense.category = _category(draft.category)
    expense.description = v.optional_text(
        draft.description, "description", "description", max_len=500
    )
    expense.amount_pence = common.amount(draft.amount_pence, "amount_pence", "amount")
    if draft.receipt is not None:
        mime = sniff_receipt(draft.receipt.data)
        name = PurePath((draft.receipt.filename or "").replace("\\", "/")).name.strip()
        expense.receipt_data = bytes(draft.receipt.data)
        expense.receipt_mime = mime
        expense.receipt_size = len(draft.receipt.data)
        expense.receipt_filename = (name or "receipt")[-255:]


def add_expense(session: Session, draft: ExpenseDraft, *, today: date) -> Expense:
    expense = Expense()
    _apply(expense, draft, today=today)
    session.add(expense)
    session.flush()
    return expense


def get_expense(session: Session, expense_id: int) -> Expense:
    return get_record(
        session, Expense, expense_id, f"There is no expense with number {expense_id}."
    )


def update_expense(
    session: Session, expense_id: int, draft: ExpenseDraft, *, today: date
) -> Changes:
    _apply(get_expense(session, expense_id), draft, today=today)
    session.flush()
    return changes(Area.MONEY)


def remove_receipt(session: Session, expense_id: int) -> Changes:
    expense = get_expense(session, expense_id)
    expense.receipt_data = None
    expense.receipt_filename = expense.receipt_mime = ""
    expense.receipt_size = 0
    return changes(Area.MONEY)


def delete_expense(session: Session, expense_id: int) -> Changes:
    session.delete(get_expense(session, expense_id))
    session.flush()
    return changes(Area.MONEY)


def receipt_of(session: Session, expense_id: int) -> tuple[str, str, bytes] | None:
    """(filename, mime, bytes) of the expense's receipt, or None."""
    expense = session.scalars(
        select(Expense).options(undefer(Expense.receipt_data)).where(Expense.id == expense_id)
    ).one_or_none()
    if expense is None:
        raise NotFound(f"There is no expense with number {expense_id}.")
    if not expense.receipt_data:
        return None
    return expense.receipt_filename, expense.receipt_mime, expense.receipt_data


def list_expenses(session: Session, year: TaxYear) -> list[ExpenseRow]:
    stmt = (
        select(Expense)
        .where(Expense.spent_on >= year.start, Expense.spent_on <= year.end)
        .order_by(Expense.spent_on, Expense.id)
    )
    return [
        ExpenseRow(
            e.id,
            e.spent_on,
            e.supplier,
            ExpenseCategory(e.category),
            CATEGORY_LABELS[ExpenseCategory(e.category)],
            e.description,
            e.amount_pence,
            e.receipt_filename,
            e.receipt_mime,
        )
        for e in session.scalars(stmt)
    ]
