"""The carer's business profile: who they are, how they are paid, where they work."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core import validators as v
from app.core.base import Base
from app.core.changes import Area, Changes, changes
from app.core.schemes import SCHEMES, Scheme

SENSITIVE_FIELDS = ("sort_code", "account_number", "utr", "ni_number")


class BusinessProfile(Base):
    __tablename__ = "business_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    trading_name: Mapped[str] = mapped_column(String(200))
    carer_name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    bank_account_name: Mapped[str] = mapped_column(String(200), default="")
    sort_code: Mapped[str] = mapped_column(String(8), default="")
    account_number: Mapped[str] = mapped_column(String(8), default="")
    utr: Mapped[str] = mapped_column(String(10), default="")
    ni_number: Mapped[str] = mapped_column(String(9), default="")
    scheme: Mapped[Scheme] = mapped_column(String(20), default=Scheme.OTHER)
    safeguarding_phone: Mapped[str] = mapped_column(String(40), default="")

    def __repr__(self) -> str:  # never print bank details, UTR or NI number
        return f"BusinessProfile(id={self.id!r}, trading_name={self.trading_name!r})"


@dataclass
class ProfileDraft:
    trading_name: str = ""
    carer_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    bank_account_name: str = ""
    sort_code: str = ""
    account_number: str = ""
    utr: str = ""
    ni_number: str = ""
    scheme: Scheme = Scheme.OTHER
    safeguarding_phone: str = ""

    def __repr__(self) -> str:
        return f"ProfileDraft(trading_name={self.trading_name!r})"


def default_safeguarding_phone(scheme: Scheme) -> str:
    return SCHEMES[scheme].safeguarding_phone


def validate_profile(draft: ProfileDraft) -> ProfileDraft:
    """Checks every field; returns a cleaned copy or raises ValidationError for the first bad one."""
    scheme = Scheme(draft.scheme)
    sort_code = v.sort_code(draft.sort_code)
    account = v.account_number(draft.account_number)
    if bool(sort_code) != bool(account):
        field = "account_number" if sort_code else "sort_code"
        raise v.ValidationError(
            field, "Enter both the sort code and the account number, or neither."
        )
    return ProfileDraft(
        trading_name=v.required_text(draft.trading_name, "trading_name", "trading name"),
        carer_name=v.required_text(draft.carer_name, "carer_name", "name you work under"),
        address=v.optional_text(draft.address, "address", "address", max_len=500),
        phone=v.phone(draft.phone),
        email=v.email(draft.email),
        bank_account_name=v.optional_text(
            draft.bank_account_name, "bank_account_name", "account name", max_len=200
        ),
        sort_code=sort_code,
        account_number=account,
        utr=v.utr(draft.utr),
        ni_number=v.ni_number(draft.ni_number),
        scheme=scheme,
        safeguarding_phone=v.phone(draft.safeguarding_phone, "safeguarding_phone"),
    )


def get_profile(session: Session) -> BusinessProfile | None:
    return session.scalars(select(BusinessProfile).limit(1)).first()


def save_profile(session: Session, draft: ProfileDraft) -> Changes:
    clean = validate_profile(draft)
    profile = get_profile(session) or BusinessProfile()
    for name, value in vars(clean).items():
        setattr(profile, name, value)
    session.add(profile)
    session.flush()
    return changes(Area.PROFILE)


def draft_from_profile(profile: BusinessProfile) -> ProfileDraft:
    return ProfileDraft(**{k: getattr(profile, k) for k in ProfileDraft.__dataclass_fields__})
