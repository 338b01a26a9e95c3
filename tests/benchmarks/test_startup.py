"""Start-up against the budgets in DESIGN.md "Performance budgets". Run on demand:

    .venv/bin/pytest tests/benchmarks/test_startup.py -s -p no:randomly

or, for the table alone, `.venv/bin/python -m tests.benchmarks.test_startup [ROUNDS]`.

Every figure is measured inside its own process from its first import (the process start
itself is the same for all and is left out), each as the median of ROUNDS interleaved runs
so that a noisy machine weighs on all of them alike:
- empty window: a bare PySide6 QMainWindow with one label, until that label has painted;
- first paint: `daybook --exit-when-ready` until the window shell has painted;
- ready: until Today shows the records (1-year and 10-year demo folders).
Budgets: first paint <= 1.5 x empty; ready (10 years) <= 3 x empty and within 10% of the
1-year figure.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROUNDS = 5
KEY = "benchmark-startup-key"
ROOT = Path(__file__).resolve().parents[2]

EMPTY_WINDOW = r"""
import time
T0 = time.perf_counter()
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Label(QLabel):
    def paintEvent(self, event):
        super().paintEvent(event)
        QTimer.singleShot(0, done)

def done():
    print(f"first paint in {(time.perf_counter() - T0) * 1000:.0f} ms", flush=True)
    app.quit()

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(Label("Hello"))
window.resize(1200, 800)
window.show()
app.exec()
"""


def _env() -> dict[str, str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        DAYBOOK_NO_KEYRING="1",
        DAYBOOK_PASSPHRASE=KEY,
    )
    env.pop("DAYBOOK_DATA_DIR", None)
    # Measured as installed: from compiled bytecode (PySide6 in the yardstick is compiled too).
    # With PYTHONDONTWRITEBYTECODE set (as in some shells), every run would compile Daybook's
    # ~150 modules again, about a second on a loaded machine.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_daybook() -> None:
    import compileall

    compileall.compile_dir(ROOT / "app", quiet=1)


def _run(args: list[str]) -> str:
    r = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout


def _ms(label: str, out: str) -> float:
    match = re.search(label + r" in (\d+) ms", out)
    assert match, f"no '{label} in N ms' in {out!r}"
    return float(match.group(1))


def make_demo(folder: Path, years: int) -> Path:
    if not (folder / "daybook.db").exists():
        _run(["-m", "app", "--data-dir", str(folder), "demo", "--years", str(years)])
    return folder


def empty_window_ms() -> float:
    return _ms("first paint", _run(["-c", EMPTY_WINDOW]))


def daybook_ms(folder: Path) -> tuple[float, float, float]:
    """(first paint, ready, every area ready) of `daybook --exit-when-ready` on `folder`."""
    out = _run(["-m", "app", "--data-dir", str(folder), "--exit-when-ready"])
    return _ms("first paint", out), _ms("(?m)^ready", out), _ms("every area ready", out)


@dataclass
class Figures:
    empty: float
    paint_1: float
    ready_1: float
    paint_10: float
    ready_10: float
    every_1: float = 0.0  # the ORM and every area loaded, after Today has shown
    every_10: float = 0.0

    def table(self) -> str:
        e = self.empty
        rows = [
            ("empty PySide6 window", self.empty, ""),
            ("first paint (1-year demo)", self.paint_1, f"{self.paint_1 / e:.2f} x empty"),
            (
                "first paint (10-year demo)",
                self.paint_10,
                f"{self.paint_10 / e:.2f} x empty (budget 1.5)",
            ),
            ("ready (1-year demo)", self.ready_1, f"{self.ready_1 / e:.2f} x empty"),
            (
                "ready (10-year demo)",
                self.ready_10,
                f"{self.ready_10 / e:.2f} x empty (budget 3.0); "
                f"{self.ready_10 / self.ready_1:.2f} x 1-year (budget 1.10)",
            ),
            ("every area ready (1 year)", self.every_1, f"{self.every_1 / e:.2f} x empty"),
            ("every area ready (10 years)", self.every_10, f"{self.every_10 / e:.2f} x empty"),
        ]
        return "\n".join(f"{name:28s} {ms:7.0f} ms   {note}" for name, ms, note in rows)


def measure(one_year: Path, ten_years: Path, rounds: int = ROUNDS) -> Figures:
    runs: dict[str, list[float]] = {k: [] for k in ("e", "p1", "r1", "a1", "p10", "r10", "a10")}
    compile_daybook()
    daybook_ms(one_year)  # warm the OS file cache once; not counted
    for _ in range(rounds):
        runs["e"].append(empty_window_ms())
        for years, folder in (("1", one_year), ("10", ten_years)):
            p, r, a = daybook_ms(folder)
            runs["p" + years].append(p)
            runs["r" + years].append(r)
            runs["a" + years].append(a)
    m = {k: statistics.median(v) for k, v in runs.items()}
    return Figures(m["e"], m["p1"], m["r1"], m["p10"], m["r10"], m["a1"], m["a10"])


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> Figures:
    one = make_demo(tmp_path_factory.mktemp("demo1"), 1)
    ten = make_demo(tmp_path_factory.mktemp("demo10"), 10)
    result = measure(one, ten)
    print("\n" + result.table())
    return result


def test_first_paint_within_one_and_a_half_empty_windows(figures: Figures) -> None:
    assert figures.paint_10 <= 1.5 * figures.empty, figures.table()


def test_ready_on_ten_years_within_three_empty_windows(figures: Figures) -> None:
    assert figures.ready_10 <= 3 * figures.empty, figures.table()


def test_ready_does_not_grow_with_the_data(figures: Figures) -> None:
    assert figures.ready_10 <= 1.1 * figures.ready_1, figures.table()


if __name__ == "__main__":
    base = Path(os.environ.get("DAYBOOK_BENCH_DIR") or tempfile.mkdtemp(prefix="daybook-bench-"))
    print(
        measure(
            make_demo(base / "demo1", 1),
            make_demo(base / "demo10", 10),
            int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS,
        ).table()
    )
