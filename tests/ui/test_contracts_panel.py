"""The Contracts panel driven as a carer would: draft, sign, make a new version, notice."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.core.clients import ClientDraft, ClientStatus, add_client
from app.core.contracts.document import signing_render
from app.core.contracts.drafting import draft_contract, sign_version
from app.core.contracts.form import new_contract_draft
from app.core.contracts.in_force import version_in_effect
from app.core.contracts.models import ContractStatus, ScheduleSlot
from app.core.contracts.plan_b import plan_b_contacts_for
from app.core.contracts.rows import contract_rows
from app.core.profile import ProfileDraft, save_profile
from app.core.schemes import Scheme
from app.documents.contract_pdf import render_contract_pdf
from app.storage.database import Store
from app.ui.actions import ActionRunner
from app.ui.context import UiContext
from app.ui.contracts.dialogs import NewVersionDialog, NoticeDialog, PlanBDialog, SignDialog

TODAY = date(2026, 11, 25)


@pytest.fixture
def filled(store: Store) -> Store:
    with store.unit_of_work() as s:
        save_profile(
            s,
            ProfileDraft(
                trading_name="Helping Hands", carer_name="Sam Carter", scheme=Scheme.STAFFORDSHIRE
            ),
        )
        add_client(
            s,
            ClientDraft(name="Margaret Ellis", status=ClientStatus.ACTIVE, dp_rate_pence=1900),
            today=TODAY,
        )
    return store


@pytest.fixture
def ctx(filled: Store) -> UiContext:
    return UiContext(filled, ActionRunner(filled), today=lambda: TODAY)


@pytest.fixture
def panel(qtbot, ctx: UiContext):  # type: ignore[no-untyped-def]
    from app.ui.contracts.panel import ContractsPanel

    widget = ContractsPanel(ctx)
    ctx.runner.changed.connect(widget.on_changed)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    return widget


def _type(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.clear()
    qtbot.keyClicks(widget, text)


def _fill_terms(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    f = panel.form
    _type(qtbot, f.starts_on, "01/12/2026")
    for key in ("personal_care", "meals"):
        box = f.services.boxes[key]
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert f.services.chosen() == ["personal_care", "meals"]
    qtbot.mouseClick(f.schedule.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(f.schedule.add_button, Qt.MouseButton.LeftButton)
    first, second = f.schedule.rows
    first.day.setCurrentIndex(0)
    second.day.setCurrentIndex(3)
    _type(qtbot, f.standard_rate, "20.00")
    _type(qtbot, f.evening_rate, "22.50")


def _answer(monkeypatch, dialog_cls, fill) -> None:  # type: ignore[no-untyped-def]
    """Replaces a dialog's exec: fill its real widgets, then press OK (once)."""
    calls = {"n": 0}

    def fake_exec(self) -> int:  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] > 1:
            return QDialog.DialogCode.Rejected
        fill(self)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_cls, "exec", fake_exec)


def test_draft_sign_and_make_a_new_version(qtbot, panel, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda _p, t, *_a, **_k: asked.append(t) or QMessageBox.StandardButton.No),
    )
    assert panel.heading.text() == "New agreement"
    _fill_terms(qtbot, panel)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.saved_label.text() == "Saved."
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 0).text() == "Margaret Ellis"
    assert panel.table.item(0, 3).text() == "£20.00/h"
    assert panel.table.item(0, 4).text() == "Mondays and Thursdays, 09:00–10:00"
    assert "Draft" in panel.table.item(0, 2).text()
    # The £22.50 evening rate is at the Staffordshire "tell the network" level: a calm warning.
    panel.update_warnings()
    assert panel.warnings.isVisible()
    assert "tell the network" in panel.warnings.text()
    assert panel.save_button.isVisible()

    _answer(
        monkeypatch,
        SignDialog,
        lambda d: (
            _type(qtbot, d.signed_on, "25/11/2026"),
            _type(qtbot, d.how, "On paper at the visit"),
        ),
    )
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    assert "Signed" in panel.table.item(0, 2).text()
    assert panel.banner.isVisible() and "make a new version" in panel.banner.text()
    assert not panel.form.isEnabled() and not panel.save_button.isVisible()
    with ctx.store.reading() as s:
        v1 = version_in_effect(s, contract_rows(s)[0].client_id, date(2026, 12, 1))
        assert v1 is not None and v1.signed_pdf.startswith(b"%PDF")
        text = PdfReader(io.BytesIO(v1.signed_pdf)).pages[0].extract_text()
        assert "Margaret Ellis" in text

    _answer(monkeypatch, NewVersionDialog, lambda d: _type(qtbot, d.starts_on, "01/04/2027"))
    qtbot.mouseClick(panel.banner_button, Qt.MouseButton.LeftButton)
    assert "Version 2: Draft" in panel.status_label.text()
    assert panel.form.isEnabled()
    assert panel.form.standard_rate.text() == "20.00"  # a copy of the signed terms
    _type(qtbot, panel.form.standard_rate, "21.00")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.table.item(0, 3).text() == "£21.00/h"
    assert panel.versions.rowCount() == 2
    assert panel.versions.item(1, 1).text() == "Signed"
    _answer(monkeypatch, SignDialog, lambda d: _type(qtbot, d.how, "Letter signed and returned"))
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    assert [panel.versions.item(r, 1).text() for r in range(2)] == [
        "Signed",
        "Replaced by a later version",
    ]
    with ctx.store.reading() as s:
        cid = contract_rows(s)[0].client_id
        assert version_in_effect(s, cid, date(2027, 3, 31)).standard_rate_pence == 2000
        assert version_in_effect(s, cid, date(2027, 4, 1)).standard_rate_pence == 2100


def test_a_bad_rate_shows_beside_the_field(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    _fill_terms(qtbot, panel)
    _type(qtbot, panel.form.standard_rate, "250")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.form.errors.message("standard_rate_pence") == (
        "The standard rate is over £200.00 an hour; check the figure."
    )
    assert panel.table.rowCount() == 0
    _type(qtbot, panel.form.standard_rate, "-5")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "cannot be negative" in panel.form.errors.message("standard_rate_pence")
    _type(qtbot, panel.form.standard_rate, "twenty")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "is not an amount" in panel.form.errors.message("standard_rate_pence")
    _type(qtbot, panel.form.standard_rate, "20")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.form.errors.message("standard_rate_pence") == ""
    assert panel.table.rowCount() == 1


def test_schedule_and_notice_errors_beside_the_fields(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    _fill_terms(qtbot, panel)
    panel.form.schedule.rows[0].end.setTime(panel.form.schedule.rows[0].start.time())
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "no length" in panel.form.errors.message("schedule")
    panel.form.schedule.rows[0].end.setTime(panel.form.schedule.rows[0].start.time().addSecs(3600))
    panel.form.notice_days_client.setValue(0)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "at least 1 day" in panel.form.errors.message("notice_days_client")
    for row in list(panel.form.schedule.rows):
        qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)
    panel.form.notice_days_client.setValue(14)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.form.errors.message("schedule") == "Add at least one day and time to the schedule."


def _signed_contract(store: Store) -> int:
    from app.core.clients import client_choices

    with store.unit_of_work() as s:
        cid = client_choices(s)[0][0]
        d = new_contract_draft(s, cid, today=TODAY)
        d.starts_on = date(2026, 12, 1)
        d.services = ["meals"]
        d.schedule = [ScheduleSlot(1, time(9), time(10))]
        d.standard_rate_pence = 2000
        d.notice_days_client = 7
        v = draft_contract(s, d, today=TODAY).value
        sign_version(
            s,
            v.id,
            signed_on=TODAY,
            how="paper",
            today=TODAY,
            render=signing_render(render_contract_pdf),
        )
        return cid


def test_notice_plan_b_and_preview(qtbot, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.contracts.panel import ContractsPanel

    client_id = _signed_contract(ctx.store)
    panel = ContractsPanel(ctx)
    ctx.runner.changed.connect(panel.on_changed)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)  # not a short window: the list and the agreement both shown
    panel.show()
    assert panel.heading.text() == "Agreement with Margaret Ellis"
    _answer(monkeypatch, NoticeDialog, lambda d: _type(qtbot, d.given_on, "01/12/2026"))
    qtbot.mouseClick(panel.notice_button, Qt.MouseButton.LeftButton)
    assert "last day 08/12/2026" in panel.status_label.text()
    assert "ends 08/12/2026" in panel.table.item(0, 2).text()
    assert panel.withdraw_button.isVisible() and not panel.notice_button.isVisible()

    panel.tabs.setCurrentIndex(2)
    _answer(
        monkeypatch,
        PlanBDialog,
        lambda d: (
            _type(qtbot, d.name, "Linda Ellis"),
            _type(qtbot, d.phone, "07700 900222"),
            d.consent.setChecked(True),
        ),
    )
    qtbot.mouseClick(panel.plan_b.add_button, Qt.MouseButton.LeftButton)
    assert panel.plan_b.table.rowCount() == 1
    assert panel.plan_b.table.item(0, 0).text() == "Linda Ellis"
    with ctx.store.reading() as s:
        assert [c.consent_to_share for c in plan_b_contacts_for(s, client_id)] == [True]

    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    dialog = panel._pdf_dialog
    assert dialog is not None and dialog.page_count >= 2
    with ctx.store.reading() as s:
        from app.core.contracts.lookup import get_version

        assert dialog.pdf_bytes == bytes(get_version(s, panel.version_id).signed_pdf)
    dialog.close()


def test_contracts_tab_and_settings_section(qtbot, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.clients.tabs import client_tabs
    from app.ui.contracts import panel as _panel  # noqa: F401  (registers)
    from app.ui.settings.sections import settings_sections

    client_id = _signed_contract(ctx.store)
    factory = dict(client_tabs())["Agreeme&nts"]
    tab = factory(ctx, client_id)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 4).text() == "Tuesdays, 09:00–10:00"

    section = dict(settings_sections())["Contract wording"](ctx)
    qtbot.addWidget(section)
    section.areas["plan_b_text"].setPlainText("")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert "Enter the Plan B wording" in section.grid.errors.message("plan_b_text")
    section.areas["plan_b_text"].setPlainText("Our own Plan B: Linda arranges cover.")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.saved_label.text().startswith("Saved")
    with ctx.store.reading() as s:
        assert new_contract_draft(s, client_id, today=TODAY).plan_b_text.startswith("Our own")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(section.reset_button, Qt.MouseButton.LeftButton)
    assert "does not arrange cover" in section.areas["plan_b_text"].toPlainText()
    with ctx.store.reading() as s:
        assert [r.status for r in contract_rows(s)] == [ContractStatus.SIGNED]


def test_signing_offers_to_plan_visits_from_the_start_date(qtbot, panel, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.core.visits.models import Visit

    asked: list[str] = []

    def question(_p, title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    _fill_terms(qtbot, panel)
    _type(qtbot, panel.form.starts_on, "02/11/2026")  # began three weeks ago
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.saved_label.text() == "Saved."
    _answer(monkeypatch, SignDialog, lambda d: _type(qtbot, d.how, "On paper"))
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].startswith("Plan visits from the start date?")
    days = ctx.runner.read(
        lambda s: [
            v.planned_start.date() for v in s.scalars(select(Visit).order_by(Visit.planned_start))
        ]
    )
    # Mondays and Thursdays from 02/11/2026 to eight weeks after 25/11/2026
    assert days[0] == date(2026, 11, 2) and days[-1] == date(2027, 1, 18)
    assert panel.saved_label.text() == f"Signed. {len(days)} visits added. They are in Visits."
