"""Where Daybook's resources (icons, licences) are: a small module, as the window's icon needs
it before the first paint (app.licences reads package metadata, ~10-40 ms to import)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """`resources/` of a built bundle (beside the program) or of the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "resources" if bundle else Path(__file__).parent.parent / "resources"
