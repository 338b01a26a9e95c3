"""Running a short script in a fresh Python: what start-up imports can only be seen there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import TEST_KEY

ROOT = Path(__file__).resolve().parents[2]


def run_fresh(script: str, **env: str) -> str:
    """The script's standard output; fails the test with its stderr when it exits non-zero."""
    r = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=dict(
            os.environ, DAYBOOK_PASSPHRASE=TEST_KEY.secret, QT_QPA_PLATFORM="offscreen", **env
        ),
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout
