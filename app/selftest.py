"""`daybook self-test`: checks this installation on throw-away data, never the carer's."""

from __future__ import annotations

import io
import secrets
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


def _database() -> None:
    from app.core.clients import ClientDraft, add_client, search_clients
    from app.core.formatting import today_london
    from app.storage.keys import DatabaseKey, KeySource
    from app.storage.opening import open_store

    with tempfile.TemporaryDirectory() as tmp:
        key = DatabaseKey(secrets.token_hex(16), KeySource.ENVIRONMENT)
        with open_store(Path(tmp), key) as store:
            with store.unit_of_work() as s:
                add_client(s, ClientDraft(name="Self Test"), today=today_london())
            with store.reading() as s:
                assert [r.name for r in search_clients(s, "self")] == ["Self Test"]
            assert not store.integrity_problems()
        head = (Path(tmp) / "daybook.db").read_bytes()[:16]
        assert not head.startswith(b"SQLite format 3"), "database is not encrypted"


def _pdf() -> None:
    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.drawString(72, 720, "Daybook self-test £1,234.56")
    c.save()
    text = PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text()
    assert "self-test" in text, "PDF text did not read back"


def _dates() -> None:
    import holidays
    from dateutil.rrule import WEEKLY, rrule

    assert holidays.country_holidays("GB", subdiv="ENG", years=2026)
    assert rrule(WEEKLY, count=2)


def _qt() -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel("Daybook")
    label.show()
    app.processEvents()
    label.close()


def _layers() -> None:
    import ast

    core = Path(__file__).parent / "core"
    for path in core.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for n in names:
                assert not n.startswith(("PySide6", "reportlab")), f"{path.name} imports {n}"


TESTS: list[tuple[str, Callable[[], None]]] = [
    ("encrypted database: create, migrate, write, read", _database),
    ("PDF: write with ReportLab, read back with pypdf", _pdf),
    ("dates: bank holidays and schedules", _dates),
    ("Qt: a widget shows", _qt),
    ("layers: the domain imports no Qt or ReportLab", _layers),
]


def run_self_test() -> Iterator[tuple[str, str | None]]:
    for name, fn in TESTS:
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - report and go on to the next check
            yield name, f"{type(exc).__name__}: {exc}"[:200]
        else:
            yield name, None
