"""Format checks for the fields a carer types. Each raises ValidationError(field, message)."""

from __future__ import annotations

import re
from datetime import date

from app.core.errors import ValidationError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# HMRC: two prefix letters (not D, F, I, Q, U, V; second not O; some pairs never issued),
# six digits, suffix A-D.
_NINO = re.compile(r"^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$")
_PHONE = re.compile(r"^\+?[\d ()-]{7,20}$")
MAX_TEXT = 2000
MAX_LONG_TEXT = 20000


def required_text(value: str, field: str, label: str, *, max_len: int = 200) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationError(field, f"Enter the {label}.")
    if len(cleaned) > max_len:
        raise ValidationError(
            field, f"This is too long for the {label} (at most {max_len:,} characters)."
        )
    return cleaned


def optional_text(value: str | None, field: str, label: str, *, max_len: int = MAX_TEXT) -> str:
    cleaned = (value or "").strip()
    if len(cleaned) > max_len:
        raise ValidationError(
            field, f"This is too long for the {label} (at most {max_len:,} characters)."
        )
    return cleaned


def email(value: str | None, field: str = "email", *, required: bool = False) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        if required:
            raise ValidationError(field, "Enter an email address.")
        return ""
    if len(cleaned) > 254 or not _EMAIL.match(cleaned):
        raise ValidationError(
            field, "That does not look like an email address (name@example.co.uk)."
        )
    return cleaned


def phone(value: str | None, field: str = "phone", *, required: bool = False) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        if required:
            raise ValidationError(field, "Enter a phone number.")
        return ""
    if not _PHONE.match(cleaned) or sum(c.isdigit() for c in cleaned) < 7:
        raise ValidationError(field, "That does not look like a phone number.")
    return cleaned


def sort_code(value: str | None, field: str = "sort_code", *, required: bool = False) -> str:
    digits = re.sub(r"[\s-]", "", value or "")
    if not digits:
        if required:
            raise ValidationError(field, "Enter the sort code (6 digits).")
        return ""
    if not re.fullmatch(r"\d{6}", digits):
        raise ValidationError(field, "A sort code is 6 digits, like 12-34-56.")
    return f"{digits[0:2]}-{digits[2:4]}-{digits[4:6]}"


def account_number(
    value: str | None, field: str = "account_number", *, required: bool = False
) -> str:
    digits = re.sub(r"\s", "", value or "")
    if not digits:
        if required:
            raise ValidationError(field, "Enter the account number (8 digits).")
        return ""
    if not re.fullmatch(r"\d{8}", digits):
        raise ValidationError(field, "An account number is 8 digits.")
    return digits


def ni_number(value: str | None, field: str = "ni_number") -> str:
    cleaned = re.sub(r"\s", "", value or "").upper()
    if not cleaned:
        return ""
    if not _NINO.match(cleaned):
        raise ValidationError(field, _ni_problem(cleaned))
    return cleaned


_NINO_SHAPE = re.compile(r"^[A-Z]{2}\d{6}[A-Z]$")
HMRC_EXAMPLE_NINO = "QQ123456C"


def _ni_problem(cleaned: str) -> str:
    """What is wrong with a National Insurance number, in words that never repeat it."""
    if cleaned == HMRC_EXAMPLE_NINO:
        return (
            "QQ 12 34 56 C is the example printed on HMRC's forms, not a real number. "
            "Your own is on your National Insurance letter, a payslip or your HMRC account."
        )
    if not _NINO_SHAPE.match(cleaned):
        return (
            "A National Insurance number is two letters, six digits and a letter, "
            "like AB 12 34 56 C."
        )
    if cleaned[-1] not in "ABCD":
        return "The last letter of a National Insurance number is A, B, C or D."
    return (
        "No National Insurance number starts with those two letters (HMRC never uses D, F, "
        "I, Q, U or V there, O second, or pairs such as GB and ZZ). Check the first two letters."
    )


def utr(value: str | None, field: str = "utr") -> str:
    digits = re.sub(r"[\s]", "", value or "")
    if digits.upper().endswith("K"):
        digits = digits[:-1]
    if not digits:
        return ""
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(field, "A UTR (Unique Taxpayer Reference) is 10 digits.")
    return digits


def past_date(
    value: date | None, field: str, label: str, *, today: date, required: bool = False
) -> date | None:
    if value is None:
        if required:
            raise ValidationError(field, f"Enter the {label}.")
        return None
    if value > today:
        raise ValidationError(field, f"The {label} cannot be in the future.")
    if value.year < 1900:
        raise ValidationError(field, f"The {label} is too far in the past; check the year.")
    return value


def pence_range(
    value: int | None, field: str, label: str, *, maximum: int, required: bool = False
) -> int | None:
    if value is None:
        if required:
            raise ValidationError(field, f"Enter the {label}.")
        return None
    if value < 0:
        raise ValidationError(field, f"The {label} cannot be negative.")
    if value > maximum:
        raise ValidationError(field, f"The {label} looks too high; check the figure.")
    return value
