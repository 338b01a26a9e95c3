"""A safeguarding record's follow-up: the date it was given, moved by follow-up addenda with a
new date, cleared by a "follow-up done" addendum. Read with plain SQL (no ORM, for Today), and
only dates and kinds: never a record's or an addendum's text."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from app.core.reading import Reader, day, reader

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class AddendumKind(StrEnum):
    CORRECTION = "correction"
    FOLLOW_UP = "follow_up"
    FOLLOW_UP_DONE = "follow_up_done"


def current_follow_up(
    record_due: date | None, addenda: list[tuple[AddendumKind | str, date | None]]
) -> date | None:
    """The follow-up still waiting: the record's date, moved by follow-up addenda with a new
    date, cleared by a "follow-up done" addendum. `addenda` in order."""
    due = record_due
    for kind, new_due in addenda:
        if kind == AddendumKind.FOLLOW_UP_DONE:
            due = None
        elif new_due is not None:
            due = new_due
    return due


def addenda_by_record(db: Session | Reader) -> dict[int, list[tuple[str, date | None]]]:
    """Every record's addenda as (kind, new follow-up date), in order."""
    found: dict[int, list[tuple[str, date | None]]] = {}
    for record_id, kind, new_due in reader(db).rows(
        "SELECT record_id, kind, follow_up_due FROM safeguarding_addendum ORDER BY record_id, seq"
    ):
        found.setdefault(record_id, []).append((kind, day(new_due)))
    return found


def waiting_follow_ups(db: Session | Reader) -> list[tuple[int, date]]:
    """(record id, date) of each follow-up still waiting, newest record first (by when it
    happened), as the list of records orders them."""
    plain = reader(db)
    addenda = addenda_by_record(plain)
    waiting = []
    for record_id, record_due in plain.rows(
        "SELECT id, follow_up_due FROM safeguarding_record ORDER BY happened_at DESC, id DESC"
    ):
        due = current_follow_up(day(record_due), addenda.get(record_id, []))
        if due is not None:
            waiting.append((record_id, due))
    return waiting
