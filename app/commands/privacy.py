"""client export ID --out DIR | client erase ID [--dry-run] | retention [--json]."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import CommandError, add_json_flag, open_store, print_json, record_id


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "retention", help="from when each client's records may be erased (retention rules)"
    )
    add_json_flag(p)
    p.set_defaults(func=retention)


def register_client_actions(csub: argparse._SubParsersAction) -> None:
    """`client export` and `client erase`, added to the `client` command."""
    p = csub.add_parser(
        "export", help="subject access: everything held about one client, as PDF and JSON"
    )
    p.add_argument("client_id", type=record_id, metavar="ID", help="the client's number")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write")
    p.add_argument(
        "--include-safeguarding",
        action="store_true",
        help="include safeguarding records (left out unless asked: disclosure can put "
        "someone at risk; the council's safeguarding team can advise)",
    )
    p.set_defaults(func=export_client)
    p = csub.add_parser(
        "erase", help="replace a client's details with a placeholder once retention has ended"
    )
    p.add_argument("client_id", type=record_id, metavar="ID", help="the client's number")
    p.add_argument("--dry-run", action="store_true", help="list what would change; change nothing")
    add_json_flag(p)
    p.set_defaults(func=erase_client)


def write_private(path: Path, data: bytes) -> None:
    from app.storage.exports import write_private as write

    try:
        write(path, data)
    except OSError as exc:
        raise CommandError(f"could not write {path}: {exc.strerror or exc}") from None


def export_client(args: argparse.Namespace) -> int:
    import json

    from app.core.formatting import today_london
    from app.core.privacy.subject_access import export_file_stem, gather, log_export
    from app.documents.subject_access_pdf import render_subject_access_pdf

    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out: {out} is a file; give a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"--out: could not make the folder {out}: {exc.strerror}") from None
    with open_store(args) as store:
        with store.reading() as session:
            sar = gather(
                session,
                args.client_id,
                today=today_london(),
                include_safeguarding=args.include_safeguarding,
            )
            pdf = render_subject_access_pdf(sar)
            data = json.dumps(sar.as_json(), indent=2, ensure_ascii=False).encode("utf-8")
        stem = export_file_stem(sar)
        write_private(out / f"{stem}.pdf", pdf)
        write_private(out / f"{stem}.json", data)
        with store.unit_of_work() as session:
            log_export(session, sar)
    print(f"wrote {out / (stem + '.pdf')} and {out / (stem + '.json')}")
    if sar.left_out:
        print("left out: " + "; ".join(sar.left_out))
    else:
        print("left out: nothing")
    return 0


def retention(args: argparse.Namespace) -> int:
    from app.core.formatting import format_date, today_london
    from app.core.privacy.retention import retention_rows

    with open_store(args) as store, store.reading() as session:
        rows = retention_rows(session, today=today_london())
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    for r in rows:
        state = "erased" if r.erased else ("may be erased" if r.erasable else "keep")
        last = format_date(r.last_activity) if r.last_activity else "—"
        print(
            f"{r.client_id:>4}  last activity {last:<10}  "
            f"erasable from {format_date(r.erasable_from)}  {state}"
        )
    return 0


def erase_client(args: argparse.Namespace) -> int:
    from app.core.formatting import today_london
    from app.core.privacy.erasure import erase_client as erase
    from app.core.privacy.erasure import plan_erasure
    from app.documents.erasure import erasure_renderers

    today = today_london()
    with open_store(args) as store:
        if args.dry_run:
            with store.reading() as session:
                plan = plan_erasure(session, args.client_id, today=today)
        else:
            with store.unit_of_work() as session:
                plan = erase(session, args.client_id, today=today, render=erasure_renderers()).value
    if args.json:
        print_json({**plan.as_json(), "dry_run": bool(args.dry_run)})
        return 0
    head = "would erase" if args.dry_run else "erased"
    print(f"client {plan.client_id}: {head} (now shown as “{plan.placeholder}”):")
    for line in plan.erase:
        print(f"  - {line}")
    if plan.redact:
        print("final records redacted (names replaced by the placeholder, words erased):")
        for line in plan.redact:
            print(f"  - {line}")
        print(f"  ({plan.as_json()['pdfs']})")
    print("kept:")
    for line in plan.keep:
        print(f"  - {line}")
    return 0
