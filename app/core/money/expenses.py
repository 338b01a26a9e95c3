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
from app.core.files import sniff_mime
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


# SA103S (self-employment, short) boxes for each category, as on the 2023-24 and 2024-25
# forms (box 9 turnover ... box 20 total expenses, 21 net profit, 22 net loss). VERIFY the
# box numbers on the form for each later year: HMRC renumbers boxes now and then.
SA103S_BOXES: dict[str, Sa103sBox] = {
    "turnover": Sa103sBox("9", "Your turnover"),
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
    "net_profit": Sa103sBox("21", "Net profit"),
    "net_loss": Sa103sBox("22", "Net loss"),
}
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
