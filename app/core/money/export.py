"""CSV files of a tax year for an accountant: income, expenses, mileage and the summary.

en_GB dates (dd/mm/yyyy) and amounts in pounds with two decimals (no £ sign, no thousands
separator, so spreadsheets read them as numbers). Client names are left out of the mileage
file: the purpose says what the journey was for.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy.orm import Session

from app.core.formatting import format_date, pence_to_decimal_text
from app.core.money.expenses import list_expenses
from app.core.money.explain import mileage_rule
from app.core.money.mileage import format_miles, mileage_log
from app.core.money.summary import YearSummary, tax_year_summary
from app.core.money.tax_rates import rates_for
from app.core.money.tax_year import TaxYear
from app.core.money.turnover import income_for_year

FILES = ("income.csv", "expenses.csv", "mileage.csv", "summary.csv", "quarters.csv")


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def money(pence: int) -> str:
    return pence_to_decimal_text(pence)


def income_csv(session: Session, year: TaxYear) -> str:
    rows = [["Date received", "Source", "Description", "Amount (£)"]]
    for r in income_for_year(session, year):
        source = "Invoice payment" if r.source == "invoice" else "Other business income"
        rows.append([format_date(r.received_on), source, r.description, money(r.amount_pence)])
    return _csv(rows)


def expenses_csv(session: Session, year: TaxYear) -> str:
    rows = [["Date", "Supplier", "Category", "Description", "Amount (£)", "Receipt"]]
    for e in list_expenses(session, year):
        rows.append(
            [
                format_date(e.spent_on),
                e.supplier,
                e.category_label,
                e.description,
                money(e.amount_pence),
                e.receipt_filename or "",
            ]
        )
    return _csv(rows)


def mileage_csv(session: Session, year: TaxYear) -> str:
    rows = [["Date", "From", "To", "Purpose", "Miles", "Allowance (£)", "Source"]]
    for r in mileage_log(session, year, rates_for(year)):
        rows.append(
            [
                format_date(r.travelled_on),
                r.from_place,
                r.to_place,
                r.purpose,
                format_miles(r.miles_tenths).replace(",", ""),
                money(r.allowance_pence),
                "Journey" if r.source == "journey" else "Visit log",
            ]
        )
    return _csv(rows)


def summary_rows(s: YearSummary) -> list[list[str]]:
    e = s.estimate
    rows = [
        ["Item", "Amount (£)", "Note"],
        ["Tax year", s.year, "6 April to 5 April"],
        [
            "Turnover (cash basis)",
            money(s.turnover_pence),
            "payments received and other business income",
        ],
        ["Invoice payments received", money(s.invoice_income_pence), ""],
        ["Other business income", money(s.other_business_income_pence), ""],
    ]
    for c in s.expenses_by_category:
        rows.append([f"Expenses: {c.label}", money(c.amount_pence), ""])
    rows += [
        [
            "Mileage allowance",
            money(s.mileage_allowance_pence),
            f"{format_miles(s.mileage_tenths)} miles at {mileage_rule(rates_for(s.year))}",
        ],
        ["Use of home (flat rate)", money(s.use_of_home_pence), f"{s.use_of_home_hours} hours"],
        ["Actual expenses in total", money(s.actual_expenses_pence), ""],
        ["Trading allowance available", money(s.trading_allowance_pence), ""],
        [
            "Deduction used",
            money(s.deduction_pence),
            "trading allowance" if s.used.value == "trading_allowance" else "actual expenses",
        ],
        ["Profit", money(s.profit_pence), ""],
        ["Loss", money(s.loss_pence), ""],
        ["Other income (job, pension)", money(e.other_income_pence), ""],
        ["Personal allowance", money(e.personal_allowance_pence), ""],
        ["Taxable income", money(e.taxable_income_pence), ""],
        ["Income Tax (estimate)", money(e.income_tax_pence), ""],
        ["Class 4 National Insurance (estimate)", money(e.class4_nic_pence), ""],
        ["Total Income Tax and Class 4", money(e.total_pence), ""],
        ["Tax taken at source (estimate)", money(e.taxed_at_source_pence), ""],
        ["To pay through Self Assessment", money(e.to_pay_pence), ""],
        ["Put aside each month", money(e.put_aside_monthly_pence), ""],
    ]
    for b in s.sa103s:
        rows.append(
            [
                f"SA103S box {b.box}: {b.label}",
                money(b.amount_pence),
                s.sa103s_note,
            ]
        )
    for p in e.payments:
        rows.append([f"{p.what} due {format_date(p.due)}", money(p.amount_pence), ""])
    rows.append(["Advice", "", s.advice])
    rows.append(["Class 2 National Insurance", "", e.class2_note])
    rows.append(["Making Tax Digital", "", s.mtd.text])
    if s.vat_warning:
        rows.append(["VAT", "", s.vat_warning])
    return rows


def quarters_csv(session: Session, year: TaxYear) -> str:
    """Making Tax Digital quarters, one row each: cumulative income and expenses from 6 April,
    then the expenses by SA103S box (a column for each box used in the year)."""
    from app.core.money.quarters import mtd_quarters

    quarters = mtd_quarters(session, year)
    boxes = [(c.box, c.label) for c in quarters[-1].expenses_by_category]
    rows = [
        [
            "Quarter",
            "From",
            "To",
            "Update due",
            "Income to date (£)",
            "Expenses to date (£)",
            *(f"Box {box} {label} (£)" for box, label in boxes),
        ]
    ]
    for q in quarters:
        by_box = {c.box: c.amount_pence for c in q.expenses_by_category}
        rows.append(
            [
                str(q.quarter),
                format_date(q.period_start),
                format_date(q.period_end),
                format_date(q.due),
                money(q.cumulative_income_pence),
                money(q.cumulative_expenses_pence),
                *(money(by_box.get(box, 0)) for box, _ in boxes),
            ]
        )
    return _csv(rows)


def export_year(session: Session, year: TaxYear, out_dir: Path) -> list[Path]:
    """Writes the CSV files into `out_dir` (made if missing); returns their paths."""
    summary = tax_year_summary(session, year)
    out_dir.mkdir(parents=True, exist_ok=True)
    contents = {
        "income.csv": income_csv(session, year),
        "expenses.csv": expenses_csv(session, year),
        "mileage.csv": mileage_csv(session, year),
        "summary.csv": _csv(summary_rows(summary)),
        "quarters.csv": quarters_csv(session, year),
    }
    paths = []
    for name, text in contents.items():
        path = out_dir / name
        tmp = path.with_suffix(".csv.part")
        tmp.write_text(text, encoding="utf-8-sig", newline="")
        tmp.replace(path)
        paths.append(path)
    return paths
