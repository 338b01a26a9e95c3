"""Areas add sections to Settings (e.g. contract wording). Factories take (ctx)."""

from __future__ import annotations

from app.ui.registry import TitledRegistry

_SECTIONS = TitledRegistry()
register_settings_section = _SECTIONS.register
settings_sections = _SECTIONS.items
