"""What is due: each area contributes its own items to the Today page.

An area registers a provider with `@due_provider`; Today asks every provider and shows
what comes back, most urgent first. No area knows about another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from sqlalchemy.orm import Session

from app.core.changes import Area


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


Provider = Callable[[Session, date], list[DueItem]]
_PROVIDERS: dict[str, Provider] = {}


def due_provider(name: str) -> Callable[[Provider], Provider]:
    def register(fn: Provider) -> Provider:
        _PROVIDERS[name] = fn
        return fn

    return register


def due_items(session: Session, today: date) -> list[DueItem]:
    import app.core.models  # noqa: F401  (every area registers its provider on import)

    items: list[DueItem] = []
    for provider in _PROVIDERS.values():
        items.extend(provider(session, today))
    return sorted(items, key=lambda i: (i.urgency, i.when or date.max, i.heading, i.text))
