"""visits ics | list: the schedule for a phone's calendar, and a listing."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

from app.commands.common import (
    CommandError,
    add_json_flag,
    date_argument,
    open_store,
    print_json,
    record_id,
)
from app.commands.timesheet import register_under as register_timesheet

DEFAULT_WEEKS = 8


def register(sub: argparse._SubParsersAction) -> None:
    visits = sub.add_parser("visits", help="visits: calendar file, list, timesheet")
    vsub = visits.add_subparsers(dest="visits_command", metavar="ACTION", required=True)

    p = vsub.add_parser("ics", help="write the visits as an .ics calendar file (no notes)")
    p.add_argument("--out", required=True, type=Path, help="the .ics file to write")
    p.add_argument(
        "--from",
        dest="start",
        type=date_argument,
        default=None,
        help="first day (dd/mm/yyyy or yyyy-mm-dd; default today)",
    )
    p.add_argument(
        "--to",
        dest="end",
        type=date_argument,
        default=None,
        help=f"last day (default {DEFAULT_WEEKS} weeks after the first)",
    )
    p.set_defaults(func=write_ics)

    p = vsub.add_parser("list", help="list visits (no notes)")
    p.add_argument(
        "--from",
        dest="start",
        type=date_argument,
        default=None,
        help="first day (default: this week's Monday)",
    )
    p.add_argument(
        "--to",
        dest="end",
        type=date_argument,
        default=None,
        help="last day (default: a week after the first)",
    )
    p.add_argument("--client", type=record_id, default=None, help="only this client's number")
    p.add_argument(
        "--status",
        default=None,
        choices=["planned", "delivered", "cancelled_by_client", "cancelled_by_carer"],
    )
    add_json_flag(p)
    p.set_defaults(func=list_visits)
    register_timesheet(vsub, date_argument)


def _range(args: argparse.Namespace, default_start: date, default_days: int) -> tuple[date, date]:
    start = args.start or default_start
    end = args.end or start + timedelta(days=default_days - 1)
    if end < start:
        raise CommandError("--to is before --from")
    return start, end


def write_ics(args: argparse.Namespace) -> int:
    from app.core.formatting import plural, today_london
    from app.core.visits.ics import visits_ics

    start, end = _range(args, today_london(), DEFAULT_WEEKS * 7)
    with open_store(args) as store, store.reading() as session:
        data = visits_ics(session, start, end)
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"could not write {args.out}: {exc.strerror or exc}") from None
    print(
        f"wrote {args.out} ({plural(data.count(b'BEGIN:VEVENT'), 'visit')}, "
        f"{start:%d/%m/%Y} to {end:%d/%m/%Y})"
    )
    return 0


def list_visits(args: argparse.Namespace) -> int:
    from app.core.formatting import today_london
    from app.core.visits.models import STATUS_LABELS
    from app.core.visits.services import list_visits as fetch
    from app.core.visits.services import monday_of

    start, end = _range(args, monday_of(today_london()), 7)
    with open_store(args) as store, store.reading() as session:
        rows = []
        offset = 0
        while True:
            page = fetch(
                session,
                start,
                end,
                client_id=args.client,
                status=args.status,
                limit=1000,
                offset=offset,
            )
            rows.extend(page)
            if len(page) < 1000:
                break
            offset += 1000
    if args.json:
        print_json([r.as_json() for r in rows])
    else:
        for r in rows:
            s, e = r.local_start, r.local_end
            print(
                f"{r.id:>6}  {s:%a %d/%m/%Y %H:%M}-{e:%H:%M}  {r.client_name:<28} "
                f"{STATUS_LABELS[r.status]}"
            )
        if not rows:
            print("no visits in that range")
    return 0
