"""Time boxes read what is typed as a whole, wherever the cursor was (finding 4: after Tab,
"0830" saved 09:08 without a word)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTimeEdit, QVBoxLayout, QWidget

from app.ui.forms import TimeEdit, typed_time


@pytest.mark.parametrize(
    "typed, meant",
    [("0830", (8, 30)), ("830", (8, 30)), ("8:30", (8, 30)), ("8.30", (8, 30)), ("17", (17, 0))],
)
def test_typed_times(typed: str, meant: tuple[int, int]) -> None:
    assert typed_time(typed) == meant


@pytest.mark.parametrize("typed", ["2500", "8:75", "12345", "8:3x", ""])
def test_not_times(typed: str) -> None:
    assert typed_time(typed) is None


@pytest.mark.parametrize("typed", ["0830", "8:30", "8.30"])
@pytest.mark.parametrize(
    "section", [QTimeEdit.Section.HourSection, QTimeEdit.Section.MinuteSection]
)
def test_time_box_takes_the_whole_time_wherever_the_cursor_is(qtbot, typed, section) -> None:  # type: ignore[no-untyped-def]
    holder = QWidget()
    before = QLineEdit()
    edit = TimeEdit()
    layout = QVBoxLayout(holder)
    layout.addWidget(before)
    layout.addWidget(edit)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)  # as the carer does
    edit.setCurrentSection(section)
    qtbot.keyClicks(edit, typed)
    assert edit.time().toString("HH:mm") == "08:30"


def test_visit_and_schedule_time_boxes_are_the_one_time_box(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.contracts.form import SlotRow
    from app.ui.visits.dialogs import time_edit

    assert isinstance(time_edit(), TimeEdit)
    row = SlotRow()
    qtbot.addWidget(row)
    assert isinstance(row.start, TimeEdit) and isinstance(row.end, TimeEdit)
