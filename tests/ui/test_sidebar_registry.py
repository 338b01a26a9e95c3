"""The sidebar comes from the registry: every page is a real panel, built only when first
opened, refreshed by the areas it watches; an area that fails to load says so loudly."""

from __future__ import annotations

import pytest

from app.core.changes import Area, changes
from app.core.clients import ClientDraft, add_client
from app.ui import main_window, registry
from app.ui.main_window import BrokenPage, MainWindow
from app.ui.registry import PAGES, Page, Panel, load_panel
from tests.conftest import TODAY


def test_every_sidebar_page_is_a_real_panel_that_watches_something() -> None:
    assert len({p.key for p in PAGES}) == len(PAGES)
    for page in PAGES:
        cls = load_panel(str(page.key))
        assert issubclass(cls, Panel) and cls is not Panel
        assert cls.AREA == page.key
        assert cls.WATCHES, f"{page.title} refreshes on nothing"


def test_sidebar_lists_the_pages_and_builds_only_the_one_shown(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles == [p.title for p in PAGES]
    assert list(window.panels) == ["today"]
    window.go_to("visits")
    assert list(window.panels) == ["today", "visits"]


def test_a_panel_refreshes_on_the_areas_it_watches_only(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    clients = window.go_to("clients")
    with ui_ctx.store.unit_of_work() as s:  # written behind the panel's back
        add_client(s, ClientDraft(name="Margaret Ellis"), today=TODAY)
    ui_ctx.runner.changed.emit(changes(Area.MONEY))
    assert [r.name for r in clients.model.rows()] == []
    ui_ctx.runner.changed.emit(changes(Area.CLIENTS, Area.MONEY))
    assert [r.name for r in clients.model.rows()] == ["Margaret Ellis"]


def test_an_area_that_fails_to_import_says_so(qtbot, ui_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    broken = tuple(
        Page(p.key, p.title, "app.ui.no_such_module") if p.key == Area.PORTFOLIO else p
        for p in PAGES
    )
    monkeypatch.setattr(registry, "PAGES", broken)
    monkeypatch.setattr(main_window, "PAGES", broken)
    monkeypatch.delitem(registry._PANELS, str(Area.PORTFOLIO), raising=False)
    shown: list[BaseException] = []
    monkeypatch.setattr(main_window, "show_unexpected_error", lambda _p, exc: shown.append(exc))
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    page = window.go_to(str(Area.PORTFOLIO))
    assert isinstance(page, BrokenPage) and "Portfolio could not be opened" in page.text()
    assert len(shown) == 1 and isinstance(shown[0], ModuleNotFoundError)
    with pytest.raises(ModuleNotFoundError):
        load_panel(str(Area.PORTFOLIO))
