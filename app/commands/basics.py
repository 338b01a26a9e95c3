"""demo, self-test, check, backup and restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands.common import CommandError, data_dir_of, open_store


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
    """Reads only: never creates, migrates or writes. Names every problem it finds."""
    from app.core.checks import run_checks
    from app.storage.migrate import current_revision
    from app.storage.migrations import HEAD

    with open_store(args, read_only=True) as store:
        problems = store.integrity_problems()
        revision = current_revision(store)
        if revision != HEAD:
            problems.append(
                f"schema is at {revision}, this Daybook expects {HEAD}: open it "
                "in Daybook once to bring it up to date"
            )
        if not any(p.startswith("integrity:") for p in problems):
            with store.reading() as session:
                for name, found in run_checks(session).items():
                    problems.extend(f"{name}: {p}" for p in found)
    for p in problems:
        print(f"problem: {p}")
    if problems:
        print(f"check found {len(problems)} problem(s)")
        if any(p.startswith(("integrity:", "encryption:")) for p in problems):
            from app.commands.common import damage_line

            print(damage_line(data_dir_of(args)))
        return 2
    print("check passed: the database is whole and every record matches its seal")
    return 0


def backup(args: argparse.Namespace) -> int:
    from app.storage.backup import make_backup

    with open_store(args) as store:
        path = make_backup(store, kind="manual", to=args.to)
    print(f"backup written to {path}")
    return 0


def restore(args: argparse.Namespace) -> int:
    """Validates the file first; refuses with nothing changed; works when the live database
    is damaged; on a computer without the key, asks for the recovery code."""
    from app.commands.common import ask_recovery_code, key_for
    from app.storage.database import check_folder
    from app.storage.errors import KeyMissing
    from app.storage.keys import KeyUnavailable
    from app.storage.opening import ensure_recovery, restore_with_code
    from app.storage.opening import open_store as open_records
    from app.storage.recovery import read_envelope
    from app.storage.restore import BackupKeyMismatch, restore_into, validate_backup

    source: Path = args.file
    if not source.is_file():
        raise CommandError(f"{source} is not a file")
    data_dir = data_dir_of(args)
    check_folder(data_dir, writable=True)
    key, no_key = None, None
    try:
        key = key_for(data_dir, creating=False)
        validate_backup(source, key)
    except (KeyMissing, KeyUnavailable, CommandError, BackupKeyMismatch) as exc:
        if read_envelope(source) is None:
            raise
        key, no_key = None, exc
    if key is None:  # another computer's copy, or this one's key is gone: the recovery code
        import os

        from app.storage.keys import CODE_ENV_VAR

        if not (os.environ.get(CODE_ENV_VAR) or (sys.stdin and sys.stdin.isatty())):
            assert no_key is not None
            raise no_key
        print(f"daybook: {no_key} Daybook will use your recovery code.", file=sys.stderr)
        key, kept = restore_with_code(data_dir, source, ask_recovery_code())
    else:
        kept = restore_into(data_dir, key, source)
    with open_records(data_dir, key) as store:  # brings the restored copy's schema up to date
        ensure_recovery(store)
    where = f"; the replaced database was kept as {kept}" if kept else ""
    print(f"restored {source.name}{where}")
    return 0
