"""The areas beyond the foundation: the modules that register their tables, checks and Today
providers, named here once (the packages themselves import nothing)."""

from __future__ import annotations

import importlib

AREA_MODULES = (
    "app.core.contracts.models",
    "app.core.contracts.due_and_checks",
    "app.core.visits.models",
    "app.core.visits.services",
    "app.core.invoicing.registration",
    "app.core.money.models",
    "app.core.money.deadlines",
    "app.core.portfolio.models",
    "app.core.portfolio.reminders",
    "app.core.safeguarding.models",
    "app.core.safeguarding.chain",
    "app.core.safeguarding.services",
    "app.core.availability",
    "app.core.receipts",
    "app.core.visits.timesheets",
    "app.core.feedback.models",
    "app.core.feedback.reminders",
    "app.core.commitment",
    "app.core.status",
    "app.core.sealing.models",
    "app.core.sealing.checks",
    "app.core.recovery_confirm",
    "app.core.privacy.models",
    "app.core.privacy.today",
    "app.core.bank.models",
)


def import_area_modules() -> None:
    for name in AREA_MODULES:
        importlib.import_module(name)
