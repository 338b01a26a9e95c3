"""Areas add sections to Settings (e.g. contract wording)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

SectionFactory = Callable[..., QWidget]  # (ctx) -> QWidget
_SECTIONS: list[tuple[int, str, SectionFactory]] = []


def register_settings_section(title: str, order: int = 50) -> Callable[[SectionFactory], SectionFactory]:
    def register(factory: SectionFactory) -> SectionFactory:
        _SECTIONS[:] = [s for s in _SECTIONS if s[1] != title]
        _SECTIONS.append((order, title, factory))
        _SECTIONS.sort(key=lambda s: s[0])
        return factory
    return register


def settings_sections() -> list[tuple[str, SectionFactory]]:
    from app.ui.registry import load_all_panels

    load_all_panels()  # areas register on import
    return [(title, factory) for _, title, factory in _SECTIONS]
