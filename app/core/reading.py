"""Plain reads: SQL over a DB-API connection, with no SQLAlchemy imported.

Today opens before the ORM has loaded (importing SQLAlchemy and declaring the models takes
longer than the whole window takes to paint), so what Today shows is read through a `Reader`.
The rules behind it (what is overdue, what is owed, when a deadline falls) live once, in
functions that take a `Reader`. A caller holding a Session passes it as it is: `reader()` wraps
it, flushing the session first so that the reads see what the session has not yet written.

Stored forms (SQLAlchemy's, on SQLite): a date is 'YYYY-MM-DD'; a moment (UTCDateTime) is naive
UTC 'YYYY-MM-DD HH:MM:SS.ffffff'; an enum is its value ('delivered'); a boolean is 0 or 1.
`day()`, `moment()` and `stored()` convert, so that comparisons in SQL compare like with like.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Row = tuple[Any, ...]


@runtime_checkable
class Reader(Protocol):
    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]: ...


class ConnectionReader:
    """Reads through a DB-API connection (sqlcipher3), the one Today uses at start-up."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return self.connection.execute(sql, tuple(params)).fetchall()


class SessionReader:
    """Reads through a Session's connection, in its transaction, after a flush."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        self.session.flush()
        result = self.session.connection().exec_driver_sql(sql, tuple(params))
        return [tuple(row) for row in result.all()]


def reader(db: Session | Reader) -> Reader:
    """`db` as a Reader: a Reader as it is, a Session wrapped."""
    if isinstance(db, Reader):
        return db
    return SessionReader(db)


def one(db: Reader, sql: str, params: Sequence[object] = ()) -> Row | None:
    found = db.rows(sql, params)
    return found[0] if found else None


def scalar(db: Reader, sql: str, params: Sequence[object] = ()) -> Any:
    row = one(db, sql, params)
    return None if row is None else row[0]


def day(value: object) -> date | None:
    """A stored date back as a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def moment(value: object) -> datetime | None:
    """A stored UTCDateTime back as an aware UTC datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        found = value
    else:
        found = datetime.fromisoformat(str(value))
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)


def stored(value: date | datetime) -> str:
    """A date or an aware datetime in its stored form, for a parameter compared in SQL."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value.isoformat()


def placeholders(count: int) -> str:
    """'?, ?, ?' for an IN (...) of `count` values (at least one)."""
    return ", ".join("?" * max(count, 1))
