"""status: self-employed, not an employee: how much the business depends on one client."""

from __future__ import annotations

import argparse

from app.commands.common import add_json_flag, open_store, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "status", help="self-employed status: clients, the largest client's share, warnings"
    )
    add_json_flag(p)
    p.set_defaults(func=show_status)


def show_status(args: argparse.Namespace) -> int:
    from app.core.formatting import format_date, today_london
    from app.core.status import WARNING_TEXT, figures_as_json, status_figures

    with open_store(args) as store, store.reading() as session:
        f = status_figures(session, today_london())
    if args.json:
        print_json(figures_as_json(f))
        return 0
    print(f"From {format_date(f.start)} to {format_date(f.end)}:")
    print(f"  clients with visits or payments: {f.active_clients_12m}")
    print(f"  the largest client's share of income: {f.largest_client_share_income:.0%}")
    print(f"  the largest client's share of hours: {f.largest_client_share_hours:.0%}")
    print(f"  months with a single client: {f.single_client_months}")
    for w in f.warnings:
        print(f"  warning: {WARNING_TEXT[w]}")
    if not f.warnings:
        print("  no warnings")
    return 0
