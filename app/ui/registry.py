"""Panels register themselves (as Picard's option pages do); the sidebar is built from here."""

from __future__ import annotations

import importlib
import logging

from PySide6.QtWidgets import QWidget

from app.core.changes import Area, Changes

log = logging.getLogger(__name__)

PANEL_MODULES = (
    "app.ui.today.panel",
    "app.ui.clients.panel",
    "app.ui.contracts.panel",
    "app.ui.visits.panel",
    "app.ui.invoices.panel",
    "app.ui.money.panel",
    "app.ui.portfolio.panel",
    "app.ui.safeguarding.panel",
    "app.ui.settings.panel",
)

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

    def on_changed(self, changes: Changes) -> None:
        """Refresh if an area this panel shows has changed."""
        if self.AREA in changes:
            self.refresh()


_PANELS: dict[str, type[Panel]] = {}


def register_panel(cls: type[Panel]) -> type[Panel]:
    _PANELS[str(cls.AREA)] = cls
    return cls


def load_panels() -> dict[str, type[Panel]]:
    for name in PANEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise
    return dict(_PANELS)
