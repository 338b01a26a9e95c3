"""What is due: each area contributes its own items to the Today page.

An area registers a provider with `@due_provider`; Today asks every provider and shows
what comes back, most urgent first. No area knows about another.

A provider reads through a `Reader` (app/core/reading.py), never the ORM: Today shows the
records before SQLAlchemy has loaded. Its module is named in DUE_MODULES and imports nothing
that imports SQLAlchemy (tests/core/test_plain_today.py runs them all in a fresh process).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING

from app.core.changes import Area
from app.core.reading import Reader, reader

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Urgency(IntEnum):
    OVERDUE = 0
    TODAY = 1
    SOON = 2
    LATER = 3


@dataclass(frozen=True)
class DueItem:
    area: Area
    heading: str  # e.g. "Visits today"
    text: str  # one line; never sensitive text
    when: date | None
    urgency: Urgency
    record_id: int | None = None
    action: str = ""  # what clicking the item on Today opens (app/ui/due_actions.py), if any


# Each module registers its provider when imported; none of them imports SQLAlchemy.
DUE_MODULES: tuple[str, ...] = (
    "app.core.visits.due",
    "app.core.recovery_confirm",
    "app.core.feedback.reminders",
    "app.core.invoicing.due",
    "app.core.contracts.due",
    "app.core.safeguarding.due",
)

Provider = Callable[[Reader, date], list[DueItem]]
SessionProvider = Callable[["Session", date], list[DueItem]]
_PROVIDERS: dict[str, Provider] = {}
_SESSION_PROVIDERS: dict[str, SessionProvider] = {}  # not yet plain: read through the ORM


def due_provider(name: str) -> Callable[[SessionProvider], SessionProvider]:
    def register(fn: SessionProvider) -> SessionProvider:
        _SESSION_PROVIDERS[name] = fn
        return fn

    return register


def plain_due_provider(name: str) -> Callable[[Provider], Provider]:
    def register(fn: Provider) -> Provider:
        _PROVIDERS[name] = fn
        return fn

    return register


def import_due_modules() -> None:
    import importlib

    for name in DUE_MODULES:
        importlib.import_module(name)


def due_items(db: Session | Reader, today: date) -> list[DueItem]:
    import_due_modules()
    items: list[DueItem] = []
    plain = reader(db)
    session = getattr(plain, "session", None)
    if session is not None:  # until every provider is plain
        import app.core.models  # noqa: F401  (every area registers its provider on import)
    for provider in _PROVIDERS.values():
        items.extend(provider(plain, today))
    if session is not None:
        for name, old in _SESSION_PROVIDERS.items():
            if name not in _PROVIDERS:
                items.extend(old(session, today))
    return sorted(items, key=lambda i: (i.urgency, i.when or date.max, i.heading, i.text))
