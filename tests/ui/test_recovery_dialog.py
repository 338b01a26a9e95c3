"""The recovery code dialog: the code shown, the sheet, two groups typed back to confirm;
and Today's reminder until it is confirmed."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.core.recovery_confirm import CONFIRMED_SETTING, confirmed_on
from app.core.reminders import due_items
from app.core.settings import get_setting
from app.demo.clients import PROFILE
from app.storage.opening import ensure_recovery, recovery_code
from app.ui.recovery import RecoveryCodeDialog
from tests.conftest import TODAY

REMINDER = "Print your recovery sheet and keep it safe"


@pytest.fixture
def code(ui_ctx) -> str:  # type: ignore[no-untyped-def]
    made = ensure_recovery(ui_ctx.store)
    assert made is not None
    return made


def _dialog(qtbot, ui_ctx, ask=(2, 5)) -> RecoveryCodeDialog:  # type: ignore[no-untyped-def]
    dialog = RecoveryCodeDialog(ui_ctx.runner, today=lambda: TODAY, ask=ask)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _reminders(ui_ctx) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.text for i in ui_ctx.runner.read(lambda s: due_items(s, TODAY))]


def test_the_code_is_shown_in_its_groups(qtbot, ui_ctx, code) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, ui_ctx)
    shown = dialog.code_label.text().split()
    assert shown == code.split("-")
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("group 2 and group 5" in t for t in texts)


def test_right_groups_and_enter_record_the_date(qtbot, ui_ctx, code) -> None:  # type: ignore[no-untyped-def]
    assert REMINDER in _reminders(ui_ctx)
    groups = code.split("-")
    dialog = _dialog(qtbot, ui_ctx)
    qtbot.keyClicks(dialog.inputs[2], groups[1].lower())  # any case will do
    qtbot.keyClicks(dialog.inputs[5], f" {groups[4]} ")
    with qtbot.waitSignal(ui_ctx.runner.changed):
        qtbot.keyClick(dialog.inputs[5], Qt.Key.Key_Return)
    assert dialog.confirmed
    assert dialog.result() == dialog.DialogCode.Accepted
    assert ui_ctx.runner.read(confirmed_on) == TODAY
    assert REMINDER not in _reminders(ui_ctx)


def test_a_wrong_group_is_named_and_nothing_recorded(qtbot, ui_ctx, code) -> None:  # type: ignore[no-untyped-def]
    groups = code.split("-")
    wrong = groups[3] if groups[3] != groups[4] else groups[0]
    dialog = _dialog(qtbot, ui_ctx)
    qtbot.keyClicks(dialog.inputs[2], groups[1])
    qtbot.keyClicks(dialog.inputs[5], wrong)
    qtbot.keyClick(dialog.inputs[5], Qt.Key.Key_Return)
    assert not dialog.confirmed
    assert dialog.isVisible()
    message = dialog.form.errors.message("group_5")
    assert "Group 5" in message
    assert wrong not in message and code not in message
    assert dialog.form.errors.message("group_2") == ""
    assert ui_ctx.runner.read(lambda s: get_setting(s, CONFIRMED_SETTING)) == ""
    assert REMINDER in _reminders(ui_ctx)


def test_a_group_with_a_letter_o_gets_a_hint(qtbot, ui_ctx, code) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, ui_ctx, ask=(1, 6))
    qtbot.keyClicks(dialog.inputs[1], "O0O0O")
    dialog.confirm()
    assert "no letter O" in dialog.form.errors.message("group_1")


def test_the_sheet_carries_the_code_and_the_business(qtbot, ui_ctx, code) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, ui_ctx)
    preview = dialog.show_sheet()
    qtbot.addWidget(preview)
    assert preview.page_count == 1
    text = PdfReader(io.BytesIO(preview.pdf_bytes)).pages[0].extract_text()
    assert code.split("-")[0] in text
    assert PROFILE.trading_name in text
    assert recovery_code(ui_ctx.store) == code


def test_today_links_to_the_dialog(qtbot, ui_ctx, code) -> None:  # type: ignore[no-untyped-def]
    from app.ui.today.panel import TodayPanel

    panel = TodayPanel(ui_ctx)
    qtbot.addWidget(panel)
    links = [
        label
        for label in panel.body.findChildren(QLabel)
        if REMINDER in label.text() and "<a " in label.text()
    ]
    assert len(links) == 1
    links[0].linkActivated.emit("recovery-sheet")
    dialogs = panel.findChildren(RecoveryCodeDialog)
    assert len(dialogs) == 1
    assert code not in links[0].text()


def test_no_reminder_when_there_is_no_code_yet(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    assert REMINDER not in _reminders(ui_ctx)
