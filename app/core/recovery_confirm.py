"""Making sure the carer really has their recovery code: they type two of its groups back.

Until they have, Today shows one item asking them to print the recovery sheet. The code itself
stays inside the encrypted database (app.storage.recovery.SETTING); nothing here returns it,
and no DueItem or error message carries any part of it.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import TYPE_CHECKING

from app.core.changes import Area, Changes, changes
from app.core.errors import DaybookError, ValidationError
from app.core.reading import Reader, one, reader
from app.core.reminders import DueItem, Urgency, plain_due_provider
from app.core.setting_values import read_setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The code's format, as app/storage/recovery.py writes it (core may not import storage;
# tests/storage/test_keychange.py and the dialog tests fail if the two ever disagree).
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
GROUPS = 6
GROUP_LENGTH = 5
SETTING = "recovery_code"

CONFIRMED_SETTING = "recovery_confirmed_on"
DUE_ACTION = "recovery-sheet"  # Today opens the recovery dialog for this item


def group_field(number: int) -> str:
    return f"group_{number}"


def groups_to_ask(count: int = 2) -> tuple[int, ...]:
    """Which groups (1-based, ascending) the carer is asked to type back, e.g. (2, 5)."""
    chosen: set[int] = set()
    while len(chosen) < count:
        chosen.add(secrets.randbelow(GROUPS) + 1)
    return tuple(sorted(chosen))


def _clean(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if not ch.isspace() and ch not in "-_.")


def confirm_recovery_code(session: Session, typed: dict[int, str], today: date) -> Changes:
    """Records that the carer holds the code when each typed group (by its 1-based number)
    matches. Raises ValidationError on the first group that does not (field `group_N`)."""
    from app.core.settings import set_setting

    code = read_setting(session, SETTING)
    if not code:
        raise DaybookError("These records have no recovery code yet.")
    groups = code.split("-")
    if not typed:
        raise ValidationError(group_field(1), "Type the groups from your recovery sheet.")
    for number, text in sorted(typed.items()):
        if not 1 <= number <= len(groups):
            raise ValidationError(group_field(number), "There is no such group on the sheet.")
        field = group_field(number)
        cleaned = _clean(text)
        if not cleaned:
            raise ValidationError(field, f"Type group {number} from your recovery sheet.")
        if len(cleaned) != GROUP_LENGTH or any(ch not in ALPHABET for ch in cleaned):
            hint = (
                " (the code has no letter O or I and no digit 0 or 1)"
                if set(cleaned) & set("0O1I")
                else ""
            )
            raise ValidationError(
                field, f"Group {number} has {GROUP_LENGTH} letters and digits{hint}."
            )
        if not secrets.compare_digest(cleaned, groups[number - 1]):
            raise ValidationError(
                field, f"Group {number} is not what the sheet says. Check it and type it again."
            )
    set_setting(session, CONFIRMED_SETTING, today.isoformat())
    return changes(Area.SETTINGS)


def confirmed_on(db: Session | Reader) -> date | None:
    return _day(read_setting(db, CONFIRMED_SETTING))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def needs_confirming(db: Session | Reader) -> bool:
    """Whether there is a code the carer has not yet typed back (one read; the code itself
    is never read out of the database here)."""
    has_code, confirmed = one(
        reader(db),
        "SELECT EXISTS (SELECT 1 FROM setting WHERE key = ? AND value != ''),"
        " (SELECT value FROM setting WHERE key = ?)",
        (SETTING, CONFIRMED_SETTING),
    ) or (0, None)
    return bool(has_code) and _day(confirmed) is None


@plain_due_provider("recovery")
def due(db: Session | Reader, today: date) -> list[DueItem]:
    if not needs_confirming(db):
        return []
    return [
        DueItem(
            Area.SETTINGS,
            "Keeping your records safe",
            "Print your recovery sheet and keep it safe",
            None,
            Urgency.TODAY,
            action=DUE_ACTION,
        )
    ]
