"""safeguarding list | pdf ID --out FILE. Listings carry no free text from the records."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import (
    CommandError,
    add_json_flag,
    open_store,
    pdf_out,
    print_json,
    record_id,
    write_pdf,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("safeguarding", help="safeguarding records: list, pdf")
    ssub = p.add_subparsers(dest="safeguarding_command", metavar="ACTION", required=True)
    lp = ssub.add_parser("list", help="list records (ids, dates, categories; no free text)")
    add_json_flag(lp)
    lp.set_defaults(func=list_records)
    pp = ssub.add_parser("pdf", help="write one record with its addenda as a PDF")
    pp.add_argument("id", type=record_id, help="the record's number")
    pp.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    pp.set_defaults(func=pdf)


def list_records(args: argparse.Namespace) -> int:
    from app.core.safeguarding.services import category_labels, record_as_json
    from app.core.safeguarding.services import list_records as rows_of

    with open_store(args) as store, store.reading() as session:
        rows = rows_of(session)
    if args.json:
        print_json([record_as_json(r) for r in rows])
        return 0
    if not rows:
        print("no safeguarding records")
    from app.core.formatting import format_date, format_datetime

    for r in rows:
        due = f"  follow-up due {format_date(r.follow_up_due)}" if r.follow_up_due else ""
        client = f"client {r.client_id}" if r.client_id is not None else "not a client"
        print(
            f"#{r.id:<4} {format_datetime(r.happened_at)}  {client:<12} "
            f"{', '.join(category_labels(r.categories))}  "
            f"({r.addenda_count} addenda){due}"
        )
    return 0


def pdf(args: argparse.Namespace) -> int:
    from app.core.errors import NotFound
    from app.core.profile import get_profile
    from app.core.safeguarding.services import record_view
    from app.documents.safeguarding_pdf import render_safeguarding_pdf

    pdf_out(args)
    with open_store(args) as store, store.reading() as session:
        try:
            view = record_view(session, args.id)
        except NotFound:
            raise CommandError(f"there is no safeguarding record number {args.id}") from None
        data = render_safeguarding_pdf(view, get_profile(session))
    return write_pdf(args, data, f"safeguarding record {args.id}")
