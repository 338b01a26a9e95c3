"""Money: income, expenses, mileage, and the estimate of Income Tax and National Insurance."""

from app.core.money import deadlines  # noqa: F401  (registers the Today provider)
from app.core.money.models import (  # noqa: F401
    AllowanceChoice,
    Expense,
    ExpenseCategory,
    MileageJourney,
    OtherIncome,
    TaxSettings,
    UseOfHome,
)
