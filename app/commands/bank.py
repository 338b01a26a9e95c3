"""bank import FILE [--dry-run] [--json]: a bank statement (CSV or OFX) matched to invoices."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import CommandError, add_json_flag, open_store, print_json


def register(sub: argparse._SubParsersAction) -> None:
    bank = sub.add_parser("bank", help="bank statements: import")
    bsub = bank.add_subparsers(dest="bank_command", metavar="ACTION", required=True)
    p = bsub.add_parser(
        "import",
        help="import a statement (CSV from your bank, or OFX): money in pays the invoice it "
        "names; a file imported twice adds nothing",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the CSV or OFX file")
    p.add_argument("--dry-run", action="store_true", help="show what would happen; change nothing")
    add_json_flag(p)
    p.set_defaults(func=bank_import)


def bank_import(args: argparse.Namespace) -> int:
    from app.core.bank.importing import import_statement, preview_import
    from app.core.formatting import format_date, format_money, today_london

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise CommandError(f"could not read {args.file}: {exc.strerror or exc}") from None
    with open_store(args) as store:
        if args.dry_run:
            with store.reading() as session:
                result = preview_import(session, data)
        else:
            with store.unit_of_work() as session:
                result = import_statement(session, data, today=today_london()).value
    if args.json:
        print_json(result.as_json())
        return 0
    verb = "would be" if args.dry_run else ""
    for p in result.lines:
        match = f" -> {p.invoice_number}" if p.invoice_number else ""
        print(
            f"{format_date(p.line.posted_on)}  {format_money(p.line.amount_pence):>10}  "
            f"{p.action}{match}"
        )
    counts: dict[str, int] = {}
    for p in result.lines:
        counts[p.action] = counts.get(p.action, 0) + 1
    summary = ", ".join(f"{n} {a}" for a, n in sorted(counts.items())) or "no lines"
    print(f"{len(result.lines)} line(s) {verb}: {summary}".replace("  ", " "))
    return 0
