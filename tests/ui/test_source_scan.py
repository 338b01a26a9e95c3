"""PySide6 reads each imported module's source to see whether it uses PySide6; Daybook keeps
the answer and not the lines (about 33 MiB once every panel is open: issue 16)."""

from __future__ import annotations

import linecache
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import app.ui  # noqa: F401  (wraps the scan, as the window's start does)


@pytest.fixture
def modules_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in ("daybook_scan_qt", "daybook_scan_plain"):
        sys.modules.pop(name, None)


def test_imported_sources_leave_no_lines_behind_and_pyside_still_knows(modules_dir: Path) -> None:
    qt = modules_dir / "daybook_scan_qt.py"
    qt.write_text("from PySide6.QtCore import QObject\n\nVALUE = QObject\n" + "# pad\n" * 500)
    plain = modules_dir / "daybook_scan_plain.py"
    plain.write_text("VALUE = 1\n" + "# pad\n" * 500)

    __import__("daybook_scan_qt")  # an import statement: PySide6 hooks __import__
    __import__("daybook_scan_plain")

    assert str(qt) not in linecache.cache and str(plain) not in linecache.cache
    features = sys.modules["PySide6.support.feature"].pyside_feature_dict
    assert features["daybook_scan_qt"] == 0  # uses PySide6: switchable, as without the wrap
    assert features["daybook_scan_plain"] == -1  # ignored by PySide6's feature switching
    assert linecache.getline(str(plain), 1) == "VALUE = 1\n"  # tracebacks still read lines


def test_wrapping_twice_wraps_once() -> None:
    from app.ui.source_scan import stop_keeping_sources

    feature = sys.modules["PySide6.support.feature"]
    wrapped = feature._mod_uses_pyside
    stop_keeping_sources()
    assert feature._mod_uses_pyside is wrapped
