"""PySide6 reads the source of every module imported after it; this keeps none of it.

PySide6's `__feature__` import hook (shibokensupport/feature.py, `_mod_uses_pyside`) calls
`inspect.getsource(module)` on each newly imported module to see whether it mentions PySide6.
That goes through `linecache`, which keeps every line of every file for the life of the
process: about 33 MiB of Daybook's memory once every panel is open (SQLAlchemy, the models,
ReportLab, the `holidays` package's 250 countries...). Here a module's file is read as bytes
and searched for the same word, so no line is made at all (making and dropping them left
holes all over the heap that later objects were scattered into); a module without a plain
.py file is left to PySide6's own scan, and the lines it read are dropped afterwards.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

_WRAPPED = "_daybook_drops_sources"


def stop_keeping_sources() -> None:
    """Replace PySide6's source scan with one that keeps nothing, and drop the lines already
    kept. Does nothing without PySide6's hook (another version, or PyPy)."""
    import PySide6  # noqa: F401  (installs the hook this replaces)

    feature = sys.modules.get("PySide6.support.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if scan is None or getattr(scan, _WRAPPED, False):
        return
    feature._mod_uses_pyside = _without_keeping(scan)  # type: ignore[union-attr]
    for name, entry in list(linecache.cache.items()):
        if len(entry) == 4 and entry[1] is not None:  # read from a file: read again if needed
            linecache.cache.pop(name, None)


def _without_keeping(scan: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                return b"PySide6" in Path(path).read_bytes()
            except OSError:
                pass
        before = set(linecache.cache)
        try:
            return scan(module)
        finally:
            for name in set(linecache.cache) - before:
                linecache.cache.pop(name, None)

    setattr(mentions_pyside, _WRAPPED, True)
    return mentions_pyside
