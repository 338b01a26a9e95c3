"""invoice list | show NUMBER | pdf NUMBER --out FILE | statement --payer NAME | aged."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import (
    CommandError,
    add_json_flag,
    open_store,
    pdf_out,
    print_json,
    write_pdf,
)


def register(sub: argparse._SubParsersAction) -> None:
    inv = sub.add_parser("invoice", help="invoices: list, show, pdf, statement, aged")
    isub = inv.add_subparsers(dest="invoice_command", metavar="ACTION", required=True)
    p = isub.add_parser("list", help="list invoices, newest first")
    p.add_argument(
        "--status", default=None, help="draft, issued, part_paid, paid, void, unpaid or overdue"
    )
    add_json_flag(p)
    p.set_defaults(func=list_invoices)
    p = isub.add_parser("show", help="one invoice with its lines and payments")
    p.add_argument("number", help="the invoice number, e.g. INV-0001")
    add_json_flag(p)
    p.set_defaults(func=show_invoice)
    p = isub.add_parser("pdf", help="write an issued invoice's (or credit note's) PDF")
    p.add_argument("number", help="INV-0001 or CN-0001")
    p.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    p.set_defaults(func=invoice_pdf_command)
    p = isub.add_parser("statement", help="invoices, payments and balance for one payer")
    p.add_argument("--payer", required=True, help="the payer's name as on the invoices")
    add_json_flag(p)
    p.set_defaults(func=payer_statement)
    p = isub.add_parser("aged", help="aged debtors: what each payer owes, by days overdue")
    add_json_flag(p)
    p.set_defaults(func=aged)


def _money(pence: int) -> str:
    from app.core.formatting import format_money

    return format_money(pence)


def list_invoices(args: argparse.Namespace) -> int:
    from app.core.errors import ValidationError
    from app.core.formatting import format_date, today_london
    from app.core.invoicing.queries import list_invoices as rows_of

    today = today_london()
    with open_store(args) as store, store.reading() as session:
        try:
            rows = rows_of(session, status=args.status, today=today)
        except ValidationError as exc:
            raise CommandError(f"--status: {exc.message}") from None
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    for r in rows:
        print(
            f"{r.reference:<10} {format_date(r.issue_date) or '—':<10} "
            f"{str(r.status):<9} {_money(r.total_pence):>11} paid {_money(r.paid_pence):>11}  "
            f"{r.payer}"
        )
    if not rows:
        print("no invoices")
    return 0


def _find(session, number: str):  # type: ignore[no-untyped-def]
    from app.core.invoicing.queries import find_invoice

    return find_invoice(session, number)


def show_invoice(args: argparse.Namespace) -> int:
    from app.core.formatting import format_date
    from app.core.invoicing.payments import payments_for_invoice
    from app.core.invoicing.queries import invoice_row

    with open_store(args) as store, store.reading() as session:
        invoice = _find(session, args.number)
        row = invoice_row(session, invoice.id)
        data = row.as_json()
        data["person_cared_for"] = invoice.person_name
        data["lines"] = [
            {
                "date": ln.line_date,
                "kind": str(ln.kind),
                "description": ln.description,
                "minutes": ln.minutes,
                "rate_pence": ln.rate_pence,
                "quantity": ln.quantity,
                "amount_pence": ln.amount_pence,
                "visit_id": ln.visit_id,
            }
            for ln in sorted(invoice.lines, key=lambda ln: ln.position)
        ]
        data["payments"] = [
            {
                "received_on": p.received_on,
                "method": str(p.method),
                "reference": p.reference,
                "amount_pence": p.amount_pence,
                "allocated_pence": share,
            }
            for p, share in payments_for_invoice(session, invoice.id)
        ]
        data["credit_notes"] = [
            {
                "number": n.number,
                "issue_date": n.issue_date,
                "total_pence": n.total_pence,
                "reason": n.reason,
            }
            for n in invoice.credit_notes
        ]
    if args.json:
        print_json(data)
        return 0
    print(f"{data['number']}  {data['status']}  to {data['payer']}")
    print(
        f"issued {format_date(row.issue_date)}, due {format_date(row.due_date)}; "
        f"total {_money(row.total_pence)}, paid {_money(row.paid_pence)}, "
        f"owed {_money(row.balance_pence)}"
    )
    for ln in data["lines"]:  # type: ignore[union-attr]
        print(
            f"  {format_date(ln['date'])}  {ln['description'][:50]:<50} "
            f"{_money(ln['amount_pence']):>10}"
        )
    return 0


def invoice_pdf_command(args: argparse.Namespace) -> int:
    from app.core.errors import NotFound
    from app.core.invoicing.credit_notes import credit_note_pdf, find_credit_note
    from app.core.invoicing.issuing import invoice_pdf
    from app.documents.invoice_pdf import render_invoice

    pdf_out(args)
    number = (args.number or "").strip().upper()
    with open_store(args) as store, store.unit_of_work() as session:
        try:
            if number.startswith("CN-"):
                pdf = credit_note_pdf(
                    session, find_credit_note(session, number).id, render_invoice
                ).value
            else:
                pdf = invoice_pdf(session, _find(session, number).id, render_invoice).value
        except NotFound as exc:
            raise CommandError(str(exc)) from None
    return write_pdf(args, pdf, number, f"{len(pdf):,} bytes")


def payer_statement(args: argparse.Namespace) -> int:
    from app.core.formatting import format_date
    from app.core.invoicing.reports import payers, statement

    with open_store(args) as store, store.reading() as session:
        known = {p.casefold(): p for p in payers(session)}
        if args.payer.strip().casefold() not in known:
            raise CommandError(f"--payer: no invoices or payments for {args.payer.strip()[:60]!r}")
        st = statement(session, args.payer)
    if args.json:
        print_json(
            {
                "payer": st.payer,
                "balance_pence": st.balance_pence,
                "entries": [
                    {
                        "date": e.when,
                        "kind": e.kind,
                        "reference": e.reference,
                        "debit_pence": e.debit_pence,
                        "credit_pence": e.credit_pence,
                        "balance_pence": e.balance_pence,
                    }
                    for e in st.entries
                ],
            }
        )
        return 0
    print(f"Statement for {st.payer}")
    for e in st.entries:
        print(
            f"  {format_date(e.when)}  {e.reference:<12} {e.description[:40]:<40} "
            f"{_money(e.debit_pence) if e.debit_pence else '':>10} "
            f"{_money(e.credit_pence) if e.credit_pence else '':>10} {_money(e.balance_pence):>11}"
        )
    print(f"Balance: {_money(st.balance_pence)}")
    return 0


def aged(args: argparse.Namespace) -> int:
    from app.core.formatting import today_london
    from app.core.invoicing.reports import BUCKET_LABELS, BUCKETS, aged_debtors

    with open_store(args) as store, store.reading() as session:
        debtors = aged_debtors(session, today_london())
    if args.json:
        print_json(
            [
                {
                    "payer": d.payer,
                    **{f"{b}_pence": d.amounts[b] for b in BUCKETS},
                    "total_pence": d.total_pence,
                }
                for d in debtors
            ]
        )
        return 0
    print(f"{'Payer':<40}" + "".join(f"{BUCKET_LABELS[b]:>14}" for b in BUCKETS))
    for d in debtors:
        print(f"{d.payer[:39]:<40}" + "".join(f"{_money(d.amounts[b]):>14}" for b in BUCKETS))
    return 0
