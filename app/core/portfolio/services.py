"""Portfolio services: documents, their files, the default set, per-client choices, share log.

Plain functions taking a Session; they validate, flush and return Changes or the new record.
Checking that a PDF opens (not damaged, not password-protected) needs pypdf, so it lives in
app/documents/portfolio_pdf.py (`check_attachment`); the UI and CLI call it before attaching.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record, utcnow
from app.core.changes import Area, Changes, Done, changes
from app.core.clients import Client
from app.core.errors import NotFound, ValidationError
from app.core.files import (  # noqa: F401  (re-exported for the documents layer)
    HEIC,
    HEIC_UNREADABLE,
    IMAGE_MIMES,
    JPEG,
    PDF,
    PNG,
    clean_filename,
    heic_supported,
    sniff_mime,
)
from app.core.formatting import format_date
from app.core.portfolio.expiry import ExpiryStatus, days_left, expiry_status, status_text
from app.core.portfolio.models import (
    TYPE_LABELS,
    TYPE_ORDER,
    DocType,
    PortfolioClientChoice,
    PortfolioDocument,
    PortfolioFile,
    ShareHow,
    ShareLog,
)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_COVER_PENCE = 100_000_000_00  # £100m: more than any carer's policy


# ---------------------------------------------------------------- documents


@dataclass
class DocumentDraft:
    doc_type: DocType = DocType.OTHER
    title: str = ""
    issuer: str = ""
    number: str = ""
    issue_date: date | None = None
    expiry_date: date | None = None
    renewal_date: date | None = None
    cover_pence: int | None = None
    notes: str = ""
    in_default_set: bool = True


@dataclass(frozen=True)
class DocumentRow:
    """What a list shows about a document (no file bytes)."""

    id: int
    doc_type: DocType
    title: str
    issuer: str
    number: str
    issue_date: date | None
    expiry_date: date | None
    renewal_date: date | None
    status: ExpiryStatus
    status_text: str
    days_left: int | None
    files_count: int
    in_default_set: bool
    archived: bool

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.doc_type]


@dataclass(frozen=True)
class FileRow:
    id: int
    document_id: int
    filename: str
    mime: str
    size: int

    @property
    def is_pdf(self) -> bool:
        return self.mime == PDF


def _check_year(value: date | None, field: str, label: str, *, today: date) -> date | None:
    if value is not None and not (1950 <= value.year <= today.year + 50):
        raise ValidationError(field, f"Check the year of the {label}.")
    return value


def validate_document(draft: DocumentDraft, *, today: date) -> DocumentDraft:
    try:
        doc_type = DocType(draft.doc_type)
    except ValueError:
        raise ValidationError("doc_type", "Choose what kind of document this is.") from None
    issue = v.past_date(draft.issue_date, "issue_date", "issue date", today=today)
    issue = _check_year(issue, "issue_date", "issue date", today=today)
    expiry = _check_year(draft.expiry_date, "expiry_date", "expiry date", today=today)
    renewal = _check_year(draft.renewal_date, "renewal_date", "renewal date", today=today)
    if issue is not None and expiry is not None and expiry < issue:
        raise ValidationError(
            "expiry_date", "The expiry date is before the issue date; check both."
        )
    if issue is not None and renewal is not None and renewal < issue:
        raise ValidationError(
            "renewal_date", "The renewal date is before the issue date; check both."
        )
    return DocumentDraft(
        doc_type=doc_type,
        title=v.required_text(draft.title, "title", "document's title"),
        issuer=v.optional_text(draft.issuer, "issuer", "issuer", max_len=200),
        number=v.optional_text(draft.number, "number", "number", max_len=100),
        issue_date=issue,
        expiry_date=expiry,
        renewal_date=renewal,
        cover_pence=v.pence_range(
            draft.cover_pence, "cover_pence", "cover", maximum=MAX_COVER_PENCE
        ),
        notes=v.optional_text(draft.notes, "notes", "notes", max_len=v.MAX_TEXT),
        in_default_set=bool(draft.in_default_set),
    )


def _apply(doc: PortfolioDocument, clean: DocumentDraft) -> None:
    for name in DocumentDraft.__dataclass_fields__:
        setattr(doc, name, getattr(clean, name))
    doc.updated_at = utcnow()


def add_document(session: Session, draft: DocumentDraft, *, today: date) -> PortfolioDocument:
    clean = validate_document(draft, today=today)
    doc = PortfolioDocument()
    _apply(doc, clean)
    session.add(doc)
    session.flush()
    return doc


def update_document(
    session: Session, document_id: int, draft: DocumentDraft, *, today: date
) -> Changes:
    clean = validate_document(draft, today=today)
    _apply(get_document(session, document_id), clean)
    session.flush()
    return changes(Area.PORTFOLIO)


def save_document(
    session: Session, document_id: int | None, draft: DocumentDraft, *, today: date
) -> Done[int]:
    """Adds the document (no id yet) or updates it; the document's id."""
    if document_id is None:
        document_id = add_document(session, draft, today=today).id
    else:
        update_document(session, document_id, draft, today=today)
    return Done(document_id, changes(Area.PORTFOLIO))


def get_document(session: Session, document_id: int) -> PortfolioDocument:
    return get_record(
        session,
        PortfolioDocument,
        document_id,
        f"There is no portfolio document with number {document_id}.",
    )


def draft_from_document(doc: PortfolioDocument) -> DocumentDraft:
    return DocumentDraft(**{k: getattr(doc, k) for k in DocumentDraft.__dataclass_fields__})


def archive_document(session: Session, document_id: int) -> Changes:
    """Hides a document from lists and exports. Nothing is deleted; it can be restored."""
    doc = get_document(session, document_id)
    if doc.archived_at is None:
        doc.archived_at = utcnow()
    session.flush()
    return changes(Area.PORTFOLIO)


def restore_document(session: Session, document_id: int) -> Changes:
    get_document(session, document_id).archived_at = None
    session.flush()
    return changes(Area.PORTFOLIO)


def set_in_default_set(session: Session, document_id: int, included: bool) -> Changes:
    get_document(session, document_id).in_default_set = bool(included)
    session.flush()
    return changes(Area.PORTFOLIO)


def set_default_set(session: Session, document_ids: list[int]) -> Changes:
    """The documents exported when nothing else is chosen: exactly these."""
    wanted = set(document_ids)
    for doc in session.scalars(select(PortfolioDocument)):
        doc.in_default_set = doc.id in wanted
    session.flush()
    return changes(Area.PORTFOLIO)


def _row(doc: PortfolioDocument, files_count: int, today: date) -> DocumentRow:
    return DocumentRow(
        id=doc.id,
        doc_type=DocType(doc.doc_type),
        title=doc.title,
        issuer=doc.issuer,
        number=doc.number,
        issue_date=doc.issue_date,
        expiry_date=doc.expiry_date,
        renewal_date=doc.renewal_date,
        status=expiry_status(doc.expiry_date, doc.renewal_date, today),
        status_text=status_text(doc.expiry_date, doc.renewal_date, today),
        days_left=days_left(doc.expiry_date, doc.renewal_date, today),
        files_count=files_count,
        in_default_set=doc.in_default_set,
        archived=doc.archived,
    )


def _sort_key(doc: PortfolioDocument) -> tuple[Any, ...]:
    return (TYPE_ORDER.get(DocType(doc.doc_type), 99), doc.title.casefold(), doc.id)


def list_documents(
    session: Session, *, today: date, include_archived: bool = False
) -> list[DocumentRow]:
    """Every document, by type (DBS first) then title, with its status on `today`."""
    counts = dict(
        session.execute(
            select(PortfolioFile.document_id, func.count(PortfolioFile.id)).group_by(
                PortfolioFile.document_id
            )
        ).all()
    )
    stmt = select(PortfolioDocument)
    if not include_archived:
        stmt = stmt.where(PortfolioDocument.archived_at.is_(None))
    docs = sorted(session.scalars(stmt), key=_sort_key)
    return [_row(d, counts.get(d.id, 0), today) for d in docs]


def document_row(session: Session, document_id: int, *, today: date) -> DocumentRow:
    doc = get_document(session, document_id)
    count = (
        session.scalar(
            select(func.count(PortfolioFile.id)).where(PortfolioFile.document_id == document_id)
        )
        or 0
    )
    return _row(doc, count, today)


def documents_as_json(
    session: Session, *, today: date, include_archived: bool = False
) -> list[dict[str, object]]:
    """What `daybook portfolio list --json` prints."""
    return [
        {
            "id": r.id,
            "type": r.doc_type.value,
            "title": r.title,
            "issuer": r.issuer,
            "number": r.number,
            "issue_date": r.issue_date.isoformat() if r.issue_date else None,
            "expiry_date": r.expiry_date.isoformat() if r.expiry_date else None,
            "renewal_date": r.renewal_date.isoformat() if r.renewal_date else None,
            "status": r.status.value,
            "files": r.files_count,
            "in_default_set": r.in_default_set,
            "archived": r.archived,
        }
        for r in list_documents(session, today=today, include_archived=include_archived)
    ]


# ---------------------------------------------------------------- files


def check_file_kind(filename: str, data: bytes) -> str:
    """The MIME type to store, or ValidationError("file", ...) naming the file."""
    name = clean_filename(filename)
    if not data:
        raise ValidationError("file", f"“{name}” is empty, so there is nothing to attach.")
    if len(data) > MAX_FILE_BYTES:
        mb = len(data) / (1024 * 1024)
        raise ValidationError(
            "file",
            f"“{name}” is {mb:,.0f} MB; files can be at most 50 MB. "
            "Scan it at a lower resolution, or save a smaller copy.",
        )
    mime = sniff_mime(data)
    if mime == HEIC and not heic_supported():
        raise ValidationError(
            "file",
            f"“{name}” {HEIC_UNREADABLE}",
        )
    if mime is None:
        raise ValidationError(
            "file", f"“{name}” is not a PDF, JPEG or PNG file, so it cannot be attached."
        )
    return mime


def attach_file(
    session: Session, document_id: int, filename: str, data: bytes
) -> Done[PortfolioFile]:
    """Stores the file inside the database. The file kind is read from its content."""
    doc = get_document(session, document_id)
    mime = check_file_kind(filename, data)
    last = session.scalar(
        select(func.max(PortfolioFile.sort_order)).where(PortfolioFile.document_id == doc.id)
    )
    f = PortfolioFile(
        document_id=doc.id,
        filename=clean_filename(filename),
        mime=mime,
        size=len(data),
        content=bytes(data),
        sort_order=(last or 0) + 1,
    )
    session.add(f)
    doc.updated_at = utcnow()
    session.flush()
    return Done(f, changes(Area.PORTFOLIO))


def get_file(session: Session, file_id: int) -> PortfolioFile:
    return get_record(
        session, PortfolioFile, file_id, f"There is no portfolio file with number {file_id}."
    )


def remove_file(session: Session, file_id: int) -> Changes:
    session.delete(get_file(session, file_id))
    session.flush()
    return changes(Area.PORTFOLIO)


def move_file(session: Session, file_id: int, step: int) -> Changes:
    """Moves a file up (step -1) or down (+1) among its document's files."""
    f = get_file(session, file_id)
    files = list_files(session, f.document_id)
    ids = [r.id for r in files]
    i = ids.index(file_id)
    j = max(0, min(len(ids) - 1, i + step))
    ids.insert(j, ids.pop(i))
    for order, fid in enumerate(ids, start=1):
        session.get(PortfolioFile, fid).sort_order = order  # type: ignore[union-attr]
    session.flush()
    return changes(Area.PORTFOLIO)


def list_files(session: Session, document_id: int) -> list[FileRow]:
    rows = session.execute(
        select(
            PortfolioFile.id,
            PortfolioFile.document_id,
            PortfolioFile.filename,
            PortfolioFile.mime,
            PortfolioFile.size,
        )
        .where(PortfolioFile.document_id == document_id)
        .order_by(PortfolioFile.sort_order, PortfolioFile.id)
    )
    return [FileRow(*r) for r in rows]


def file_content(session: Session, file_id: int) -> bytes:
    data = session.scalar(select(PortfolioFile.content).where(PortfolioFile.id == file_id))
    if data is None:
        raise NotFound(f"There is no portfolio file with number {file_id}.")
    return bytes(data)


# ---------------------------------------------------------------- choosing what to send


def _live_ids(session: Session, ids: list[int] | set[int]) -> list[int]:
    """The ids that are documents not archived, in portfolio order."""
    wanted = set(ids)
    docs = session.scalars(
        select(PortfolioDocument).where(
            PortfolioDocument.archived_at.is_(None), PortfolioDocument.id.in_(wanted)
        )
    )
    return [d.id for d in sorted(docs, key=_sort_key)]


def default_document_ids(session: Session) -> list[int]:
    ids = session.scalars(
        select(PortfolioDocument.id).where(
            PortfolioDocument.in_default_set.is_(True), PortfolioDocument.archived_at.is_(None)
        )
    )
    return _live_ids(session, set(ids))


def all_document_ids(session: Session) -> list[int]:
    return _live_ids(session, set(session.scalars(select(PortfolioDocument.id))))


def client_choice(session: Session, client_id: int) -> list[int] | None:
    """The documents saved for this client, or None when the default set applies."""
    row = session.get(PortfolioClientChoice, client_id)
    return None if row is None else _live_ids(session, row.document_ids or [])


def client_document_ids(session: Session, client_id: int) -> list[int]:
    chosen = client_choice(session, client_id)
    return default_document_ids(session) if chosen is None else chosen


def _client(session: Session, client_id: int) -> Client:
    return get_record(session, Client, client_id, f"There is no client with number {client_id}.")


def save_client_choice(session: Session, client_id: int, document_ids: list[int] | None) -> Changes:
    """Remembers which documents this client gets; None goes back to the default set."""
    _client(session, client_id)
    row = session.get(PortfolioClientChoice, client_id)
    if document_ids is None:
        if row is not None:
            session.delete(row)
    else:
        row = row or PortfolioClientChoice(client_id=client_id)
        row.document_ids = _live_ids(session, document_ids)
        row.updated_at = utcnow()
        session.add(row)
    session.flush()
    return changes(Area.PORTFOLIO)


# ---------------------------------------------------------------- share log


@dataclass(frozen=True)
class ShareRow:
    id: int
    client_id: int | None
    client_name: str
    recipient: str
    how: ShareHow
    shared_at: datetime
    document_titles: list[str]
    watermark: str
    notes: str


def watermark_text(client_name: str, on: date) -> str:
    return f"Shared with {client_name} on {format_date(on)}"


def record_share(
    session: Session,
    *,
    document_ids: list[int],
    client_id: int | None = None,
    recipient: str = "",
    how: ShareHow | str = ShareHow.SENT,
    shared_at: datetime | None = None,
    watermark: str = "",
    notes: str = "",
) -> Done[ShareLog]:
    """Notes that the portfolio (these documents) was sent or shown to someone."""
    client = _client(session, client_id) if client_id is not None else None
    who = (recipient or "").strip() or (client.name if client else "")
    who = v.required_text(who, "recipient", "name of who saw the portfolio")
    try:
        how = ShareHow(how)
    except ValueError:
        raise ValidationError("how", "Choose whether the portfolio was sent or shown.") from None
    if not document_ids:
        raise ValidationError("document_ids", "Choose at least one document.")
    docs = {
        d.id: d
        for d in session.scalars(
            select(PortfolioDocument).where(PortfolioDocument.id.in_(set(document_ids)))
        )
    }
    missing = [i for i in document_ids if i not in docs]
    if missing:
        raise NotFound(f"There is no portfolio document with number {missing[0]}.")
    ordered = sorted(docs.values(), key=_sort_key)
    when = shared_at or utcnow()
    if when.tzinfo is None:
        raise ValidationError("shared_at", "The time shared needs a time zone.")
    entry = ShareLog(
        client_id=client_id,
        recipient=who,
        how=how,
        shared_at=when,
        document_ids=[d.id for d in ordered],
        document_titles=[d.title for d in ordered],
        watermark=v.optional_text(watermark, "watermark", "watermark", max_len=300),
        notes=v.optional_text(notes, "notes", "notes", max_len=v.MAX_TEXT),
    )
    session.add(entry)
    session.flush()
    return Done(entry, changes(Area.PORTFOLIO))


def share_log(session: Session, client_id: int | None = None) -> list[ShareRow]:
    """Newest first; only this client's when `client_id` is given."""
    stmt = (
        select(ShareLog, Client.name)
        .outerjoin(Client, Client.id == ShareLog.client_id)
        .order_by(ShareLog.shared_at.desc(), ShareLog.id.desc())
    )
    if client_id is not None:
        stmt = stmt.where(ShareLog.client_id == client_id)
    return [
        ShareRow(
            e.id,
            e.client_id,
            name or "",
            e.recipient,
            ShareHow(e.how),
            e.shared_at,
            list(e.document_titles or []),
            e.watermark,
            e.notes,
        )
        for e, name in session.execute(stmt)
    ]
