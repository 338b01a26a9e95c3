"""The licence list About shows: read from package metadata, or from the bundle's file."""

from __future__ import annotations

import json

from app import licences
from app.licences import bundled_licences, collect_licences, write_licences


def test_every_library_daybook_needs_is_listed_with_a_licence() -> None:
    found = {lic.name.lower(): lic for lic in collect_licences()}
    for name in ("pyside6", "sqlalchemy", "sqlcipher3", "reportlab", "pypdf", "keyring", "pillow"):
        assert name in found, name
    assert "pytest" not in found and "pyinstaller" not in found  # test/build extras are not shipped
    assert found["pyside6"].licence.startswith("LGPL-3.0")
    assert "BSD" in found["sqlcipher3"].licence and "BSD" in found["reportlab"].licence
    assert all(lic.licence for lic in found.values())


def test_a_bundle_reads_the_list_the_build_wrote(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = write_licences(tmp_path / "resources")
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows.append({"name": "Only-In-File", "version": "1", "licence": "MIT", "note": ""})
    path.write_text(json.dumps(rows), encoding="utf-8")
    monkeypatch.setattr(licences, "resources_dir", lambda: tmp_path / "resources")
    assert "Only-In-File" in {lic.name for lic in bundled_licences()}


def test_without_daybook_installed_the_list_comes_from_pyproject(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = licences.metadata.requires

    def requires(name: str):  # type: ignore[no-untyped-def]
        if name == "daybook":
            raise licences.metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(licences.metadata, "requires", requires)
    names = {lic.name.lower() for lic in collect_licences()}
    assert {"pyside6", "reportlab", "sqlcipher3"} <= names
