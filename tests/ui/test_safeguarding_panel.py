"""Recording a concern and adding an addendum through the real widgets, and the refusals."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDateTime, QPoint, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget

from app.core.clients import ClientDraft, add_client
from app.core.safeguarding.chain import verify_chain
from app.core.safeguarding.models import AddendumKind, Category, Consent, SafeguardingRecord
from app.core.safeguarding.services import ConcernDraft, create_record, list_records, record_view
from app.ui.safeguarding.concern_dialog import ConcernDialog, open_record_concern_dialog
from app.ui.safeguarding.panel import AddendumDialog, SafeguardingPanel
from tests.conftest import TODAY

SECRET = "Quokka-words-5512"
PAST = datetime(2026, 11, 20, 9, 30)  # London (GMT in November)


@pytest.fixture
def ctx(ui_ctx):  # type: ignore[no-untyped-def]
    """The shared UI context (demo business profile, council number 0300 123 2224) and one
    client."""
    with ui_ctx.store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Margaret Ellis"), today=TODAY)
    return ui_ctx


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Patches QMessageBox.question; records each question asked and gives `reply`."""
    asked: list[str] = []
    state = {"reply": QMessageBox.StandardButton.Yes}

    def question(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(title)
        return state["reply"]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda *a, **k: asked.append("information"))
    )
    return asked, state


def _error(widget: QWidget, field: str) -> str:
    label = widget.findChild(QLabel, f"error_{field}")
    return label.text() if label is not None and not label.isHidden() else ""


def _tick(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Clicks a check box or radio button on its indicator, as a person would."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
    assert button.isChecked()


def _fill(
    qtbot,
    dlg: ConcernDialog,
    *,
    category: bool = True,
    seen: str = SECRET,  # type: ignore[no-untyped-def]
    when: datetime = PAST,
) -> None:
    dlg.show()  # clicks reach only visible widgets
    dlg.client.setCurrentIndex(dlg.client.findText("Margaret Ellis"))
    dlg.happened_at.setDateTime(QDateTime(when))
    qtbot.keyClicks(dlg.place, "Her bedroom")
    qtbot.keyClicks(dlg.present, "Only the two of us")
    if category:
        _tick(qtbot, dlg.categories.boxes[Category.PHYSICAL])
        _tick(qtbot, dlg.categories.boxes[Category.NEGLECT])
    if seen:
        qtbot.keyClicks(dlg.seen_heard, f'She said "{seen}".')  # QTest types ASCII only
    qtbot.keyClicks(dlg.actions_taken, "Rang the team.")
    qtbot.mouseClick(dlg.notifications.add_council, Qt.MouseButton.LeftButton)
    row = dlg.notifications.rows[0]
    row.at.setDateTime(QDateTime(datetime(2026, 11, 20, 10, 15)))
    qtbot.keyClicks(row.name, "Duty worker")
    qtbot.keyClicks(row.reference, "SAS-991")
    _tick(qtbot, dlg.consent.buttons[Consent.YES])
    qtbot.keyClicks(dlg.follow_up_due, "30/11/2026")


def test_recording_a_concern_saves_it_final_after_confirming(qtbot, ctx, answer) -> None:  # type: ignore[no-untyped-def]
    asked, _ = answer
    dlg = ConcernDialog(ctx)
    qtbot.addWidget(dlg)
    assert "0300 123 2224" in dlg.findChild(QLabel, "danger_line").text()
    assert "0300 123 2224" in dlg.notifications.council.text()
    _fill(qtbot, dlg)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["Save this safeguarding record?"]
    assert dlg.result() == ConcernDialog.DialogCode.Accepted and dlg.saved_id is not None
    with ctx.store.reading() as s:
        view = record_view(s, dlg.saved_id)
        assert view.who == "Margaret Ellis"
        assert view.happened_at == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
        assert view.categories == ("Physical abuse", "Neglect and acts of omission")
        assert SECRET in view.seen_heard and view.place == "Her bedroom"
        assert [(n.name, n.reference) for n in view.notifications] == [("Duty worker", "SAS-991")]
        assert view.follow_up_due == date(2026, 11, 30)
        assert verify_chain(s) == []
    assert SECRET not in dlg.windowTitle()


def test_saying_no_to_the_confirmation_saves_nothing(qtbot, ctx, answer) -> None:  # type: ignore[no-untyped-def]
    asked, state = answer
    state["reply"] = QMessageBox.StandardButton.No
    dlg = ConcernDialog(ctx)
    qtbot.addWidget(dlg)
    _fill(qtbot, dlg)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["Save this safeguarding record?"]
    assert dlg.saved_id is None and dlg.result() != ConcernDialog.DialogCode.Accepted
    with ctx.store.reading() as s:
        assert list_records(s) == []


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"category": False}, "categories", "at least one category"),
        ({"seen": ""}, "seen_heard", "what you saw and heard"),
        ({"when": datetime(2099, 1, 1, 9, 0)}, "happened_at", "cannot be in the future"),
    ],
)
def test_bad_input_is_shown_beside_the_field_before_asking(
    qtbot,
    ctx,
    answer,
    change,
    field,  # type: ignore[no-untyped-def]
    words,
) -> None:
    asked, _ = answer
    dlg = ConcernDialog(ctx)
    qtbot.addWidget(dlg)
    _fill(qtbot, dlg, **change)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert words in _error(dlg.form, field)
    assert asked == []  # no confirmation for a form that cannot be saved
    with ctx.store.reading() as s:
        assert list_records(s) == []


def test_no_person_chosen_is_shown_beside_who(qtbot, ctx, answer) -> None:  # type: ignore[no-untyped-def]
    dlg = ConcernDialog(ctx)
    qtbot.addWidget(dlg)
    _fill(qtbot, dlg)
    dlg.client.setCurrentIndex(0)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert "Choose the client" in _error(dlg.form, "client_id")
    # someone who is not a client needs a name, shown in the same place
    dlg.client.setCurrentIndex(dlg.client.count() - 1)
    assert dlg.person_name.isEnabled()
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert "name of the person" in _error(dlg.form, "client_id")
    qtbot.keyClicks(dlg.person_name, "Visiting neighbour")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    with ctx.store.reading() as s:
        assert [r.who for r in list_records(s)] == ["Visiting neighbour"]


def test_toolbar_entry_point_opens_the_dialog(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    open_record_concern_dialog(ctx, parent)
    dlg = parent.findChild(ConcernDialog)
    assert dlg is not None and dlg.isVisible()
    assert dlg.windowTitle() == "Record a safeguarding concern"
    dlg.done(0)


def _saved(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.store.unit_of_work() as s:
        return create_record(
            s,
            ConcernDraft(
                client_id=1,
                happened_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
                categories=[Category.FINANCIAL],
                seen_heard=f"He said “{SECRET}”.",
                consent=Consent.NOT_ASKED,
                follow_up_due=date(2026, 11, 28),
            ),
            now=datetime(2026, 11, 20, 12, 0, tzinfo=UTC),
        ).value.id


def _panel(qtbot, ctx) -> SafeguardingPanel:  # type: ignore[no-untyped-def]
    panel = SafeguardingPanel(ctx)  # listens to ctx.runner.changed by itself
    qtbot.addWidget(panel)
    return panel


def _table_text(panel: SafeguardingPanel) -> str:
    t = panel.table
    return " | ".join(
        t.item(r, c).text() for r in range(t.rowCount()) for c in range(t.columnCount())
    )


def test_panel_lists_records_and_hides_content_until_opened(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    record_id = _saved(ctx)
    panel = _panel(qtbot, ctx)
    listing = _table_text(panel)
    assert "20/11/2026 09:00" in listing and "Margaret Ellis" in listing
    assert "Financial or material abuse" in listing and "28/11/2026" in listing
    assert SECRET not in listing
    panel.table.selectRow(0)
    assert SECRET not in panel.browser.toPlainText()
    assert panel.stack.currentWidget() is panel.hidden_label
    assert not panel.addendum_button.isEnabled()
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert panel.opened_id == record_id
    assert SECRET in panel.browser.toPlainText()
    qtbot.mouseClick(panel.hide_button, Qt.MouseButton.LeftButton)
    assert SECRET not in panel.browser.toPlainText()


def test_panel_offers_no_way_to_edit_or_delete(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    _saved(ctx)
    panel = _panel(qtbot, ctx)
    panel.table.selectRow(0)
    panel.open_selected()
    labels = [b.text().replace("&", "").lower() for b in panel.findChildren(QPushButton)]
    assert not any(w in text for text in labels for w in ("edit", "delete", "remove"))
    assert panel.browser.isReadOnly()
    assert panel.table.editTriggers() == panel.table.EditTrigger.NoEditTriggers


def test_adding_an_addendum_from_the_panel(qtbot, ctx, answer) -> None:  # type: ignore[no-untyped-def]
    asked, _ = answer
    record_id = _saved(ctx)
    panel = _panel(qtbot, ctx)
    panel.table.selectRow(0)
    panel.open_selected()
    dlg = panel.add_addendum()
    assert isinstance(dlg, AddendumDialog) and dlg.windowTitle().endswith(f"#{record_id}")
    dlg.kind.setCurrentIndex(dlg.kind.findData(AddendumKind.CORRECTION.value))
    qtbot.keyClicks(dlg.text, "The time was 09:10, not 09:00.")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["Save this addendum?"]
    assert "1. Correction" in panel.browser.toPlainText()
    assert "09:10, not 09:00" in panel.browser.toPlainText()
    # a follow-up done clears the follow-up from the list
    dlg = panel.add_addendum()
    dlg.kind.setCurrentIndex(dlg.kind.findData(AddendumKind.FOLLOW_UP_DONE.value))
    assert not dlg.follow_up_due.isEnabled()
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    text = panel.browser.toPlainText()
    assert text.index("1. Correction") < text.index("2. Follow-up done")
    assert panel.table.item(0, 3).text() == "2" and panel.table.item(0, 4).text() == ""
    with ctx.store.reading() as s:
        assert verify_chain(s) == []
        assert s.get(SafeguardingRecord, record_id).seen_heard.endswith(f"“{SECRET}”.")


def test_an_empty_addendum_is_refused_beside_the_text(qtbot, ctx, answer) -> None:  # type: ignore[no-untyped-def]
    asked, _ = answer
    record_id = _saved(ctx)
    dlg = AddendumDialog(ctx, record_id, follow_up_waiting=False)
    qtbot.addWidget(dlg)
    assert dlg.kind.findData(AddendumKind.FOLLOW_UP_DONE.value) == -1
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert "Enter the text" in _error(dlg.form, "text")
    qtbot.keyClicks(dlg.text, "Rang back.")
    qtbot.keyClicks(dlg.follow_up_due, "31/02/2026")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert "not a date" in _error(dlg.form, "follow_up_due")
    assert asked == []
    with ctx.store.reading() as s:
        assert list_records(s)[0].addenda_count == 0


def test_pdf_button_previews_the_record(qtbot, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import app.ui.pdf_preview as preview

    shown: list[tuple[bytes, str, str]] = []
    monkeypatch.setattr(
        preview, "show_pdf", lambda parent, data, title, name: shown.append((data, title, name))
    )
    record_id = _saved(ctx)
    panel = _panel(qtbot, ctx)
    panel.table.selectRow(0)
    panel.open_selected()
    qtbot.mouseClick(panel.pdf_button, Qt.MouseButton.LeftButton)
    data, title, name = shown[0]
    assert title == f"Safeguarding record #{record_id}" and SECRET not in title
    assert name == f"safeguarding-record-{record_id}.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Safeguarding record" in text and SECRET in text


def test_new_record_from_the_panel_appears_opened(qtbot, ctx, answer) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, ctx)
    assert panel.count_label.text() == "No safeguarding records."
    dlg = panel.record_concern()
    _fill(qtbot, dlg)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 1
    assert panel.opened_id == dlg.saved_id
    assert SECRET in panel.browser.toPlainText()


def test_panel_over_the_demo_data(qtbot, demo_ui_ctx) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, demo_ui_ctx)
    assert panel.table.rowCount() == 2
    listing = _table_text(panel)
    assert "Physical abuse" in listing and "Financial or material abuse" in listing
    assert "bruise" not in listing and "bruise" not in panel.browser.toPlainText()
    panel.table.selectRow(1)
    panel.open_selected()
    assert "bruise" in panel.browser.toPlainText()
    assert "2. Follow-up done" in panel.browser.toPlainText()
