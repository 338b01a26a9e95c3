"""tax estimate, tax summary, tax quarters, export csv."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import (
    CommandError,
    add_json_flag,
    known_tax_year,
    open_store,
    print_json,
)


def register(sub: argparse._SubParsersAction) -> None:
    tax = sub.add_parser("tax", help="tax: estimate from a profit figure, or the year's summary")
    tsub = tax.add_subparsers(dest="tax_command", metavar="ACTION", required=True)
    p = tsub.add_parser("estimate", help="Income Tax and Class 4 NI on a profit (no data needed)")
    p.add_argument("--year", required=True, help="tax year, like 2026-27")
    p.add_argument("--profit", required=True, help="the year's profit in pounds, like 30000")
    p.add_argument(
        "--other-income", default="0", help="other income in pounds (a job or pension), taxed first"
    )
    p.add_argument("--scottish", action="store_true", help="use Scottish Income Tax bands")
    add_json_flag(p)
    p.set_defaults(func=tax_estimate)

    p = tsub.add_parser("summary", help="the tax year's figures from your records")
    p.add_argument("--year", required=True, help="tax year, like 2026-27")
    add_json_flag(p)
    p.set_defaults(func=tax_summary)

    p = tsub.add_parser(
        "quarters",
        help="Making Tax Digital quarterly figures, cumulative from 6 April, with due dates",
    )
    p.add_argument("--year", required=True, help="tax year, like 2026-27")
    add_json_flag(p)
    p.set_defaults(func=tax_quarters)

    export = sub.add_parser("export", help="export records for an accountant")
    esub = export.add_subparsers(dest="export_command", metavar="FORMAT", required=True)
    p = esub.add_parser(
        "csv",
        help="income, expenses, mileage, summary and MTD quarters CSV files, and a "
        "one-page PDF summary, for a tax year",
    )
    p.add_argument("--year", required=True, help="tax year, like 2026-27")
    p.add_argument("--out", required=True, type=Path, help="the folder to write into")
    p.set_defaults(func=export_csv)


def _year(text: str):  # type: ignore[no-untyped-def]
    return known_tax_year(text, "--year")


def _pounds(text: str, option: str) -> int:
    from app.core.errors import ValidationError
    from app.core.formatting import parse_money
    from app.core.money.tax import MAX_AMOUNT_PENCE

    try:
        return parse_money(text, option, maximum_pence=MAX_AMOUNT_PENCE)
    except ValidationError as exc:
        raise CommandError(f"{option}: {exc.message}") from None


def _money(pence: int) -> str:
    from app.core.formatting import format_money

    return format_money(pence)


def tax_estimate(args: argparse.Namespace) -> int:
    from app.core.money.tax import estimate_tax

    year = _year(args.year)
    profit = _pounds(args.profit, "--profit")
    other = _pounds(args.other_income, "--other-income")
    e = estimate_tax(year, profit, other, scottish=args.scottish)
    if args.json:
        print_json(e.as_json())
        return 0
    print(f"Tax year {e.year}{' (Scottish bands)' if e.scottish else ''}")
    print(f"  Profit                         {_money(e.profit_pence):>14}")
    if e.other_income_pence:
        print(f"  Other income                   {_money(e.other_income_pence):>14}")
    print(f"  Personal allowance             {_money(e.personal_allowance_pence):>14}")
    print(f"  Taxable income                 {_money(e.taxable_income_pence):>14}")
    for b in e.bands:
        print(f"    {b.name} {b.rate_percent}% on {_money(b.income_pence)}: {_money(b.tax_pence)}")
    print(f"  Income Tax                     {_money(e.income_tax_pence):>14}")
    print(f"  Class 4 National Insurance     {_money(e.class4_nic_pence):>14}")
    print(f"  Total                          {_money(e.total_pence):>14}")
    if e.taxed_at_source_pence:
        print(f"  Taken at source (PAYE)         {_money(e.taxed_at_source_pence):>14}")
        print(f"  To pay through Self Assessment {_money(e.to_pay_pence):>14}")
    print(f"  Put aside each month           {_money(e.put_aside_monthly_pence):>14}")
    print(e.class2_note)
    return 0


def tax_summary(args: argparse.Namespace) -> int:
    from app.core.formatting import format_date
    from app.core.money.summary import tax_year_summary

    year = _year(args.year)
    with open_store(args) as store, store.reading() as session:
        s = tax_year_summary(session, year)
    if args.json:
        print_json(s.as_json())
        return 0
    e = s.estimate
    print(f"Tax year {s.year} (6 April {year.start_year} to 5 April {year.start_year + 1})")
    print(f"  Turnover                 {_money(s.turnover_pence):>14}")
    for c in s.expenses_by_category:
        print(f"    {c.label:<36}{_money(c.amount_pence):>14}")
    print(f"    {'Mileage allowance':<36}{_money(s.mileage_allowance_pence):>14}")
    print(f"    {'Use of home':<36}{_money(s.use_of_home_pence):>14}")
    print(f"  Deduction used           {_money(s.deduction_pence):>14}")
    print(f"  Profit                   {_money(s.profit_pence):>14}")
    print(f"  Income Tax               {_money(e.income_tax_pence):>14}")
    print(f"  Class 4 NI               {_money(e.class4_nic_pence):>14}")
    print(f"  Total                    {_money(e.total_pence):>14}")
    print(f"  Put aside each month     {_money(e.put_aside_monthly_pence):>14}")
    print(s.advice)
    print(s.mtd.text)
    if s.vat_warning:
        print(s.vat_warning)
    for d in s.deadlines:
        print(f"  {format_date(d.when)}  {d.what}")
    return 0


def tax_quarters(args: argparse.Namespace) -> int:
    from app.core.formatting import format_date
    from app.core.money.quarters import mtd_quarters

    year = _year(args.year)
    with open_store(args) as store, store.reading() as session:
        quarters = mtd_quarters(session, year)
    if args.json:
        print_json([q.as_json() for q in quarters])
        return 0
    print(f"Making Tax Digital quarterly figures for {year.label} (cumulative from 6 April)")
    for q in quarters:
        print(
            f"  Quarter {q.quarter} to {format_date(q.period_end)}, due {format_date(q.due)}: "
            f"income {_money(q.cumulative_income_pence)}, "
            f"expenses {_money(q.cumulative_expenses_pence)}"
        )
        for c in q.expenses_by_category:
            print(f"      box {c.box:<4} {c.label:<52}{_money(c.amount_pence):>12}")
    return 0


def export_csv(args: argparse.Namespace) -> int:
    from app.core.money.export import export_year
    from app.core.money.summary import tax_year_summary
    from app.core.profile import get_profile
    from app.documents.tax_summary_pdf import render_tax_summary

    year = _year(args.year)
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out: {out} is a file, not a folder")
    with open_store(args) as store, store.reading() as session:
        try:
            paths = export_year(session, year, out)
        except OSError as exc:
            raise CommandError(f"--out: cannot write to {out} ({exc.strerror})") from None
        profile = get_profile(session)
        summary = tax_year_summary(session, year)
        pdf = render_tax_summary(
            summary,
            trading_name=profile.trading_name if profile else "",
            carer_name=profile.carer_name if profile else "",
        )
    pdf_path = out / f"tax-summary-{year.label}.pdf"
    try:
        pdf_path.write_bytes(pdf)
    except OSError as exc:
        raise CommandError(f"--out: cannot write to {out} ({exc.strerror})") from None
    for p in [*paths, pdf_path]:
        print(f"wrote {p}")
    return 0
