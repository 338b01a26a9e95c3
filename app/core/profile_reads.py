"""Plain reads of the business profile for Today (no ORM; app/core/profile.py keeps the table
and the editing). Never the bank details, UTR or NI number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.reading import Reader, reader, scalar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def carer_first_name(db: Session | Reader) -> str:
    """The first word of the name the carer works under ("" before the profile exists)."""
    name = scalar(reader(db), "SELECT carer_name FROM business_profile ORDER BY id LIMIT 1")
    words = (name or "").split()
    return words[0] if words else ""


def has_profile(db: Session | Reader) -> bool:
    """Whether set-up got as far as the business profile."""
    return scalar(reader(db), "SELECT count(*) FROM business_profile") > 0


def trading_name(db: Session | Reader) -> str:
    """The name the business trades under ("" before the profile exists): the window's title."""
    name = scalar(reader(db), "SELECT trading_name FROM business_profile ORDER BY id LIMIT 1")
    return name or ""
