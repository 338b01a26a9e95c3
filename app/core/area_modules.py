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
    "app.core.availability",
    "app.core.receipts",
    "app.core.visits.timesheets",
    "app.core.feedback",
    "app.core.commitment",
    "app.core.status",
    "app.core.sealing",
    "app.core.recovery_confirm",
    "app.core.privacy",
    "app.core.bank",
)


def import_area_modules() -> None:
    for name in AREA_MODULES:
        importlib.import_module(name)
