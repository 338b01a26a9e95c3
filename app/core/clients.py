"""Clients (the people cared for) and who pays for their care."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.core import validators as v
from app.core.base import Base, UTCDateTime, get_record, utcnow
from app.core.changes import Area, Changes, Done, changes
from app.core.errors import ValidationError

MAX_RATE_PENCE = 20000  # £200/h: above this a rate is surely a typing slip


class ClientStatus(StrEnum):
    ENQUIRY = "enquiry"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class PayerType(StrEnum):
    CLIENT = "client"
    FAMILY = "family"
    DIRECT_PAYMENT = "direct_payment"
    COUNCIL = "council"


PAYER_LABELS = {
    PayerType.CLIENT: "The client",
    PayerType.FAMILY: "A family member",
    PayerType.DIRECT_PAYMENT: "Direct Payment managed account",
    PayerType.COUNCIL: "The council",
}
STATUS_LABELS = {s: s.value.capitalize() for s in ClientStatus}


class Client(Base):
    __tablename__ = "client"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    preferred_name: Mapped[str] = mapped_column(String(100), default="")
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    payer_type: Mapped[PayerType] = mapped_column(String(20), default=PayerType.CLIENT)
    payer_name: Mapped[str] = mapped_column(String(200), default="")
    payer_address: Mapped[str] = mapped_column(Text, default="")
    payer_email: Mapped[str] = mapped_column(String(254), default="")
    payer_phone: Mapped[str] = mapped_column(String(40), default="")
    dp_rate_pence: Mapped[int | None] = mapped_column(Integer)
    care_notes: Mapped[str] = mapped_column(Text, default="")  # sensitive (health)
    key_safe: Mapped[str] = mapped_column(Text, default="")  # sensitive
    status: Mapped[ClientStatus] = mapped_column(String(20), default=ClientStatus.ENQUIRY)
    start_date: Mapped[date | None] = mapped_column(Date)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # casefolded name, preferred name, payer, phone and address: SQLite's LIKE folds only ASCII
    search_key: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    emergency_contacts: Mapped[list[EmergencyContact]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="EmergencyContact.id"
    )

    def __repr__(self) -> str:  # never care notes or key-safe details
        return f"Client(id={self.id!r})"

    @property
    def display_name(self) -> str:
        if self.preferred_name and self.preferred_name != self.name:
            return f"{self.name} ({self.preferred_name})"
        return self.name

    @property
    def pays_for_self(self) -> bool:
        return self.payer_type == PayerType.CLIENT

    @property
    def billing_name(self) -> str:
        return self.name if self.pays_for_self else (self.payer_name or self.name)

    @property
    def billing_address(self) -> str:
        return self.address if self.pays_for_self else (self.payer_address or self.address)


class EmergencyContact(Base):
    __tablename__ = "emergency_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relationship_to_client: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")

    client: Mapped[Client] = relationship(back_populates="emergency_contacts")


@dataclass
class ContactDraft:
    name: str = ""
    relationship: str = ""
    phone: str = ""


@dataclass
class ClientDraft:
    name: str = ""
    preferred_name: str = ""
    date_of_birth: date | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    payer_type: PayerType = PayerType.CLIENT
    payer_name: str = ""
    payer_address: str = ""
    payer_email: str = ""
    payer_phone: str = ""
    dp_rate_pence: int | None = None
    care_notes: str = ""
    key_safe: str = ""
    status: ClientStatus = ClientStatus.ENQUIRY
    start_date: date | None = None
    emergency_contacts: list[ContactDraft] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"ClientDraft(name={self.name!r})"


@dataclass(frozen=True)
class ClientRow:
    """What a list shows: no sensitive fields."""

    id: int
    name: str
    preferred_name: str
    status: ClientStatus
    payer: str
    phone: str
    start_date: date | None
    archived: bool


def validate_client(draft: ClientDraft, *, today: date) -> ClientDraft:
    payer_type = PayerType(draft.payer_type)
    payer_name = v.optional_text(draft.payer_name, "payer_name", "payer's name", max_len=200)
    if payer_type != PayerType.CLIENT and not payer_name:
        raise ValidationError("payer_name", "Enter who pays: their name or the account's name.")
    contacts = []
    for i, c in enumerate(draft.emergency_contacts):
        if not (c.name or c.phone or c.relationship).strip():
            continue
        contacts.append(
            ContactDraft(
                name=v.required_text(c.name, f"emergency_contacts.{i}.name", "contact's name"),
                relationship=v.optional_text(
                    c.relationship,
                    f"emergency_contacts.{i}.relationship",
                    "relationship",
                    max_len=100,
                ),
                phone=v.phone(c.phone, f"emergency_contacts.{i}.phone", required=True),
            )
        )
    start = draft.start_date
    if start is not None and not (1990 <= start.year <= today.year + 5):
        raise ValidationError("start_date", "Check the start date's year.")
    return ClientDraft(
        name=v.required_text(draft.name, "name", "client's name"),
        preferred_name=v.optional_text(
            draft.preferred_name, "preferred_name", "preferred name", max_len=100
        ),
        date_of_birth=v.past_date(
            draft.date_of_birth, "date_of_birth", "date of birth", today=today
        ),
        address=v.optional_text(draft.address, "address", "address", max_len=500),
        phone=v.phone(draft.phone),
        email=v.email(draft.email),
        payer_type=payer_type,
        payer_name=payer_name if payer_type != PayerType.CLIENT else "",
        payer_address=v.optional_text(
            draft.payer_address, "payer_address", "billing address", max_len=500
        )
        if payer_type != PayerType.CLIENT
        else "",
        payer_email=v.email(draft.payer_email, "payer_email")
        if payer_type != PayerType.CLIENT
        else "",
        payer_phone=v.phone(draft.payer_phone, "payer_phone")
        if payer_type != PayerType.CLIENT
        else "",
        dp_rate_pence=v.pence_range(
            draft.dp_rate_pence, "dp_rate_pence", "Direct Payment rate", maximum=MAX_RATE_PENCE
        ),
        care_notes=v.optional_text(
            draft.care_notes, "care_notes", "care notes", max_len=v.MAX_LONG_TEXT
        ),
        key_safe=v.optional_text(draft.key_safe, "key_safe", "key-safe details", max_len=500),
        status=ClientStatus(draft.status),
        start_date=start,
        emergency_contacts=contacts,
    )


def _apply(client: Client, clean: ClientDraft) -> None:
    for name in ClientDraft.__dataclass_fields__:
        if name != "emergency_contacts":
            setattr(client, name, getattr(clean, name))
    client.search_key = fold(
        " ".join(
            [
                clean.name,
                clean.preferred_name,
                clean.payer_name,
                clean.phone,
                clean.address.replace("\n", " "),
            ]
        )
    )
    client.emergency_contacts = [
        EmergencyContact(name=c.name, relationship_to_client=c.relationship, phone=c.phone)
        for c in clean.emergency_contacts
    ]


def add_client(session: Session, draft: ClientDraft, *, today: date) -> Client:
    clean = validate_client(draft, today=today)
    client = Client()
    _apply(client, clean)
    session.add(client)
    session.flush()
    return client


def update_client(session: Session, client_id: int, draft: ClientDraft, *, today: date) -> Changes:
    clean = validate_client(draft, today=today)
    client = get_client(session, client_id)
    _apply(client, clean)
    session.flush()
    return changes(Area.CLIENTS)


def save_client(
    session: Session, client_id: int | None, draft: ClientDraft, *, today: date
) -> Done[int]:
    """Adds the client (no id yet) or updates it; the client's id."""
    if client_id is None:
        client_id = add_client(session, draft, today=today).id
    else:
        update_client(session, client_id, draft, today=today)
    return Done(client_id, changes(Area.CLIENTS))


def get_client(session: Session, client_id: int) -> Client:
    return get_record(session, Client, client_id, f"There is no client with number {client_id}.")


def archive_client(session: Session, client_id: int) -> Changes:
    """Hides a client from the everyday list. Nothing is deleted; it can be undone."""
    client = get_client(session, client_id)
    if client.archived_at is None:
        client.archived_at = utcnow()
    return changes(Area.CLIENTS)


def restore_client(session: Session, client_id: int) -> Changes:
    get_client(session, client_id).archived_at = None
    return changes(Area.CLIENTS)


def draft_from_client(client: Client) -> ClientDraft:
    values = {
        k: getattr(client, k) for k in ClientDraft.__dataclass_fields__ if k != "emergency_contacts"
    }
    contacts = [
        ContactDraft(c.name, c.relationship_to_client, c.phone) for c in client.emergency_contacts
    ]
    return ClientDraft(**values, emergency_contacts=contacts)


def fold(text: str) -> str:
    return " ".join(text.casefold().split())


def payer_in_words(name: str, payer_type: str) -> str:
    """'Paul Whitfield (son) · A family member': the name as typed (it may carry its own
    brackets), then who the payer is, never a second pair of brackets."""
    label = PAYER_LABELS[PayerType(payer_type)]
    return f"{name.strip()} · {label}" if name.strip() else label


def _row(c: Client) -> ClientRow:
    payer = c.name if c.pays_for_self else payer_in_words(c.payer_name, c.payer_type)
    return ClientRow(
        c.id,
        c.name,
        c.preferred_name,
        ClientStatus(c.status),
        payer,
        c.phone,
        c.start_date,
        c.archived_at is not None,
    )


def search_clients(
    session: Session,
    text: str = "",
    *,
    include_archived: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[ClientRow]:
    """Clients whose name, preferred name, payer, phone or address contains `text`."""
    stmt = select(Client)
    if not include_archived:
        stmt = stmt.where(Client.archived_at.is_(None))
    for word in fold(text or "").split():
        stmt = stmt.where(Client.search_key.contains(word, autoescape=True))
    stmt = stmt.order_by(func.lower(Client.name), Client.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_row(c) for c in session.scalars(stmt)]


def client_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every client not archived, for pickers in other areas."""
    rows = session.execute(
        select(Client.id, Client.name)
        .where(Client.archived_at.is_(None))
        .order_by(func.lower(Client.name))
    )
    return [(r.id, r.name) for r in rows]


def client_as_json(c: Client) -> dict[str, object]:
    """What `daybook client list --json` prints: no care notes or key-safe details."""
    return {
        "id": c.id,
        "name": c.name,
        "preferred_name": c.preferred_name,
        "status": ClientStatus(c.status).value,
        "payer_type": PayerType(c.payer_type).value,
        "payer_name": c.billing_name,
        "phone": c.phone,
        "email": c.email,
        "start_date": c.start_date.isoformat() if c.start_date else None,
        "dp_rate_pence": c.dp_rate_pence,
        "archived": c.archived_at is not None,
    }


def list_clients_json(
    session: Session, *, include_archived: bool = True
) -> list[dict[str, object]]:
    stmt = select(Client).order_by(Client.id)
    if not include_archived:
        stmt = stmt.where(Client.archived_at.is_(None))
    return [client_as_json(c) for c in session.scalars(stmt)]
