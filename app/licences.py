"""The licences of the libraries Daybook ships with, for Help → About.

Read from the installed packages' metadata (every library Daybook needs, and what they need in
turn). A built bundle carries no package metadata for most libraries, so the build writes the
same list to `resources/licences.json` beside the program (`write_licences`), and About reads
that file when it is there.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from app.resources import resources_dir

LICENCES_FILE = "licences.json"

# What the metadata does not say (or says at length), and where the source is.
NOTES: dict[str, tuple[str, str]] = {
    "pyside6": (
        "LGPL-3.0 (Qt for Python and the Qt libraries it ships)",
        "Daybook links Qt dynamically: the Qt libraries in Daybook's folder can be replaced by "
        "your own build. Source: https://download.qt.io/official_releases/QtForPython/ and "
        "https://download.qt.io/official_releases/qt/. On Linux Qt uses ICU (Unicode-3.0 "
        "licence, https://github.com/unicode-org/icu), whose data Daybook ships in English only.",
    ),
    "pyside6-essentials": ("LGPL-3.0", "Part of Qt for Python; see PySide6."),
    "pyside6-addons": ("LGPL-3.0", "Part of Qt for Python; see PySide6."),
    "shiboken6": ("LGPL-3.0", "Part of Qt for Python; see PySide6."),
    "reportlab": ("BSD-3-Clause", "https://www.reportlab.com/"),
    "python-dateutil": ("Apache-2.0 and BSD-3-Clause", ""),
    "pi-heif": (
        "LGPL-3.0 (libheif and libde265, the HEIC decoder in its wheels); the module BSD-3-Clause",
        "Reads iPhone photos; it has no encoder. Source: https://github.com/bigcat88/pillow_heif, "
        "https://github.com/strukturag/libheif and https://github.com/strukturag/libde265",
    ),
    "sqlcipher3": (
        "zlib (the Python module); SQLCipher itself: BSD-style (Zetetic LLC)",
        "https://github.com/coleifer/sqlcipher3 and https://www.zetetic.net/sqlcipher/license/",
    ),
}


@dataclass(frozen=True)
class Licence:
    name: str
    version: str
    licence: str
    note: str = ""


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "…"


def _licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    for field in ("License-Expression", "License"):
        value = (meta.get(field) or "").strip()
        if value and value.upper() != "UNKNOWN" and "\n" not in value.strip():
            return _short(value)
    found = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    return _short(", ".join(found)) if found else "see the package"


def _requirement_name(requirement: str) -> str | None:
    """The package a requirement names, or None when it is only for an extra or another OS."""
    name, _, marker = requirement.partition(";")
    marker = marker.strip()
    if marker:
        if "extra" in marker:
            return None
        try:
            from packaging.markers import Marker

            if not Marker(marker).evaluate():
                return None
        except ImportError:  # without packaging, list it: better one too many than one missing
            pass
    match = re.match(r"[A-Za-z0-9_.\-]+", name.strip())
    return match.group(0) if match else None


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _top_requirements(top: str) -> list[str]:
    """What `top` requires: from the pyproject.toml of the checkout this module is in (a build
    runs from one, and the environment's installed Daybook may be another checkout's), else from
    the installed metadata."""
    pyproject = Path(__file__).parent.parent / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    try:
        return metadata.requires(top) or []
    except metadata.PackageNotFoundError:
        return []


def collect_licences(top: str = "daybook") -> list[Licence]:
    """Every installed library `top` needs, directly or not, with its licence."""
    seen: dict[str, Licence] = {}
    todo = [_requirement_name(r) for r in _top_requirements(top)]
    while todo:
        name = todo.pop()
        if not name or _canonical(name) in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        key = _canonical(name)
        licence, note = NOTES.get(key, (_licence_of(dist), ""))
        seen[key] = Licence(dist.metadata["Name"], dist.version, licence, note)
        todo.extend(_requirement_name(r) for r in dist.requires or [])
    return sorted(seen.values(), key=lambda lic: lic.name.lower())


def write_licences(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LICENCES_FILE
    rows = [asdict(lic) for lic in collect_licences()]
    path.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def bundled_licences() -> list[Licence]:
    path = resources_dir() / LICENCES_FILE
    if path.is_file():
        return [Licence(**row) for row in json.loads(path.read_text(encoding="utf-8"))]
    return collect_licences()


def python_licence() -> Licence:
    version = ".".join(map(str, sys.version_info[:3]))
    return Licence("Python", version, "PSF-2.0", "https://www.python.org/")


def font_licence() -> Licence:
    """The typeface embedded in every PDF (app/documents/fonts, with its LICENCE.txt)."""
    return Licence(
        "DejaVu Sans",
        "2.37",
        "Bitstream Vera Fonts licence (free, with DejaVu changes in the public domain)",
        "The typeface of every Daybook PDF; https://dejavu-fonts.github.io/",
    )
