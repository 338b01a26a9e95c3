"""End-to-end journeys through the real main window, as a carer would go: the sidebar, real
widgets and real buttons, over a real encrypted store. Dialogs that would block are answered
by patching QMessageBox, or by filling the dialog's widgets and pressing its OK button.

A: a new carer's first month (client, contract, visits, invoice, payments, Today, Money).
B: a safeguarding concern from the toolbar, then an addendum; Today shows the follow-up.
C: the carer is ill: planned visits become missed by the carer and are never charged.
D: every area already open keeps up with the others (a new client, a visit's miles, an
   archived client gets no new visits).
E: an agreement sent, waiting (Today), signed, then notice given: its last day on Today and
   no visits planned after it.
F: an invoice credited in full: void, off Today, its visits invoiced again.
G: a certificate running out shows on Today, then goes when renewed.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox
from sqlalchemy import select

from app.core.clients import Client
from app.core.contracts.models import Contract, ContractStatus, ContractVersion
from app.core.formatting import LONDON
from app.core.invoicing.models import Invoice, InvoiceLine, InvoiceStatus
from app.core.profile import save_profile
from app.core.visits.generate import PLAN_AHEAD_WEEKS
from app.core.visits.models import Visit, VisitStatus
from app.demo.clients import PROFILE
from app.storage.database import Store
from app.ui.actions import ActionRunner
from app.ui.context import UiContext
from app.ui.contracts.dialogs import SignDialog
from app.ui.main_window import MainWindow
from tests.ui.keyboard import click, tick, type_into

YES = QMessageBox.StandardButton.Yes
NAME = "Siobhán Ní Bhriain"


class Clock:
    """The day the app believes it is; the journeys move it on."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every question is answered Yes and every information box is recorded, not shown."""
    seen: list[str] = []

    def question(_parent, title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        seen.append(f"question: {title}")
        return YES

    def information(_parent, title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        seen.append(f"information: {title}: {text}")
        return QMessageBox.StandardButton.Ok

    def unexpected(_parent, exc, *_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError(f"the error dialog was shown: {type(exc).__name__}")

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(information))
    monkeypatch.setattr("app.ui.actions.show_unexpected_error", unexpected)
    return seen


@pytest.fixture
def clock() -> Clock:
    return Clock(date(2026, 11, 2))  # a Monday


@pytest.fixture
def window(qtbot, store: Store, clock: Clock, messages):  # type: ignore[no-untyped-def]
    with store.unit_of_work() as s:
        save_profile(s, PROFILE)
    ctx = UiContext(store=store, runner=ActionRunner(store), today=clock)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    # Not a short window: each list and its detail are both shown (the short window, where
    # they take turns, is tests/ui/test_list_detail_fold.py).
    win.resize(1200, 800)
    win.show()
    return win


# --- small helpers: what a carer does with the keyboard and mouse ---------------------------


def today_lines(window: MainWindow) -> list[str]:
    page = window.go_to("today")
    layout = page.body_layout
    return [
        w.text()
        for i in range(layout.count())
        if isinstance(w := layout.itemAt(i).widget(), QLabel)
    ]


def today_text(window: MainWindow) -> str:
    return "\n".join(today_lines(window))


def sign_with(monkeypatch, qtbot, how: str) -> None:  # type: ignore[no-untyped-def]
    """The Mark as signed dialog: type how it was signed, press the button once."""
    state = {"n": 0}

    def fake_exec(dialog: SignDialog) -> int:
        state["n"] += 1
        if state["n"] > 1:
            return QDialog.DialogCode.Rejected
        type_into(qtbot, dialog.how, how)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SignDialog, "exec", fake_exec)


def rows(store: Store, model, *where):  # type: ignore[no-untyped-def]
    with store.reading() as s:
        found = list(s.scalars(select(model).where(*where).order_by(model.id)))
        s.expunge_all()
    return found


def add_client_in_clients(qtbot, window: MainWindow, name: str) -> int:  # type: ignore[no-untyped-def]
    panel = window.go_to("clients")
    click(qtbot, panel.add_button)
    assert panel.heading.text() == "New client"
    type_into(qtbot, panel.form.name, name)
    type_into(qtbot, panel.form.phone, "01632 960123")
    panel.form.status.setCurrentIndex(panel.form.status.findText("Active"))
    type_into(qtbot, panel.form.start_date, "02/11/2026")
    type_into(qtbot, panel.form.address, "3 Rose Lane\nTaunton TA1 1AA")
    click(qtbot, panel.save_button)
    assert panel.saved_label.text() == "Saved."
    assert panel.heading.text() == name
    assert panel.current_id is not None
    return panel.current_id


def draft_and_sign_contract(
    qtbot,
    window: MainWindow,
    monkeypatch,
    client_id: int,  # type: ignore[no-untyped-def]
    starts: str = "02/11/2026",
) -> int:
    panel = window.go_to("contracts")
    click(qtbot, panel.new_button)
    f = panel.form
    f.client.setCurrentIndex(f.client.findData(client_id))
    assert f.client.currentText() == NAME
    type_into(qtbot, f.starts_on, starts)
    tick(qtbot, f.services.boxes["personal_care"])
    f.schedule.load([], 1)
    click(qtbot, f.schedule.add_button)  # Monday 09:00-10:00 by default
    click(qtbot, f.schedule.add_button)  # the next day, same times
    monday, second = f.schedule.rows
    monday.day.setCurrentIndex(0)
    monday.start.setTime(QTime(9, 0))
    monday.end.setTime(QTime(10, 0))
    second.day.setCurrentIndex(3)  # Thursday
    second.start.setTime(QTime(9, 0))
    second.end.setTime(QTime(10, 0))
    type_into(qtbot, f.standard_rate, "20.00")
    f.evening_rate.clear()
    f.weekend_rate.clear()
    f.bank_holiday_rate.clear()
    f.minimum_charge.clear()
    f.mileage.clear()
    click(qtbot, panel.save_button)
    assert panel.saved_label.text() == "Saved.", panel.form.errors
    assert panel.status_label.text().startswith("Version 1: ")
    sign_with(monkeypatch, qtbot, "On paper, at the first visit")
    click(qtbot, panel.sign_button)
    assert panel.status == ContractStatus.SIGNED
    assert "Signed" in panel.saved_label.text()
    assert not panel.form.isEnabled()  # signed terms are locked
    assert panel.contract_id is not None
    return panel.contract_id


def plan_visits(qtbot, window: MainWindow, first: str, last: str) -> str:  # type: ignore[no-untyped-def]
    panel = window.go_to("visits")
    click(qtbot, panel.generate_button)
    dialog = panel.dialog
    type_into(qtbot, dialog.first, first)
    type_into(qtbot, dialog.last, last)
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible(), dialog.form.errors
    return panel.status_label.text()


def mark_delivered(qtbot, window: MainWindow, visit_id: int) -> None:  # type: ignore[no-untyped-def]
    panel = window.go_to("visits")
    with window.ctx.store.reading() as s:
        day = s.get(Visit, visit_id).planned_start.date()
    panel.show_week(day)
    assert panel.select_visit(visit_id)
    click(qtbot, panel.delivered_button)
    dialog = panel.dialog
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible(), dialog.form.errors
    assert "Delivered" in panel.selected_label.text()


def new_invoice(qtbot, window: MainWindow, client_id: int, start: str, end: str):  # type: ignore[no-untyped-def]
    panel = window.go_to("invoices")
    click(qtbot, panel.new_button)
    dialog = panel.last_dialog
    dialog.client.setCurrentIndex(dialog.client.findData(client_id))
    type_into(qtbot, dialog.period_start, start)
    type_into(qtbot, dialog.period_end, end)
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible(), dialog.form.errors
    return panel


def pay(qtbot, panel, amount: str, reference: str) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, panel.detail.pay_button)
    dialog = panel.last_dialog
    type_into(qtbot, dialog.amount, amount)
    type_into(qtbot, dialog.reference, reference)
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible(), dialog.form.errors


MONDAY, THURSDAY = 0, 3


def schedule_days(first: date, last: date, weekdays: set[int]) -> list[date]:
    """The days from first to last (inclusive) a weekly schedule on `weekdays` asks for."""
    days = (first + timedelta(days=i) for i in range((last - first).days + 1))
    return [d for d in days if d.weekday() in weekdays]


def planned_at_signing(starts: date, signed: date) -> date:
    """The last day signing plans to: PLAN_AHEAD_WEEKS from the later of start and signing."""
    return max(starts, signed) + timedelta(weeks=PLAN_AHEAD_WEEKS) - timedelta(days=1)


def visit_days(store: Store) -> list[date]:
    return [v.planned_start.astimezone(LONDON).date() for v in rows(store, Visit)]


def stored_pdf(store: Store, invoice_id: int) -> bytes:
    with store.reading() as s:
        return s.get(Invoice, invoice_id).pdf


def pdf_text(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


# --- Journey A ----------------------------------------------------------------------------


def test_journey_a_a_new_carers_first_month(
    qtbot,
    window,
    clock,
    monkeypatch,  # type: ignore[no-untyped-def]
    messages,
) -> None:
    store = window.ctx.store
    assert "Hello, Sam" in window.go_to("today").greeting.text()
    assert "Monday 02/11/2026" in window.go_to("today").greeting.text()
    first_morning = today_lines(window)
    assert any("Issue your first invoice" in line for line in first_morning)  # Getting started
    assert not any("INV-" in line or "draft invoice" in line for line in first_morning)

    # Clients: the first client
    client_id = add_client_in_clients(qtbot, window, NAME)
    clients_panel = window.go_to("clients")
    assert clients_panel.count_label.text() == "1 client"

    # Contracts: the agreement, with a weekly schedule, signed
    contract_id = draft_and_sign_contract(qtbot, window, monkeypatch, client_id)
    contracts = window.go_to("contracts")
    assert contracts.table.rowCount() == 1
    assert contracts.table.item(0, 0).text() == NAME
    (version,) = rows(store, ContractVersion, ContractVersion.contract_id == contract_id)
    assert version.status == ContractStatus.SIGNED and version.standard_rate_pence == 2000
    assert NAME in pdf_text(version.signed_pdf)

    # Signing planned the schedule's visits from the start date, PLAN_AHEAD_WEEKS ahead
    starts = date(2026, 11, 2)
    expected = schedule_days(starts, planned_at_signing(starts, clock.day), {MONDAY, THURSDAY})
    assert visit_days(store) == expected
    assert f"{len(expected)} visits added" in contracts.saved_label.text()
    # Visits: planning the first four weeks again adds nothing, they are already there
    summary = plan_visits(qtbot, window, "02/11/2026", "29/11/2026")
    four_weeks = schedule_days(starts, date(2026, 11, 29), {MONDAY, THURSDAY})
    assert summary.startswith(f"0 visits added; {len(four_weeks)} already there kept")
    planned = rows(store, Visit)
    assert len(planned) == len(expected)
    assert all(v.status == VisitStatus.PLANNED and v.client_id == client_id for v in planned)
    visits_panel = window.go_to("visits")
    assert any(
        NAME in (visits_panel.week.item(r, c).text() if visits_panel.week.item(r, c) else "")
        for r in range(visits_panel.week.rowCount())
        for c in range(7)
    )
    # Today on the first morning: today's visit
    assert f"09:00–10:00 {NAME}" in today_text(window)

    # Friday: two visits have happened; Today asks for them to be recorded
    clock.day = date(2026, 11, 6)
    window.go_to("visits")  # Friday: the carer comes back to Today from elsewhere
    assert "2 past visits still planned" in today_text(window)
    first_two = planned[:2]
    assert [v.planned_start.day for v in first_two] == [2, 5]
    for v in first_two:
        mark_delivered(qtbot, window, v.id)
    assert "still planned" not in today_text(window)
    assert [v.status for v in rows(store, Visit)][:3] == [
        VisitStatus.DELIVERED,
        VisitStatus.DELIVERED,
        VisitStatus.PLANNED,
    ]

    # Invoices: a draft for the first week, issued, then paid in two parts
    invoices = new_invoice(qtbot, window, client_id, "02/11/2026", "08/11/2026")
    assert invoices.detail.heading.text() == f"Draft invoice for {NAME}"
    assert invoices.detail.lines.rowCount() == 2
    assert "Total £40.00" in invoices.detail.money.text()
    assert "1 draft invoice to check and issue" in today_text(window)

    invoices = window.go_to("invoices")
    click(qtbot, invoices.detail.issue_button)
    assert invoices.detail.heading.text().startswith("Invoice INV-0001")
    (invoice,) = rows(store, Invoice)
    assert invoice.status == InvoiceStatus.ISSUED and invoice.total_pence == 4000
    text = pdf_text(stored_pdf(store, invoice.id))
    assert "INV-0001" in text and "£40.00" in text and NAME in text
    today = today_text(window)
    assert "draft invoice" not in today
    assert f"INV-0001 · {NAME} · £40.00" in today

    invoices = window.go_to("invoices")
    pay(qtbot, invoices, "15.00", "BACS part")
    assert "Still owed: £25.00" in invoices.detail.money.text()
    assert f"INV-0001 · {NAME} · £25.00" in today_text(window)

    # the due date passes with £25 still owed; coming back to Today, it says it is overdue
    (invoice,) = rows(store, Invoice)
    window.go_to("invoices")
    clock.day = invoice.due_date + timedelta(days=3)
    today = today_text(window)
    assert (
        f"Overdue: {invoice.due_date:%d/%m/%Y} — INV-0001 · {NAME} · £25.00 · 3 days overdue"
        in today
    )

    invoices = window.go_to("invoices")
    pay(qtbot, invoices, "25.00", "BACS rest")
    assert invoices.detail.heading.text() == "Invoice INV-0001 · Paid"
    assert "INV-0001" not in today_text(window)
    (invoice,) = rows(store, Invoice)
    assert invoice.status == InvoiceStatus.PAID

    # Clients: the client's own tabs have kept up with the other areas
    clients = window.go_to("clients")
    pages = {  # each client tab scrolls by itself (a small screen)
        clients.tabs.tabText(i).replace("&", ""): clients.tabs.widget(i)
        for i in range(clients.tabs.count())
    }
    tabs = {title: page.widget() for title, page in pages.items() if title != "Details"}
    clients.tabs.setCurrentWidget(pages["Visits"])
    assert "2 delivered" in tabs["Visits"].summary.text()
    clients.tabs.setCurrentWidget(pages["Invoices"])
    assert tabs["Invoices"].model.rowCount() == 1
    assert tabs["Invoices"].summary.text() == "Nothing owed: every issued invoice is paid."
    clients.tabs.setCurrentWidget(pages["Agreements"])
    assert tabs["Agreements"].table.rowCount() == 1
    assert tabs["Agreements"].table.item(0, 1).text() == "Signed"

    # Money: the year's turnover is the money received
    money = window.go_to("money")
    assert money.year.label == "2026-27"
    assert money.year_view.figures["turnover"].text() == "£40.00"
    income = [
        money.income.income_table.item(r, 2).text()
        for r in range(money.income.income_table.rowCount())
    ]
    assert sorted(income) == ["£15.00", "£25.00"]
    assert not [m for m in messages if m.startswith("information")], messages


# --- Journey B ----------------------------------------------------------------------------


def test_journey_b_a_concern_from_the_toolbar_and_an_addendum(
    qtbot,
    window,
    clock,  # type: ignore[no-untyped-def]
    monkeypatch,
    messages,
) -> None:
    from app.ui.safeguarding.concern_dialog import ConcernDialog, london_now_naive
    from app.ui.safeguarding.panel import AddendumDialog

    clock.day = date(2026, 11, 25)
    client_id = add_client_in_clients(qtbot, window, NAME)
    window.go_to("money")  # the concern can be recorded from anywhere
    window.concern_action.trigger()
    dialog = window.findChild(ConcernDialog)
    assert dialog is not None and dialog.isVisible()
    assert "0300 123 2224" in dialog.findChild(QLabel, "danger_line").text()
    dialog.client.setCurrentIndex(dialog.client.findData(client_id))
    # the record's times are real (written when saved): it happened yesterday morning
    happened = london_now_naive().replace(hour=9, minute=30) - timedelta(days=1)
    dialog.happened_at.setDateTime(QDateTime(happened))
    type_into(qtbot, dialog.place, "Her kitchen")
    type_into(qtbot, dialog.present, "Her nephew and me")
    tick(qtbot, dialog.categories.boxes[next(iter(dialog.categories.boxes))])
    type_into(qtbot, dialog.seen_heard, "She said: “He took my purse.”")
    type_into(qtbot, dialog.actions_taken, "Made sure she was safe; called the council.")
    tick(qtbot, next(iter(dialog.consent.buttons.values())))
    type_into(qtbot, dialog.follow_up_due, "01/12/2026")
    click(qtbot, dialog.save_button)
    assert dialog.saved_id is not None, dialog.form.errors
    assert "question: Save this safeguarding record?" in messages
    record_id = dialog.saved_id
    assert f"Follow-up for record #{record_id} due" in today_text(window)
    assert "01/12/2026" in today_text(window)
    assert "purse" not in today_text(window)  # nothing sensitive on Today

    panel = window.go_to("safeguarding")
    assert panel.table.rowCount() == 1
    assert panel.stack.currentWidget() is panel.hidden_label  # hidden until opened
    panel.table.selectRow(0)
    click(qtbot, panel.open_button)
    assert "He took my purse" in panel.browser.toPlainText()
    click(qtbot, panel.addendum_button)
    addendum = panel.findChild(AddendumDialog)
    assert addendum is not None and addendum.isVisible()
    type_into(qtbot, addendum.text, "Council rang back; a visit is arranged.")
    type_into(qtbot, addendum.follow_up_due, "08/12/2026")
    click(qtbot, addendum.save_button)
    assert addendum.saved_id is not None
    assert "Council rang back" in panel.browser.toPlainText()
    assert panel.table.item(0, 3).text() == "1"
    today = today_text(window)
    assert f"Follow-up for record #{record_id} due" in today
    assert "08/12/2026" in today and "01/12/2026" not in today

    # the record as a PDF, with the person's name as written and the addendum under it
    panel = window.go_to("safeguarding")
    click(qtbot, panel.pdf_button)
    previews = [d for d in panel.findChildren(QDialog) if hasattr(d, "pdf_bytes")]
    assert len(previews) == 1 and previews[0].isVisible()
    words = " ".join(pdf_text(previews[-1].pdf_bytes).split())
    assert NAME in words and "Council rang back" in words
    QApplication.processEvents()


# --- Journey C ----------------------------------------------------------------------------


def test_journey_c_the_carer_is_ill(qtbot, window, clock, monkeypatch, messages) -> None:  # type: ignore[no-untyped-def]
    store = window.ctx.store
    client_id = add_client_in_clients(qtbot, window, NAME)
    draft_and_sign_contract(qtbot, window, monkeypatch, client_id)
    signed_on = clock.day
    summary = plan_visits(qtbot, window, "02/11/2026", "22/11/2026")
    three_weeks = schedule_days(date(2026, 11, 2), date(2026, 11, 22), {MONDAY, THURSDAY})
    assert summary.startswith(f"0 visits added; {len(three_weeks)} already there kept")
    planned_to = planned_at_signing(date(2026, 11, 2), signed_on)  # signing planned them
    assert visit_days(store) == schedule_days(date(2026, 11, 2), planned_to, {MONDAY, THURSDAY})

    # Monday 9th: ill for the week
    clock.day = date(2026, 11, 9)
    visits = window.go_to("visits")
    click(qtbot, visits.ill_button)
    ill = visits.dialog
    type_into(qtbot, ill.first, "09/11/2026")
    type_into(qtbot, ill.last, "15/11/2026")
    assert ill.count_label.text() == "2 planned visits on these days."
    click(qtbot, ill.ok_button)
    assert not ill.isVisible(), ill.form.errors
    assert "2 visits marked as missed by you" in visits.status_label.text()
    to_tell = visits.dialog  # the printable list of clients to tell
    assert to_tell is not ill and to_tell.isVisible()
    tell = " ".join(pdf_text(to_tell.pdf_bytes).split())  # Qt's PDF: words tab-separated
    assert NAME in tell and "Sam Carter" in tell
    to_tell.close()
    by_day = {v.planned_start.day: v for v in rows(store, Visit) if v.planned_start.month == 11}
    assert by_day[9].status == by_day[12].status == VisitStatus.CANCELLED_BY_CARER
    assert by_day[9].late_cancel_charge_pence == by_day[12].late_cancel_charge_pence == 0
    assert by_day[16].status == VisitStatus.PLANNED

    # Back at work: the visits either side are delivered
    clock.day = date(2026, 11, 20)
    for day in (2, 5, 16, 19):
        mark_delivered(qtbot, window, by_day[day].id)
    assert "still planned" not in today_text(window)

    invoices = new_invoice(qtbot, window, client_id, "02/11/2026", "22/11/2026")
    assert invoices.detail.lines.rowCount() == 4
    assert "Total £80.00" in invoices.detail.money.text()
    dates = {
        invoices.detail.lines.item(r, 0).text() for r in range(invoices.detail.lines.rowCount())
    }
    assert dates == {"02/11/2026", "05/11/2026", "16/11/2026", "19/11/2026"}
    (invoice,) = rows(store, Invoice)
    lines = rows(store, InvoiceLine, InvoiceLine.invoice_id == invoice.id)
    missed = {by_day[9].id, by_day[12].id}
    assert not [ln for ln in lines if getattr(ln, "visit_id", None) in missed]
    click(qtbot, invoices.detail.issue_button)
    (invoice,) = rows(store, Invoice)
    assert invoice.total_pence == 8000
    text = pdf_text(stored_pdf(store, invoice.id))
    assert "09/11/2026" not in text and "12/11/2026" not in text
    assert "16/11/2026" in text
    # the client is still on the books, untouched
    (client,) = rows(store, Client)
    assert client.name == NAME


# --- Journey D ----------------------------------------------------------------------------


def test_journey_d_every_area_open_keeps_up_with_the_others(
    qtbot,
    window,
    clock,  # type: ignore[no-untyped-def]
    monkeypatch,
    messages,
) -> None:
    """The carer has clicked through every area before adding anyone: each area shows what
    was done in another without a restart."""
    store = window.ctx.store
    for key in (
        "today",
        "clients",
        "contracts",
        "visits",
        "invoices",
        "money",
        "portfolio",
        "safeguarding",
        "settings",
    ):
        window.go_to(key)
    contracts = window.go_to("contracts")
    assert contracts.status_label.text() == "Add a client first, in Clients."
    assert not contracts.save_button.isVisibleTo(contracts)

    client_id = add_client_in_clients(qtbot, window, NAME)
    contracts = window.go_to("contracts")
    assert contracts.form.client.currentText() == NAME  # offered at once
    assert contracts.save_button.isVisibleTo(contracts)
    assert contracts.status_label.text().startswith("Fill in the terms")
    money = window.go_to("money")
    journey_clients = [
        money.mileage.journey_client.itemText(i)
        for i in range(money.mileage.journey_client.count())
    ]
    assert journey_clients == ["No client", NAME]

    draft_and_sign_contract(qtbot, window, monkeypatch, client_id)
    plan_visits(qtbot, window, "02/11/2026", "08/11/2026")
    clock.day = date(2026, 11, 6)
    first = rows(store, Visit)[0]
    visits = window.go_to("visits")
    visits.show_week(first.planned_start.date())
    assert visits.select_visit(first.id)
    click(qtbot, visits.delivered_button)
    dialog = visits.dialog
    type_into(qtbot, dialog.miles, "12.5")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    money = window.go_to("money")  # the visit's miles are in the mileage log at once
    assert money.mileage.mileage_model.rowCount() == 1
    assert money.mileage.mileage_total.text().startswith("12.5 business miles")

    # the client leaves: archived, their visits stay, and planning adds none for them
    clients = window.go_to("clients")
    click(qtbot, clients.archive_button)
    assert clients.heading.text() == f"{NAME} — archived"
    before = len(rows(store, Visit))
    summary = plan_visits(qtbot, window, "09/11/2026", "29/11/2026")
    assert summary.startswith("0 visits added")
    assert len(rows(store, Visit)) == before
    contracts = window.go_to("contracts")
    assert contracts.table.rowCount() == 1  # the agreement itself stays on the list


# --- Journey E ----------------------------------------------------------------------------


def test_journey_e_an_agreement_sent_signed_then_ended(
    qtbot,
    window,
    clock,
    monkeypatch,  # type: ignore[no-untyped-def]
    messages,
) -> None:
    """Sent and waiting shows on Today; once signed it goes; notice shows the last day on
    Today and no visits are planned after it."""
    from app.ui.contracts.dialogs import NoticeDialog

    store = window.ctx.store
    client_id = add_client_in_clients(qtbot, window, NAME)
    contracts = window.go_to("contracts")
    click(qtbot, contracts.new_button)
    f = contracts.form
    f.client.setCurrentIndex(f.client.findData(client_id))
    type_into(qtbot, f.starts_on, "16/11/2026")
    tick(qtbot, f.services.boxes["meals"])
    f.schedule.load([], 1)
    click(qtbot, f.schedule.add_button)  # Mondays 09:00-10:00
    type_into(qtbot, f.standard_rate, "21.50")
    click(qtbot, contracts.save_button)
    click(qtbot, contracts.send_button)
    assert (
        contracts.status_label.text() == "Version 1: Sent, waiting for signature (sent 02/11/2026)"
    )
    assert "not signed yet" not in today_text(window)

    window.go_to("clients")
    clock.day = date(2026, 11, 10)  # eight days on, still not back
    assert f"{NAME}: version 1 sent 02/11/2026, not signed yet" in today_text(window)

    sign_with(monkeypatch, qtbot, "Posted back")
    contracts = window.go_to("contracts")
    click(qtbot, contracts.sign_button)
    assert contracts.status == ContractStatus.SIGNED
    assert "not signed yet" not in today_text(window)

    # the client gives notice on the 20th: the last day is worked out and shown on Today
    clock.day = date(2026, 11, 20)
    state = {"n": 0}

    def notice(dialog: NoticeDialog) -> int:
        state["n"] += 1
        if state["n"] > 1:
            return QDialog.DialogCode.Rejected
        dialog.by.setCurrentIndex(dialog.by.findData("client"))
        type_into(qtbot, dialog.given_on, "20/11/2026")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NoticeDialog, "exec", notice)
    contracts = window.go_to("contracts")
    click(qtbot, contracts.notice_button)
    assert "Notice recorded" in contracts.saved_label.text()
    (contract,) = rows(store, Contract)
    assert contract.end_date is not None and contract.end_date > date(2026, 11, 20)
    today = today_text(window)
    assert "Agreement ending" in today
    assert f"{contract.end_date:%d/%m/%Y} — {NAME}: the agreement's last day" in today
    # signing (on the 10th) planned Mondays eight weeks ahead; those after the last day went
    planned_to = planned_at_signing(date(2026, 11, 16), date(2026, 11, 10))
    gone = schedule_days(contract.end_date + timedelta(days=1), planned_to, {MONDAY})
    assert gone and max(visit_days(store)) <= contract.end_date
    assert (
        f"{len(gone)} planned visits after {contract.end_date:%d/%m/%Y} removed."
        in contracts.saved_label.text()
    )

    plan_visits(qtbot, window, "16/11/2026", "31/12/2026")
    planned = [v.planned_start.date() for v in rows(store, Visit)]
    assert planned and all(d.weekday() == 0 for d in planned)
    assert max(planned) <= contract.end_date
    assert date(2026, 11, 16) in planned


# --- Journey F ----------------------------------------------------------------------------


def test_journey_f_a_mistaken_invoice_credited_and_made_again(
    qtbot,
    window,
    clock,  # type: ignore[no-untyped-def]
    monkeypatch,
    messages,
) -> None:
    """An invoice issued with a wrong period is credited in full: it is void, its visits are
    free again, Today no longer asks for the money, and a new invoice takes them."""
    store = window.ctx.store
    client_id = add_client_in_clients(qtbot, window, NAME)
    draft_and_sign_contract(qtbot, window, monkeypatch, client_id)
    plan_visits(qtbot, window, "02/11/2026", "08/11/2026")
    clock.day = date(2026, 11, 9)
    for v in rows(store, Visit):
        mark_delivered(qtbot, window, v.id)
    invoices = new_invoice(qtbot, window, client_id, "02/11/2026", "08/11/2026")
    click(qtbot, invoices.detail.issue_button)
    assert "INV-0001" in today_text(window)

    invoices = window.go_to("invoices")
    click(qtbot, invoices.detail.credit_button)
    credit = invoices.last_dialog
    assert credit.whole.isChecked()
    type_into(qtbot, credit.reason, f"Wrong period for {NAME}")
    click(qtbot, credit.ok_button)
    assert not credit.isVisible(), credit.form.errors
    assert invoices.detail.heading.text().startswith("Invoice INV-0001 · ")
    (first,) = rows(store, Invoice)
    assert first.status == InvoiceStatus.VOID
    assert "INV-0001" not in today_text(window)

    again = new_invoice(qtbot, window, client_id, "02/11/2026", "08/11/2026")
    assert again.detail.lines.rowCount() == 2  # the freed visits
    click(qtbot, again.detail.issue_button)
    second = rows(store, Invoice)[-1]
    assert second.number == "INV-0002" and second.total_pence == 4000
    assert "INV-0002" in today_text(window)
    money = window.go_to("money")
    assert money.year_view.figures["turnover"].text() == "£0.00"  # nothing received yet


# --- Journey G ----------------------------------------------------------------------------


def test_journey_g_a_certificate_running_out_shows_on_today(
    qtbot,
    window,
    clock,  # type: ignore[no-untyped-def]
    messages,
) -> None:
    clock.day = date(2026, 11, 25)
    portfolio = window.go_to("portfolio")
    click(qtbot, portfolio.new_button)
    f = portfolio.form
    f.doc_type.setCurrentIndex(f.doc_type.findData("training"))
    type_into(qtbot, f.title, "Moving and handling")
    type_into(qtbot, f.issuer, "Skills for Care")
    type_into(qtbot, f.issue_date, "10/12/2023")
    type_into(qtbot, f.expiry_date, "10/12/2026")
    click(qtbot, portfolio.save_button)
    assert portfolio.saved_label.text() == "Saved."
    assert "“Moving and handling” expires on 10/12/2026 (in 15 days)" in today_text(window)

    clock.day = date(2026, 12, 11)  # it ran out while the carer was busy
    window.go_to("clients")
    assert "Overdue: 10/12/2026 — “Moving and handling” expired on 10/12/2026" in today_text(window)

    portfolio = window.go_to("portfolio")  # the renewed certificate: a new expiry date
    type_into(qtbot, portfolio.form.issue_date, "11/12/2026")
    type_into(qtbot, portfolio.form.expiry_date, "11/12/2029")
    click(qtbot, portfolio.save_button)
    assert portfolio.saved_label.text() == "Saved."
    assert "Moving and handling" not in today_text(window)
