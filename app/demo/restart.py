"""A demo that was stopped half-way (killed, or a step failed) can be started again.

`build_demo` writes a marker file into the data folder once it knows the folder holds no
business, and removes it when every step has finished. The next `daybook demo` sees the
marker and moves the half-built database aside (never deletes it) before starting afresh,
so a folder that held a real business before the demo is never touched; nor is one where
the set-up wizard has since written a business of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.storage.database import Store

from app.storage.paths import DB_NAME, LOCK_NAME

MARKER_NAME = "demo-unfinished"
_DB_FILES = (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-journal")


def mark_started(data_dir: Path) -> None:
    (data_dir / MARKER_NAME).write_text(
        "A demo was being written here and has not finished; 'daybook demo' starts it again.\n",
        encoding="utf-8",
    )


def mark_finished(data_dir: Path) -> None:
    (data_dir / MARKER_NAME).unlink(missing_ok=True)


def set_aside_unfinished_demo(
    data_dir: Path, open_store: Callable[[], AbstractContextManager[Store]]
) -> Path | None:
    """When the folder holds a demo that never finished, moves its database files into a
    folder of their own and returns that folder; otherwise None (nothing is touched)."""
    from filelock import FileLock, Timeout

    from app.core.errors import DaybookError
    from app.core.profile import get_profile
    from app.demo.clients import PROFILE

    if not (data_dir / MARKER_NAME).is_file():
        return None
    present = [name for name in _DB_FILES if (data_dir / name).exists()]
    if DB_NAME not in present:
        return None
    with open_store() as store, store.reading() as session:
        profile = get_profile(session)
        if profile is not None and (profile.trading_name, profile.carer_name) != (
            PROFILE.trading_name,
            PROFILE.carer_name,
        ):
            return None  # someone's own business: the demo will refuse the folder
    lock = FileLock(str(data_dir / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise DaybookError(
            "Daybook is open on this folder; close it before starting the demo again"
        ) from None
    try:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = data_dir / f"unfinished-demo-{stamp}"
        aside.mkdir()
        for name in present:  # the database last, so a failure leaves it where it was
            if name != DB_NAME:
                (data_dir / name).rename(aside / name)
        (data_dir / DB_NAME).rename(aside / DB_NAME)
        mark_finished(data_dir)
    except OSError as exc:
        raise DaybookError(
            f"could not move the unfinished demo aside ({exc.strerror or exc}); "
            "use an empty folder for the demo"
        ) from None
    finally:
        lock.release()
    return aside
