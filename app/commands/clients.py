"""client list."""

from __future__ import annotations

import argparse

from app.commands.common import add_json_flag, open_store, print_json
from app.commands.privacy import register_client_actions


def register(sub: argparse._SubParsersAction) -> None:
    client = sub.add_parser("client", help="clients: list, export (subject access), erase")
    csub = client.add_subparsers(dest="client_command", metavar="ACTION", required=True)
    p = csub.add_parser("list", help="list clients (no care notes or key-safe details)")
    p.add_argument("--search", default="", help="only clients matching this text")
    p.add_argument("--active-only", action="store_true", help="leave out archived clients")
    add_json_flag(p)
    p.set_defaults(func=list_clients)
    register_client_actions(csub)


def list_clients(args: argparse.Namespace) -> int:
    from app.core.clients import list_clients_json

    with open_store(args) as store, store.reading() as session:
        rows = list_clients_json(session, include_archived=not args.active_only)
    if args.search:
        needle = args.search.lower()
        rows = [r for r in rows if needle in str(r["name"]).lower()]
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['id']:>4}  {r['name']:<30} {r['status']:<8} pays: {r['payer_name']}")
    return 0
