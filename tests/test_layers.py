"""The layers, checked from the source: every module's imports are parsed (ast), never run.

- app/core imports no Qt, ReportLab, pypdf, app.storage, app.ui or app.documents (anywhere,
  even inside a function: a lazy import still ties the domain to a screen or a printer);
- app/storage imports neither app.ui nor app.documents;
- app/documents imports no Qt, app.ui or app.storage;
- no import cycle between app modules at module level (imports inside functions run later,
  once every module is loaded, so they are allowed to point back).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "app.core": ("PySide6", "reportlab", "pypdf", "app.storage", "app.ui", "app.documents"),
    "app.storage": ("app.ui", "app.documents"),
    "app.documents": ("PySide6", "app.ui", "app.storage"),
}

# Cycles that were there before this test, in areas other than money (issue 17 item 4-6
# breaks them); listed so that a NEW cycle fails at once. Remove a line when its cycle goes.
KNOWN_CYCLES: set[frozenset[str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in APP.rglob("*.py") if "migrations" not in p.parts}


MODULES = all_modules()


def resolve(current: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    if node.level > 1:
        base = base[: -(node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(path: Path, *, module_level_only: bool, name: str = "") -> Iterator[str]:
    """Every module name an import statement in `path` names (for `from a import b`: a.b when
    that is a module, else a). Imports under `if TYPE_CHECKING:` never run and are skipped."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = name or module_name(path)
    is_package = path.name == "__init__.py"

    def walk(nodes: list[ast.stmt]) -> Iterator[ast.stmt]:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            yield node
            if isinstance(node, ast.If | ast.Try | ast.With):
                for block in ("body", "orelse", "finalbody", "handlers"):
                    for child in getattr(node, block, []):
                        if isinstance(child, ast.ExceptHandler):
                            yield from walk(child.body)
                        else:
                            yield from walk([child])

    nodes = walk(tree.body) if module_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = resolve(name, is_package, node)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield full if full in MODULES else base


def starts(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_the_source_tree_is_found() -> None:
    assert "app.core.money.tax" in MODULES and "app.ui.money.panel" in MODULES


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_each_layer_imports_only_what_it_may(layer: str) -> None:
    found = []
    for name, path in sorted(MODULES.items()):
        if not starts(name, layer):
            continue
        for target in imports(path, module_level_only=False):
            if any(starts(target, bad) for bad in FORBIDDEN[layer]):
                found.append(f"{name} imports {target}")
    assert found == []


def module_graph() -> dict[str, set[str]]:
    return {
        name: {t for t in imports(path, module_level_only=True) if t in MODULES and t != name}
        for name, path in MODULES.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected groups of modules that import each other (at module level)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[frozenset[str]] = []
    counter = 0

    def visit(v: str) -> None:  # Tarjan's algorithm
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(frozenset(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_new_import_cycles() -> None:
    found = set(cycles(module_graph()))
    assert found - KNOWN_CYCLES == set(), sorted(sorted(c) for c in found - KNOWN_CYCLES)
    assert KNOWN_CYCLES - found == set(), "a known cycle is gone: take it off KNOWN_CYCLES"


def test_the_checker_sees_a_cycle_and_a_layer_breach(tmp_path: Path) -> None:
    """The checks can fail: a lazy Qt import in a core module, and a two-module cycle."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from . import tax\n\ndef later():\n    from PySide6 import QtCore\n",
        encoding="utf-8",
    )
    anywhere = set(imports(bad, module_level_only=False, name="app.core.money.bad"))
    assert {"PySide6", "app.core.money.tax"} <= anywhere
    assert set(imports(bad, module_level_only=True, name="app.core.money.bad")) == {
        "app.core.money.tax"
    }
    graph = {"a": {"b"}, "b": {"a"}, "c": {"a"}}
    assert cycles(graph) == [frozenset({"a", "b"})]
