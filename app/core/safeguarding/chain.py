"""Tamper evidence: every safeguarding record and addendum carries the sha256 of its
canonical content (JSON, sorted keys, times as ISO 8601 UTC), and that content includes
the previous entry's hash. Records and addenda share one chain, in `chain_seq` order.

`verify_chain` reads the raw column values (not through the ORM types, so that a damaged
row cannot stop the check) and names every entry whose content no longer matches its hash
or whose link to the previous entry is broken. It never returns the free text itself.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from app.core.checks import integrity_check
from app.core.safeguarding.models import SafeguardingAddendum, SafeguardingRecord
from app.core.sealing.chain import GENESIS, digest
from app.core.sealing.chain import canonical as canonical_json
from app.core.sealing.seals import erased_under_seal
from app.core.settings import get_setting, set_setting

HEAD_SETTING = "safeguarding.chain_head"  # "seq:hash" of the newest entry
RECORD_FIELDS = (
    "id",
    "chain_seq",
    "client_id",
    "person_name",
    "happened_at",
    "written_at",
    "place",
    "present",
    "categories",
    "seen_heard",
    "actions_taken",
    "notifications",
    "consent",
    "follow_up_due",
    "prev_hash",
)
ADDENDUM_FIELDS = (
    "id",
    "chain_seq",
    "record_id",
    "seq",
    "kind",
    "written_at",
    "text",
    "follow_up_due",
    "prev_hash",
)
_DATETIMES = {"happened_at", "written_at"}
_DATES = {"follow_up_due"}
_JSON = {"categories", "notifications"}


def iso_utc(dt: datetime) -> str:
    """An aware datetime as ISO 8601 in UTC, to the second."""
    return dt.astimezone(UTC).replace(microsecond=0).isoformat()


def _plain(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _DATETIMES:
        return iso_utc(value)
    if name in _DATES:
        return value.isoformat()
    if name in _JSON:
        return value
    if isinstance(value, str):
        return str(value)  # StrEnum -> its value
    return value


def _content(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    fields = RECORD_FIELDS if kind == "record" else ADDENDUM_FIELDS
    return {**{name: _plain(name, values[name]) for name in fields}, "entry": kind}


def canonical(kind: str, values: dict[str, Any]) -> str:
    return canonical_json(_content(kind, values))


def content_hash(kind: str, values: dict[str, Any]) -> str:
    return digest(_content(kind, values))


def last_link(session: Session) -> tuple[int, str]:
    """(chain_seq, hash) of the newest entry, or (0, GENESIS) for an empty chain."""
    rows = [
        session.execute(
            select(SafeguardingRecord.chain_seq, SafeguardingRecord.content_hash)
            .order_by(SafeguardingRecord.chain_seq.desc())
            .limit(1)
        ).first(),
        session.execute(
            select(SafeguardingAddendum.chain_seq, SafeguardingAddendum.content_hash)
            .order_by(SafeguardingAddendum.chain_seq.desc())
            .limit(1)
        ).first(),
    ]
    found = [(r[0], r[1]) for r in rows if r is not None]
    return max(found) if found else (0, GENESIS)


# -- reading raw rows for verification --------------------------------------------------


def _parse_raw(name: str, raw: Any) -> Any:
    """A stored value back to what the hash was made from; ValueError if unreadable."""
    if raw is None:
        return None
    if name in _DATETIMES:
        return datetime.fromisoformat(str(raw)).replace(tzinfo=UTC)
    if name in _DATES:
        return date.fromisoformat(str(raw))
    if name in _JSON:
        return json.loads(raw) if isinstance(raw, str) else raw
    return raw


def _raw_rows(session: Session, model: type, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    columns = [
        type_coerce(getattr(model, f), String).label(f)
        if f in _DATETIMES | _DATES | _JSON
        else getattr(model, f)
        for f in fields
        if f != "prev_hash"
    ]
    columns += [model.prev_hash, model.content_hash]  # type: ignore[attr-defined]
    return [dict(r._mapping) for r in session.execute(select(*columns))]


def _name(kind: str, row: dict[str, Any]) -> str:
    if kind == "record":
        return f"safeguarding record #{row['id']}"
    return f"addendum {row['seq']} to safeguarding record #{row['record_id']}"


def verify_chain(session: Session) -> list[str]:
    """Problems with the safeguarding chain, [] when every entry matches its hash."""
    entries: list[tuple[int, str, dict[str, Any]]] = []
    entries += [
        (r["chain_seq"], "record", r) for r in _raw_rows(session, SafeguardingRecord, RECORD_FIELDS)
    ]
    entries += [
        (r["chain_seq"], "addendum", r)
        for r in _raw_rows(session, SafeguardingAddendum, ADDENDUM_FIELDS)
    ]
    entries.sort(key=lambda e: (e[0] if isinstance(e[0], int) else 0, e[1]))
    # A record (and its addenda) redacted by a sealed erasure no longer gives its hash: its
    # links still hold, and the erasure's seal covers what it holds now.
    erased = {rid for kind, rid in erased_under_seal(session) if kind == "safeguarding_record"}
    problems: list[str] = []
    previous = GENESIS
    expected_seq = 1
    for seq, kind, row in entries:
        name = _name(kind, row)
        if seq != expected_seq:
            if isinstance(seq, int) and seq > expected_seq:
                problems.append(
                    f"{seq - expected_seq} entry(ies) missing from the chain before {name}"
                )
            else:
                problems.append(f"{name} is out of place in the chain")
        expected_seq = (seq if isinstance(seq, int) else expected_seq) + 1
        fields = RECORD_FIELDS if kind == "record" else ADDENDUM_FIELDS
        try:
            values = {f: _parse_raw(f, row[f]) for f in fields}
            matches = content_hash(kind, values) == row["content_hash"]
        except (ValueError, TypeError, AttributeError):
            matches = False
        if (row["id"] if kind == "record" else row["record_id"]) in erased:
            matches = True
        if not matches:
            problems.append(f"{name} no longer matches its seal (its content was changed)")
        if row["prev_hash"] != previous:
            problems.append(
                f"{name} is not linked to the entry before it "
                "(an entry was changed, removed or inserted)"
            )
        previous = row["content_hash"]
    head = get_setting(session, HEAD_SETTING)
    if head and entries and head != f"{entries[-1][0]}:{previous}":
        problems.append(
            "the newest safeguarding entry is not the one last saved "
            "(an entry was removed or changed)"
        )
    elif head and not entries:
        problems.append("safeguarding entries were saved but none are left")
    return problems


def remember_head(session: Session, seq: int, hash_: str) -> None:
    set_setting(session, HEAD_SETTING, f"{seq}:{hash_}")


@integrity_check("safeguarding chain")
def _check(session: Session) -> list[str]:
    return verify_chain(session)
