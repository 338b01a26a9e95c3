"""The micro-provider schemes Daybook knows (see shared/domain/uk-rules.md)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Scheme(StrEnum):
    STAFFORDSHIRE = "staffordshire"
    SOMERSET = "somerset"
    OTHER = "other"


@dataclass(frozen=True)
class SchemeInfo:
    name: str
    directory: str
    safeguarding_phone: str
    direct_payment_rate_pence: int | None
    tell_network_rate_pence: int | None


SCHEMES: dict[Scheme, SchemeInfo] = {
    Scheme.STAFFORDSHIRE: SchemeInfo(
        name="Staffordshire “Local Help My Way”",
        directory="Simply Connect",
        safeguarding_phone="",
        direct_payment_rate_pence=1659,
        tell_network_rate_pence=2250,
    ),
    Scheme.SOMERSET: SchemeInfo(
        name="Somerset Council’s Community Micro-Enterprise Programme (CMEP)",
        directory="Somerset Community Connect",
        safeguarding_phone="0300 123 2224",
        direct_payment_rate_pence=None,
        tell_network_rate_pence=None,
    ),
    Scheme.OTHER: SchemeInfo(
        name="Another scheme or none",
        directory="",
        safeguarding_phone="",
        direct_payment_rate_pence=None,
        tell_network_rate_pence=None,
    ),
}
