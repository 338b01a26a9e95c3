"""The agreement form's charging terms, driven with real widgets: how visits are charged, the
over-run rule (booked time only) and the Christmas option reach the signed version and its PDF."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt

from app.core.contracts.in_force import version_in_effect
from app.core.contracts.rows import contract_rows
from app.core.pricing import ChargeRule
from app.ui.contracts.dialogs import SignDialog
from tests.ui.test_contracts_panel import _answer, _fill_terms, _type, ctx, filled, panel

__all__ = ["ctx", "filled", "panel"]  # fixtures used below


def _choose(qtbot, combo, rule: ChargeRule) -> None:  # type: ignore[no-untyped-def]
    combo.setFocus()
    while combo.currentData() != rule.value:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def _tick(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_booked_time_with_an_over_run_rule_is_signed_and_stated(
    qtbot, panel, ctx, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    f = panel.form
    _fill_terms(qtbot, panel)
    assert f.charge_rule.currentData() == ChargeRule.TIME_SPENT.value  # the old default
    assert not f.charge_overruns.isEnabled()  # over-runs only mean something for booked time
    _choose(qtbot, f.charge_rule, ChargeRule.BOOKED)
    assert f.charge_overruns.isEnabled() and not f.overrun_after_minutes.isEnabled()
    _tick(qtbot, f.charge_overruns)
    assert f.overrun_after_minutes.isEnabled()
    f.overrun_after_minutes.selectAll()
    qtbot.keyClicks(f.overrun_after_minutes, "20")
    _type(qtbot, f.bank_holiday_rate, "30.00")
    _tick(qtbot, f.christmas_holiday_rate)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.saved_label.text() == "Saved."
    _answer(
        monkeypatch,
        SignDialog,
        lambda d: (_type(qtbot, d.signed_on, "25/11/2026"), _type(qtbot, d.how, "On paper")),
    )
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    with ctx.store.reading() as s:
        v = version_in_effect(s, contract_rows(s)[0].client_id, date(2026, 12, 1))
        assert v is not None
        assert (v.charge_rule, v.overrun_after_minutes, v.christmas_holiday_rate) == (
            ChargeRule.BOOKED,
            20,
            True,
        )
        text = " ".join(
            " ".join((p.extract_text() or "").split())
            for p in PdfReader(io.BytesIO(v.signed_pdf)).pages
        )
    assert "Visits are charged for the booked time" in text
    assert "more than 20 minutes past the booked end" in text
    assert "25 and 26 December whatever the weekday" in text
    # The signed form shows the terms as signed.
    assert f.charge_rule.currentData() == ChargeRule.BOOKED.value
    assert f.charge_overruns.isChecked() and f.overrun_after_minutes.value() == 20


def test_rounding_leaves_no_over_run_rule(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    f = panel.form
    _fill_terms(qtbot, panel)
    _choose(qtbot, f.charge_rule, ChargeRule.BOOKED)
    _tick(qtbot, f.charge_overruns)
    _choose(qtbot, f.charge_rule, ChargeRule.ROUND_15)
    assert not f.charge_overruns.isEnabled() and not f.overrun_after_minutes.isEnabled()
    draft = f.draft()
    assert draft.charge_rule == ChargeRule.ROUND_15
