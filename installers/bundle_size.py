"""The installed size of a built bundle, printed by the build and held to a budget."""

from __future__ import annotations

import sys
from pathlib import Path


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def biggest(folder: Path, count: int = 12) -> list[tuple[int, str]]:
    sizes = [
        (p.stat().st_size, str(p.relative_to(folder)))
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    ]
    return sorted(sizes, reverse=True)[:count]


def report_size(folder: Path, budget_mb: int) -> float:
    """Prints the size (MB = 10^6 bytes, as installers and file managers show it), the biggest
    files, and a line when it is over the budget (the spec then stops the build)."""
    mb = folder_bytes(folder) / 1_000_000
    print(f"\nDaybook bundle {folder}: {mb:.1f} MB (budget {budget_mb} MB)")
    for size, name in biggest(folder):
        print(f"  {size / 1_000_000:6.1f} MB  {name}")
    if mb > budget_mb:
        print(f"OVER BUDGET: {mb - budget_mb:.1f} MB over the {budget_mb} MB budget")
    return mb


if __name__ == "__main__":
    report_size(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 150)
