"""Reading a named setting without the ORM (Today's plain reads); app/core/settings.py keeps
the table and the writing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.reading import Reader, reader, scalar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def read_setting(db: Session | Reader, key: str, default: str = "") -> str:
    value = scalar(reader(db), "SELECT value FROM setting WHERE key = ?", (key,))
    return default if value is None else value
