"""The estimate of Income Tax and Class 4 National Insurance on a year's profit.

Integer pence throughout. Each band's tax is rounded down to the penny (HMRC rounds tax
in the taxpayer's favour). The personal allowance taper takes off half the income over
£100,000 and the allowance left is rounded UP to a whole pound (Income Tax Act 2007 s35(2)
and (3), legislation.gov.uk): £100,001 leaves £12,569.50, which becomes £12,570.

Other income (a job, a pension) uses the personal allowance and the lower bands first;
Class 4 is charged on the business profit alone. Tax on the other income is assumed to be
collected at source (PAYE) unless told otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.core.errors import ValidationError
from app.core.formatting import format_money
from app.core.money.tax_rates import POUND, Band, TaxRates, rates_for
from app.core.money.tax_year import TaxYear

MAX_AMOUNT_PENCE = 100_000_000 * 100  # £100 million: above this a figure is surely a slip


@dataclass(frozen=True)
class BandSlice:
    name: str
    rate_percent: int
    income_pence: int
    tax_pence: int


@dataclass(frozen=True)
class Payment:
    what: str
    due: date
    amount_pence: int


@dataclass(frozen=True)
class TaxEstimate:
    year: str
    scottish: bool
    profit_pence: int
    other_income_pence: int
    total_income_pence: int
    personal_allowance_pence: int
    taxable_income_pence: int
    income_tax_pence: int  # on all income, profit and other income together
    class4_nic_pence: int
    total_pence: int  # income tax + Class 4
    taxed_at_source_pence: int  # estimated tax already taken from the other income (PAYE)
    to_pay_pence: int  # what Self Assessment asks for: total less tax taken at source
    put_aside_monthly_pence: int
    bands: tuple[BandSlice, ...]
    class4_bands: tuple[BandSlice, ...]
    class2_note: str
    payments_on_account_due: bool
    payments_on_account_reason: str
    payments: tuple[Payment, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, object]:
        return {
            "year": self.year,
            "scottish": self.scottish,
            "profit_pence": self.profit_pence,
            "other_income_pence": self.other_income_pence,
            "total_income_pence": self.total_income_pence,
            "personal_allowance_pence": self.personal_allowance_pence,
            "taxable_income_pence": self.taxable_income_pence,
            "income_tax_pence": self.income_tax_pence,
            "class4_nic_pence": self.class4_nic_pence,
            "total_pence": self.total_pence,
            "taxed_at_source_pence": self.taxed_at_source_pence,
            "to_pay_pence": self.to_pay_pence,
            "put_aside_monthly_pence": self.put_aside_monthly_pence,
            "bands": [vars(b) for b in self.bands],
            "class4_bands": [vars(b) for b in self.class4_bands],
            "class2_note": self.class2_note,
            "payments_on_account_due": self.payments_on_account_due,
            "payments_on_account_reason": self.payments_on_account_reason,
            "payments": [
                {"what": p.what, "due": p.due.isoformat(), "amount_pence": p.amount_pence}
                for p in self.payments
            ],
            "notes": list(self.notes),
        }


def check_amount(pence: int, field: str, label: str) -> int:
    if isinstance(pence, bool) or not isinstance(pence, int):
        raise ValidationError(field, f"The {label} must be a whole number of pence.")
    if pence < 0:
        raise ValidationError(field, f"The {label} cannot be negative.")
    if pence > MAX_AMOUNT_PENCE:
        raise ValidationError(field, f"The {label} looks too high; check the figure.")
    return pence


def personal_allowance(rates: TaxRates, total_income_pence: int) -> int:
    """The allowance after the taper, in whole pounds: ITA 2007 s35(2) reduces it by one-half
    of the adjusted net income over £100,000, and s35(3) rounds what remains UP to the
    nearest £1 (so an odd pound over the threshold costs nothing until the next one)."""
    excess = max(0, total_income_pence - rates.taper_threshold_pence)
    # twice the allowance left, in pence, so that half a penny stays exact
    twice_left = 2 * rates.personal_allowance_pence - excess
    if twice_left <= 0:
        return 0
    return ceil_div(twice_left, 2 * POUND) * POUND


def _slices(amount_pence: int, bands: tuple[Band, ...]) -> list[BandSlice]:
    out: list[BandSlice] = []
    lower = 0
    for band in bands:
        upper = band.upper_pence
        part = max(0, (amount_pence if upper is None else min(amount_pence, upper)) - lower)
        if part:
            out.append(
                BandSlice(band.name, band.rate_percent, part, part * band.rate_percent // 100)
            )
        if upper is None or amount_pence <= upper:
            break
        lower = upper
    return out


def income_tax(
    rates: TaxRates, total_income_pence: int, *, scottish: bool = False
) -> tuple[int, int, list[BandSlice]]:
    """(personal allowance, taxable income, band slices) for non-savings income."""
    allowance = personal_allowance(rates, total_income_pence)
    taxable = max(0, total_income_pence - allowance)
    bands = rates.scottish_bands if scottish else rates.bands
    return allowance, taxable, _slices(taxable, bands)


def class4(rates: TaxRates, profit_pence: int) -> list[BandSlice]:
    out = []
    main = max(0, min(profit_pence, rates.class4_upper_pence) - rates.class4_lower_pence)
    if main:
        out.append(
            BandSlice(
                "Class 4 main rate",
                rates.class4_main_percent,
                main,
                main * rates.class4_main_percent // 100,
            )
        )
    upper = max(0, profit_pence - max(rates.class4_upper_pence, rates.class4_lower_pence))
    if upper:
        out.append(
            BandSlice(
                "Class 4 upper rate",
                rates.class4_upper_percent,
                upper,
                upper * rates.class4_upper_percent // 100,
            )
        )
    return out


def class2_note(rates: TaxRates, profit_pence: int) -> str:
    spt = format_money(rates.class2_small_profits_threshold_pence)
    weekly = format_money(rates.class2_weekly_pence)
    yearly = format_money(rates.class2_weekly_pence * 52)
    check = "" if rates.class2_verified else " (figures for this year to be checked on GOV.UK)"
    if profit_pence >= rates.class2_small_profits_threshold_pence:
        return (
            f"No Class 2 National Insurance to pay: with profit of {spt} or more you get "
            f"the National Insurance credit for your State Pension automatically{check}."
        )
    return (
        f"Your profit is below {spt}, so you get no National Insurance credit "
        f"automatically. You may pay Class 2 voluntarily at {weekly} a week ({yearly} a "
        f"year) to protect your State Pension{check}."
    )


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def estimate_tax(
    year: TaxYear | str,
    profit_pence: int,
    other_income_pence: int = 0,
    *,
    scottish: bool = False,
    other_income_taxed_at_source: bool = True,
    last_year_to_pay_pence: int | None = None,
    last_year_taxed_at_source_pence: int = 0,
    mtd: bool = False,
) -> TaxEstimate:
    """Income Tax and Class 4 on `profit_pence` for the tax year, with other income first.

    `last_year_to_pay_pence` (the previous year's Self Assessment bill, if known) gives the
    payments on account already due for this year; None means unknown or a first year.
    `mtd`: the year is under Making Tax Digital, so it ends with a final declaration.
    """
    ty = year if isinstance(year, TaxYear) else TaxYear.parse(year)
    rates = rates_for(ty)
    check_amount(profit_pence, "profit", "profit")
    check_amount(other_income_pence, "other_income", "other income")
    total_income = profit_pence + other_income_pence
    allowance, taxable, bands = income_tax(rates, total_income, scottish=scottish)
    tax = sum(b.tax_pence for b in bands)
    c4 = class4(rates, profit_pence)
    nic = sum(b.tax_pence for b in c4)
    total = tax + nic
    at_source = 0
    if other_income_pence and other_income_taxed_at_source:
        _, _, alone = income_tax(rates, other_income_pence, scottish=scottish)
        at_source = sum(b.tax_pence for b in alone)
    to_pay = total - at_source
    due, reason = payments_on_account_needed(rates, to_pay, at_source)
    notes: list[str] = []
    if scottish and not rates.scottish_bands_verified:
        notes.append(f"Scottish bands for {ty.label} are still to be checked against GOV.UK.")
    if other_income_pence and other_income_taxed_at_source:
        notes.append("Tax on your other income is assumed to be taken by PAYE before you get it.")
    return TaxEstimate(
        year=ty.label,
        scottish=scottish,
        profit_pence=profit_pence,
        other_income_pence=other_income_pence,
        total_income_pence=total_income,
        personal_allowance_pence=allowance,
        taxable_income_pence=taxable,
        income_tax_pence=tax,
        class4_nic_pence=nic,
        total_pence=total,
        taxed_at_source_pence=at_source,
        to_pay_pence=to_pay,
        put_aside_monthly_pence=ceil_div(max(0, to_pay), 12),
        bands=tuple(bands),
        class4_bands=tuple(c4),
        class2_note=class2_note(rates, profit_pence),
        payments_on_account_due=due,
        payments_on_account_reason=reason,
        payments=tuple(
            payment_plan(
                ty,
                to_pay,
                due,
                last_year_to_pay_pence,
                last_year_taxed_at_source_pence,
                rates,
                filing="final declaration" if mtd else "online return",
            )
        ),
        notes=tuple(notes),
    )


def payments_on_account_needed(
    rates: TaxRates, to_pay_pence: int, taxed_at_source_pence: int
) -> tuple[bool, str]:
    """GOV.UK ("Understanding your Self Assessment tax bill: payments on account"): none are
    due when the last bill was LESS than £1,000 or MORE than 80% of the tax was already paid
    (PAYE); so a bill of exactly £1,000, or exactly 80% taken at source, still means
    payments on account."""
    limit = format_money(rates.payments_on_account_threshold_pence)
    if to_pay_pence < rates.payments_on_account_threshold_pence:
        return False, f"No payments on account: the bill is less than {limit}."
    liability = to_pay_pence + taxed_at_source_pence
    pct = rates.payments_on_account_at_source_percent
    if taxed_at_source_pence * 100 > liability * pct:
        return False, f"No payments on account: more than {pct}% of your tax is taken at source."
    return True, (
        f"Payments on account: the bill is {limit} or more and no more than {pct}% of your "
        "tax is taken at source, so HMRC asks for half of it in advance towards next "
        "year, twice."
    )


def payment_plan(
    ty: TaxYear,
    to_pay: int,
    poa_due: bool,
    last_year_to_pay: int | None,
    last_year_at_source: int,
    rates: TaxRates,
    *,
    filing: str = "online return",
) -> list[Payment]:
    s = ty.start_year
    out: list[Payment] = []
    already = 0
    if last_year_to_pay is not None:
        last_due, _ = payments_on_account_needed(rates, last_year_to_pay, last_year_at_source)
        if last_due:
            half = last_year_to_pay // 2
            already = 2 * half
            out.append(
                Payment(f"First payment on account for {ty.label}", date(s + 1, 1, 31), half)
            )
            out.append(
                Payment(f"Second payment on account for {ty.label}", date(s + 1, 7, 31), half)
            )
    out.append(
        Payment(
            f"Balancing payment for {ty.label} ({filing} due the same day)",
            date(s + 2, 1, 31),
            max(0, to_pay - already),
        )
    )
    if poa_due:
        half = to_pay // 2
        nxt = ty.next().label
        out.append(Payment(f"First payment on account for {nxt}", date(s + 2, 1, 31), half))
        out.append(Payment(f"Second payment on account for {nxt}", date(s + 2, 7, 31), half))
    return out
