"""Driving the clients panel as a carer would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from app.core.changes import Area
from app.core.clients import PayerType, search_clients
from app.ui import forms
from app.ui.clients.panel import ClientsPanel


@pytest.fixture
def panel(qtbot, ui_ctx):  # type: ignore[no-untyped-def]
    p = ClientsPanel(ui_ctx)
    qtbot.addWidget(p)
    p.show()
    return p


def names(panel: ClientsPanel) -> list[str]:
    return [r.name for r in panel.model.rows()]


def add(qtbot, panel: ClientsPanel, name: str, **fields: str) -> None:  # type: ignore[no-untyped-def]
    panel.add_button.click()
    qtbot.keyClicks(panel.form.name, name)
    for attr, text in fields.items():
        qtbot.keyClicks(getattr(panel.form, attr), text)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)


def test_add_a_client_and_find_it_by_typing(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    add(qtbot, panel, "Margaret Ellis", preferred_name="Peggy", phone="01823 111222")
    add(qtbot, panel, "Arthur Penrose")
    assert names(panel) == ["Arthur Penrose", "Margaret Ellis"]
    qtbot.keyClicks(panel.search, "pegg")
    qtbot.waitUntil(lambda: names(panel) == ["Margaret Ellis"])
    assert "1 client" in panel.count_label.text()


@pytest.mark.parametrize(
    "attr, text, field, message",
    [
        ("email", "not-an-email", "email", "email address"),
        ("date_of_birth", "01/01/2090", "date_of_birth", "future"),
        ("date_of_birth", "31/02/1950", "date_of_birth", "not a date"),
        ("dp_rate", "-3", "dp_rate_pence", "negative"),
        ("dp_rate", "lots", "dp_rate_pence", "not an amount"),
    ],
)
def test_bad_input_shows_beside_the_field_and_saves_nothing(
    qtbot, panel, ui_ctx, attr, text, field, message
) -> None:  # type: ignore[no-untyped-def]
    add(qtbot, panel, "Edith Marsh", **{attr: text})
    label = panel.form.findChild(type(panel.form.errors._labels[field]), f"error_{field}")
    assert message in label.text()
    assert label.isVisible()
    assert ui_ctx.runner.read(lambda s: search_clients(s, "", include_archived=True)) == []


def test_empty_name_is_refused(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    add(qtbot, panel, "")
    assert "Enter the client's name" in panel.form.errors.message("name")


def test_edit_and_payer(qtbot, panel, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    add(qtbot, panel, "Dorothy Hughes")
    assert panel.saved_label.text() == "Saved."
    assert not panel.form.payer_name.isEnabled()
    panel.form.payer_type.setCurrentIndex(panel.form.payer_type.findData(PayerType.DIRECT_PAYMENT))
    assert panel.form.payer_name.isEnabled()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "who pays" in panel.form.errors.message("payer_name")
    qtbot.keyClicks(panel.form.payer_name, "Somerset DP Managed Accounts")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    rows = ui_ctx.runner.read(lambda s: search_clients(s, "somerset"))
    assert [r.name for r in rows] == ["Dorothy Hughes"]


def test_key_safe_hidden_until_asked(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    add(
        qtbot,
        panel,
        "Reg Okafor",
    )
    qtbot.keyClicks(panel.form.key_safe, "4321")
    assert panel.form.key_safe.echoMode() == QLineEdit.EchoMode.Password
    panel.form.key_safe_toggle.click()
    assert panel.form.key_safe.echoMode() == QLineEdit.EchoMode.Normal
    panel.open_client(panel.current_id)  # reopening hides it again
    assert panel.form.key_safe.echoMode() == QLineEdit.EchoMode.Password


def test_archive_asks_then_hides_and_restores(qtbot, panel, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    add(qtbot, panel, "Joan Fairweather")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.archive_button.click()
    assert names(panel) == []
    panel.show_archived.setChecked(True)
    assert names(panel) == ["Joan Fairweather"]
    panel.restore_button.click()
    panel.show_archived.setChecked(False)
    assert names(panel) == ["Joan Fairweather"]


def test_other_panels_hear_about_changes(qtbot, panel, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ui_ctx.runner.changed) as blocker:
        add(qtbot, panel, "Priya Sharma")
    assert Area.CLIENTS in blocker.args[0]


def test_unsaved_changes_are_not_dropped_silently(qtbot, panel, monkeypatch, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    add(qtbot, panel, "Arthur Penrose")
    add(qtbot, panel, "Margaret Ellis")
    asked = []

    def answer(_parent, text):  # type: ignore[no-untyped-def]
        asked.append("Unsaved changes")
        return forms.SAVE

    monkeypatch.setattr(forms, "ask_unsaved", answer)
    panel.form.phone.setText("01823 555666")
    panel.table.selectRow(0)  # Arthur: leaving Margaret with a new phone number
    assert asked == ["Unsaved changes"]
    rows = ui_ctx.runner.read(lambda s: search_clients(s, "555666"))
    assert [r.name for r in rows] == ["Margaret Ellis"]
    assert panel.form.name.text() == "Arthur Penrose"


def test_unsaved_bad_input_keeps_the_carer_on_the_form(qtbot, panel, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    add(qtbot, panel, "Arthur Penrose")
    add(qtbot, panel, "Margaret Ellis")
    monkeypatch.setattr(forms, "ask_unsaved", lambda *a: forms.SAVE)
    panel.form.email.setText("not an email")
    panel.table.selectRow(0)
    assert panel.form.name.text() == "Margaret Ellis"
    assert "email address" in panel.form.errors.message("email")


def test_closing_the_window_asks_about_unsaved_changes(qtbot, ui_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    clients = window.go_to("clients")
    qtbot.keyClicks(clients.form.name, "Typed But Not Saved")
    monkeypatch.setattr(forms, "ask_unsaved", lambda *a: forms.SAVE)
    assert window.close()
    assert [r.name for r in ui_ctx.runner.read(lambda s: search_clients(s, ""))] == [
        "Typed But Not Saved"
    ]


def test_escape_in_the_unsaved_box_stays_on_the_form(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow

    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    clients = window.go_to("clients")
    qtbot.keyClicks(clients.form.name, "Still Typing")
    seen: list[str] = []

    def press_escape() -> None:
        box = QApplication.activeModalWidget()
        seen.extend(sorted(b.text() for b in box.buttons()))
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, press_escape)
    assert not window.close()
    assert seen == sorted(["&Save", "&Don't save", "S&tay"])
    assert clients.form.name.text() == "Still Typing"
    assert ui_ctx.runner.read(lambda s: search_clients(s, "")) == []
    clients.form.name.clear()  # nothing left unsaved when the test closes the window
