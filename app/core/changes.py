"""Which kinds of data an action changed, so each view refreshes only when it must."""

from __future__ import annotations

from enum import StrEnum


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


Changes = frozenset[Area]


def changes(*areas: Area) -> Changes:
    return frozenset(areas)


ALL: Changes = frozenset(Area)
