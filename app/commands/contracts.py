"""contract list, contract pdf."""

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
    contract = sub.add_parser("contract", help="contracts: list, pdf, commitment-pdf")
    csub = contract.add_subparsers(dest="contract_command", metavar="ACTION", required=True)
    p = csub.add_parser("list", help="list contracts (one line each, the latest version)")
    p.add_argument(
        "--client", type=record_id, default=None, metavar="ID", help="only this client's contracts"
    )
    add_json_flag(p)
    p.set_defaults(func=list_contracts)
    p = csub.add_parser("pdf", help="write a contract as PDF (a signed version exactly as signed)")
    p.add_argument(
        "id", type=record_id, metavar="ID", help="the contract number (see contract list)"
    )
    p.add_argument(
        "--version",
        type=record_id,
        default=None,
        metavar="N",
        help="which version (default: the latest)",
    )
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="the PDF to write")
    p.set_defaults(func=contract_pdf)
    from app.commands.commitment import register_commitment_pdf

    register_commitment_pdf(csub)


def list_contracts(args: argparse.Namespace) -> int:
    from app.core.contracts.rows import contract_rows, row_as_json
    from app.core.formatting import format_date, format_rate

    with open_store(args) as store, store.reading() as session:
        if args.client is not None:
            from app.core.clients import get_client

            get_client(session, args.client)
        rows = contract_rows(session, args.client)
    if args.json:
        print_json([row_as_json(r) for r in rows])
        return 0
    if not rows:
        print("No contracts yet.")
    for r in rows:
        end = f"  ends {format_date(r.end_date)}" if r.end_date else ""
        print(
            f"{r.contract_id:>4}  {r.client_name[:28]:<28} v{r.version_no:<2} "
            f"{r.status.value:<10} from {format_date(r.starts_on)}  "
            f"{format_rate(r.standard_rate_pence, 'hour')}  notice {r.notice_days_client}/"
            f"{r.notice_days_carer} days{end}"
        )
    return 0


def contract_pdf(args: argparse.Namespace) -> int:
    from app.core.contracts.document import contract_pdf as stored_or_fresh
    from app.core.contracts.lookup import get_contract, latest_version
    from app.documents.contract_pdf import render_contract_pdf

    pdf_out(args)
    with open_store(args) as store, store.reading() as session:
        contract = get_contract(session, args.id)
        if args.version is None:
            version = latest_version(contract)
        else:
            found = [v for v in contract.versions if v.version_no == args.version]
            if not found:
                raise CommandError(f"contract {args.id} has no version {args.version}")
            version = found[0]
        pdf = stored_or_fresh(session, version, render_contract_pdf)
        note = "as signed" if version.signed_pdf else "not signed: marked DRAFT"
        label = f"contract {contract.id} version {version.version_no}"
    return write_pdf(args, pdf, label, note)
