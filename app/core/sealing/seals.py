"""Seals: when an invoice is issued, a credit note made or a contract version signed, the
sha256 of its canonical content (the sealed columns of app/core/sealing/guards.py as stored,
its lines, the previous seal) joins one hash chain; a PDF stored then or later is sealed by
its own sha256 as the next entry. `verify_seals` recomputes every entry from the rows as
they are now, so a change made straight in the database file is named, never shown.

Content is read as raw stored values (plain SQL, not the ORM types): what is hashed is what
is on disk, and a damaged value cannot stop the check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.core.sealing.chain import GENESIS, Link, bytes_digest, digest, link_problems
from app.core.sealing.guards import (
    CONTRACT_VERSION_SEALED,
    CONTRACT_VERSION_SEALED_LATER,
    CREDIT_NOTE_LINE_SEALED,
    CREDIT_NOTE_SEALED,
    INVOICE_LINE_SEALED,
    INVOICE_SEALED,
)
from app.core.sealing.models import RecordSeal
from app.core.settings import get_setting, set_setting

HEAD_SETTING = "seals.chain_head"  # "seq:hash" of the newest seal
PDF = "_pdf"  # suffix of the kind that seals a record's PDF
# An erasure (issue 18) is one entry, record_id = the client: it seals every record it
# redacted as redacted (listed in erased_record). A seal made before it over a record it
# names is then no longer recomputed: the record's details were replaced on purpose, and
# the erasure's entry covers what is there now (amounts, dates and numbers included).
ERASURE = "erasure"


@dataclass(frozen=True)
class Sealed:
    table: str
    columns: tuple[str, ...]
    pdf_column: str
    lines: tuple[str, str, tuple[str, ...]] | None  # (table, parent column, columns)
    final: str  # SQL condition on the record's row: it must be sealed
    # Columns added after seals existed, with the value every row had before: sealed only
    # when a row holds another value, so older seals still verify.
    later: tuple[tuple[str, Any], ...] = ()

    def label(self, row: dict[str, Any] | None, record_id: int) -> str:
        if row is None:
            return f"{self.table.replace('_', ' ')} id {record_id}"
        if self.table == "contract_version":
            return f"contract {row['contract_id']} version {row['version_no']}"
        return f"{self.table.replace('_', ' ')} {row['number']}"


KINDS: dict[str, Sealed] = {
    "invoice": Sealed(
        "invoice",
        INVOICE_SEALED,
        "pdf",
        ("invoice_line", "invoice_id", INVOICE_LINE_SEALED),
        "status <> 'draft'",
    ),
    "credit_note": Sealed(
        "credit_note",
        CREDIT_NOTE_SEALED,
        "pdf",
        ("credit_note_line", "credit_note_id", CREDIT_NOTE_LINE_SEALED),
        "1 = 1",
    ),
    "contract_version": Sealed(
        "contract_version",
        CONTRACT_VERSION_SEALED,
        "signed_pdf",
        None,
        "status IN ('signed', 'superseded')",
        tuple(CONTRACT_VERSION_SEALED_LATER.items()),
    ),
}


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"sha256": bytes_digest(bytes(value))}
    return value


def _row(session: Session, kind: Sealed, record_id: int) -> dict[str, Any] | None:
    # SELECT *: a later column is absent from a database not yet migrated to add it.
    found = session.execute(
        text(f"SELECT * FROM {kind.table} WHERE id = :id"), {"id": record_id}
    ).first()
    if found is None:
        return None
    stored = found._mapping
    row = {c: _plain(stored[c]) for c in kind.columns}
    for column, before in kind.later:
        if column in stored and stored[column] != before:
            row[column] = _plain(stored[column])
    return row


def _raw(session: Session, table: str, where: str, record_id: int) -> list[dict[str, Any]]:
    return [
        {k: _plain(v) for k, v in r._mapping.items()}
        for r in session.execute(
            text(f"SELECT * FROM {table} WHERE {where} = :id ORDER BY id"), {"id": record_id}
        )
    ]


def _redacted_content(session: Session, kind: str, record_id: int) -> Any:
    """What an erasure seals of one record as redacted: what its own seal covers and its PDF;
    for a record never sealed, its final rows whole (feedback: its dated entries, as the
    item's current fields still change)."""
    if kind in KINDS:
        content, _name = _content(session, kind, record_id)
        pdf, _name = _content(session, kind + PDF, record_id)
        return None if content is None else {"sealed": content, "pdf": pdf}
    if kind == "feedback":
        return {"entries": _raw(session, "feedback_entry", "feedback_id", record_id)}
    rows = _raw(session, kind, "id", record_id)
    if not rows:
        return None
    whole: dict[str, Any] = {"record": rows[0]}
    if kind == "safeguarding_record":
        whole["addenda"] = _raw(session, "safeguarding_addendum", "record_id", record_id)
    return whole


def _erasure_content(session: Session, client_id: int) -> Any:
    listed = session.execute(
        text(
            "SELECT kind, record_id FROM erased_record WHERE client_id = :id ORDER BY kind, record_id"
        ),
        {"id": client_id},
    ).all()
    return {
        "client_id": client_id,
        "records": [
            {"kind": kind, "record_id": rid, "c": _redacted_content(session, kind, rid)}
            for kind, rid in listed
        ],
    }


def _content(session: Session, kind_name: str, record_id: int) -> tuple[Any, str]:
    """(content to hash or None when the record is gone, the carer's name for it)."""
    if kind_name == ERASURE:
        return _erasure_content(session, record_id), f"the erasure of client {record_id}"
    is_pdf = kind_name.endswith(PDF)
    kind = KINDS[kind_name.removesuffix(PDF)]
    row = _row(session, kind, record_id)
    name = kind.label(row, record_id) + (" (its PDF)" if is_pdf else "")
    if row is None:
        return None, name
    if is_pdf:
        pdf = session.execute(
            text(f"SELECT {kind.pdf_column} FROM {kind.table} WHERE id = :id"), {"id": record_id}
        ).scalar()
        return {"id": record_id, "pdf_sha256": bytes_digest(pdf)}, name
    content: dict[str, Any] = {"record": row}
    if kind.lines is not None:
        table, parent, columns = kind.lines
        content["lines"] = [
            {k: _plain(v) for k, v in r._mapping.items()}
            for r in session.execute(
                text(f"SELECT {', '.join(columns)} FROM {table} WHERE {parent} = :id ORDER BY id"),
                {"id": record_id},
            )
        ]
    return content, name


def _entry_hash(seq: int, kind: str, record_id: int, prev_hash: str, content: Any) -> str:
    return digest(
        {"seq": seq, "kind": kind, "record_id": record_id, "prev_hash": prev_hash, "c": content}
    )


def _last(session: Session) -> tuple[int, str]:
    row = session.execute(
        select(RecordSeal.seq, RecordSeal.content_hash).order_by(RecordSeal.seq.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row is not None else (0, GENESIS)


def _is_sealed(session: Session, kind: str, record_id: int) -> bool:
    return bool(
        session.scalar(
            select(func.count())
            .select_from(RecordSeal)
            .where(RecordSeal.kind == kind, RecordSeal.record_id == record_id)
        )
    )


def _add(session: Session, kind: str, record_id: int) -> None:
    content, _name = _content(session, kind, record_id)
    seq, prev = _last(session)
    seal = RecordSeal(
        seq=seq + 1,
        kind=kind,
        record_id=record_id,
        prev_hash=prev,
        content_hash=_entry_hash(seq + 1, kind, record_id, prev, content),
    )
    session.add(seal)
    session.flush()
    set_setting(session, HEAD_SETTING, f"{seal.seq}:{seal.content_hash}")


def seal_record(session: Session, kind: str, record_id: int) -> None:
    """Seals a record that has just become final (and its PDF, if stored already)."""
    session.flush()
    _add(session, kind, record_id)
    if _has_pdf(session, KINDS[kind], record_id):
        _add(session, kind + PDF, record_id)


def seal_pdf(session: Session, kind: str, record_id: int) -> None:
    """Seals the PDF of a sealed record, stored on first request after it became final."""
    session.flush()
    if not _is_sealed(session, kind + PDF, record_id):
        _add(session, kind + PDF, record_id)


def _has_pdf(session: Session, kind: Sealed, record_id: int) -> bool:
    return bool(
        session.scalar(
            text(f"SELECT {kind.pdf_column} IS NOT NULL FROM {kind.table} WHERE id = :id"),
            {"id": record_id},
        )
    )


def _still_final(session: Session, kind: Sealed, record_id: int) -> bool:
    return bool(
        session.scalar(
            text(f"SELECT {kind.final} FROM {kind.table} WHERE id = :id"), {"id": record_id}
        )
    )


def seal_unsealed(session: Session) -> int:
    """Seals every final record (and stored PDF) not sealed yet, oldest first: for a
    database made before seals existed (migration 0008). Returns how many entries."""
    made = 0
    for kind_name, kind in KINDS.items():
        ids = session.scalars(
            text(f"SELECT id FROM {kind.table} WHERE {kind.final} ORDER BY id")
        ).all()
        for record_id in ids:
            if not _is_sealed(session, kind_name, record_id):
                _add(session, kind_name, record_id)
                made += 1
            if _has_pdf(session, kind, record_id) and not _is_sealed(
                session, kind_name + PDF, record_id
            ):
                _add(session, kind_name + PDF, record_id)
                made += 1
    return made


def seal_erasure(session: Session, client_id: int) -> None:
    """Seals the erasure of a client, after its records listed in erased_record were redacted."""
    session.flush()
    _add(session, ERASURE, client_id)


def erased_under_seal(session: Session) -> dict[tuple[str, int], int]:
    """(kind, record id) of each record redacted by a sealed erasure -> that erasure's seq."""
    has_table = session.scalar(
        text("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'erased_record'")
    )
    if not has_table:  # a database not yet migrated to 0014
        return {}
    return {
        (kind, record_id): seq
        for kind, record_id, seq in session.execute(
            text(
                "SELECT e.kind, e.record_id, s.seq FROM erased_record e JOIN record_seal s "
                f"ON s.kind = '{ERASURE}' AND s.record_id = e.client_id"
            )
        )
    }


def verify_seals(session: Session) -> list[str]:
    """Every seal recomputed from the rows as they are now; every final record sealed."""
    erased = erased_under_seal(session)
    links: list[Link] = []
    gone: list[str] = []
    sealed: set[tuple[str, int]] = set()
    for seq, kind, record_id, prev_hash, content_hash in session.execute(
        text("SELECT seq, kind, record_id, prev_hash, content_hash FROM record_seal ORDER BY seq")
    ):
        sealed.add((kind, record_id))
        try:
            content, name = _content(session, kind, record_id)
        except KeyError:
            content, name = None, f"an entry of unknown kind (seal {seq})"
        redacted_after = erased.get((kind.removesuffix(PDF), record_id), 0) > seq
        if content is None:
            gone.append(f"{name} was sealed but is no longer in the database")
            matches = False
        else:
            matches = redacted_after or (
                _entry_hash(seq, kind, record_id, prev_hash, content) == content_hash
            )
            if kind in KINDS and not _still_final(session, KINDS[kind], record_id):
                gone.append(f"{name} was sealed as final but is now marked as not final")
        links.append(Link(seq, name, matches, prev_hash, content_hash))
    problems = gone + link_problems(links, get_setting(session, HEAD_SETTING), "chain of seals")
    for kind_name, kind in KINDS.items():
        rows = session.execute(
            text(
                f"SELECT id, {kind.pdf_column} IS NOT NULL FROM {kind.table} "
                f"WHERE {kind.final} ORDER BY id"
            )
        ).all()
        for record_id, has_pdf in rows:
            if (kind_name, record_id) not in sealed:
                name = kind.label(_row(session, kind, record_id), record_id)
                problems.append(f"{name} is final but was never sealed (made outside Daybook?)")
            elif (
                has_pdf
                and (kind_name + PDF, record_id) not in sealed
                and (kind_name, record_id) not in erased  # its erasure seals the PDF
            ):
                name = kind.label(_row(session, kind, record_id), record_id)
                problems.append(f"{name} has a PDF that was never sealed (put in outside Daybook?)")
    return problems
