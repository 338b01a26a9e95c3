"""Every control a carer can Tab to says what it is to a screen reader (demo data, every
panel); and the visits panel has no Alt+S clash."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from app.ui.main_window import MainWindow
from app.ui.registry import PAGES
from tests.ui.accessibility import unnamed_focusable


def test_every_panel_names_every_focusable_control(qtbot, demo_ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_ui_ctx)
    qtbot.addWidget(window)
    window.show()
    missing: dict[str, list[str]] = {}
    for page in PAGES:
        panel = window.go_to(str(page.key))
        if found := unnamed_focusable(panel):
            missing[str(page.key)] = found
    assert missing == {}


def test_visits_buttons_have_one_mnemonic_each(qtbot, demo_ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_ui_ctx)
    qtbot.addWidget(window)
    window.show()
    panel = window.go_to("visits")
    letters = [
        b.text().split("&")[1][0].lower()
        for b in panel.findChildren(QAbstractButton)
        if "&" in b.text() and b.isVisibleTo(panel)
    ]
    assert letters.count("s") <= 1
