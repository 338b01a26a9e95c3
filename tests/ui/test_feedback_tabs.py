"""The Feedback and Commitment agreement client tabs, and the self-employed status view."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.core.clients import ClientDraft, ClientStatus, add_client
from app.core.commitment import signed_agreements
from app.core.feedback.models import FeedbackKind
from app.core.feedback.services import list_feedback
from app.core.portfolio.models import DocType, PortfolioDocument
from app.ui.clients.tabs import client_tabs
from app.ui.feedback.client_tab import ClientCommitmentTab, ClientFeedbackTab
from app.ui.feedback.dialogs import (
    ConsentDialog,
    EntryDialog,
    FeedbackDialog,
    SignCommitmentDialog,
)
from app.ui.feedback.status_box import StatusView
from tests.conftest import TODAY


def _type(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.clear()
    qtbot.keyClicks(widget, text)


def _answer(monkeypatch, dialog_cls, fill) -> list:  # type: ignore[no-untyped-def]
    """Replaces a dialog's exec: fill its real widgets and press OK; if the dialog is shown
    again (a message beside a field), keep what it says and cancel."""
    shown: list = []

    def fake_exec(self) -> int:  # type: ignore[no-untyped-def]
        shown.append(self)
        if len(shown) > 1:
            return QDialog.DialogCode.Rejected
        fill(self)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_cls, "exec", fake_exec)
    return shown


def _client(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.store.unit_of_work() as s:
        return add_client(
            s, ClientDraft(name="Margaret Ellis", status=ClientStatus.ACTIVE), today=TODAY
        ).id


def test_the_client_detail_offers_both_tabs(ui_ctx) -> None:  # type: ignore[no-untyped-def]
    titles = [title for title, _ in client_tabs()]
    assert "&Feedback" in titles and "Commitment a&greement" in titles


def test_record_a_complaint_then_dated_entries(qtbot, ui_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cid = _client(ui_ctx)
    tab = ClientFeedbackTab(ui_ctx, cid)
    qtbot.addWidget(tab)
    assert "No feedback recorded" in tab.summary.text()

    # A blank summary: the message shows beside the field, nothing is saved.
    shown = _answer(monkeypatch, FeedbackDialog, lambda d: d.kind.setCurrentIndex(0))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert "summary" in shown[0].errors.message("summary")
    with ui_ctx.store.reading() as s:
        assert list_feedback(s) == []

    _answer(
        monkeypatch,
        FeedbackDialog,
        lambda d: (
            d.kind.setCurrentIndex(d.kind.findData(FeedbackKind.COMPLAINT.value)),
            _type(qtbot, d.received_on, "23/11/2026"),
            _type(qtbot, d.summary, "Visit started late twice."),
        ),
    )
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 3).text() == "Open, reply due 30/11/2026"
    assert "Visit started late twice." in tab.detail.toPlainText()
    assert not tab.testimonial_button.isEnabled()

    _answer(
        monkeypatch,
        EntryDialog,
        lambda d: (
            d.kind.setCurrentIndex(d.kind.findData("resolved")),
            _type(qtbot, d.text, "Apologised; earlier start agreed."),
        ),
    )
    qtbot.mouseClick(tab.entry_button, Qt.MouseButton.LeftButton)
    assert tab.table.item(0, 3).text() == "Resolved 25/11/2026"
    detail = tab.detail.toPlainText()
    assert "Received" in detail and "Resolved — Apologised; earlier start agreed." in detail
    assert "Visit started late twice." in detail  # the words received are kept as they were


def test_a_compliment_becomes_a_testimonial(qtbot, ui_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cid = _client(ui_ctx)
    tab = ClientFeedbackTab(ui_ctx, cid)
    qtbot.addWidget(tab)
    _answer(
        monkeypatch,
        FeedbackDialog,
        lambda d: (
            d.kind.setCurrentIndex(d.kind.findData(FeedbackKind.COMPLIMENT.value)),
            _type(qtbot, d.summary, "Always cheerful and on time."),
        ),
    )
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert tab.testimonial_button.isEnabled()
    dialogs = _answer(monkeypatch, ConsentDialog, lambda d: None)
    qtbot.mouseClick(tab.testimonial_button, Qt.MouseButton.LeftButton)
    assert dialogs[0].attribution.text() == "Margaret E."  # initials suggested
    assert tab.table.item(0, 3).text() == "Testimonial"
    with ui_ctx.store.reading() as s:
        doc = s.query(PortfolioDocument).one()
        assert doc.doc_type == DocType.TESTIMONIAL and doc.notes == "Always cheerful and on time."


def test_commitment_tab_previews_and_records_signed(qtbot, ui_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cid = _client(ui_ctx)
    tab = ClientCommitmentTab(ui_ctx, cid)
    qtbot.addWidget(tab)
    assert "Not in your portfolio yet: DBS check and insurance" in tab.checks.text()
    assert not tab.open_button.isEnabled()
    shown: list = []
    monkeypatch.setattr(tab, "_show", lambda pdf, title, name: shown.append((pdf, title)))
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert shown[0][0].startswith(b"%PDF") and "Margaret Ellis" in shown[0][1]

    _answer(monkeypatch, SignCommitmentDialog, lambda d: _type(qtbot, d.signed_on, "31/12/2026"))
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 0  # a date in the future is refused

    _answer(
        monkeypatch,
        SignCommitmentDialog,
        lambda d: (_type(qtbot, d.signed_on, "24/11/2026"), _type(qtbot, d.how, "on paper")),
    )
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 1 and tab.table.item(0, 0).text() == "24/11/2026"
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    with ui_ctx.store.reading() as s:
        [agreement] = signed_agreements(s, cid)
        assert agreement.signed_on == date(2026, 11, 24)
        assert shown[-1][0] == bytes(agreement.pdf)


def test_status_view_on_the_demo(qtbot, demo_ui_ctx) -> None:  # type: ignore[no-untyped-def]
    view = StatusView(demo_ui_ctx)
    qtbot.addWidget(view)
    assert view.values["active"].text() == str(view.figures.active_clients_12m)
    assert view.values["income"].text().endswith("%")
    assert not view.warnings.isVisibleTo(view)  # the demo has many clients
    assert "Personal Assistant" in " ".join(w.text() for w in view.findChildren(type(view.period)))
