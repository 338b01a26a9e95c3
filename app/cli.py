"""The `daybook` entry point: opens the window, or runs a headless command.

Command modules register their own sub-commands and import heavy libraries only when run,
so that opening the window stays quick.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import argparse  # noqa: E402
import importlib  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

COMMAND_MODULES = (
    "app.commands.basics",
    "app.commands.clients",
    "app.commands.contracts",
    "app.commands.visits",
    "app.commands.invoicing",
    "app.commands.money",
    "app.commands.portfolio",
    "app.commands.safeguarding",
    "app.commands.availability",
    "app.commands.payments",
    "app.commands.feedback",
    "app.commands.status",
    "app.commands.privacy",
    "app.commands.bank",
)


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments end with one plain line and exit code 2."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        from app.commands.common import path_argument, text_argument

        self.register("type", None, text_argument)  # every argument given no type of its own
        self.register("type", Path, path_argument)  # and every type=Path argument

    def add_subparsers(self, **kwargs: object) -> argparse._SubParsersAction:  # type: ignore[override]
        action = super().add_subparsers(**kwargs)  # type: ignore[arg-type]
        action.type = str  # the sub-command's own parser checks its arguments, and names them
        return action

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"daybook: {message} (see daybook --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="daybook",
        description="Daybook: the business side of self-employed home care. "
        "With no command, opens the window.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="the data folder (default: your per-user data folder)",
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="open the window, print 'first paint in N ms', 'ready in N ms' (once Today "
        "shows the records) and 'every area ready in N ms' (once the rest has loaded), then quit",
    )
    parser.add_argument("--version", action="version", version="daybook 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


class _NotJustTheWindow(Exception):
    pass


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NotJustTheWindow(message)


def window_args(argv: list[str] | None) -> argparse.Namespace | None:
    """The window's own options, parsed without importing every command (start-up);
    None when argv holds anything else (a command, --help, a mistake): the full parser
    then handles it, with its usual messages."""
    parser = _WindowParser(prog="daybook", add_help=False, allow_abbrev=False)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--exit-when-ready", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotJustTheWindow:
        return None
    return None if rest else args


def main(argv: list[str] | None = None) -> int:
    args = window_args(sys.argv[1:] if argv is None else argv)
    if args is None:
        args = build_parser().parse_args(argv)
    if getattr(args, "command", None) is None:
        from app.ui.display import no_display_problem

        problem = no_display_problem()  # before Qt, which would abort with its own message
        if problem:
            print(f"daybook: {problem}", file=sys.stderr)
            return 2
        from app.storage.paths import default_data_dir
        from app.ui.app import run_gui

        data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
        return run_gui(data_dir, exit_when_ready=args.exit_when_ready, started=START)
    from app.commands.common import run_command

    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
