"""contract commitment-pdf: the Independent Carer Commitment Agreement for a client."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import open_store, pdf_out, write_pdf


def register_commitment_pdf(csub: argparse._SubParsersAction) -> None:
    p = csub.add_parser(
        "commitment-pdf",
        help="write the Independent Carer Commitment Agreement for a client "
        "(the signed copy if there is one)",
    )
    p.add_argument("client_id", type=int, metavar="CLIENT_ID", help="the client's number")
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="the PDF to write")
    p.add_argument(
        "--new", action="store_true", help="a fresh copy to sign, even if one was signed"
    )
    p.set_defaults(func=commitment_pdf)


def commitment_pdf(args: argparse.Namespace) -> int:
    from app.core.commitment import commitment_data, signed_agreements
    from app.core.formatting import format_date, today_london
    from app.documents.commitment_pdf import render_commitment_pdf

    pdf_out(args)
    with open_store(args) as store, store.reading() as session:
        data = commitment_data(session, args.client_id, today=today_london())
        signed = [] if args.new else signed_agreements(session, args.client_id)
        if signed:
            pdf = bytes(signed[0].pdf)
            label = f"signed on {format_date(signed[0].signed_on)}"
        else:
            pdf = render_commitment_pdf(data)
            label = "to print and sign"
    return write_pdf(args, pdf, f"the commitment agreement for client {args.client_id}", label)
