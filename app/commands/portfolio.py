"""portfolio list | export | attach."""

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
    portfolio = sub.add_parser(
        "portfolio", help="the documents a client may ask to see: list, export"
    )
    psub = portfolio.add_subparsers(dest="portfolio_command", metavar="ACTION", required=True)

    p = psub.add_parser("list", help="list portfolio documents with their expiry status")
    p.add_argument("--archived", action="store_true", help="include archived documents")
    add_json_flag(p)
    p.set_defaults(func=list_documents)

    p = psub.add_parser("export", help="write the portfolio PDF (cover, contents, summary, files)")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    p.add_argument(
        "--for-client",
        type=record_id,
        default=None,
        metavar="ID",
        help="the client's chosen documents, watermarked with their name, and noted "
        "in the share log",
    )
    p.add_argument(
        "--all", action="store_true", help="every document (not archived), not just the chosen set"
    )
    p.add_argument(
        "--no-watermark",
        action="store_true",
        help="with --for-client: leave out the 'Shared with ...' watermark",
    )
    p.add_argument(
        "--no-log", action="store_true", help="with --for-client: do not note this in the share log"
    )
    p.set_defaults(func=export)

    p = psub.add_parser("attach", help="attach a PDF, JPEG or PNG file to a document")
    p.add_argument("document_id", type=record_id, metavar="DOCUMENT_ID")
    p.add_argument("file", type=Path)
    p.set_defaults(func=attach)


def list_documents(args: argparse.Namespace) -> int:
    from app.core.formatting import format_date, today_london
    from app.core.portfolio.services import documents_as_json

    with open_store(args) as store, store.reading() as session:
        rows = documents_as_json(session, today=today_london(), include_archived=args.archived)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("no portfolio documents yet")
    for r in rows:
        expiry = r["expiry_date"] or r["renewal_date"]
        when = format_date(_iso(expiry)) if expiry else "no expiry"
        print(
            f"{r['id']:>4}  {r['type']:<16} {str(r['title'])[:40]:<40} {r['status']:<13} "
            f"{when:<10}  files: {r['files']}"
        )
    return 0


def _iso(text: object):  # type: ignore[no-untyped-def]
    from datetime import date

    return date.fromisoformat(str(text))


def export(args: argparse.Namespace) -> int:
    from app.core.formatting import today_london
    from app.core.portfolio.export import build_export_plan
    from app.core.portfolio.models import ShareHow
    from app.core.portfolio.services import (
        all_document_ids,
        client_document_ids,
        default_document_ids,
        file_content,
        record_share,
    )
    from app.documents.portfolio_pdf import render_portfolio

    pdf_out(args)
    today = today_london()
    client_id = args.for_client
    with open_store(args) as store:
        with store.reading() as session:
            if args.all:
                ids = all_document_ids(session)
            elif client_id is not None:
                ids = client_document_ids(session, client_id)
            else:
                ids = default_document_ids(session)
            if not ids:
                raise CommandError(
                    "there are no portfolio documents to export"
                    + ("" if args.all else " in the chosen set (try --all)")
                )
            plan = build_export_plan(
                session,
                ids,
                today=today,
                client_id=client_id,
                watermark=client_id is not None and not args.no_watermark,
            )
            result = render_portfolio(plan, lambda file_id: file_content(session, file_id))
        n = len(plan.documents)
        contents = f"{n} document{'s' if n != 1 else ''}, {result.page_count} pages"
        write_pdf(args, result.pdf, "portfolio", contents)
        if client_id is not None and not args.no_log:
            with store.unit_of_work() as session:
                record_share(
                    session,
                    document_ids=plan.document_ids,
                    client_id=client_id,
                    how=ShareHow.SENT,
                    watermark=plan.watermark,
                )
            print(f"noted in the share log for client {client_id}")
    for item in result.left_out:
        print(f"not included: {item.line()}")
    if result.left_out:
        print(
            f"{len(result.left_out)} file(s) could not be included; the PDF lists them "
            "on its 'Not included' page"
        )
    return 0


def attach(args: argparse.Namespace) -> int:
    from app.core.errors import ValidationError
    from app.core.portfolio.services import MAX_FILE_BYTES, attach_file, check_file_kind
    from app.documents.portfolio_pdf import check_attachment

    path: Path = args.file
    if not path.is_file():
        raise CommandError(f"there is no file {path}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CommandError(f"“{path.name}” is larger than 50 MB; save a smaller copy")
    data = path.read_bytes()
    try:
        check_file_kind(path.name, data)
    except ValidationError as exc:
        raise CommandError(exc.message) from None
    problem = check_attachment(path.name, data)
    if problem:
        raise CommandError(problem)
    with open_store(args) as store, store.unit_of_work() as session:
        f = attach_file(session, args.document_id, path.name, data).value
        file_id = f.id
    print(f"attached {path.name} to document {args.document_id} (file {file_id})")
    return 0
