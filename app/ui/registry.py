"""Panels register themselves (as Picard's option pages do); the sidebar is built from here."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.core.changes import Area, Changes

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Page:
    key: str  # the panel's AREA
    title: str
    module: str  # imported only when the carer first opens the page, so start-up stays quick


# The sidebar, in its order. Each area is declared here once, so the sidebar is drawn without
# importing any panel.
PAGES: tuple[Page, ...] = (
    Page("today", "Today", "app.ui.today.panel"),
    Page(Area.CLIENTS, "Clients", "app.ui.clients.panel"),
    Page(Area.CONTRACTS, "Agreements", "app.ui.contracts.panel"),
    Page(Area.VISITS, "Visits", "app.ui.visits.panel"),
    Page(Area.INVOICES, "Invoices", "app.ui.invoices.panel"),
    Page(Area.MONEY, "Money", "app.ui.money.panel"),
    Page(Area.PORTFOLIO, "Portfolio", "app.ui.portfolio.panel"),
    Page(Area.SAFEGUARDING, "Safeguarding", "app.ui.safeguarding.panel"),
    Page(Area.SETTINGS, "Settings", "app.ui.settings.panel"),
)


def page(key: str) -> Page:
    return next(p for p in PAGES if p.key == key)


class Panel(QWidget):
    AREA: Area | str = ""
    WATCHES: Changes = frozenset()  # the panel refreshes when an action changed any of these

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
        if self.WATCHES & changes:
            self.refresh()


_PANELS: dict[str, type[Panel]] = {}


def register_panel(cls: type[Panel]) -> type[Panel]:
    _PANELS[str(cls.AREA)] = cls
    return cls


def load_panel(key: str) -> type[Panel]:
    """The panel class of one page, importing its module the first time."""
    if key not in _PANELS:
        importlib.import_module(page(key).module)
    if key not in _PANELS:
        raise LookupError(f"{page(key).module} registers no panel for {key!r}")
    return _PANELS[key]


# Modules that add client tabs or settings sections without a panel of their own.
EXTRA_MODULES = (
    "app.ui.schemes_records.availability",
    "app.ui.schemes_records.timesheets",
    "app.ui.privacy.settings_section",
    "app.ui.privacy.client_tab",
    "app.ui.privacy.bank_dialog",
)


def load_all_panels() -> dict[str, type[Panel]]:
    """Every page's panel (their modules also register client tabs and settings sections),
    and the modules that add tabs or sections without a panel of their own."""
    for p in PAGES:
        load_panel(p.key)
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
