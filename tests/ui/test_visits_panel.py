"""The Visits panel driven as a carer would: week view, mark delivered, cancel, ill, .ics."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from app.core.contracts.models import PlanBContact
from app.core.visits import services as vs
from app.core.visits.generate import generate_visits
from app.core.visits.models import Visit, VisitStatus
from app.storage.database import Store
from app.ui.actions import ActionRunner
from app.ui.context import UiContext
from tests.core.test_visits import make_client, make_contract

DAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def filled(store: Store) -> Store:
    with store.unit_of_work() as s:
        peggy = make_client(s)
        arthur = make_client(s, "Arthur Penrose", "")
        s.add(
            PlanBContact(
                client_id=peggy.id, kind="arranges_cover", name="Linda Ellis", phone="07700 900222"
            )
        )
        make_contract(
            s,
            peggy,
            starts_on=date(2026, 11, 2),
            slots=[(2, "14:00", "15:00"), (4, "09:00", "10:00")],
        )
        make_contract(s, arthur, starts_on=date(2026, 11, 2), slots=[(2, "16:00", "17:00")])
        generate_visits(s, date(2026, 11, 23), date(2026, 12, 6))
    return store


@pytest.fixture
def panel(qtbot, filled: Store):  # type: ignore[no-untyped-def]
    from app.ui.visits.panel import VisitsPanel

    ctx = UiContext(filled, ActionRunner(filled), today=lambda: DAY)
    widget = VisitsPanel(ctx)
    ctx.runner.changed.connect(widget.on_changed)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def visits(store: Store) -> list[Visit]:
    with store.reading() as s:
        rows = list(s.scalars(select(Visit).order_by(Visit.planned_start)))
        s.expunge_all()
    return rows


def first_visit_on(store: Store, day: date) -> Visit:
    return next(v for v in visits(store) if v.planned_start.date() == day)


def cell_texts(panel) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        panel.week.item(r, c).text()
        for r in range(panel.week.rowCount())
        for c in range(7)
        if panel.week.item(r, c) is not None
    ]


def test_week_view_shows_the_week_and_moves(panel) -> None:  # type: ignore[no-untyped-def]
    assert panel.week_label.text() == "23/11/2026 – 29/11/2026"
    assert panel.week.horizontalHeaderItem(2).text().startswith("Today")
    texts = cell_texts(panel)
    assert "14:00–15:00\nMargaret Ellis" in texts and "16:00–17:00\nArthur Penrose" in texts
    panel.next_button.click()
    assert panel.week_label.text() == "30/11/2026 – 06/12/2026"
    panel.next_button.click()
    assert cell_texts(panel) == ["No visits this week."]
    panel.today_button.click()
    assert panel.week_label.text() == "23/11/2026 – 29/11/2026"


def test_mark_delivered_with_times_miles_and_note(qtbot, panel, filled) -> None:  # type: ignore[no-untyped-def]
    visit = first_visit_on(filled, DAY)
    assert panel.select_visit(visit.id)
    assert "Margaret Ellis" in panel.selected_label.text()
    dialog = panel.mark_delivered()
    dialog.end.setTime(QTime(15, 20))
    qtbot.keyClicks(dialog.miles, "3.5")
    qtbot.keyClicks(dialog.note, "Walked to the shop")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    done = next(v for v in visits(filled) if v.id == visit.id)
    assert done.status == VisitStatus.DELIVERED
    assert done.miles_tenths == 35 and done.minutes == 80
    assert done.note == "Walked to the shop"
    assert "14:00–15:20\nMargaret Ellis\nDelivered" in cell_texts(panel)
    assert "3.5 miles" in panel.selected_label.text()


def test_mark_delivered_refuses_end_before_start(qtbot, panel, filled) -> None:  # type: ignore[no-untyped-def]
    visit = first_visit_on(filled, DAY)
    panel.select_visit(visit.id)
    dialog = panel.mark_delivered()
    dialog.end.setTime(QTime(13, 0))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "ends before it starts" in dialog.form.errors.message("actual_end")
    dialog.end.setTime(QTime(15, 0))
    qtbot.keyClicks(dialog.miles, "lots")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "number" in dialog.form.errors.message("miles")
    dialog.miles.clear()
    dialog.end.setTime(QTime(16, 30))  # runs into Arthur's 16:00 visit
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "overlaps" in dialog.form.errors.message("actual_start")
    assert next(v for v in visits(filled) if v.id == visit.id).status == VisitStatus.PLANNED


def test_cancel_by_client_shows_and_applies_the_late_charge(qtbot, panel, filled) -> None:  # type: ignore[no-untyped-def]
    visit = first_visit_on(filled, DAY)
    panel.select_visit(visit.id)
    dialog = panel.cancel_by_client()
    dialog.date.set_date(DAY)
    dialog.time.setTime(QTime(12, 0))  # two hours before 14:00: inside 24 hours
    assert "£24.00" in dialog.charge_label.text()
    assert dialog.charge.isVisible() and dialog.charge.isChecked()
    dialog.date.clear()
    qtbot.keyClicks(dialog.date, "20/11/2026")  # five days before: no charge
    assert "no charge" in dialog.charge_label.text()
    assert not dialog.charge.isVisible()
    dialog.date.clear()
    qtbot.keyClicks(dialog.date, "25/11/2026")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    cancelled = next(v for v in visits(filled) if v.id == visit.id)
    assert cancelled.status == VisitStatus.CANCELLED_BY_CLIENT
    assert cancelled.late_cancel_charge_pence == 2400
    assert "£24.00" in panel.selected_label.text()
    assert panel.reinstate_button.isEnabled() and not panel.cancel_client_button.isEnabled()


def test_cancel_by_carer_after_confirming(panel, filled, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    visit = first_visit_on(filled, DAY)
    panel.select_visit(visit.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    panel.cancel_carer_button.click()
    assert next(v for v in visits(filled) if v.id == visit.id).status == VisitStatus.PLANNED
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.cancel_carer_button.click()
    missed = next(v for v in visits(filled) if v.id == visit.id)
    assert missed.status == VisitStatus.CANCELLED_BY_CARER
    assert missed.late_cancel_charge_pence == 0
    assert "No charge" in panel.status_label.text()


def test_a_guard_refusal_is_shown_and_nothing_is_lost(panel, filled, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    visit = first_visit_on(filled, DAY)
    shown: list[str] = []

    def guard(session, v, action):  # type: ignore[no-untyped-def]
        return (
            "This visit is on invoice 2026-0001, which has been issued."
            if v.id == visit.id
            else None
        )

    vs.register_visit_guard(guard)
    try:
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        monkeypatch.setattr(
            QMessageBox, "information", lambda parent, title, text, *a: shown.append(text)
        )
        panel.select_visit(visit.id)
        panel.delete_button.click()
    finally:
        vs._GUARDS.remove(guard)
    assert shown and "issued" in shown[0]
    assert any(v.id == visit.id for v in visits(filled))


def test_add_one_off_and_generate(qtbot, panel, filled) -> None:  # type: ignore[no-untyped-def]
    dialog = panel.add_one_off()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "client" in dialog.form.errors.message("client_id").lower()
    dialog.client.setCurrentIndex(dialog.client.findText("Arthur Penrose"))
    dialog.date.clear()
    qtbot.keyClicks(dialog.date, "26/11/2026")
    dialog.start.setTime(QTime(13, 0))
    dialog.end.setTime(QTime(13, 0))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "no length" in dialog.form.errors.message("end")
    dialog.end.setTime(QTime(14, 30))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "13:00–14:30 (one-off)\nArthur Penrose" in cell_texts(panel)

    before = len(visits(filled))
    dialog = panel.generate()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    added = len(visits(filled)) - before
    assert added > 0 and panel.status_label.text().startswith(f"{added} visits added")
    dialog = panel.generate()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert panel.status_label.text().startswith("0 visits added")
    assert len(visits(filled)) == before + added


def test_ill_cancels_planned_visits_and_offers_a_printable_list(qtbot, panel, filled) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    dialog = panel.ill()
    dialog.last.clear()
    qtbot.keyClicks(dialog.last, "27/11/2026")
    assert dialog.count_label.text() == "3 planned visits on these days."
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    statuses = {
        v.planned_start.date(): v.status
        for v in visits(filled)
        if v.planned_start.date() <= date(2026, 11, 27)
    }
    assert set(statuses.values()) == {VisitStatus.CANCELLED_BY_CARER}
    assert "3 visits marked as missed" in panel.status_label.text()
    preview = panel.dialog
    assert preview.page_count >= 1
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(preview.pdf_bytes)).pages
    )
    Path("/tmp/visits-ill.pdf").write_bytes(preview.pdf_bytes)
    assert "Margaret Ellis" in text and "Linda Ellis" in text and "07700 900222" in text
    assert "Arthur Penrose" in text
    preview.close()


def test_export_ics(panel, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "mine"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Calendar files (*.ics)")
    )
    path = panel.export_ics()
    assert path == target.with_suffix(".ics")
    data = path.read_bytes()
    assert data.count(b"BEGIN:VEVENT") == 6  # Wed 25 Nov to Sun 6 Dec
    assert b"Peggy visit" in data and b"Arthur visit" in data
    assert "Saved 6 visits" in panel.status_label.text()


def test_list_tab_pages_and_filters(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    panel.tabs.setCurrentIndex(1)
    assert panel.list_count.text() == "6 visits"
    panel.list_status.setCurrentIndex(panel.list_status.findData("delivered"))
    assert panel.list_count.text() == "0 visits"
    panel.list_status.setCurrentIndex(0)
    panel.list_from.clear()
    qtbot.keyClicks(panel.list_from, "31/02/2026")
    panel.list_show.click()
    assert "not a date" in panel.list_error.text()
    assert panel.list_count.text() == "0 visits"


def test_client_tab_lists_that_clients_visits(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    from app.ui.clients.tabs import client_tabs

    factory = dict(client_tabs())["&Visits"]
    peggy_id = next(
        r.client_id for r in panel.rows_by_id.values() if r.client_name == "Margaret Ellis"
    )
    tab = factory(panel.ctx, peggy_id)
    qtbot.addWidget(tab)
    rows = tab.model.rows()
    assert len(rows) == 4 and {r.client_name for r in rows} == {"Margaret Ellis"}
    assert "0 delivered, 4 planned" in tab.summary.text()


def test_several_visits_marked_delivered_as_planned(qtbot, panel, filled) -> None:  # type: ignore[no-untyped-def]
    assert not panel.as_planned_button.isEnabled()  # nothing chosen yet
    # Ctrl+click two visits in the week view, then one button for both
    cells = [
        (r, c)
        for r in range(panel.week.rowCount())
        for c in range(7)
        if panel.week.item(r, c) is not None
    ]
    (r1, c1), (r2, c2) = cells[0], cells[1]
    for r, c, mod in (
        (r1, c1, Qt.KeyboardModifier.NoModifier),
        (r2, c2, Qt.KeyboardModifier.ControlModifier),
    ):
        rect = panel.week.visualRect(panel.week.model().index(r, c))
        qtbot.mouseClick(panel.week.viewport(), Qt.MouseButton.LeftButton, mod, rect.center())
    assert panel.as_planned_button.isEnabled()
    assert panel.as_planned_button.text() == "Mark 2 delivered as pla&nned"
    chosen = {panel.week.item(r, c).data(Qt.ItemDataRole.UserRole) for r, c in cells[:2]}
    qtbot.mouseClick(panel.as_planned_button, Qt.MouseButton.LeftButton)
    assert panel.status_label.text() == "2 visits marked delivered as planned."
    for visit in visits(filled):
        if visit.id in chosen:
            assert visit.status == VisitStatus.DELIVERED
            assert visit.actual_start == visit.planned_start
        else:
            assert visit.status == VisitStatus.PLANNED


def test_last_weeks_planned_visits_open_selected_in_the_list(qtbot, panel, filled) -> None:  # type: ignore[no-untyped-def]
    n = panel.show_planned(date(2026, 11, 23), date(2026, 11, 29))
    assert n == 3 and panel.tabs.currentIndex() == 1
    assert len(panel.selected_rows()) == 3
    assert panel.as_planned_button.text() == "Mark 3 delivered as pla&nned"
    qtbot.mouseClick(panel.as_planned_button, Qt.MouseButton.LeftButton)
    delivered = [v for v in visits(filled) if v.status == VisitStatus.DELIVERED]
    assert len(delivered) == 3
    assert all(
        date(2026, 11, 23) <= v.planned_start.date() <= date(2026, 11, 29) for v in delivered
    )
