"""demo, self-test, check, backup and restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import CommandError, open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="fill an empty data folder with a realistic demo dataset")
    p.add_argument("--years", type=int, default=1, help="years of visits and invoices (1-10)")
    p.add_argument("--seed", type=int, default=2026, help="the same seed gives the same data")
    p.set_defaults(func=demo)

    p = sub.add_parser("self-test", help="check that this installation works (temporary data)")
    p.set_defaults(func=self_test)

    p = sub.add_parser("check", help="check the data folder's database for damage or tampering")
    p.set_defaults(func=check)

    p = sub.add_parser("backup", help="copy the database (still encrypted) to a backup file")
    p.add_argument("--to", type=Path, default=None, help="where to write the copy")
    p.set_defaults(func=backup)

    p = sub.add_parser("restore", help="replace the database with a backup copy")
    p.add_argument("file", type=Path)
    p.set_defaults(func=restore)


def demo(args: argparse.Namespace) -> int:
    if not 1 <= args.years <= 10:
        raise CommandError("--years must be between 1 and 10")
    from app.commands.common import data_dir_of
    from app.demo import build_demo
    from app.demo.restart import set_aside_unfinished_demo

    aside = set_aside_unfinished_demo(data_dir_of(args), lambda: open_store(args))
    if aside:
        print(f"an unfinished demo was moved to {aside}; starting it again")
    with open_store(args, creating=True) as store:
        summary = build_demo(store, seed=args.seed, years=args.years)
    print(f"demo data written to {store.data_dir}: {summary}")
    return 0


def self_test(args: argparse.Namespace) -> int:
    from app.selftest import run_self_test

    ok = True
    for name, problem in run_self_test():
        print(
            f"{'ok  ' if problem is None else 'FAIL'} {name}{'' if problem is None else ': ' + problem}"
        )
        ok = ok and problem is None
    print("self-test passed" if ok else "self-test failed")
    return 0 if ok else 1


def check(args: argparse.Namespace) -> int:
    from app.core.checks import run_checks
    from app.storage.migrate import current_revision
    from app.storage.migrations import HEAD

    with open_store(args) as store:
        problems = store.integrity_problems()
        revision = current_revision(store)
        if revision != HEAD:
            problems.append(f"schema is at {revision}, expected {HEAD}")
        with store.reading() as session:
            for name, found in run_checks(session).items():
                problems.extend(f"{name}: {p}" for p in found)
    for p in problems:
        print(f"problem: {p}")
    if problems:
        print(f"check found {len(problems)} problem(s)")
        return 1
    print("check passed: the database is whole and every record matches its seal")
    return 0


def backup(args: argparse.Namespace) -> int:
    from app.storage.backup import make_backup

    with open_store(args) as store:
        path = make_backup(store, reason="manual", to=args.to)
    print(f"backup written to {path}")
    return 0


def restore(args: argparse.Namespace) -> int:
    from app.commands.common import _key_for, data_dir_of
    from app.storage.database import restore_into

    source: Path = args.file
    if not source.is_file():
        raise CommandError(f"{source} is not a file")
    data_dir = data_dir_of(args)
    # Works even when the folder's own database is damaged and will not open.
    kept = restore_into(data_dir, _key_for(data_dir, creating=False), source)
    with open_store(args):
        pass  # brings the restored copy's schema up to date
    print(f"restored {source.name}; the replaced database was kept as {kept}")
    return 0
