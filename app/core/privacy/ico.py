"""The ICO data protection fee: registration number and renewal date (settings)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.core.changes import Area, Changes, changes
from app.core.errors import ValidationError
from app.core.reading import Reader, reader
from app.core.setting_values import read_setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

REMIND_DAYS = 30
_NUMBER = re.compile(r"[A-Z]{1,2}[0-9]{6,8}")


@dataclass(frozen=True)
class IcoFee:
    number: str
    renewal: date | None


def get_ico_fee(db: Session | Reader) -> IcoFee:
    db = reader(db)
    renewal = read_setting(db, "ico.renewal", "")
    return IcoFee(
        read_setting(db, "ico.number", ""),
        date.fromisoformat(renewal) if renewal else None,
    )


def save_ico_fee(session: Session, number: str, renewal: date | None) -> Changes:
    cleaned = (number or "").strip().upper().replace(" ", "")
    if cleaned and not _NUMBER.fullmatch(cleaned):
        raise ValidationError(
            "ico_number",
            "An ICO registration number looks like ZA123456 (letters then six to eight digits).",
        )
    if cleaned and renewal is None:
        raise ValidationError("ico_renewal", "Enter the date the fee is next due.")
    from app.core.settings import set_setting

    set_setting(session, "ico.number", cleaned)
    set_setting(session, "ico.renewal", renewal.isoformat() if renewal else "")
    return changes(Area.SETTINGS)
