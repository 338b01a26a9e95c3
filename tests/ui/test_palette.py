"""One palette: colours are named once in app/ui/style.py, and "danger" is one red."""

from __future__ import annotations

import re
from pathlib import Path

import app.ui
from app.ui import style

HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def test_no_panel_spells_a_colour_of_its_own() -> None:
    folder = Path(app.ui.__file__).parent
    found = [
        f"{path.relative_to(folder)}: {m}"
        for path in sorted(folder.rglob("*.py"))
        if path.name != "style.py"
        for m in HEX.findall(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_errors_overdue_and_expired_share_one_red() -> None:
    assert style.DANGER in style.ERROR_STYLE
    from app.ui.portfolio.panel import EXPIRED_COLOUR

    assert EXPIRED_COLOUR.name() == style.DANGER
