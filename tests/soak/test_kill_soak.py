"""On-demand soak: 50 kills during backups and 50 during restores, at varying moments.

    DAYBOOK_SOAK=1 .venv/bin/pytest tests/soak -q

(skipped in the normal suite, which runs a few of the same kills in
tests/storage/test_safety_net.py)."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from tests.storage.test_cli import daybook
from tests.storage.test_safety_net import (
    _backup,
    _kill_when,
    _names,
    _records,
    _spawn,
    kill_during_backup,
)

pytestmark = pytest.mark.skipif(not os.environ.get("DAYBOOK_SOAK"), reason="DAYBOOK_SOAK=1 runs it")
ROUNDS = 50


def test_fifty_kills_during_backup(tmp_path: Path) -> None:
    d = tmp_path / "soak-backup"
    _records(d, ["Ada Before"])
    landed = sum(kill_during_backup(d) for _ in range(ROUNDS))
    print(f"{landed} of {ROUNDS} kills landed while a backup was being written")
    assert landed >= ROUNDS // 2


def test_fifty_kills_during_restore_at_random_moments(tmp_path: Path) -> None:
    d = tmp_path / "soak-restore"
    _records(d, ["Ada Before"])
    copy = _backup(d)
    _records(d, ["Bea After"])
    rng = random.Random(2026)
    outcomes = {"old": 0, "new": 0}
    for _ in range(ROUNDS):
        proc = _spawn("restore", str(copy), data_dir=d)
        started = time.monotonic()
        delay = rng.uniform(0.2, 3.0)
        _kill_when(proc, lambda s=started, w=delay: time.monotonic() - s > w)
        names = _names(d)
        assert names in (["Ada Before"], ["Ada Before", "Bea After"])
        outcomes["new" if names == ["Ada Before"] else "old"] += 1
        r = daybook("check", data_dir=d)
        assert r.returncode == 0, r.stdout + r.stderr
        if names == ["Ada Before"]:
            _records(d, ["Bea After"])  # back to the newer state for the next round
    print(f"after {ROUNDS} kills: {outcomes}")
