"""Issue 16's budgets on a busy carer's ten years, as pytest-benchmark tests. Run on demand:

    .venv/bin/pytest tests/benchmarks/test_ten_years_bench.py -p no:randomly --benchmark-only

(the table for docs/benchmarks.md comes from `python -m tests.benchmarks.measure`). The data
folders are built once per run (DAYBOOK_BENCH_DIR keeps them between runs).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.storage.database import Store
from app.storage.opening import open_store
from tests.benchmarks.tenyears import KEY, hundred_mb_folder, ten_year_folder


@pytest.fixture(scope="session")
def bench_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kept = os.environ.get("DAYBOOK_BENCH_DIR")
    return Path(kept) if kept else tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="session")
def ten_years(bench_dir: Path) -> Path:
    return ten_year_folder(bench_dir / "ten-years")


@pytest.fixture(scope="session")
def hundred_mb(bench_dir: Path, ten_years: Path) -> Path:
    return hundred_mb_folder(bench_dir / "hundred-mb", ten_years)


@pytest.fixture
def ten_store(ten_years: Path) -> Iterator[Store]:
    store = open_store(ten_years, KEY)
    try:
        yield store
    finally:
        store.close()


def test_today_on_ten_years(benchmark, ten_store: Store) -> None:  # type: ignore[no-untyped-def]
    from app.core.formatting import today_london
    from app.core.reminders import due_items

    def run() -> list[object]:
        with ten_store.reading() as s:
            return list(due_items(s, today_london()))

    items = benchmark(run)
    assert items  # the demo's current year always has something due


def test_backup_of_a_hundred_mb_database(benchmark, hundred_mb: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.storage.backup import make_backup, verify_copy

    store = open_store(hundred_mb, KEY)
    n = iter(range(100))
    try:
        path = benchmark.pedantic(
            lambda: make_backup(store, to=tmp_path / f"b{next(n)}.db"), rounds=3, iterations=1
        )
    finally:
        store.close()
    assert path.stat().st_size > 90_000_000
    assert verify_copy(path, KEY) is None


def test_check_of_a_hundred_mb_database(benchmark, hundred_mb: Path) -> None:  # type: ignore[no-untyped-def]
    from app.core.checks import run_checks

    store = open_store(hundred_mb, KEY)
    try:

        def run() -> list[str]:
            problems = store.integrity_problems()
            with store.reading() as s:
                problems += [p for found in run_checks(s).values() for p in found]
            return problems

        assert benchmark.pedantic(run, rounds=2, iterations=1) == []
    finally:
        store.close()


def test_keystroke_filters(benchmark, ten_years: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.benchmarks.measure import filter_figures

    figures = benchmark.pedantic(filter_figures, args=(ten_years, 3), rounds=1, iterations=1)
    print(figures)
    assert set(figures) == {"Clients: one keystroke", "Visits: list over ten years"}


def test_memory_after_every_panel(benchmark, ten_years: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.benchmarks.measure import memory_mib

    now, peak = benchmark.pedantic(memory_mib, args=(ten_years,), rounds=1, iterations=1)
    print(f"resident {now:.0f} MiB, peak {peak:.0f} MiB (budget 200)")
    assert now > 0
