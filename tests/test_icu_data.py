"""The English-only ICU data library the Linux bundle ships (installers/icu_data.py), made from
the real libicudata of the PySide6 wheel and loaded by the real Qt in a child process."""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installers"))
from icu_data import filter_common_data, find_symbol, keep_item, small_icu_library  # noqa: E402

QT_LIB = Path(importlib.util.find_spec("PySide6").origin).parent / "Qt" / "lib"  # type: ignore[arg-type,union-attr]
FULL = next(iter(sorted(QT_LIB.glob("libicudata.so.*"))), None)
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or FULL is None,
    reason="the PySide6 wheel ships ICU on Linux",
)


def items(data: bytes) -> dict[str, bytes]:
    """Every item of an ICU common data package, by name (read independently of the filter)."""
    (toc,) = struct.unpack_from("<H", data, 0)
    (count,) = struct.unpack_from("<I", data, toc)
    entries = [struct.unpack_from("<II", data, toc + 4 + 8 * i) for i in range(count)]
    out = {}
    for i, (name_at, offset) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(data) - toc
        name = data[toc + name_at : data.index(b"\0", toc + name_at)].decode()
        out[name.split("/", 1)[1]] = data[toc + offset : toc + end].rstrip(b"\0")
        assert (toc + offset) % 16 == 0, name  # ICU needs every item 16-byte aligned
    return out


def test_english_stays_and_other_locales_go() -> None:
    assert FULL is not None
    full = find_symbol(FULL.read_bytes(), f"icudt{FULL.name.rsplit('.', 1)[1]}_dat")
    small = filter_common_data(full)
    before, after = items(full), items(small)
    assert len(small) < len(full) / 4
    for kept in (
        "root.res",
        "en.res",
        "en_GB.res",
        "coll/root.res",
        "coll/ucadata.icu",
        "zone/en_GB.res",
        "res_index.res",
        "pool.res",
        "cnvalias.icu",
        "nfkc.nrm",
        "ibm-5348_P100-1997.cnv",
    ):  # windows-1252
        assert kept in after, kept
        assert after[kept] == before[kept], kept  # copied byte for byte
    for dropped in ("fr.res", "coll/de.res", "zone/ja.res", "brkitr/cjdict.dict", "gb18030.cnv"):
        assert dropped in before and dropped not in after, dropped
    assert sorted(after) == sorted(n for n in before if keep_item("x/" + n, len(before[n])))


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler")
def test_qt_runs_on_the_small_library(tmp_path: Path) -> None:
    assert FULL is not None
    small = small_icu_library(FULL, tmp_path)
    assert small is not None and small.name == FULL.name
    assert small.stat().st_size < 8_000_000 < 30_000_000 < FULL.stat().st_size
    script = """
import os
from PySide6.QtCore import QCollator, QDateTime, QLocale, QStringDecoder, QTimeZone
names = ["Zoë", "zebra", "Émile", "apple", "Ölsen", "oliver"]
print(sorted(names, key=QCollator(QLocale("en_GB")).sortKey))
print(QLocale("en_GB").toUpper("straße"), QLocale("tr_TR").toUpper("i"))
tz = QTimeZone(b"Europe/London")
print(tz.displayName(QDateTime(2026, 1, 5, 12, 0, 0), QTimeZone.NameType.LongName, QLocale("en_GB")))
print(QStringDecoder("windows-1252").isValid())
print(QStringDecoder("Shift_JIS").isValid())
print(open("/proc/self/maps").read().count(os.environ["SMALL"]) > 0)
"""
    env = {**os.environ, "LD_LIBRARY_PATH": str(tmp_path), "SMALL": str(small)}
    run = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "['apple', 'Émile', 'oliver', 'Ölsen', 'zebra', 'Zoë']",
        "STRASSE İ",
        "Greenwich Mean Time",
        "True",  # the single-byte legacy converters stay
        "False",  # the multi-byte converters are left out
        "True",  # the small library is the one loaded
    ]
