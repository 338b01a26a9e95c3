"""Anything unexpected: one calm dialog, logged, and nothing saved is lost."""

from __future__ import annotations

from app.core.clients import ClientDraft, add_client, search_clients
from app.ui import actions
from tests.conftest import TODAY


def test_a_bug_shows_the_calm_dialog_and_rolls_back(qtbot, ui_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = []
    monkeypatch.setattr(actions, "show_unexpected_error", lambda parent, exc: shown.append(exc))

    def half_done(session):  # type: ignore[no-untyped-def]
        add_client(session, ClientDraft(name="Half Done"), today=TODAY)
        raise ZeroDivisionError("a bug")

    result = ui_ctx.runner.run(half_done)
    assert result is None
    assert [type(e) for e in shown] == [ZeroDivisionError]
    assert ui_ctx.runner.read(lambda s: search_clients(s, "half")) == []
