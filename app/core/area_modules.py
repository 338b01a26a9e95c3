"""The areas beyond the foundation. Each names its core module here once."""

from __future__ import annotations

import importlib

AREA_MODULES = (
    "app.core.contracts",
    "app.core.visits",
    "app.core.invoicing",
    "app.core.money",
    "app.core.portfolio",
    "app.core.safeguarding",
    "app.core.recovery_confirm",
)


def import_area_modules() -> None:
    for name in AREA_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real missing dependency, not an area not built yet
                raise
