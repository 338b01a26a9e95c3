"""The Linux installer, built from a clean clone of this branch, and the bundle inside it run.

Not in the default run (a build takes several minutes); README says the one command:
    .venv/bin/pytest tests/installers -o addopts="" -m slow
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 60 * 60  # only against a hang; nothing here is timed


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None,
    reason="the .deb is built on Linux with dpkg-deb",
)
def test_deb_builds_from_a_clean_clone_and_its_bundle_works(tmp_path: Path) -> None:
    branch = run(["git", "-C", str(ROOT), "rev-parse", "--abbrev-ref", "HEAD"]).stdout.strip()
    clone = tmp_path / "clone"
    cloned = run(["git", "clone", "-q", "--branch", branch, str(ROOT), str(clone)])
    assert cloned.returncode == 0, cloned.stderr

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DAYBOOK_DATA_DIR")}
    built = run(
        ["installers/linux/build-deb.sh"],
        cwd=clone,
        env={**env, "DAYBOOK_PYTHON": sys.executable, "DEB_COMPRESSION": "gzip"},
        timeout=BUILD_TIMEOUT,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert "MB (budget 150 MB)" in built.stdout  # the size is measured and printed
    version = next(
        line.split('"')[1]
        for line in (clone / "app" / "__init__.py").read_text().splitlines()
        if line.startswith("__version__")
    )
    deb = clone / "dist" / f"daybook_{version}_amd64.deb"
    listing = run(["dpkg-deb", "--contents", str(deb)]).stdout
    for path in (
        "./opt/daybook/daybook",
        "./opt/daybook/daybook-cli",
        "./usr/bin/daybook -> /opt/daybook/daybook",
        "./usr/bin/daybook-cli -> /opt/daybook/daybook-cli",
        "./usr/share/applications/daybook.desktop",
        "./usr/share/icons/hicolor/256x256/apps/daybook.png",
    ):
        assert path in listing, path
    control = run(["dpkg-deb", "--field", str(deb), "Package", "Version", "Depends"]).stdout
    assert f"Version: {version}" in control and "libxcb-cursor0" in control

    # The bundle itself, run from elsewhere with no source tree on the path.
    bundle = clone / "dist" / "daybook"
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    assert sum(p.stat().st_size for p in files) <= 150_000_000
    assert not [p for p in files if "x265" in p.name or "pillow_heif" in str(p)]  # no GPL encoder
    assert [p for p in files if p.name.startswith("libheif")]  # pi-heif reads iPhone photos
    [icu] = [p for p in files if p.name.startswith("libicudata")]
    assert icu.stat().st_size < 8_000_000  # English only
    data = tmp_path / "data"
    env = {**env, "QT_QPA_PLATFORM": "offscreen", "DAYBOOK_PASSPHRASE": "a-long-test-passphrase"}
    selftest = run([str(bundle / "daybook-cli"), "self-test"], cwd=tmp_path, env=env, timeout=600)
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert "self-test passed" in selftest.stdout
    demo = run(
        [str(bundle / "daybook-cli"), "--data-dir", str(data), "demo"],
        cwd=tmp_path,
        env=env,
        timeout=1800,
    )
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "clients" in demo.stdout and (data / "daybook.db").is_file()
    window = run(
        [str(bundle / "daybook"), "--data-dir", str(data), "--exit-when-ready"],
        cwd=tmp_path,
        env=env,
        timeout=600,
    )
    assert window.returncode == 0, window.stdout + window.stderr
    assert "first paint in" in window.stdout and "ready in" in window.stdout
    assert "Traceback" not in window.stdout + window.stderr
