"""en_GB formatting and parsing at the edges: money as £1,234.56, dates dd/mm/yyyy, time
as hours and minutes, miles, rates. The UI, the PDFs and the CLI all format through here.

Money is integer pence everywhere else; Decimal appears only here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal
from zoneinfo import ZoneInfo

from app.core.errors import ValidationError

LONDON = ZoneInfo("Europe/London")
DATE_FORMAT = "%d/%m/%Y"


def local_midnight(day: date) -> datetime:
    """The instant (UTC) at which `day` begins in Europe/London."""
    return datetime.combine(day, time(0, 0), tzinfo=LONDON).astimezone(UTC)


def london_datetime(day: date, at: time) -> datetime:
    """A Europe/London wall-clock time on `day` as an aware UTC datetime."""
    return datetime.combine(day, at, tzinfo=LONDON).astimezone(UTC)


def local_date(dt: datetime) -> date:
    return dt.astimezone(LONDON).date()


def short_name_of(name: str | None, preferred_name: str | None) -> str:
    """What a calendar or Today calls a client: the preferred name, else the first name."""
    if preferred_name:
        return preferred_name
    words = (name or "Client").split()
    return words[0] if words else "Client"


def format_money(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    pounds, p = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{p:02d}"


def parse_money(
    text: str, field: str, *, allow_negative: bool = False, maximum_pence: int | None = None
) -> int:
    """'£1,234.5' -> 123450. Raises ValidationError naming `field`."""
    cleaned = (text or "").strip().replace("£", "").replace(",", "").replace(" ", "")
    if not cleaned:
        raise ValidationError(field, "Enter an amount, for example 18.50.")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(field, f"“{text.strip()[:20]}” is not an amount of money.") from None
    if not value.is_finite():
        raise ValidationError(field, "Enter an amount, for example 18.50.")
    if value < 0 and not allow_negative:
        raise ValidationError(field, "The amount cannot be negative.")
    if value.adjusted() >= 15:  # 1e309 and the like: too big to turn into pence at all
        raise ValidationError(field, "That amount is far too large; check the figure.")
    pence = int((value * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    if maximum_pence is not None and abs(pence) > maximum_pence:
        raise ValidationError(
            field, f"That is more than {format_money(maximum_pence)}; check the figure."
        )
    return pence


def format_rate(pence: int, per: Literal["hour", "mile"]) -> str:
    """A rate as the carer writes it: '£24.00/h'; '45p/mile' below £1, '£1.00/mile' from £1."""
    if per == "mile":
        return f"{pence}p/mile" if 0 <= pence < 100 else f"{format_money(pence)}/mile"
    return f"{format_money(pence)}/h"


def format_hours(minutes: int) -> str:
    """A length of time in hours and minutes, as the carer reads it: 65 -> '1 h 05 min',
    120 -> '2 h', 45 -> '45 min' (never decimal hours)."""
    sign = "-" if minutes < 0 else ""
    h, m = divmod(abs(minutes), 60)
    if not h:
        return f"{sign}{m} min"
    return f"{sign}{h:,} h" + (f" {m:02d} min" if m else "")


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """A count with its noun agreeing: (1, "visit") -> '1 visit', (3, "visit") -> '3 visits',
    (2, "entry", "entries") -> '2 entries'. Counts above 999 take a thousands comma."""
    return f"{count:,} {noun if count == 1 else (nouns or noun + 's')}"


def format_miles(tenths: int) -> str:
    """Miles held in tenths, with one decimal: 125 -> '12.5', 12340 -> '1,234.0'."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole:,}.{tenth}"


def pence_to_decimal_text(pence: int) -> str:
    """123450 -> '1234.50' (for editable fields)."""
    sign = "-" if pence < 0 else ""
    pounds, p = divmod(abs(pence), 100)
    return f"{sign}{pounds}.{p:02d}"


def format_date(d: date | None) -> str:
    """dd/mm/yyyy (DATE_FORMAT), spelt out: strftime imports a module on every call, which
    costs a list of a hundred visits milliseconds once Qt hooks imports."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}" if d else ""


def parse_date(text: str, field: str, *, required: bool = True) -> date | None:
    cleaned = (text or "").strip()
    if not cleaned:
        if required:
            raise ValidationError(field, "Enter a date as dd/mm/yyyy.")
        return None
    for fmt in (DATE_FORMAT, "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValidationError(field, f"“{cleaned[:20]}” is not a date; use dd/mm/yyyy.")


def to_london(dt: datetime) -> datetime:
    return dt.astimezone(LONDON)


def format_datetime(dt: datetime | None) -> str:
    if dt is None:
        return ""
    local = to_london(dt)
    return local.strftime(f"{DATE_FORMAT} %H:%M")


def format_time(dt: datetime) -> str:
    return to_london(dt).strftime("%H:%M")


def today_london() -> date:
    return datetime.now(LONDON).date()
