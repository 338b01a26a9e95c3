"""The performance budgets of issue 16, measured on a busy carer's ten years, each beside its
yardstick in the same run. One command measures them all and writes docs/benchmarks.md:

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.measure [ROUNDS]

(DAYBOOK_BENCH_DIR=FOLDER keeps the generated data folders between runs; --demo also times
`daybook demo --years 10`, about two minutes on a busy machine.) The same measurements run as
pytest-benchmark tests in tests/benchmarks/test_ten_years_bench.py; the normal suite never
times anything.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tests.benchmarks.tenyears import KEY, hundred_mb_folder, ten_year_folder

ROOT = Path(__file__).resolve().parents[2]


CPU: dict[str, float] = {}  # the process's CPU time of the last in-process figure of a name


def median_ms(fn: Callable[[], object], rounds: int, *, warm: bool = True, name: str = "") -> float:
    """Median wall time; with `name`, the median CPU time of the same runs goes in CPU[name]
    (on a shared machine the wall time is mostly waiting for a core)."""
    if warm:
        fn()
    times, cpu = [], []
    for _ in range(rounds):
        c = time.process_time()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    if name:
        CPU[name] = statistics.median(cpu)
    return statistics.median(times)


def cpu_note(name: str) -> str:
    return f"CPU {CPU[name]:.1f} ms; " if name in CPU else ""


# -- the pieces ---------------------------------------------------------------------------------
def today_ms(folder: Path, rounds: int) -> float:
    """Every Today provider, one read, as the window asks them (store already open)."""
    from app.core.formatting import today_london
    from app.core.reminders import due_items
    from app.storage.opening import open_store

    store = open_store(folder, KEY)
    try:

        def run() -> None:
            with store.reading() as s:
                due_items(s, today_london())

        return median_ms(run, rounds)
    finally:
        store.close()


def backup_figures(folder: Path, rounds: int, out: Path) -> dict[str, float]:
    """Daybook's verified backup of the 100 MB file (byte copy, fsync, every page's HMAC, the
    copy compared with the file; app/storage/backup.py) against the bare backup API of the same
    file (python's sqlcipher3, no verification) and the sqlite3 shell on a plain 100 MB file
    (the shell here cannot open SQLCipher files). The first figure is Daybook's; its CPU time
    goes in CPU["backup"]."""
    import sqlite3

    from app.storage.backup import make_backup
    from app.storage.database import connect_raw
    from app.storage.opening import open_store

    figures: dict[str, float] = {}
    store = open_store(folder, KEY)
    try:
        n = iter(range(1000))
        figures["daybook backup (copy, fsync, page HMACs, compare)"] = median_ms(
            lambda: make_backup(store, to=out / f"b{next(n)}.db"), rounds, name="backup"
        )
    finally:
        store.close()
    src = connect_raw(folder / "daybook.db", KEY)
    src.execute("SELECT count(*) FROM sqlite_master").fetchall()

    def api() -> None:
        target = out / "api.db"
        target.unlink(missing_ok=True)
        dest = connect_raw(target, KEY)
        src.backup(dest)
        dest.close()

    figures["bare backup API, same file (sqlcipher3)"] = median_ms(api, rounds)
    src.close()
    plain = out / "plain.db"
    if not plain.exists():
        conn = sqlite3.connect(plain)
        conn.execute("CREATE TABLE t (b BLOB)")
        size = (folder / "daybook.db").stat().st_size
        for _ in range(size // 1_000_000):
            conn.execute("INSERT INTO t VALUES (?)", (os.urandom(1_000_000),))
        conn.commit()
        conn.close()
    if shutil.which("sqlite3"):

        def shell() -> None:
            subprocess.run(
                ["sqlite3", str(plain), f".backup {out / 'shell.db'}"], check=True, timeout=120
            )

        figures["sqlite3 shell .backup, plain file of the same size"] = median_ms(shell, rounds)
    return figures


def check_ms(folder: Path, rounds: int) -> float:
    """What `daybook check` does once the store is open: integrity, encryption, foreign keys,
    every registered check (numbering, seals, triggers)."""
    from app.core.checks import run_checks
    from app.storage.opening import open_store

    store = open_store(folder, KEY)
    try:

        def run() -> None:
            assert not store.integrity_problems()
            with store.reading() as s:
                run_checks(s)

        return median_ms(run, rounds, name="check")
    finally:
        store.close()


def command_ms(folder: Path, *args: str, rounds: int = 3) -> float:
    """A whole `daybook` command, process start to exit."""
    env = dict(os.environ, DAYBOOK_PASSPHRASE=KEY.secret, DAYBOOK_NO_KEYRING="1")

    def run() -> None:
        r = subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", str(folder), *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            timeout=600,
        )
        assert r.returncode == 0, r.stderr[-500:]

    return median_ms(run, rounds, warm=False)


def filter_figures(folder: Path, rounds: int) -> dict[str, float]:
    """One keystroke in Clients (the query and model reset the debounce timer then runs) and
    one change of the Visits list filter over ten years of visits, in real widgets."""
    from datetime import timedelta

    from PySide6.QtWidgets import QApplication

    from app.core.formatting import today_london
    from app.storage.opening import open_store
    from app.ui.actions import ActionRunner
    from app.ui.clients.panel import ClientsPanel
    from app.ui.context import UiContext
    from app.ui.visits.panel import VisitsPanel

    app = QApplication.instance() or QApplication([])
    store = open_store(folder, KEY)
    try:
        ctx = UiContext(store=store, runner=ActionRunner(store))
        clients = ClientsPanel(ctx)
        clients.resize(1366, 768)
        clients.show()  # shown, so each figure includes laying out and painting the rows
        letters = iter("abcdefghijklmnopqrstuvwxyz" * 10)

        def key() -> None:
            clients.search.setText(next(letters))
            clients.refresh()  # what the debounce timer runs, at once
            clients._search_timer.stop()
            app.processEvents()

        visits = VisitsPanel(ctx)
        visits.resize(1366, 768)
        visits.show()
        visits.tabs.setCurrentIndex(1)  # the list
        today = today_london()
        visits.list_from.set_date(today - timedelta(days=3660))
        visits.list_to.set_date(today)

        def change() -> None:
            visits.refresh_list()
            app.processEvents()

        return {
            "Clients: one keystroke": median_ms(key, rounds * 4, name="Clients: one keystroke"),
            "Visits: list over ten years": median_ms(
                change, rounds * 4, name="Visits: list over ten years"
            ),
        }
    finally:
        store.close()


MEMORY = r"""
import resource, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.storage.opening import open_store
from tests.benchmarks.tenyears import KEY
from app.ui.actions import ActionRunner
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.registry import PAGES
app = QApplication([])
store = open_store(Path(sys.argv[1]), KEY)
w = MainWindow(UiContext(store=store, runner=ActionRunner(store)))
w.resize(1366, 768)
w.show()
for p in PAGES:
    w.go_to(str(p.key))
    app.processEvents()
status = Path("/proc/self/status").read_text()
rss = [l for l in status.splitlines() if l.startswith("VmRSS")][0].split()[1]
print(int(rss) / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def memory_mib(folder: Path) -> tuple[float, float]:
    """(resident now, peak) of the whole app after opening every panel on ten years."""
    r = subprocess.run(
        [sys.executable, "-c", MEMORY, str(folder)],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", DAYBOOK_NO_KEYRING="1"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-1000:]
    now, peak = r.stdout.split()[-2:]
    return float(now), float(peak)


def invoice_figures(rounds: int) -> dict[str, float]:
    """The 40-line invoice PDF against bare ReportLab putting the same 40 rows in a table."""
    from io import BytesIO

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    from app.documents.invoice_pdf import render_invoice
    from tests.benchmarks.test_invoice_pdf_bench import forty_lines

    doc = forty_lines()
    rows = [
        [str(ln.line_date), ln.start, ln.end, ln.description, f"{ln.amount_pence / 100:.2f}"]
        for ln in doc.lines
    ]

    def bare() -> None:
        buf = BytesIO()
        SimpleDocTemplate(buf, pagesize=A4).build([Table(rows)])

    return {
        "invoice PDF, 40 lines (warm)": median_ms(
            lambda: render_invoice(doc), rounds * 4, name="pdf"
        ),
        "bare ReportLab table, same 40 rows": median_ms(bare, rounds * 4, name="bare"),
    }


# -- the report ----------------------------------------------------------------------------------
def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {load:.1f} at the start"
    )


def main(argv: list[str]) -> int:
    from tests.benchmarks.test_startup import make_demo, measure

    rounds = int(argv[0]) if argv and argv[0].isdigit() else 5
    base = Path(os.environ.get("DAYBOOK_BENCH_DIR") or tempfile.mkdtemp(prefix="daybook-bench-"))
    started = datetime.now(UTC)
    header = machine()
    t = time.perf_counter()
    ten = ten_year_folder(base / "ten-years")
    built = time.perf_counter() - t
    big = hundred_mb_folder(base / "hundred-mb", ten)
    one = make_demo(base / "demo1", 1)
    out = base / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()

    rows: list[tuple[str, str, str]] = []
    start = measure(one, ten, rounds)
    e = start.empty
    rows += [
        ("empty PySide6 window, first paint", f"{e:.0f} ms", "yardstick"),
        ("first paint, 10 years", f"{start.paint_10:.0f} ms", f"{start.paint_10 / e:.2f} x empty"),
        ("ready with Today, 1-year demo", f"{start.ready_1:.0f} ms", f"{start.ready_1 / e:.2f} x"),
        (
            "ready with Today, 10 years",
            f"{start.ready_10:.0f} ms",
            f"{start.ready_10 / e:.2f} x empty (budget 3); "
            f"{start.ready_10 / start.ready_1:.2f} x 1-year (budget 1.10)",
        ),
        (
            "every area ready (the ORM loaded after Today), 10 years",
            f"{start.every_10:.0f} ms",
            f"{start.every_10 / e:.2f} x empty (no budget: what a first click elsewhere waits for)",
        ),
    ]
    t1, t10 = today_ms(one, rounds), today_ms(ten, rounds)
    rows += [
        ("Today's providers, 1-year demo", f"{t1:.0f} ms", ""),
        ("Today's providers, 10 years", f"{t10:.0f} ms", f"{t10 / t1:.2f} x 1-year"),
    ]
    for name, ms in filter_figures(ten, rounds).items():
        rows.append((name, f"{ms:.1f} ms", f"{cpu_note(name)}budget 50 ms"))
    now, peak = memory_mib(ten)
    rows.append(
        ("memory, every panel opened, 10 years", f"{now:.0f} MiB", f"peak {peak:.0f}; budget 200")
    )
    inv = invoice_figures(rounds)
    (pdf_name, pdf), (bare_name, bare) = inv.items()
    rows += [
        (
            pdf_name,
            f"{pdf:.1f} ms",
            f"{cpu_note('pdf')}{pdf / bare:.2f} x bare ReportLab (budget 30 ms)",
        ),
        (bare_name, f"{bare:.1f} ms", f"{cpu_note('bare')}yardstick"),
    ]
    size = (big / "daybook.db").stat().st_size / 1e6
    bk = backup_figures(big, rounds, out)
    ours = next(iter(bk.values()))
    for name, ms in bk.items():
        note = (
            f"{cpu_note('backup')}budget 1000 ms"
            if ms == ours
            else f"Daybook = {ours / ms:.2f} x this"
        )
        rows.append((f"{name}, {size:.0f} MB", f"{ms:.0f} ms", note))
    rows.append(
        (
            f"`daybook backup`, whole command, {size:.0f} MB",
            f"{command_ms(big, 'backup'):.0f} ms",
            "",
        )
    )
    ck = check_ms(big, max(1, rounds // 2))
    rows.append(
        (f"check once open, {size:.0f} MB", f"{ck:.0f} ms", f"{cpu_note('check')}budget 3000 ms")
    )
    rows.append(
        (f"`daybook check`, whole command, {size:.0f} MB", f"{command_ms(big, 'check'):.0f} ms", "")
    )
    rows.append(("ten-year data set built (bulk)", f"{built:.1f} s", "0 when reused"))
    if "--demo" in argv:
        demo = base / "demo10-timed"
        shutil.rmtree(demo, ignore_errors=True)
        ms = command_ms(demo, "demo", "--years", "10", rounds=1)
        rows.append(("`daybook demo --years 10`", f"{ms / 1000:.1f} s", "budget 20 s"))

    lines = [
        "# Benchmarks",
        "",
        "Written by `PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python -m "
        "tests.benchmarks.measure [ROUNDS] [--demo]` (see tests/benchmarks/measure.py).",
        "Figures are medians of ROUNDS runs in one session, so ratios compare like with like "
        "on a machine that may be busy; read the ratios first. Where a CPU figure is given, "
        "it is the same runs' CPU time: on a busy machine the wall time is mostly waiting.",
        "",
        f"- Date: {started:%d/%m/%Y %H:%M} UTC; rounds: {rounds}",
        f"- Machine: {header}",
        "- Data: a busy carer's ten years (tests/benchmarks/tenyears.py): 25 clients, "
        "100,000 visits, 5,000 invoices, 2,000 expenses, 40 portfolio documents, 50 "
        "safeguarding records; the 100 MB file adds receipt photos to it.",
        "",
        "| What | Median | Against |",
        "|---|---:|---|",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
        "",
    ]
    target = ROOT / "docs" / "benchmarks.md"
    target.write_text("\n".join(lines))
    print("\n".join(lines))
    print(f"written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
