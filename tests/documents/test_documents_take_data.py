"""Renderers take data and give bytes: nothing in app/documents reaches the database."""

from __future__ import annotations

import ast
from pathlib import Path

import app.documents


def test_no_document_module_imports_sqlalchemy() -> None:
    folder = Path(app.documents.__file__).parent
    offenders = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("sqlalchemy")]
    assert offenders == []
