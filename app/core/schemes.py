"""The micro-provider schemes Daybook knows (see shared/domain/uk-rules.md)."""

from __future__ import annotations

import re
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


# Postcode districts inside each scheme's council (Somerset Council; Staffordshire County
# Council, which leaves out Stoke-on-Trent). Only a suggestion: the carer chooses.
_DISTRICTS: dict[Scheme, dict[str, range]] = {
    Scheme.SOMERSET: {"TA": range(1, 25), "BA": range(4, 23)},
    Scheme.STAFFORDSHIRE: {"ST": range(7, 22), "WS": range(7, 16), "DE": range(13, 16)},
}
_NOT_IN_SCHEME = {"BA": {12, 13, 14, 15, 17, 18, 19}, "WS": {8, 9, 10}}
_POSTCODE = re.compile(r"\b([A-Z]{1,2})(\d{1,2})[A-Z]?\s*\d[A-Z]{2}\b")


def scheme_for_address(address: str) -> Scheme:
    """The scheme a carer at `address` most likely works in: by its postcode district, else
    by the county named in it; 'another scheme or none' when neither says."""
    text = " ".join((address or "").upper().split())
    found = _POSTCODE.findall(text)
    if found:
        area, number = found[-1][0], int(found[-1][1])
        for scheme, districts in _DISTRICTS.items():
            if number in districts.get(area, ()) and number not in _NOT_IN_SCHEME.get(area, ()):
                return scheme
        return Scheme.OTHER
    if "SOMERSET" in text and "NORTH SOMERSET" not in text and "NORTH EAST SOMERSET" not in text:
        return Scheme.SOMERSET
    if "STAFFORDSHIRE" in text:
        return Scheme.STAFFORDSHIRE
    return Scheme.OTHER
