"""What every headless command shares: the data folder, opening the store, errors, JSON."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger("daybook.cli")


class CommandError(Exception):
    """A one-line message for the person at the terminal; exit code 2."""


MAX_RECORD_ID = 2**63 - 1  # the largest number SQLite keeps as an integer
MAX_TEXT_ARGUMENT = 1000
_WHOLE_NUMBER = re.compile(r"[0-9]+")


def _shown(text: str, limit: int = 20) -> str:
    """User text fit to echo in one line: cut short, undecodable bytes made visible."""
    short = text[:limit] + ("…" if len(text) > limit else "")
    return short.encode("utf-8", "backslashreplace").decode("utf-8")


def record_id(text: str) -> int:
    """argparse type for a record's number (client, contract, document ...)."""
    cleaned = text.strip().removeprefix("#")
    if not _WHOLE_NUMBER.fullmatch(cleaned) or not 1 <= int(cleaned) <= MAX_RECORD_ID:
        raise argparse.ArgumentTypeError(
            f"“{_shown(text)}” is not a record number; use a whole number such as 12 "
            "(the list commands show the numbers)"
        )
    return int(cleaned)


def text_argument(text: str) -> str:
    """argparse's default type for every argument given without one: readable text of a
    sensible length. Bytes that are not UTF-8 reach Python as lone surrogates, which
    SQLite and the terminal cannot encode."""
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        raise argparse.ArgumentTypeError(
            f"“{_shown(text)}” is not readable text (it has bytes that are not UTF-8); "
            "type it again"
        )
    if any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in text):
        raise argparse.ArgumentTypeError(
            "it has a line break or another control character in it; type it on one line"
        )
    if len(text) > MAX_TEXT_ARGUMENT:
        raise argparse.ArgumentTypeError(
            f"that is {len(text):,} characters long; at most {MAX_TEXT_ARGUMENT:,} are allowed"
        )
    return text


MAX_NAME_BYTES = 255  # a file or folder name, on every file system Daybook runs on
MAX_PATH_BYTES = 4000


def path_argument(text: str) -> Path:
    """argparse's type for every `type=Path` argument: a file or folder name the system can
    take (an empty one would silently mean the current folder)."""
    import os

    if not text.strip():
        raise argparse.ArgumentTypeError("give a file or folder name, not an empty one")
    path = Path(text)
    if len(os.fsencode(text)) > MAX_PATH_BYTES or any(
        len(os.fsencode(part)) > MAX_NAME_BYTES for part in path.parts
    ):
        raise argparse.ArgumentTypeError(
            f"“{_shown(text, 40)}” is too long a name for a file or folder; shorten it"
        )
    return path


def pdf_out(args: argparse.Namespace) -> Path:
    """--out checked before any work is done: a file name in a folder that exists."""
    out: Path = args.out
    if out.is_dir():
        raise CommandError(f"--out: {out} is a folder; give a file name for the PDF")
    if not out.parent.is_dir():
        raise CommandError(f"--out: the folder {out.parent} does not exist")
    return out


def write_pdf(args: argparse.Namespace, data: bytes, what: str, detail: str = "") -> int:
    """Writes a PDF to --out by way of OUT.partial (written, fsynced, its size checked, then
    renamed), so a kill or a full disk never leaves half a PDF under the name; then prints
    one line, "WHAT written to OUT (DETAIL)". Returns the exit code 0."""
    from app.storage.files import write_atomically

    out = pdf_out(args)
    try:
        write_atomically(out, data)
    except OSError as exc:
        raise CommandError(f"--out: could not write {out} ({exc.strerror or exc})") from None
    print(f"{what} written to {out}" + (f" ({detail})" if detail else ""))
    return 0


def date_argument(text: str) -> date:
    """argparse type for a day: dd/mm/yyyy (or yyyy-mm-dd), a real date Daybook can count
    from (not at the very end of the calendar)."""
    from app.core.errors import ValidationError
    from app.core.formatting import parse_date

    try:
        value = parse_date(text, "date")
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None
    assert value is not None
    if not 1900 <= value.year <= 2200:
        raise argparse.ArgumentTypeError(
            f"“{_shown(text)}” is outside the years Daybook works with (1900 to 2200)"
        )
    return value


def known_tax_year(text: str, option: str = "--year"):  # type: ignore[no-untyped-def]
    """The TaxYear for text such as 2026-27, if Daybook has that year's rates;
    otherwise a CommandError that says which years it knows."""
    from app.core.errors import ValidationError
    from app.core.money.tax_rates import known_years
    from app.core.money.tax_year import TaxYear

    labels = [y.label for y in known_years()]
    known = f"Daybook knows the tax years {labels[0]} to {labels[-1]}"
    try:
        year = TaxYear.parse(text)
    except ValidationError as exc:
        if re.fullmatch(r"\s*\d{4}\s*[-/–]\s*\d{2}(\d{2})?\s*", text or ""):
            raise CommandError(f"{option}: “{_shown(text)}” is not a tax year; {known}") from None
        raise CommandError(f"{option}: {exc.message} {known}.") from None
    if year.label not in labels:
        raise CommandError(f"{option}: rates for {year.label} are not in this version; {known}")
    return year


def data_dir_of(args: argparse.Namespace) -> Path:
    from app.storage.paths import default_data_dir

    return Path(args.data_dir) if args.data_dir else default_data_dir()


def ask_recovery_code(prompt: str = "Recovery code (from your recovery sheet): ") -> str:
    """The recovery code from DAYBOOK_RECOVERY_CODE, or typed at a terminal."""
    import os

    from app.storage.keys import CODE_ENV_VAR

    code = os.environ.get(CODE_ENV_VAR)
    if code:
        return code
    if not sys.stdin or not sys.stdin.isatty():
        raise CommandError(
            "the key to these records is not on this computer: give the recovery code in "
            f"{CODE_ENV_VAR}, or run in a terminal to type it"
        )
    return getpass.getpass(prompt)


def key_from_recovery(data_dir: Path, db_file: Path):  # type: ignore[no-untyped-def]
    """Unwraps the key from the envelope beside `db_file` with the recovery code, and keeps
    it in this computer's keyring (where there is one) for next time."""
    from app.storage.opening import key_with_code

    return key_with_code(data_dir, db_file, ask_recovery_code())


def key_for(data_dir: Path, *, creating: bool):  # type: ignore[no-untyped-def]
    from app.storage.errors import KeyMissing
    from app.storage.keys import KeyUnavailable, find_key, passphrase_key
    from app.storage.paths import DB_NAME

    try:
        return find_key(data_dir, creating=creating)
    except KeyMissing as exc:
        import os

        from app.storage.keys import CODE_ENV_VAR

        if os.environ.get(CODE_ENV_VAR) or (sys.stdin and sys.stdin.isatty()):
            print(f"daybook: {exc}", file=sys.stderr)
            return key_from_recovery(data_dir, data_dir / DB_NAME)
        raise
    except KeyUnavailable:
        if not sys.stdin or not sys.stdin.isatty():
            raise CommandError(
                "no database key: set DAYBOOK_PASSPHRASE, or run in a terminal "
                "to type the passphrase"
            ) from None
        secret = getpass.getpass("Daybook passphrase: ")
        if creating:
            again = getpass.getpass("The same passphrase again: ")
            from app.storage.keys import validate_new_passphrase

            problem = validate_new_passphrase(secret, again)
            if problem:
                raise CommandError(problem) from None
        return passphrase_key(secret, data_dir, remember_choice=creating)


_key_for = key_for  # older importers


@contextmanager
def open_store(
    args: argparse.Namespace, *, creating: bool = False, read_only: bool = False
) -> Iterator[Any]:
    """The open, current Store for the command's data folder; closed afterwards.

    `read_only`: nothing is created, migrated or written (`daybook check`)."""
    from app.storage.database import check_folder
    from app.storage.opening import ensure_recovery
    from app.storage.opening import open_store as open_records
    from app.storage.paths import DB_NAME

    data_dir = data_dir_of(args)
    if creating or data_dir.exists():
        check_folder(data_dir, writable=creating or not read_only)
    exists = (data_dir / DB_NAME).exists()
    if not exists and not creating:
        raise CommandError(
            f"there is no Daybook data in {data_dir} "
            "(run 'daybook demo' or open the window to start)"
        )
    store = open_records(
        data_dir, key_for(data_dir, creating=not exists), read_only=read_only, may_create=creating
    )
    try:
        if not read_only:
            ensure_recovery(store)
        yield store
    finally:
        store.close()


def _default(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, indent=2, default=_default, ensure_ascii=False)
    sys.stdout.write("\n")


def run_command(args: argparse.Namespace) -> int:
    """Runs a sub-command: expected problems give one line and exit 2, bugs exit 1 (logged)."""
    from app.core.errors import DaybookError
    from app.logs import configure_logging, log_path
    from app.storage.errors import StoreError

    data_dir = data_dir_of(args)
    configure_logging(data_dir)
    try:
        return int(args.func(args) or 0)
    except (CommandError, DaybookError) as exc:
        print(f"daybook: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"daybook: {exc.full_text()}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except KeyboardInterrupt:
        print("daybook: stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: logged in full, one calm line for the person
        from app.storage.database import is_damage

        if is_damage(exc):  # damage met half-way through a command is the carer's situation
            print(f"daybook: {damage_line(data_dir)}", file=sys.stderr)
            return 2
        log.exception("command %s failed", args.command)
        print(
            f"daybook: something went wrong ({type(exc).__name__}); nothing saved was lost. "
            f"Details are in {log_path(data_dir)}",
            file=sys.stderr,
        )
        return 1


def damage_line(data_dir: Path) -> str:
    """ "Damaged", with the newest backup that opens when the key is at hand without asking."""
    from app.storage.errors import DamagedDatabase, StoreError
    from app.storage.keys import KeyUnavailable, find_key
    from app.storage.restore import damage_with_backup

    message = "Your records file is damaged: parts of it cannot be read."
    try:
        error = damage_with_backup(data_dir, find_key(data_dir, creating=False), message)
    except (KeyUnavailable, StoreError):
        error = DamagedDatabase(message)
    return error.full_text()


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")
