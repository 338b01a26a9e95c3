"""Plain-words explanations of the money rules, built from the year's rate table, so that a
new year's figures change the words too (nothing here repeats a figure by hand)."""

from __future__ import annotations

from app.core.formatting import format_money
from app.core.money.models import AllowanceChoice
from app.core.money.tax_rates import TaxRates


def pence_rate(pence: int) -> str:
    """45 -> "45p", 150 -> "£1.50"."""
    return f"{pence}p" if pence < 100 else format_money(pence)


def mileage_rule(rates: TaxRates) -> str:
    return (
        f"{pence_rate(rates.mileage_first_pence_per_mile)} a mile for the first "
        f"{rates.mileage_threshold_miles:,} business miles in the year and "
        f"{pence_rate(rates.mileage_after_pence_per_mile)} after"
    )


def use_of_home_rule(rates: TaxRates) -> str:
    """ "25–50 h £10, 51–100 h £18, 101 h or more £26 a month" from the flat-rate table."""
    bands = sorted(rates.use_of_home_rates)  # lowest hours first
    parts = []
    for i, (least, pence) in enumerate(bands):
        amount = format_money(pence).removesuffix(".00")
        if i + 1 < len(bands):
            parts.append(f"{least}–{bands[i + 1][0] - 1} h {amount}")
        else:
            parts.append(f"{least} h or more {amount}")
    return ", ".join(parts) + " a month"


def trading_allowance_name(rates: TaxRates) -> str:
    return (
        f"the {format_money(rates.trading_allowance_pence).removesuffix('.00')} trading allowance"
    )


def deduction_line(
    used: AllowanceChoice, better: AllowanceChoice, allowance_pence: int, expenses_pence: int
) -> str:
    """What came off the turnover, said so that it cannot be mistaken for the expenses."""
    if used == AllowanceChoice.TRADING_ALLOWANCE:
        if not expenses_pence:
            why = "you have recorded no expenses"
        elif better == used:
            why = f"better than your {format_money(expenses_pence)} expenses"
        else:
            why = f"your expenses are {format_money(expenses_pence)}"
        return f"Trading allowance used: {format_money(allowance_pence)} ({why})"
    if better == used:
        why = f"better than the {format_money(allowance_pence)} trading allowance"
    else:
        why = f"the trading allowance would be {format_money(allowance_pence)}"
    return f"Expenses claimed: {format_money(expenses_pence)} ({why})"
