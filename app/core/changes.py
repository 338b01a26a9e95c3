"""Which kinds of data an action changed, so each view refreshes only when it must."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")
U = TypeVar("U")


class Area(StrEnum):
    PROFILE = "profile"
    CLIENTS = "clients"
    CONTRACTS = "contracts"
    VISITS = "visits"
    INVOICES = "invoices"
    MONEY = "money"
    PORTFOLIO = "portfolio"
    SAFEGUARDING = "safeguarding"
    SETTINGS = "settings"
    FEEDBACK = "feedback"


Changes = frozenset[Area]


def changes(*areas: Area) -> Changes:
    return frozenset(areas)


ALL: Changes = frozenset(Area)


@dataclass(frozen=True, slots=True)
class Done(Generic[T]):
    """What a service that makes or finds something returns: the thing, and which kinds of
    data the call changed (so the UI's runner can broadcast them without restating them)."""

    value: T
    changes: Changes

    def map(self, fn: Callable[[T], U]) -> Done[U]:
        """The same changes with another value (e.g. a created record's id)."""
        return Done(fn(self.value), self.changes)
