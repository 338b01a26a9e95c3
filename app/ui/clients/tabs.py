"""Other areas add a tab to each client's detail (contracts, invoices, what was shared)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

TabFactory = Callable[..., QWidget]  # (ctx, client_id) -> QWidget
_TABS: list[tuple[int, str, TabFactory]] = []


def register_client_tab(title: str, order: int = 50) -> Callable[[TabFactory], TabFactory]:
    def register(factory: TabFactory) -> TabFactory:
        _TABS[:] = [t for t in _TABS if t[1] != title]
        _TABS.append((order, title, factory))
        _TABS.sort(key=lambda t: t[0])
        return factory
    return register


def client_tabs() -> list[tuple[str, TabFactory]]:
    from app.ui.registry import load_all_panels

    load_all_panels()  # areas register on import
    return [(title, factory) for _, title, factory in _TABS]
