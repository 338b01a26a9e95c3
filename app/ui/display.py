"""Whether a window can be shown at all, asked before Qt is started (Qt aborts the process
with its own unreadable message when there is no display)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


def no_display_problem(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """One line saying why no window can open, or None when one probably can."""
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return None  # Windows and macOS always have their own display
    if any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return (
        "there is no screen to open the window on (no DISPLAY or WAYLAND_DISPLAY); "
        "start Daybook from your desktop, or run a command such as 'daybook --help'"
    )
