"""Small named settings kept inside the encrypted database (e.g. clause templates)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core.base import Base
from app.core.changes import Area, Changes, changes


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


def get_setting(session: Session, key: str, default: str = "") -> str:
    from app.core.setting_values import read_setting

    return read_setting(session, key, default)


def set_setting(session: Session, key: str, value: str) -> Changes:
    row = session.get(Setting, key) or Setting(key=key)
    row.value = value
    session.add(row)
    return changes(Area.SETTINGS)
