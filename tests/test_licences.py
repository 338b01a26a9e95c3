"""The licence list About shows: read from package metadata, or from the bundle's file."""

from __future__ import annotations

import json
import re

from app import licences
from app.licences import bundled_licences, collect_licences, write_licences


def test_every_library_daybook_needs_is_listed_with_a_licence() -> None:
    found = {licences._canonical(lic.name): lic for lic in collect_licences()}
    for name in ("pyside6", "sqlalchemy", "sqlcipher3", "reportlab", "pypdf", "keyring", "pillow"):
        assert name in found, name
    assert "pytest" not in found and "pyinstaller" not in found  # test/build extras are not shipped
    assert found["pyside6"].licence.startswith("LGPL-3.0")
    assert "BSD" in found["sqlcipher3"].licence and "BSD" in found["reportlab"].licence
    # HEIC photos are decoded by pi-heif (LGPL), never by pillow-heif, whose wheels carry x265 (GPL)
    assert "LGPL-3.0" in found["pi-heif"].licence and "pillow-heif" not in found
    assert all(lic.licence for lic in found.values())


def test_a_bundle_reads_the_list_the_build_wrote(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = write_licences(tmp_path / "resources")
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows.append({"name": "Only-In-File", "version": "1", "licence": "MIT", "note": ""})
    path.write_text(json.dumps(rows), encoding="utf-8")
    monkeypatch.setattr(licences, "resources_dir", lambda: tmp_path / "resources")
    assert "Only-In-File" in {lic.name for lic in bundled_licences()}


def test_a_checkout_lists_what_its_own_pyproject_needs(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The environment's installed Daybook may be another checkout's, with other dependencies:
    a build from this checkout lists what this pyproject.toml names."""
    real = licences.metadata.requires

    def requires(name: str):  # type: ignore[no-untyped-def]
        if name == "daybook":
            return ["pillow-heif>=0.18"]  # what an older checkout installed said
        return real(name)

    monkeypatch.setattr(licences.metadata, "requires", requires)
    names = {licences._canonical(lic.name) for lic in collect_licences()}
    assert {"pyside6", "reportlab", "sqlcipher3", "pi-heif"} <= names
    assert "pillow-heif" not in names


# Libraries under the GPL (not the LGPL) that the installers carry although Daybook's own licence
# is not the GPL: a decision for the project (installers/README.md, "Licences"). Listed so that
# a NEW one fails here at once; remove the line when it goes.
KNOWN_GPL = {"ofxtools"}  # GPL-3.0-only, reads OFX bank statements


def test_no_new_gpl_library_is_shipped() -> None:
    gpl = {
        licences._canonical(lic.name)
        for lic in collect_licences()
        if re.search(r"\bGPL|(?<!Lesser )General Public License", lic.licence)
    }
    assert gpl == KNOWN_GPL
