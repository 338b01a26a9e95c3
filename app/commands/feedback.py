"""feedback list | pdf: the complaints, compliments and comments log, and the quarterly summary."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.commands.common import (
    CommandError,
    add_json_flag,
    open_store,
    pdf_out,
    print_json,
    write_pdf,
)


def _date(text: str) -> date:
    from app.core.errors import ValidationError
    from app.core.formatting import parse_date

    try:
        value = parse_date(text, "date")
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None
    assert value is not None
    return value


def register(sub: argparse._SubParsersAction) -> None:
    fb = sub.add_parser("feedback", help="feedback (complaints, compliments, comments): list, pdf")
    fsub = fb.add_subparsers(dest="feedback_command", metavar="ACTION", required=True)
    p = fsub.add_parser("list", help="list feedback (ids, kinds, dates, status; no summaries)")
    p.add_argument("--client", type=int, default=None, metavar="ID", help="only this client")
    add_json_flag(p)
    p.set_defaults(func=list_feedback)
    p = fsub.add_parser("pdf", help="write the summary for the scheme's quarterly request")
    p.add_argument("--from", dest="start", type=_date, required=True, help="first day")
    p.add_argument("--to", dest="end", type=_date, required=True, help="last day")
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="the PDF to write")
    p.set_defaults(func=feedback_pdf)


def list_feedback(args: argparse.Namespace) -> int:
    from app.core.feedback.models import KIND_LABELS
    from app.core.feedback.services import list_feedback as rows_of
    from app.core.feedback.services import row_as_json
    from app.core.formatting import format_date

    with open_store(args) as store, store.reading() as session:
        rows = rows_of(session, args.client)
    if args.json:
        print_json([row_as_json(r) for r in rows])
        return 0
    if not rows:
        print("No feedback yet.")
    for r in rows:
        due = (
            f"  reply due {format_date(r.reply_due)}" if r.reply_due and r.status == "open" else ""
        )
        print(
            f"{r.id:>4}  {format_date(r.received_on)}  {KIND_LABELS[r.kind]:<10}  "
            f"client {r.client_id:<4} {r.status:<8}{due}"
        )
    return 0


def feedback_pdf(args: argparse.Namespace) -> int:
    from app.core.feedback.services import feedback_report
    from app.core.formatting import plural
    from app.core.profile import get_profile
    from app.documents.feedback_pdf import render_feedback_pdf

    if args.end < args.start:
        raise CommandError("--to is before --from")
    pdf_out(args)
    with open_store(args) as store, store.reading() as session:
        report = feedback_report(session, args.start, args.end)
        pdf = render_feedback_pdf(report, get_profile(session))
    total = sum(report.counts.values())
    return write_pdf(args, pdf, "the feedback summary", plural(total, "item"))
