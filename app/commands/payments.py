"""payment list | receipt ID --out FILE: payments received, and a receipt for one."""

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
    payment = sub.add_parser("payment", help="payments: list, receipt")
    psub = payment.add_subparsers(dest="payment_command", metavar="ACTION", required=True)
    p = psub.add_parser("list", help="list payments received, newest first")
    add_json_flag(p)
    p.set_defaults(func=list_payments)
    p = psub.add_parser("receipt", help="write a receipt for one payment as PDF")
    p.add_argument("id", type=record_id, help="the payment's number (see payment list)")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    p.set_defaults(func=receipt)


def list_payments(args: argparse.Namespace) -> int:
    from app.core.formatting import format_date, format_money
    from app.core.receipts import list_payments as rows_of
    from app.core.receipts import method_label

    with open_store(args) as store, store.reading() as session:
        rows = rows_of(session)
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    for r in rows:
        print(
            f"{r.id:>6}  {format_date(r.received_on)}  {format_money(r.amount_pence):>11}  "
            f"{method_label(r.method):<20} {r.payer:<28} {', '.join(r.invoice_numbers)}"
        )
    if not rows:
        print("no payments recorded")
    return 0


def receipt(args: argparse.Namespace) -> int:
    from app.core.errors import NotFound
    from app.core.profile import get_profile
    from app.core.receipts import payment_receipt
    from app.documents.letterhead import Letterhead
    from app.documents.receipt_pdf import render_receipt

    pdf_out(args)
    with open_store(args) as store, store.reading() as session:
        try:
            data = payment_receipt(session, args.id)
        except NotFound:
            raise CommandError(f"there is no payment number {args.id}") from None
        pdf = render_receipt(data, Letterhead.of(get_profile(session)))
    return write_pdf(args, pdf, f"receipt {data.number}")
