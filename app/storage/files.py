"""Writing files so that an accident cannot leave a half-written copy under a final name, and
keeping the data folder private to the carer's own account.

Write to `NAME.partial` beside the final name, fsync, verify, then rename: a power cut or a
kill leaves either the old file or the new one, and at worst a `.partial` that the next start
removes. The data folder is 0700 and every file in it 0600 (set on creation, corrected on
open); files the carer exports elsewhere keep the system's default.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from pathlib import Path

PARTIAL = ".partial"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
# Temporary copies made while restoring live inside the data folder (never the system temp
# folder, where an encrypted copy could be left behind for anyone to take).
TEMP_PREFIX = ".daybook-tmp-"


def partial_name(final: Path) -> Path:
    return final.with_name(final.name + PARTIAL)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def fsync_dir(folder: Path) -> None:
    """Makes a rename in `folder` durable (no-op where directories cannot be opened)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def publish(partial: Path, final: Path) -> None:
    """Gives a finished, fsynced, verified `partial` its final name, durably."""
    os.replace(partial, final)
    fsync_dir(final.parent)


def copy_atomically(source: Path, final: Path, *, private: bool = True) -> Path:
    """Copies `source` to `final` by way of `final.partial` (fsync, then rename)."""
    partial = partial_name(final)
    partial.unlink(missing_ok=True)
    try:
        with open(source, "rb") as src, open(partial, "wb") as dst:
            if private:
                make_private_file(partial)
            shutil.copyfileobj(src, dst, 1024 * 1024)
            dst.flush()
            os.fsync(dst.fileno())
        publish(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final


def write_atomically(final: Path, data: bytes, *, private: bool = False) -> Path:
    """Writes `data` to `final` by way of `final.partial` (written, fsynced, its size checked,
    then renamed): a kill, a full disk or a pulled USB stick leaves the old file (or none),
    never a broken one under the final name. OSError when it could not be written."""
    partial = partial_name(final)
    try:
        with open(partial, "wb") as fh:
            if private:
                make_private_file(partial)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if partial.stat().st_size != len(data):
            raise OSError(0, "the file came out short")
        publish(partial, final)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    return final


def make_private_file(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, PRIVATE_FILE)


def make_private(data_dir: Path) -> None:
    """Data folder 0700, every file and folder in it private. Called on creation and on open."""
    if os.name == "nt":  # Windows: the per-user profile folder is already private
        return
    with contextlib.suppress(OSError):
        os.chmod(data_dir, PRIVATE_DIR)
    for root, dirs, files in os.walk(data_dir):
        for name in dirs:
            with contextlib.suppress(OSError):
                os.chmod(Path(root) / name, PRIVATE_DIR)
        for name in files:
            path = Path(root) / name
            with contextlib.suppress(OSError):
                if stat.S_IMODE(path.lstat().st_mode) & 0o077 and not path.is_symlink():
                    os.chmod(path, PRIVATE_FILE)


def remove_leftovers(data_dir: Path) -> list[Path]:
    """Removes `.partial` files and temporary copies that an interrupted backup or restore
    left behind. Returns what was removed."""
    removed: list[Path] = []
    candidates = list(data_dir.glob(f"{TEMP_PREFIX}*")) + list(data_dir.glob(f"*{PARTIAL}"))
    backups = data_dir / "backups"
    if backups.is_dir():
        candidates += list(backups.glob(f"*{PARTIAL}"))
    for path in candidates:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed
