"""The window's one palette: every colour a panel uses is named here once. Colour never
carries meaning alone (the text says "Overdue", "Expired" ...); it only helps the eye.

The colours follow the application's palette: with a dark or high-contrast system theme
(a dark window colour) the light set below would vanish (dark red on black, white text on a
pale box), so the dark set is used instead. The choice is made when this module is first
imported, which the application does after the QApplication (and its palette) exists."""

from __future__ import annotations


def palette_is_dark() -> bool:
    """True when the running application's window colour is dark (a high-contrast theme)."""
    from PySide6.QtGui import QGuiApplication, QPalette

    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


DARK = palette_is_dark()

if not DARK:
    # Text
    TEXT = "#202020"
    MUTED = "#5b6770"  # secondary text: notes, placeholders, cancelled visits
    DANGER = "#a4262c"  # errors, overdue, expired: the one red
    CAUTION = "#9a5b00"  # due soon
    INCOME = "#2f7d5b"
    EXPENSE = "#c0703a"

    # Backgrounds (each paired with TEXT where text is drawn on it)
    PLANNED_BG = "#e3eefb"
    DELIVERED_BG = "#dff3e4"
    CANCELLED_BG = "#f1f1f1"

    FREE_BG = "#cfe8d5"  # free time in the week grid
    FREE_EDGE = "#3f7d4e"
    BOOKED_BG = "#d9dde3"
    WORKING_BG = "#f4f6f8"
    CODE_BG = "#eef2f6"  # the recovery code, shown once
    CODE_EDGE = "#2f5d62"
    ALERT_BG = "#fff4e5"  # the damaged-records banner above every panel
    ALERT_EDGE = "#b45309"
    WARNING_BG, WARNING_EDGE, WARNING_TEXT = "#fff4ce", "#e0c36c", "#4a3b00"
    INFO_BG, INFO_EDGE = "#eef4f6", "#b9c9cf"
else:
    TEXT = "#ffffff"
    MUTED = "#c8c8c8"
    DANGER = "#ff8a8a"  # a light red that reads on black
    CAUTION = "#ffd54a"
    INCOME = "#7ee0a8"
    EXPENSE = "#ffb27a"

    PLANNED_BG = "#10305a"
    DELIVERED_BG = "#0f4023"
    CANCELLED_BG = "#333333"

    FREE_BG = "#145a2a"
    FREE_EDGE = "#7ee0a8"
    BOOKED_BG = "#3a3f48"
    WORKING_BG = "#1c1f24"
    CODE_BG = "#102030"
    CODE_EDGE = "#7fd0d8"
    ALERT_BG = "#3d2400"
    ALERT_EDGE = "#ffb000"
    WARNING_BG, WARNING_EDGE, WARNING_TEXT = "#3a3000", "#ffd54a", "#ffffff"
    INFO_BG, INFO_EDGE = "#0f2a33", "#7fb2c2"

# Boxes (style sheets): a box that paints its own background also names its text colour
ERROR_STYLE = f"color: {DANGER};"
WARNING_BOX_STYLE = (
    f"background: {WARNING_BG}; border: 1px solid {WARNING_EDGE}; border-radius: 4px; "
    f"padding: 6px; color: {WARNING_TEXT};"
)
INFO_BOX_STYLE = (
    f"background: {INFO_BG}; border: 1px solid {INFO_EDGE}; border-radius: 4px; padding: 6px; "
    f"color: {TEXT};"
)
