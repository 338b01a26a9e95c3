"""availability --json | --text: free time for the scheme's directory (working hours minus
the signed schedules)."""

from __future__ import annotations

import argparse

from app.commands.common import open_store, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "availability", help="free time for the directory: working hours minus the schedules"
    )
    how = p.add_mutually_exclusive_group()
    how.add_argument("--json", action="store_true", help="print JSON: day, from, to")
    how.add_argument("--text", action="store_true", help="print one line to paste (the default)")
    p.set_defaults(func=show)


def show(args: argparse.Namespace) -> int:
    from app.core.availability import availability
    from app.core.formatting import today_london

    with open_store(args) as store, store.reading() as session:
        week = availability(session, today_london())
    if args.json:
        print_json([slot.as_json() for slot in week.free])
    else:
        if not week.hours.days:
            print("no working hours set (Settings → Working hours and free time)")
            return 0
        print(week.text)
    return 0
