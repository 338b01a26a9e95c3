"""Today as the carer's starting point: the Getting started checklist ticks itself from the
records, every line opens what it names, and last week's planned visits are one click away."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from app.core.clients import ClientDraft, add_client
from app.core.invoicing.models import InvoiceLine
from app.core.visits.models import Visit, VisitStatus
from app.ui.main_window import MainWindow
from tests.conftest import TODAY


def _window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def _labels(today) -> list[QLabel]:  # type: ignore[no-untyped-def]
    layout = today.body_layout
    return [w for i in range(layout.count()) if isinstance(w := layout.itemAt(i).widget(), QLabel)]


def _step(today, i: int) -> QLabel:  # type: ignore[no-untyped-def]
    return next(label for label in _labels(today) if label.objectName() == f"step_{i}")


def _click_link(label: QLabel) -> None:
    (href,) = re.findall(r'href="([^"]+)"', label.text())
    label.linkActivated.emit(href)


def test_getting_started_ticks_itself_and_leads_to_each_step(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ui_ctx)
    today = window.go_to("today")
    texts = [label.text() for label in _labels(today)]
    assert texts[0] == "Getting started"
    assert texts[1].startswith("0 of 5 done")
    first = _step(today, 0)
    assert "Add your first client" in first.text() and "href" in first.text()
    _click_link(first)
    assert window.stack.currentWidget() is window.panel("clients")

    with ui_ctx.store.unit_of_work() as s:
        add_client(s, ClientDraft(name="Margaret Ellis"), today=TODAY)
    window.panel("today").refresh()
    today = window.go_to("today")
    assert _step(today, 0).text() == "✓ Add your first client (done)"
    assert [label.text() for label in _labels(today)][1].startswith("1 of 5 done")
    _click_link(_step(today, 1))
    assert window.stack.currentWidget() is window.panel("contracts")


def test_a_settled_business_sees_no_checklist_and_each_item_opens_its_record(
    qtbot, demo_ui_ctx
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_ui_ctx)
    today = window.go_to("today")
    assert "Getting started" not in [label.text() for label in _labels(today)]

    invoice_line = next(
        (i, item)
        for i, item in enumerate(today.items)
        if item.area == "invoices" and item.record_id
    )
    index, item = invoice_line
    label = next(lbl for lbl in _labels(today) if f'href="item:{index}"' in lbl.text())
    _click_link(label)
    invoices = window.panel("invoices")
    assert window.stack.currentWidget() is invoices
    assert invoices.current_id == item.record_id

    visit = next(
        (i, it)
        for i, it in enumerate(window.go_to("today").items)
        if it.area == "visits" and it.record_id
    )
    today = window.go_to("today")
    label = next(lbl for lbl in _labels(today) if f'href="item:{visit[0]}"' in lbl.text())
    _click_link(label)
    visits = window.panel("visits")
    assert window.stack.currentWidget() is visits
    assert visits.selected_id() == visit[1].record_id


def test_record_last_weeks_visits_opens_them_chosen(qtbot, demo_ui_ctx) -> None:  # type: ignore[no-untyped-def]
    store = demo_ui_ctx.store
    with store.unit_of_work() as s:
        on_invoices = set(s.scalars(select(InvoiceLine.visit_id)))
        # last week (16/11 - 22/11/2026) as if not yet recorded: back to planned
        for v in s.scalars(select(Visit)):
            if (
                date(2026, 11, 16) <= v.planned_start.date() <= date(2026, 11, 22)
                and v.status == VisitStatus.DELIVERED
                and v.id not in on_invoices
            ):
                v.status = VisitStatus.PLANNED
                v.actual_start = v.actual_end = None
    window = _window(qtbot, demo_ui_ctx)
    today = window.go_to("today")
    with store.reading() as s:
        planned = [
            v.id
            for v in s.scalars(select(Visit).where(Visit.status == VisitStatus.PLANNED))
            if date(2026, 11, 16) <= v.planned_start.date() <= date(2026, 11, 22)
        ]
    assert planned
    button = today.last_week_button
    assert button is not None and f"({len(planned)} still planned)" in button.text()
    button.click()
    visits = window.panel("visits")
    assert window.stack.currentWidget() is visits
    assert sorted(r.id for r in visits.selected_rows()) == sorted(planned)
