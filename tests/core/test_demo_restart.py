"""`daybook demo` stopped half-way can be run again; a real business is never touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.core.profile import get_profile, save_profile
from app.demo.restart import MARKER_NAME
from app.storage.database import Store
from app.storage.opening import open_store
from tests.conftest import TEST_KEY


def _demo(data_dir: Path) -> int:
    return main(["--data-dir", str(data_dir), "demo"])


def test_a_demo_that_failed_half_way_starts_again(
    tmp_path: Path, passphrase_env: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import app.demo.portfolio

    def broken(session, ctx):  # type: ignore[no-untyped-def]
        raise RuntimeError("the power went off")

    # the slow middle steps (visits, invoices) left out to keep the test quick
    monkeypatch.setattr(
        "app.demo.DEMO_STEPS", ("app.demo.clients", "app.demo.contracts", "app.demo.portfolio")
    )
    data_dir = tmp_path / "demo"
    with monkeypatch.context() as m:
        m.setattr(app.demo.portfolio, "extend", broken)
        assert _demo(data_dir) == 1  # a fault, as a kill would leave it: half the steps done
    assert (data_dir / MARKER_NAME).is_file()
    with open_store(data_dir, TEST_KEY) as store, store.reading() as session:
        assert get_profile(session) is not None  # the earlier steps were committed
    capsys.readouterr()

    assert _demo(data_dir) == 0
    out = capsys.readouterr().out
    assert "unfinished demo was moved" in out and "demo data written" in out
    assert not (data_dir / MARKER_NAME).exists()
    aside = [p for p in data_dir.iterdir() if p.name.startswith("unfinished-demo-")]
    assert len(aside) == 1 and (aside[0] / "daybook.db").stat().st_size > 0
    store = open_store(data_dir, TEST_KEY)
    try:
        with store.reading() as session:
            from app.core.portfolio.services import all_document_ids

            assert all_document_ids(session)  # the step that failed before has now run
    finally:
        store.close()


def test_demo_still_refuses_a_folder_with_a_real_business(
    store: Store, passphrase_env: str, capsys
) -> None:
    from dataclasses import replace

    from app.demo.clients import PROFILE

    with store.unit_of_work() as session:  # as the set-up wizard would
        save_profile(session, replace(PROFILE, trading_name="Jo Bloggs Care"))
    data_dir = store.data_dir
    store.close()
    (data_dir / MARKER_NAME).write_text("left by something else")  # even then
    assert _demo(data_dir) == 2
    assert "already has a business" in capsys.readouterr().err
    from app.core.profile import get_profile

    with open_store(data_dir, TEST_KEY) as again, again.reading() as session:
        assert get_profile(session).trading_name == "Jo Bloggs Care"  # the business is untouched
    assert not [p for p in data_dir.iterdir() if p.name.startswith("unfinished-demo-")]
