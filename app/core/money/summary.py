"""The tax-year view: turnover, expenses, profit, the estimate, the SA103S figures, the
months for the chart, the deadlines, and advice on the trading allowance, MTD and VAT."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy.orm import Session

from app.core.formatting import format_money
from app.core.money.deadlines import Deadline, MtdStatus, mtd_status, year_deadlines
from app.core.money.expenses import (
    CATEGORY_BOX,
    CATEGORY_LABELS,
    MILEAGE_BOX,
    SA103S_BOXES,
    SA103S_CHECKED_AGAINST,
    USE_OF_HOME_BOX,
    list_expenses,
    sa103s_note,
)
from app.core.money.explain import deduction_line, mileage_rule
from app.core.money.mileage import mileage_log
from app.core.money.models import AllowanceChoice, ExpenseCategory
from app.core.money.tax import TaxEstimate, estimate_tax
from app.core.money.tax_rates import rates_for
from app.core.money.tax_settings import TaxSettingsDraft, get_tax_settings
from app.core.money.tax_year import TaxYear
from app.core.money.turnover import income_for_year, turnover_between
from app.core.money.use_of_home import use_of_home_for_year

VAT_WARN_PERCENT = 80
MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class CategoryTotal:
    category: ExpenseCategory
    label: str
    amount_pence: int


@dataclass(frozen=True)
class MonthFigures:
    year: int
    month: int
    income_pence: int
    expenses_pence: int  # receipts, mileage allowance and use of home

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year % 100:02d}"


@dataclass(frozen=True)
class BoxFigure:
    box: str
    label: str
    amount_pence: int


@dataclass(frozen=True)
class YearSummary:
    year: str
    settings: TaxSettingsDraft
    invoice_income_pence: int
    other_business_income_pence: int
    turnover_pence: int
    expenses_by_category: tuple[CategoryTotal, ...]
    receipted_expenses_pence: int
    mileage_tenths: int
    mileage_allowance_pence: int
    use_of_home_hours: int
    use_of_home_pence: int
    actual_expenses_pence: int  # receipts + mileage + use of home
    trading_allowance_pence: int  # what the allowance would give (at most turnover)
    better: AllowanceChoice  # TRADING_ALLOWANCE or EXPENSES
    used: AllowanceChoice
    advice: str
    deduction_pence: int
    profit_pence: int
    loss_pence: int
    estimate: TaxEstimate
    sa103s: tuple[BoxFigure, ...]
    months: tuple[MonthFigures, ...]
    deadlines: tuple[Deadline, ...]
    mtd: MtdStatus
    vat_warning: str
    notes: tuple[str, ...] = field(default=())

    @property
    def sa103s_note(self) -> str:
        return sa103s_note(self.year)

    @property
    def deduction_line(self) -> str:
        """ "Trading allowance used: £100.00 (better than your £17.09 expenses)"."""
        return deduction_line(
            self.used, self.better, self.trading_allowance_pence, self.actual_expenses_pence
        )

    def as_json(self) -> dict[str, object]:
        return {
            "year": self.year,
            "turnover_pence": self.turnover_pence,
            "invoice_income_pence": self.invoice_income_pence,
            "other_business_income_pence": self.other_business_income_pence,
            "expenses_by_category": [
                {"category": c.category.value, "label": c.label, "amount_pence": c.amount_pence}
                for c in self.expenses_by_category
            ],
            "receipted_expenses_pence": self.receipted_expenses_pence,
            "mileage_miles": self.mileage_tenths / 10,
            "mileage_allowance_pence": self.mileage_allowance_pence,
            "use_of_home_hours": self.use_of_home_hours,
            "use_of_home_pence": self.use_of_home_pence,
            "actual_expenses_pence": self.actual_expenses_pence,
            "trading_allowance_pence": self.trading_allowance_pence,
            "better": self.better.value,
            "used": self.used.value,
            "advice": self.advice,
            "deduction_line": self.deduction_line,
            "profit_pence": self.profit_pence,
            "loss_pence": self.loss_pence,
            "estimate": self.estimate.as_json(),
            "income_tax_pence": self.estimate.income_tax_pence,
            "class4_nic_pence": self.estimate.class4_nic_pence,
            "total_pence": self.estimate.total_pence,
            "put_aside_monthly_pence": self.estimate.put_aside_monthly_pence,
            "sa103s": [
                {"box": b.box, "label": b.label, "amount_pence": b.amount_pence}
                for b in self.sa103s
            ],
            "sa103s_boxes_verified": False,
            "sa103s_checked_against": SA103S_CHECKED_AGAINST,
            "sa103s_note": sa103s_note(self.year),
            "months": [
                {
                    "month": f"{m.year}-{m.month:02d}",
                    "income_pence": m.income_pence,
                    "expenses_pence": m.expenses_pence,
                }
                for m in self.months
            ],
            "deadlines": [{"date": d.when.isoformat(), "what": d.what} for d in self.deadlines],
            "mtd": {
                "applies": self.mtd.applies,
                "starts": self.mtd.starts.label if self.mtd.starts else None,
                "text": self.mtd.text,
            },
            "vat_warning": self.vat_warning,
            "notes": list(self.notes),
        }


def _advice(
    turnover: int,
    actual: int,
    allowance_cap: int,
    ta_value: int,
    better: AllowanceChoice,
    used: AllowanceChoice,
    choice: AllowanceChoice,
) -> str:
    if turnover == 0:
        return "No income recorded yet for this year."
    if turnover <= allowance_cap and better == AllowanceChoice.TRADING_ALLOWANCE:
        head = (
            f"Your turnover is {format_money(turnover)}, within the "
            f"{format_money(allowance_cap)} trading allowance: no tax on it, and you may "
            "not need to tell HMRC unless you want to."
        )
    elif turnover < allowance_cap and better == AllowanceChoice.EXPENSES:
        head = (
            f"Claiming your expenses ({format_money(actual)}) is better: the trading "
            f"allowance can only take off your turnover ({format_money(turnover)}), and "
            "expenses above your income make a loss (an accountant can tell you how to use it)."
        )
    else:
        # said as what came off, so that the allowance is never read as the expenses
        head = deduction_line(used, better, ta_value, actual) + "."
    if choice != AllowanceChoice.AUTO and used != better:
        head += (
            " You chose the other way in the tax settings; the figures below follow your choice."
        )
    return head


def tax_year_summary(
    session: Session, year: TaxYear | str, *, today: date | None = None
) -> YearSummary:
    ty = year if isinstance(year, TaxYear) else TaxYear.parse(year)
    rates = rates_for(ty)
    settings = get_tax_settings(session, ty)

    income = income_for_year(session, ty)
    invoice_income = sum(r.amount_pence for r in income if r.source == "invoice")
    other_business = sum(r.amount_pence for r in income if r.source == "other")
    turnover = invoice_income + other_business

    expenses = list_expenses(session, ty)
    by_cat: dict[ExpenseCategory, int] = {}
    for e in expenses:
        by_cat[e.category] = by_cat.get(e.category, 0) + e.amount_pence
    categories = tuple(
        CategoryTotal(c, CATEGORY_LABELS[c], by_cat[c]) for c in ExpenseCategory if by_cat.get(c)
    )
    receipted = sum(by_cat.values())

    log = mileage_log(session, ty, rates)
    miles = sum(r.miles_tenths for r in log)
    mileage_allowance = sum(r.allowance_pence for r in log)
    home = use_of_home_for_year(session, ty, rates)
    home_pence = sum(m.amount_pence for m in home)
    actual = receipted + mileage_allowance + home_pence

    allowance_cap = rates.trading_allowance_pence
    ta_value = min(turnover, allowance_cap)
    better = AllowanceChoice.TRADING_ALLOWANCE if ta_value > actual else AllowanceChoice.EXPENSES
    choice = AllowanceChoice(settings.allowance_choice)
    used = better if choice == AllowanceChoice.AUTO else choice
    deduction = ta_value if used == AllowanceChoice.TRADING_ALLOWANCE else actual
    net = turnover - deduction
    profit, loss = max(0, net), max(0, -net)

    mtd = mtd_status(session, ty)
    estimate = estimate_tax(
        ty,
        profit,
        settings.other_income_pence,
        scottish=settings.scottish,
        other_income_taxed_at_source=settings.other_income_taxed_at_source,
        last_year_to_pay_pence=settings.last_year_bill_pence,
        mtd=mtd.applies,
    )

    boxes = _sa103s(turnover, used, ta_value, by_cat, mileage_allowance, home_pence, actual)
    months = _months(ty, income, expenses, log, home)
    deadlines = year_deadlines(
        ty, first_year=settings.first_year_of_trading, mtd_applies=mtd.applies
    )
    notes = []
    if mileage_allowance:
        notes.append(
            f"Mileage is claimed at the simplified rate ({mileage_rule(rates)}): do not "
            "also claim fuel or running costs for the same car."
        )
    notes.append(f"Keep these records until at least 31 January {ty.start_year + 7}.")
    return YearSummary(
        year=ty.label,
        settings=settings,
        invoice_income_pence=invoice_income,
        other_business_income_pence=other_business,
        turnover_pence=turnover,
        expenses_by_category=categories,
        receipted_expenses_pence=receipted,
        mileage_tenths=miles,
        mileage_allowance_pence=mileage_allowance,
        use_of_home_hours=sum(m.hours for m in home),
        use_of_home_pence=home_pence,
        actual_expenses_pence=actual,
        trading_allowance_pence=ta_value,
        better=better,
        used=used,
        advice=_advice(turnover, actual, allowance_cap, ta_value, better, used, choice),
        deduction_pence=deduction,
        profit_pence=profit,
        loss_pence=loss,
        estimate=estimate,
        sa103s=tuple(boxes),
        months=tuple(months),
        deadlines=tuple(deadlines),
        mtd=mtd,
        vat_warning=vat_warning(session, ty, rates.vat_threshold_pence, today=today),
        notes=tuple(notes),
    )


def _sa103s(
    turnover: int,
    used: AllowanceChoice,
    ta_value: int,
    by_cat: dict[ExpenseCategory, int],
    mileage: int,
    home: int,
    actual: int,
) -> list[BoxFigure]:
    """The SA103S boxes a carer fills in, in the form's order (see SA103S_BOXES for the form
    year). All business income received is turnover (box 9: "the takings, fees, sales or
    money earned by your business"), so box 10 stays empty. With the trading allowance, box 20
    is empty, box 21 is the whole turnover and the allowance comes off at box 28."""

    def box(key: str, pence: int) -> BoxFigure:
        b = SA103S_BOXES[key]
        return BoxFigure(b.box, b.label, pence)

    out = [box("turnover", turnover)]
    expenses = 0
    allowance = 0
    if used == AllowanceChoice.TRADING_ALLOWANCE:
        allowance = ta_value
        out.append(box("trading_allowance", allowance))
    else:
        per_box: dict[str, int] = {}
        for cat, pence in by_cat.items():
            key = CATEGORY_BOX[cat]
            per_box[key] = per_box.get(key, 0) + pence
        if mileage:
            per_box[MILEAGE_BOX] = per_box.get(MILEAGE_BOX, 0) + mileage
        if home:
            per_box[USE_OF_HOME_BOX] = per_box.get(USE_OF_HOME_BOX, 0) + home
        order = list(SA103S_BOXES)
        for key in sorted(per_box, key=order.index):
            out.append(box(key, per_box[key]))
        expenses = actual
        out.append(box("total_expenses", expenses))
    net = turnover - expenses  # box 9 + box 10 - box 20
    if net < 0:
        out.append(box("net_loss", -net))
        out.append(box("loss_for_tax", -net))
        return out
    out.append(box("net_profit", net))
    for_tax = max(0, net - allowance)  # box 21 - box 10.1 (the allowance never makes a loss)
    out.append(box("profit_for_tax", for_tax))
    out.append(box("taxable_profit", for_tax))
    return out


def _months(ty: TaxYear, income, expenses, log, home) -> list[MonthFigures]:
    inc: dict[tuple[int, int], int] = {}
    exp: dict[tuple[int, int], int] = {}

    def month_of(d: date) -> tuple[int, int]:
        return (d.year, d.month)

    for r in income:
        inc[month_of(r.received_on)] = inc.get(month_of(r.received_on), 0) + r.amount_pence
    for e in expenses:
        exp[month_of(e.spent_on)] = exp.get(month_of(e.spent_on), 0) + e.amount_pence
    for j in log:
        exp[month_of(j.travelled_on)] = exp.get(month_of(j.travelled_on), 0) + j.allowance_pence
    for m in home:
        exp[(m.year, m.month)] = exp.get((m.year, m.month), 0) + m.amount_pence
    # 6 April - 5 April: the first days of April next year count in this year's March column
    months = ty.months()
    last = months[-1]
    for key in [(ty.start_year + 1, 4)]:
        if key in inc:
            inc[last] = inc.get(last, 0) + inc.pop(key)
        if key in exp:
            exp[last] = exp.get(last, 0) + exp.pop(key)
    return [MonthFigures(y, m, inc.get((y, m), 0), exp.get((y, m), 0)) for y, m in months]


def vat_warning(session: Session, ty: TaxYear, threshold: int, *, today: date | None) -> str:
    """A warning when turnover in the 12 months to today (or to the year's end) nears £90,000."""
    end = min(today, ty.end) if today and ty.contains(today) else ty.end
    start = end - relativedelta(months=12) + timedelta(days=1)
    rolling = turnover_between(session, start, end)
    if rolling > threshold:
        return (
            f"Your turnover in the 12 months to {end:%d/%m/%Y} is {format_money(rolling)}, "
            f"over the {format_money(threshold)} VAT registration threshold: you must "
            "register for VAT within 30 days. Talk to an accountant."
        )
    if rolling * 100 >= threshold * VAT_WARN_PERCENT:
        return (
            f"Your turnover in the 12 months to {end:%d/%m/%Y} is {format_money(rolling)}, "
            f"approaching the {format_money(threshold)} VAT registration threshold. Keep an "
            "eye on it month by month."
        )
    return ""
