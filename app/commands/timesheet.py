"""visits timesheet --client ID --from DATE --to DATE --out FILE: the delivered visits for
one client and period, with signature lines (registered under `visits`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import CommandError, open_store, pdf_out, record_id, write_pdf


def register_under(vsub: argparse._SubParsersAction, date_type) -> None:  # type: ignore[no-untyped-def]
    p = vsub.add_parser("timesheet", help="write a timesheet PDF for one client and period")
    p.add_argument("--client", type=record_id, required=True, help="the client's number")
    p.add_argument("--from", dest="start", type=date_type, required=True, help="first day")
    p.add_argument("--to", dest="end", type=date_type, required=True, help="last day")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    p.set_defaults(func=write_timesheet)


def write_timesheet(args: argparse.Namespace) -> int:
    from app.core.errors import NotFound, ValidationError
    from app.core.formatting import plural
    from app.core.profile import get_profile
    from app.core.visits.timesheets import hours_and_minutes, timesheet_data
    from app.documents.letterhead import Letterhead
    from app.documents.timesheet_pdf import render_timesheet

    pdf_out(args)
    with open_store(args) as store, store.reading() as session:
        try:
            data = timesheet_data(session, args.client, args.start, args.end)
        except NotFound:
            raise CommandError(f"there is no client number {args.client}") from None
        except ValidationError as exc:
            raise CommandError(exc.message) from None
        pdf = render_timesheet(data, Letterhead.of(get_profile(session)))
    visits = f"{plural(len(data.lines), 'visit')}, {hours_and_minutes(data.total_minutes)}"
    return write_pdf(args, pdf, "timesheet", visits)
