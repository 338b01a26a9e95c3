"""A dark, high-contrast system theme (black window, white text, yellow highlight): the one
palette switches to colours that read on it, and boxes that paint their own background name
their text colour (white text on a pale box would vanish)."""

from __future__ import annotations

import importlib

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.ui import style

AA = 4.5  # WCAG AA contrast for body text


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        c = QColor(colour)
        channels = [
            v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
            for v in (c.redF(), c.greenF(), c.blueF())
        ]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def high_contrast_palette() -> QPalette:
    palette = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(role, QColor("black"))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(role, QColor("white"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("yellow"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("black"))
    return palette


@pytest.fixture
def themed(qapp):  # type: ignore[no-untyped-def]
    """Sets a palette on the application and reloads the one palette module under it."""
    before = QApplication.palette()

    def use(palette: QPalette):  # type: ignore[no-untyped-def]
        QApplication.setPalette(palette)
        return importlib.reload(style)

    yield use
    QApplication.setPalette(before)
    importlib.reload(style)


def readable_pairs(s) -> dict[str, float]:  # type: ignore[no-untyped-def]
    window = QApplication.palette().color(QPalette.ColorRole.Window).name()
    pairs = {name: (getattr(s, name), window) for name in ("TEXT", "MUTED", "DANGER", "CAUTION")}
    for bg in ("PLANNED_BG", "DELIVERED_BG", "CANCELLED_BG", "CODE_BG", "INFO_BG"):
        pairs[f"TEXT on {bg}"] = (s.TEXT, getattr(s, bg))
        pairs[f"MUTED on {bg}"] = (s.MUTED, getattr(s, bg))
    pairs["warning box"] = (s.WARNING_TEXT, s.WARNING_BG)
    return {name: round(contrast(*pair), 2) for name, pair in pairs.items()}


def test_a_high_contrast_theme_gets_colours_that_read_on_black(themed) -> None:  # type: ignore[no-untyped-def]
    s = themed(high_contrast_palette())
    assert s.DARK
    too_faint = {name: r for name, r in readable_pairs(s).items() if r < AA}
    assert too_faint == {}
    assert f"color: {s.TEXT}" in s.INFO_BOX_STYLE  # never the window's white on a pale box
    assert s.DANGER in s.ERROR_STYLE


def test_the_usual_light_theme_reads_too(themed) -> None:  # type: ignore[no-untyped-def]
    light = QPalette(QColor("#efefef"))
    s = themed(light)
    assert not s.DARK
    too_faint = {name: r for name, r in readable_pairs(s).items() if r < AA}
    assert too_faint == {}
