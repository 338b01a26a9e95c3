"""The window's one palette: every colour a panel uses is named here once. Colour never
carries meaning alone (the text says "Overdue", "Expired" ...); it only helps the eye."""

from __future__ import annotations

# Text
TEXT = "#202020"
MUTED = "#5b6770"  # secondary text: notes, placeholders, cancelled visits
DANGER = "#a4262c"  # errors, overdue, expired: the one red
CAUTION = "#9a5b00"  # due soon
INCOME = "#2f7d5b"
EXPENSE = "#c0703a"

# Backgrounds
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

# Boxes (style sheets)
ERROR_STYLE = f"color: {DANGER};"
WARNING_BOX_STYLE = (
    "background: #fff4ce; border: 1px solid #e0c36c; border-radius: 4px; "
    "padding: 6px; color: #4a3b00;"
)
INFO_BOX_STYLE = "background: #eef4f6; border: 1px solid #b9c9cf; border-radius: 4px; padding: 6px;"
