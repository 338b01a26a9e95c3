"""Panels register themselves (as Picard's option pages do); the sidebar is built from here."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.core.changes import Area, Changes

log = logging.getLogger(__name__)

# Imported only when the carer first opens the area, so start-up stays quick.
PANEL_MODULES = {
    "today": "app.ui.today.panel",
    "clients": "app.ui.clients.panel",
    "contracts": "app.ui.contracts.panel",
    "visits": "app.ui.visits.panel",
    "invoices": "app.ui.invoices.panel",
    "money": "app.ui.money.panel",
    "portfolio": "app.ui.portfolio.panel",
    "safeguarding": "app.ui.safeguarding.panel",
    "settings": "app.ui.settings.panel",
}

# Every area the sidebar shows, in order, whether built yet or not.
SIDEBAR: tuple[tuple[Area | str, str], ...] = (
    ("today", "Today"),
    (Area.CLIENTS, "Clients"),
    (Area.CONTRACTS, "Contracts"),
    (Area.VISITS, "Visits"),
    (Area.INVOICES, "Invoices"),
    (Area.MONEY, "Money"),
    (Area.PORTFOLIO, "Portfolio"),
    (Area.SAFEGUARDING, "Safeguarding"),
    (Area.SETTINGS, "Settings"),
)


class Panel(QWidget):
    AREA: Area | str = ""
    TITLE: str = ""
    ORDER: int = 100

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ctx = ctx
        ctx.runner.changed.connect(self.on_changed)  # every panel listens; none calls another

    def refresh(self) -> None:
        """Load what the panel shows."""

    def may_leave(self) -> bool:
        """False if the carer chose to stay (e.g. to finish unsaved typing)."""
        return True

    def on_changed(self, changes: Changes) -> None:
        """Refresh if an area this panel shows has changed."""
        if self.AREA in changes:
            self.refresh()


_PANELS: dict[str, type[Panel]] = {}


def register_panel(cls: type[Panel]) -> type[Panel]:
    _PANELS[str(cls.AREA)] = cls
    return cls


def is_built(key: str) -> bool:
    name = PANEL_MODULES.get(key)
    try:
        return name is not None and importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def load_panel(key: str) -> type[Panel] | None:
    """The panel class of one area, importing its module the first time; None if not built."""
    if key not in _PANELS and is_built(key):
        importlib.import_module(PANEL_MODULES[key])
    return _PANELS.get(key)


# Modules that add client tabs or settings sections without a panel of their own.
EXTRA_MODULES = (
    "app.ui.schemes_records.availability",
    "app.ui.schemes_records.timesheets",
)


def load_all_panels() -> dict[str, type[Panel]]:
    """Every built area (their modules also register client tabs and settings sections)."""
    for key in PANEL_MODULES:
        load_panel(key)
    for name in EXTRA_MODULES:
        importlib.import_module(name)
    return dict(_PANELS)


class TitledRegistry:
    """Titled factories in order, registered by areas on import (client tabs, settings
    sections); asking for them imports every built area first."""

    def __init__(self) -> None:
        self._items: list[tuple[int, str, Callable[..., QWidget]]] = []

    def register(
        self, title: str, order: int = 50
    ) -> Callable[[Callable[..., QWidget]], Callable[..., QWidget]]:
        def add(factory: Callable[..., QWidget]) -> Callable[..., QWidget]:
            self._items[:] = [i for i in self._items if i[1] != title]
            self._items.append((order, title, factory))
            self._items.sort(key=lambda i: i[0])
            return factory

        return add

    def items(self) -> list[tuple[str, Callable[..., QWidget]]]:
        load_all_panels()
        return [(title, factory) for _, title, factory in self._items]
