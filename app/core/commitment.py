"""The Independent Carer Commitment Agreement (Somerset's Community Carers Connect form).

A short voluntary agreement signed by carer and client together, beside the contract: clear
communication and agreed boundaries; up-to-date DBS and insurance checks (filled in here from
the portfolio: certificate or policy number and expiry); safe, respectful and professional
practice; honesty, dignity and mutual respect. When it is signed, the date is recorded and
the PDF kept byte for byte, as a signed contract version's is; a signed agreement is never
changed (a trigger in migration 0009 refuses it): a new one is signed instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, LargeBinary, String, select
from sqlalchemy.orm import Mapped, Session, deferred, mapped_column

from app.core import validators as v
from app.core.base import Base, UTCDateTime, get_record, utcnow
from app.core.changes import Area, Done, changes
from app.core.clients import Client

COMMITMENTS = (
    (
        "Clear communication and agreed boundaries",
        "We talk openly and early about the care, times and any change. The carer works only "
        "within the tasks agreed in writing, and both of us respect the boundaries in our "
        "agreement.",
    ),
    (
        "Up-to-date DBS and insurance checks",
        "The carer keeps a current Enhanced DBS check and public liability insurance, and shows "
        "them whenever asked. The details below are those in force when this was printed.",
    ),
    (
        "Safe, respectful and professional practice",
        "The carer follows good practice in safeguarding, confidentiality and record keeping, "
        "works only within their skills and training, and raises any concern about safety.",
    ),
    (
        "Honesty, dignity and mutual respect",
        "We treat each other honestly, kindly and with respect. Bullying, intimidation or "
        "harassment by anyone is not accepted.",
    ),
)


class CommitmentAgreement(Base):
    __tablename__ = "commitment_agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    signed_on: Mapped[date] = mapped_column(Date)
    signed_how: Mapped[str] = mapped_column(String(200), default="")
    pdf: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False)
    )  # byte for byte as signed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"CommitmentAgreement(id={self.id!r})"


@dataclass(frozen=True)
class Check:
    """A DBS certificate or insurance policy as the portfolio holds it."""

    title: str
    issuer: str
    number: str
    issue_date: date | None
    expiry_date: date | None
    renewal_date: date | None  # DBS update service
    cover_pence: int | None


@dataclass(frozen=True)
class CommitmentData:
    client_id: int
    client_name: str
    carer_name: str
    trading_name: str
    address: str
    phone: str
    email: str
    dbs: Check | None
    insurance: Check | None
    printed_on: date
    signed_on: date | None = None
    signed_how: str = ""


def _current_check(session: Session, doc_type: str, on: date) -> Check | None:
    """The newest document of that type that is not archived (unexpired ones first)."""
    from app.core.portfolio.models import PortfolioDocument

    docs = session.scalars(
        select(PortfolioDocument).where(
            PortfolioDocument.doc_type == doc_type, PortfolioDocument.archived_at.is_(None)
        )
    ).all()
    if not docs:
        return None

    def key(d: PortfolioDocument) -> tuple[bool, date]:
        live = d.expiry_date is None or d.expiry_date >= on
        return (live, d.issue_date or d.expiry_date or date.min)

    d = max(docs, key=key)
    return Check(
        d.title, d.issuer, d.number, d.issue_date, d.expiry_date, d.renewal_date, d.cover_pence
    )


def commitment_data(
    session: Session, client_id: int, *, today: date, signed_on: date | None = None, how: str = ""
) -> CommitmentData:
    from app.core.portfolio.models import DocType
    from app.core.profile import get_profile

    client = get_record(session, Client, client_id, f"There is no client number {client_id}.")
    profile = get_profile(session)
    on = signed_on or today
    return CommitmentData(
        client_id=client.id,
        client_name=client.name,
        carer_name=profile.carer_name if profile else "",
        trading_name=profile.trading_name if profile else "",
        address=profile.address if profile else "",
        phone=profile.phone if profile else "",
        email=profile.email if profile else "",
        dbs=_current_check(session, DocType.DBS.value, on),
        insurance=_current_check(session, DocType.INSURANCE.value, on),
        printed_on=today,
        signed_on=signed_on,
        signed_how=how,
    )


Renderer = Callable[[CommitmentData], bytes]


def sign_commitment(
    session: Session,
    client_id: int,
    *,
    signed_on: date | None,
    how: str,
    today: date,
    render: Renderer,
) -> Done[int]:
    """Records that carer and client signed it on a day, and keeps its PDF; returns its id."""
    get_record(session, Client, client_id, f"There is no client number {client_id}.")
    day = v.past_date(signed_on, "signed_on", "date it was signed", today=today, required=True)
    how = v.optional_text(how, "signed_how", "way it was signed", max_len=200)
    data = commitment_data(session, client_id, today=today, signed_on=day, how=how)
    agreement = CommitmentAgreement(client_id=client_id, signed_on=day, signed_how=how)
    agreement.pdf = render(data)
    session.add(agreement)
    session.flush()
    return Done(agreement.id, changes(Area.CONTRACTS))


def signed_agreements(session: Session, client_id: int) -> list[CommitmentAgreement]:
    """This client's signed agreements, newest first."""
    return list(
        session.scalars(
            select(CommitmentAgreement)
            .where(CommitmentAgreement.client_id == client_id)
            .order_by(CommitmentAgreement.signed_on.desc(), CommitmentAgreement.id.desc())
        )
    )


def signed_pdf(session: Session, agreement_id: int) -> bytes:
    agreement = get_record(
        session, CommitmentAgreement, agreement_id, "That signed agreement is no longer there."
    )
    return agreement.pdf
