"""The export plan: what goes into a portfolio PDF, in order, without the files' bytes.

app/documents/portfolio_pdf.py renders a plan; it asks for each file's bytes one at a time
(through a loader) so that memory stays flat however big the portfolio is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import NotFound, ValidationError
from app.core.portfolio.expiry import ExpiryStatus, expiry_status, status_text
from app.core.portfolio.models import TYPE_LABELS, DocType, PortfolioDocument, PortfolioFile
from app.core.portfolio.services import _client, _sort_key, watermark_text
from app.core.profile import get_profile
from app.core.schemes import SCHEMES, Scheme


@dataclass(frozen=True)
class PlanFile:
    id: int
    filename: str
    mime: str
    size: int


@dataclass(frozen=True)
class PlanDocument:
    id: int
    doc_type: DocType
    title: str
    issuer: str
    number: str
    issue_date: date | None
    expiry_date: date | None
    renewal_date: date | None
    cover_pence: int | None
    status: ExpiryStatus
    status_text: str
    files: tuple[PlanFile, ...]

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.doc_type]


@dataclass(frozen=True)
class ExportPlan:
    carer_name: str
    trading_name: str
    address: str
    phone: str
    email: str
    scheme_name: str
    prepared_on: date
    client_id: int | None
    client_name: str
    watermark: str  # "" for none
    documents: tuple[PlanDocument, ...]

    @property
    def document_ids(self) -> list[int]:
        return [d.id for d in self.documents]

    @property
    def file_count(self) -> int:
        return sum(len(d.files) for d in self.documents)


def build_export_plan(
    session: Session,
    document_ids: list[int],
    *,
    today: date,
    client_id: int | None = None,
    watermark: bool = False,
) -> ExportPlan:
    """The chosen documents (archived ones left out), in portfolio order, with their files."""
    if not document_ids:
        raise ValidationError("document_ids", "Choose at least one document to include.")
    docs = list(
        session.scalars(
            select(PortfolioDocument).where(
                PortfolioDocument.id.in_(set(document_ids)), PortfolioDocument.archived_at.is_(None)
            )
        )
    )
    if not docs:
        raise NotFound("None of the chosen portfolio documents exist any more.")
    files: dict[int, list[PlanFile]] = {}
    for r in session.execute(
        select(
            PortfolioFile.id,
            PortfolioFile.document_id,
            PortfolioFile.filename,
            PortfolioFile.mime,
            PortfolioFile.size,
        )
        .where(PortfolioFile.document_id.in_([d.id for d in docs]))
        .order_by(PortfolioFile.sort_order, PortfolioFile.id)
    ):
        files.setdefault(r.document_id, []).append(PlanFile(r.id, r.filename, r.mime, r.size))
    client = _client(session, client_id) if client_id is not None else None
    if watermark and client is None:
        raise ValidationError("client_id", "Choose the client to name in the watermark.")
    profile = get_profile(session)
    scheme = (
        SCHEMES[Scheme(profile.scheme)].name if profile and profile.scheme != Scheme.OTHER else ""
    )
    return ExportPlan(
        carer_name=profile.carer_name if profile else "",
        trading_name=profile.trading_name if profile else "",
        address=profile.address if profile else "",
        phone=profile.phone if profile else "",
        email=profile.email if profile else "",
        scheme_name=scheme,
        prepared_on=today,
        client_id=client_id,
        client_name=client.name if client else "",
        watermark=watermark_text(client.name, today) if (watermark and client) else "",
        documents=tuple(
            PlanDocument(
                id=d.id,
                doc_type=DocType(d.doc_type),
                title=d.title,
                issuer=d.issuer,
                number=d.number,
                issue_date=d.issue_date,
                expiry_date=d.expiry_date,
                renewal_date=d.renewal_date,
                cover_pence=d.cover_pence,
                status=expiry_status(d.expiry_date, d.renewal_date, today),
                status_text=status_text(d.expiry_date, d.renewal_date, today),
                files=tuple(files.get(d.id, [])),
            )
            for d in sorted(docs, key=_sort_key)
        ),
    )
