"""Contract services: draft, validate, send, sign, version, end. No Qt, no ReportLab.

Lifecycle of a version: draft -> sent -> signed. A signed version is locked; new terms make
a new version that starts on a date. When the new version is signed, the earlier one
becomes "superseded" (it still governs the days before the new start date).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.base import get_record
from app.core.changes import Area, Changes, changes
from app.core.checks import integrity_check
from app.core.clients import MAX_RATE_PENCE, Client, get_client
from app.core.contracts.clauses import CLAUSES, clause_template, validate_clause
from app.core.contracts.models import (
    Contract,
    ContractStatus,
    ContractVersion,
    InvoiceFrequency,
    PaymentMethod,
    PlanBContact,
    ScheduleSlot,
)
from app.core.contracts.schedule import (
    DAY_NAMES,
    overlapping_slots,
    same_weeks,
    schedule_in_words,
    time_range,
    validate_slots,
)
from app.core.errors import DaybookError, LockedRecord, ValidationError
from app.core.formatting import format_date, format_money
from app.core.reminders import DueItem, Urgency, due_provider

SIGNED_STATES = (ContractStatus.SIGNED, ContractStatus.SUPERSEDED)
STATUS_LABELS = {
    ContractStatus.DRAFT: "Draft",
    ContractStatus.SENT: "Sent, waiting for signature",
    ContractStatus.SIGNED: "Signed",
    ContractStatus.SUPERSEDED: "Replaced by a later version",
}
SERVICE_CHOICES = {
    "personal_care": "Personal care (washing, dressing, toileting)",
    "meals": "Preparing meals and drinks",
    "shopping": "Shopping and errands",
    "companionship": "Companionship and outings",
    "medication_prompts": "Prompting to take medication",
    "domestic": "Domestic help (light cleaning, laundry)",
}
RATE_FIELDS = {
    "standard_rate_pence": "standard rate",
    "evening_rate_pence": "evening rate",
    "weekend_rate_pence": "weekend rate",
    "bank_holiday_rate_pence": "bank holiday rate",
    "specialist_rate_pence": "specialist rate",
}
USUAL_NOTICE_DAYS = (7, 14)
MAX_NOTICE_DAYS = 365
MAX_MINIMUM_CHARGE_PENCE = 50000  # £500 a visit
MAX_MILEAGE_PENCE = 500  # £5 a mile
MAX_PAYMENT_TERMS_DAYS = 120


class NoticeBy(StrEnum):
    CLIENT = "client"
    CARER = "carer"


NOTICE_BY_LABELS = {NoticeBy.CLIENT: "the client", NoticeBy.CARER: "the carer"}


# ---------------------------------------------------------------------------------------
# Which terms apply on a day (other areas call this)


def version_in_effect(session: Session, client_id: int, on: date) -> ContractVersion | None:
    """The signed (or since superseded) version whose terms apply to `client_id` on `on`.

    Signed versions only; the latest `starts_on <= on`; None after the contract's end date.
    When a client has several contracts, the one with the latest starting version wins.
    """
    stmt = (
        select(ContractVersion)
        .join(Contract, ContractVersion.contract_id == Contract.id)
        .where(
            Contract.client_id == client_id,
            ContractVersion.status.in_([s.value for s in SIGNED_STATES]),
            ContractVersion.starts_on <= on,
            (Contract.end_date.is_(None)) | (Contract.end_date >= on),
        )
        .order_by(
            ContractVersion.starts_on.desc(),
            ContractVersion.version_no.desc(),
            ContractVersion.id.desc(),
        )
        .limit(1)
    )
    return session.scalars(stmt).first()


# ---------------------------------------------------------------------------------------
# The form


@dataclass
class ContractDraft:
    """Every term a carer types into the contract form."""

    client_id: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None  # only for a fixed-term agreement
    services: list[str] = field(default_factory=list)
    services_text: str = ""
    schedule: list[ScheduleSlot] = field(default_factory=list)
    every_n_weeks: int = 1
    standard_rate_pence: int | None = None
    evening_rate_pence: int | None = None
    weekend_rate_pence: int | None = None
    bank_holiday_rate_pence: int | None = None
    specialist_rate_pence: int | None = None
    minimum_charge_pence: int = 0
    mileage_pence_per_mile: int = 0
    late_cancel_hours: int = 24
    late_cancel_percent: int = 100
    payment_method: PaymentMethod = PaymentMethod.BANK_TRANSFER
    invoice_frequency: InvoiceFrequency = InvoiceFrequency.MONTHLY
    payment_terms_days: int = 14
    notice_days_client: int = 14
    notice_days_carer: int = 14
    plan_b_text: str = ""
    boundaries_text: str = ""
    confidentiality_text: str = ""
    complaints_text: str = ""

    def __repr__(self) -> str:
        return f"ContractDraft(client_id={self.client_id!r}, starts_on={self.starts_on!r})"


# Fields copied one to one between a draft and a version (schedule is converted).
_PLAIN_FIELDS = tuple(
    f.name for f in fields(ContractDraft) if f.name not in ("client_id", "schedule")
)


def _rate(value: int | None, name: str, *, required: bool = False) -> int | None:
    label = RATE_FIELDS[name]
    if value is None:
        if required:
            raise ValidationError(name, f"Enter the {label} in pounds per hour, for example 20.00.")
        return None
    if value < 0:
        raise ValidationError(name, f"The {label} cannot be negative.")
    if value > MAX_RATE_PENCE:
        raise ValidationError(
            name, f"The {label} is over {format_money(MAX_RATE_PENCE)} an hour; check the figure."
        )
    if required and value == 0:
        raise ValidationError(name, f"The {label} must be more than £0.00 an hour.")
    return value


def _whole(value: int | None, name: str, label: str, *, low: int, high: int, unit: str = "") -> int:
    if value is None:
        raise ValidationError(name, f"Enter the {label}.")
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(name, f"The {label} must be a whole number.")
    if value < low:
        raise ValidationError(name, f"The {label} must be at least {low}{unit}.")
    if value > high:
        raise ValidationError(name, f"The {label} must be at most {high}{unit}; check the figure.")
    return value


def validate_contract(draft: ContractDraft, *, today: date) -> ContractDraft:
    """Checks every term; returns a cleaned copy or raises ValidationError naming the field."""
    if draft.starts_on is None:
        raise ValidationError("starts_on", "Enter the date the agreement starts.")
    if not (today.year - 30 <= draft.starts_on.year <= today.year + 5):
        raise ValidationError("starts_on", "Check the start date's year.")
    if draft.ends_on is not None and draft.ends_on < draft.starts_on:
        raise ValidationError("ends_on", "The end date is before the start date.")
    unknown = [s for s in draft.services if s not in SERVICE_CHOICES]
    if unknown:
        raise ValidationError(
            "services", "Choose services from the list, or describe them in the box below it."
        )
    services_text = v.optional_text(
        draft.services_text, "services_text", "services description", max_len=v.MAX_TEXT * 2
    )
    if not draft.services and not services_text:
        raise ValidationError("services", "Tick at least one service, or describe the help agreed.")
    every = draft.every_n_weeks
    slots = validate_slots(list(draft.schedule), every)
    rates = {
        name: _rate(getattr(draft, name), name, required=name == "standard_rate_pence")
        for name in RATE_FIELDS
    }
    minimum = (
        v.pence_range(
            draft.minimum_charge_pence or 0,
            "minimum_charge_pence",
            "minimum charge",
            maximum=MAX_MINIMUM_CHARGE_PENCE,
        )
        or 0
    )
    mileage = (
        v.pence_range(
            draft.mileage_pence_per_mile or 0,
            "mileage_pence_per_mile",
            "mileage rate",
            maximum=MAX_MILEAGE_PENCE,
        )
        or 0
    )
    clean = ContractDraft(
        client_id=draft.client_id,
        starts_on=draft.starts_on,
        ends_on=draft.ends_on,
        services=[s for s in SERVICE_CHOICES if s in draft.services],
        services_text=services_text,
        schedule=slots,
        every_n_weeks=every,
        minimum_charge_pence=minimum,
        mileage_pence_per_mile=mileage,
        late_cancel_hours=_whole(
            draft.late_cancel_hours,
            "late_cancel_hours",
            "late-cancellation notice",
            low=0,
            high=168,
            unit=" hours",
        ),
        late_cancel_percent=_whole(
            draft.late_cancel_percent,
            "late_cancel_percent",
            "late-cancellation charge",
            low=0,
            high=100,
            unit="%",
        ),
        payment_method=_enum(
            PaymentMethod, draft.payment_method, "payment_method", "Choose how the client pays."
        ),
        invoice_frequency=_enum(
            InvoiceFrequency,
            draft.invoice_frequency,
            "invoice_frequency",
            "Choose how often you invoice.",
        ),
        payment_terms_days=_whole(
            draft.payment_terms_days,
            "payment_terms_days",
            "payment terms",
            low=0,
            high=MAX_PAYMENT_TERMS_DAYS,
            unit=" days",
        ),
        notice_days_client=_notice(draft.notice_days_client, "notice_days_client", "client's"),
        notice_days_carer=_notice(draft.notice_days_carer, "notice_days_carer", "carer's"),
        plan_b_text=validate_clause(draft.plan_b_text, "plan_b_text", required=True),
        boundaries_text=validate_clause(draft.boundaries_text, "boundaries_text"),
        confidentiality_text=validate_clause(draft.confidentiality_text, "confidentiality_text"),
        complaints_text=validate_clause(draft.complaints_text, "complaints_text"),
        **rates,
    )
    return clean


def _enum(kind: type[StrEnum], value: object, name: str, message: str):  # type: ignore[no-untyped-def]
    try:
        return kind(value)
    except ValueError:
        raise ValidationError(name, message) from None


def _notice(value: int | None, name: str, whose: str) -> int:
    if value is None:
        raise ValidationError(name, f"Enter the {whose} notice period in days.")
    if value <= 0:
        raise ValidationError(
            name, f"The {whose} notice period must be at least 1 day (7 to 14 days is usual)."
        )
    return _whole(value, name, f"{whose} notice period", low=1, high=MAX_NOTICE_DAYS, unit=" days")


def _apply(version: ContractVersion, clean: ContractDraft) -> None:
    for name in _PLAIN_FIELDS:
        setattr(version, name, getattr(clean, name))
    version.services = list(clean.services)
    version.schedule = [s.as_json() for s in clean.schedule]


def draft_from_version(version: ContractVersion) -> ContractDraft:
    values = {name: getattr(version, name) for name in _PLAIN_FIELDS}
    values["services"] = list(version.services or [])
    return ContractDraft(client_id=version.contract.client_id, schedule=version.slots, **values)


def new_contract_draft(session: Session, client_id: int, *, today: date) -> ContractDraft:
    """A fresh form for a client: usual terms and the clause wording from the template."""
    client = get_client(session, client_id)
    template = clause_template(session)
    return ContractDraft(
        client_id=client.id,
        starts_on=today,
        standard_rate_pence=None,
        payment_method=(
            PaymentMethod.DIRECT_PAYMENT_CARD
            if client.payer_type == "direct_payment"
            else PaymentMethod.BANK_TRANSFER
        ),
        **{name: getattr(template, name) for name in CLAUSES},
    )


# ---------------------------------------------------------------------------------------
# Finding


def get_contract(session: Session, contract_id: int) -> Contract:
    return get_record(
        session, Contract, contract_id, f"There is no contract with number {contract_id}."
    )


def get_version(session: Session, version_id: int) -> ContractVersion:
    return get_record(
        session,
        ContractVersion,
        version_id,
        f"There is no contract version with number {version_id}.",
    )


def latest_version(contract: Contract) -> ContractVersion:
    return max(contract.versions, key=lambda ver: ver.version_no)


def latest_signed(contract: Contract) -> ContractVersion | None:
    signed = [ver for ver in contract.versions if ver.status in SIGNED_STATES]
    return max(signed, key=lambda ver: ver.version_no) if signed else None


def contracts_for_client(session: Session, client_id: int) -> list[Contract]:
    return list(
        session.scalars(
            select(Contract).where(Contract.client_id == client_id).order_by(Contract.id)
        )
    )


# ---------------------------------------------------------------------------------------
# Drafting and editing


def draft_contract(session: Session, draft: ContractDraft, *, today: date) -> ContractVersion:
    """A new contract for draft.client_id with version 1 as a draft."""
    if draft.client_id is None:
        raise ValidationError("client_id", "Choose the client this agreement is with.")
    client = get_client(session, draft.client_id)
    clean = validate_contract(draft, today=today)
    for other in contracts_for_client(session, client.id):
        if other.end_date is None or other.end_date >= clean.starts_on:  # type: ignore[operator]
            raise DaybookError(
                f"This client already has an agreement (contract {other.id}) running then. "
                "Change it by making a new version, or give notice on it first."
            )
    contract = Contract(client_id=client.id)
    version = ContractVersion(version_no=1, status=ContractStatus.DRAFT)
    _apply(version, clean)
    contract.versions.append(version)
    session.add(contract)
    contract.end_date = clean.ends_on
    session.flush()
    return version


def _locked_message(version: ContractVersion) -> str:
    return (
        f"Version {version.version_no} of this agreement is signed, so its terms cannot "
        "change. To change them, make a new version that starts on a date."
    )


def update_version(
    session: Session, version_id: int, draft: ContractDraft, *, today: date
) -> Changes:
    """Edits an unsigned version. A sent version goes back to draft (send it again)."""
    version = get_version(session, version_id)
    if version.locked:
        raise LockedRecord(_locked_message(version))
    clean = validate_contract(draft, today=today)
    _check_start_after_signed(version, clean.starts_on)  # type: ignore[arg-type]
    _apply(version, clean)
    if version.status == ContractStatus.SENT:
        version.status = ContractStatus.DRAFT
        version.sent_on = None
    if version.version_no == 1 or latest_signed(version.contract) is None:
        version.contract.end_date = clean.ends_on
        _recompute_end(version.contract)
    session.flush()
    return changes(Area.CONTRACTS)


def _check_start_after_signed(version: ContractVersion, starts_on: date) -> None:
    earlier = [
        ver
        for ver in version.contract.versions
        if ver is not version and ver.status in SIGNED_STATES
    ]
    if earlier:
        last = max(earlier, key=lambda ver: ver.starts_on)
        if starts_on <= last.starts_on:
            raise ValidationError(
                "starts_on",
                f"A new version must start after version {last.version_no} "
                f"started ({format_date(last.starts_on)}).",
            )


def send_version(session: Session, version_id: int, *, sent_on: date) -> Changes:
    version = get_version(session, version_id)
    if version.locked:
        raise LockedRecord(_locked_message(version))
    version.status = ContractStatus.SENT
    version.sent_on = sent_on
    session.flush()
    return changes(Area.CONTRACTS)


PdfRenderer = Callable[[Session, ContractVersion], bytes]


def sign_version(
    session: Session,
    version_id: int,
    *,
    signed_on: date | None,
    how: str,
    today: date,
    render: PdfRenderer,
) -> Changes:
    """Marks a version signed on a date, stores its PDF byte for byte, and supersedes the
    earlier signed version from this version's start date."""
    version = get_version(session, version_id)
    if version.locked:
        raise LockedRecord(f"Version {version.version_no} is already signed.")
    signed_on = v.past_date(
        signed_on, "signed_on", "date it was signed", today=today, required=True
    )
    how = v.required_text(
        how,
        "signed_how",
        "way it was signed (for example: on paper, at the first visit)",
        max_len=200,
    )
    # The stored terms must still pass today's checks (they did when saved).
    validate_contract(draft_from_version(version), today=today)
    _check_start_after_signed(version, version.starts_on)
    version.status = ContractStatus.SIGNED
    version.signed_on = signed_on
    version.signed_how = how
    for other in version.contract.versions:
        if other is not version and other.status == ContractStatus.SIGNED:
            other.status = ContractStatus.SUPERSEDED
    _recompute_end(version.contract)
    session.flush()
    version.signed_pdf = render(session, version)
    session.flush()
    return changes(Area.CONTRACTS)


def new_version(
    session: Session, contract_id: int, *, starts_on: date | None, today: date
) -> ContractVersion:
    """A draft copy of the signed terms, to change, starting on `starts_on`."""
    contract = get_contract(session, contract_id)
    base = latest_signed(contract)
    if base is None:
        raise DaybookError("This agreement has not been signed yet: change the draft instead.")
    pending = [ver for ver in contract.versions if not ver.locked]
    if pending:
        raise DaybookError(
            f"Version {pending[0].version_no} is already being drafted; change that one."
        )
    if starts_on is None:
        raise ValidationError("starts_on", "Enter the date the new terms start.")
    if starts_on <= base.starts_on:
        raise ValidationError(
            "starts_on",
            f"The new version must start after version "
            f"{base.version_no} started "
            f"({format_date(base.starts_on)}).",
        )
    if contract.end_date is not None and starts_on > contract.end_date:
        raise ValidationError(
            "starts_on", f"The agreement ends before that date ({format_date(contract.end_date)})."
        )
    if not (today.year - 30 <= starts_on.year <= today.year + 5):
        raise ValidationError("starts_on", "Check the start date's year.")
    version = ContractVersion(
        version_no=latest_version(contract).version_no + 1, status=ContractStatus.DRAFT
    )
    draft = draft_from_version(base)
    draft.starts_on = starts_on
    _apply(version, draft)
    contract.versions.append(version)
    session.flush()
    return version


def discard_draft(session: Session, version_id: int) -> Changes:
    """Deletes a version that was never signed; a contract with nothing left goes too."""
    version = get_version(session, version_id)
    if version.locked:
        raise LockedRecord(_locked_message(version))
    contract = version.contract
    contract.versions.remove(version)
    session.delete(version)
    if not contract.versions:
        session.delete(contract)
    session.flush()
    return changes(Area.CONTRACTS)


# ---------------------------------------------------------------------------------------
# Ending


def notice_last_day(given_on: date, notice_days: int) -> date:
    """Notice given on 1 November with 14 days' notice runs 2–15 November: last day the 15th."""
    return given_on + timedelta(days=notice_days)


def _recompute_end(contract: Contract) -> None:
    ends = []
    signed = latest_signed(contract)
    fixed = signed.ends_on if signed else None
    if signed is None and contract.versions:
        fixed = latest_version(contract).ends_on
    if fixed:
        ends.append(fixed)
    if contract.notice_given_on and contract.notice_given_by and signed is not None:
        ends.append(
            notice_last_day(
                contract.notice_given_on, _notice_days(contract, NoticeBy(contract.notice_given_by))
            )
        )
    contract.end_date = min(ends) if ends else None


def _notice_days(contract: Contract, by: NoticeBy) -> int:
    base = latest_signed(contract)
    assert base is not None
    return base.notice_days_client if by == NoticeBy.CLIENT else base.notice_days_carer


def give_notice(
    session: Session, contract_id: int, *, by: str, given_on: date | None, today: date
) -> date:
    """Records who gave notice and when; returns the agreement's last day."""
    contract = get_contract(session, contract_id)
    if latest_signed(contract) is None:
        raise DaybookError(
            "This agreement has not been signed, so there is no notice to give: "
            "discard the draft instead."
        )
    if contract.notice_given_on is not None:
        raise DaybookError(
            f"Notice was already given on {format_date(contract.notice_given_on)}."
            " Withdraw it first to record different notice."
        )
    try:
        side = NoticeBy(by)
    except ValueError:
        raise ValidationError(
            "notice_given_by", "Choose who gave notice: the client or the carer."
        ) from None
    if given_on is None:
        raise ValidationError("notice_given_on", "Enter the date notice was given.")
    if given_on > today + timedelta(days=366) or given_on.year < today.year - 30:
        raise ValidationError("notice_given_on", "Check the date notice was given.")
    if contract.end_date is not None and given_on > contract.end_date:
        raise ValidationError(
            "notice_given_on",
            f"The agreement had already ended by then ({format_date(contract.end_date)}).",
        )
    contract.notice_given_by = side.value
    contract.notice_given_on = given_on
    _recompute_end(contract)
    session.flush()
    assert contract.end_date is not None
    return contract.end_date


def withdraw_notice(session: Session, contract_id: int) -> Changes:
    contract = get_contract(session, contract_id)
    contract.notice_given_by = None
    contract.notice_given_on = None
    _recompute_end(contract)
    session.flush()
    return changes(Area.CONTRACTS)


# ---------------------------------------------------------------------------------------
# Warnings (never blocks)


def contract_warnings(session: Session, draft: ContractDraft) -> list[str]:
    """Calm notes about terms that are allowed but worth a second look."""
    from app.core.profile import get_profile
    from app.core.schemes import SCHEMES, Scheme

    out: list[str] = []
    rates = {
        name: getattr(draft, name)
        for name in RATE_FIELDS
        if isinstance(getattr(draft, name), int) and getattr(draft, name) > 0
    }
    client = session.get(Client, draft.client_id) if draft.client_id else None
    if client is not None and client.dp_rate_pence:
        for name, pence in rates.items():
            if pence < client.dp_rate_pence:
                out.append(
                    f"The {RATE_FIELDS[name]} ({format_money(pence)} an hour) is below "
                    f"this client's Direct Payment rate "
                    f"({format_money(client.dp_rate_pence)} an hour)."
                )
    profile = get_profile(session)
    if profile is not None:
        try:
            scheme = SCHEMES[Scheme(profile.scheme)]
        except ValueError:
            scheme = None
        threshold = scheme.tell_network_rate_pence if scheme else None
        if threshold:
            high = [RATE_FIELDS[n] for n, p in rates.items() if p >= threshold]
            if high:
                out.append(
                    f"The {_and(high)} {'is' if len(high) == 1 else 'are'} at or above "
                    f"{format_money(threshold)} an hour: {scheme.name} asks you to "
                    "tell the network about rates at this level."
                )
    for name, whose in (("notice_days_client", "client's"), ("notice_days_carer", "carer's")):
        days = getattr(draft, name)
        if (
            isinstance(days, int)
            and days > 0
            and not (USUAL_NOTICE_DAYS[0] <= days <= USUAL_NOTICE_DAYS[1])
        ):
            out.append(
                f"The {whose} notice period ({days} days) is outside the usual "
                f"{USUAL_NOTICE_DAYS[0]}–{USUAL_NOTICE_DAYS[1]} days."
            )
    out.extend(_overlap_warnings(session, draft))
    return out


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _overlap_warnings(session: Session, draft: ContractDraft) -> list[str]:
    slots = [s for s in draft.schedule if s.end > s.start]
    if not slots or draft.starts_on is None:
        return []
    stmt = (
        select(ContractVersion)
        .join(Contract)
        .where(
            ContractVersion.status == ContractStatus.SIGNED,
            (Contract.end_date.is_(None)) | (Contract.end_date >= draft.starts_on),
        )
    )
    if draft.client_id is not None:
        stmt = stmt.where(Contract.client_id != draft.client_id)
    out = []
    for other in session.scalars(stmt.order_by(Contract.client_id, ContractVersion.id)):
        if draft.ends_on is not None and other.starts_on > draft.ends_on:
            continue
        if not same_weeks(
            draft.starts_on, draft.every_n_weeks or 1, other.starts_on, other.every_n_weeks or 1
        ):
            continue
        for mine, theirs in overlapping_slots(slots, other.slots):
            out.append(
                f"The {DAY_NAMES[mine.weekday]} {time_range(mine.start, mine.end)} "
                f"visit overlaps {other.contract.client.name}'s visit at "
                f"{time_range(theirs.start, theirs.end)}."
            )
    return out


# ---------------------------------------------------------------------------------------
# Lists


@dataclass(frozen=True)
class ContractRow:
    contract_id: int
    version_id: int
    client_id: int
    client_name: str
    version_no: int
    status: ContractStatus
    starts_on: date
    standard_rate_pence: int
    schedule: str
    notice_days_client: int
    notice_days_carer: int
    end_date: date | None
    notice_given_by: str | None
    notice_given_on: date | None

    @property
    def status_label(self) -> str:
        if self.end_date is not None and self.status in SIGNED_STATES:
            return f"{STATUS_LABELS[self.status]}, ends {format_date(self.end_date)}"
        return STATUS_LABELS[self.status]


def contract_rows(session: Session, client_id: int | None = None) -> list[ContractRow]:
    """One row per contract, showing its latest version."""
    stmt = select(Contract).join(Client).order_by(Client.name, Contract.id)
    if client_id is not None:
        stmt = stmt.where(Contract.client_id == client_id)
    rows = []
    for c in session.scalars(stmt):
        if not c.versions:
            continue
        ver = latest_version(c)
        rows.append(
            ContractRow(
                contract_id=c.id,
                version_id=ver.id,
                client_id=c.client_id,
                client_name=c.client.name,
                version_no=ver.version_no,
                status=ContractStatus(ver.status),
                starts_on=ver.starts_on,
                standard_rate_pence=ver.standard_rate_pence,
                schedule=schedule_in_words(ver.slots, ver.every_n_weeks or 1),
                notice_days_client=ver.notice_days_client,
                notice_days_carer=ver.notice_days_carer,
                end_date=c.end_date,
                notice_given_by=c.notice_given_by,
                notice_given_on=c.notice_given_on,
            )
        )
    return rows


def row_as_json(row: ContractRow) -> dict[str, object]:
    """What `daybook contract list --json` prints."""
    return {
        "id": row.contract_id,
        "version_id": row.version_id,
        "client_id": row.client_id,
        "client_name": row.client_name,
        "version": row.version_no,
        "status": row.status.value,
        "starts_on": row.starts_on.isoformat(),
        "standard_rate_pence": row.standard_rate_pence,
        "schedule": row.schedule,
        "notice_days_client": row.notice_days_client,
        "notice_days_carer": row.notice_days_carer,
        "end_date": row.end_date.isoformat() if row.end_date else None,
        "notice_given_by": row.notice_given_by,
        "notice_given_on": row.notice_given_on.isoformat() if row.notice_given_on else None,
    }


# ---------------------------------------------------------------------------------------
# Plan B contacts


class PlanBKind(StrEnum):
    ARRANGES_COVER = "arranges_cover"
    PROVIDER = "provider"


PLAN_B_KIND_LABELS = {
    PlanBKind.ARRANGES_COVER: "Arranges cover (family or advocate)",
    PlanBKind.PROVIDER: "Another provider the carer may suggest",
}


@dataclass
class PlanBDraft:
    kind: PlanBKind = PlanBKind.ARRANGES_COVER
    name: str = ""
    phone: str = ""
    notes: str = ""
    consent_to_share: bool = False

    def __repr__(self) -> str:
        return f"PlanBDraft(kind={self.kind!r})"


def add_plan_b_contact(
    session: Session, client_id: int, draft: PlanBDraft, *, today: date
) -> PlanBContact:
    get_client(session, client_id)
    try:
        kind = PlanBKind(draft.kind)
    except ValueError:
        raise ValidationError("kind", "Choose who this contact is.") from None
    contact = PlanBContact(
        client_id=client_id,
        kind=kind.value,
        name=v.required_text(draft.name, "name", "contact's name"),
        phone=v.phone(draft.phone, "phone", required=kind == PlanBKind.ARRANGES_COVER),
        notes=v.optional_text(draft.notes, "notes", "notes", max_len=1000),
        consent_to_share=bool(draft.consent_to_share),
        consent_recorded_on=today if draft.consent_to_share else None,
    )
    session.add(contact)
    session.flush()
    return contact


def set_plan_b_consent(session: Session, contact_id: int, consent: bool, *, today: date) -> Changes:
    contact = _plan_b(session, contact_id)
    contact.consent_to_share = consent
    contact.consent_recorded_on = today
    session.flush()
    return changes(Area.CONTRACTS)


def _plan_b(session: Session, contact_id: int) -> PlanBContact:
    return get_record(
        session, PlanBContact, contact_id, f"There is no Plan B contact with number {contact_id}."
    )


def remove_plan_b_contact(session: Session, contact_id: int) -> Changes:
    session.delete(_plan_b(session, contact_id))
    session.flush()
    return changes(Area.CONTRACTS)


def plan_b_contacts_for(session: Session, client_id: int) -> list[PlanBContact]:
    """Who arranges cover first, then providers the carer may suggest; by name."""
    rows = session.scalars(
        select(PlanBContact).where(PlanBContact.client_id == client_id).order_by(PlanBContact.id)
    )
    return sorted(rows, key=lambda c: (c.kind != PlanBKind.ARRANGES_COVER, c.name.casefold()))


# ---------------------------------------------------------------------------------------
# Today and `daybook check`


@due_provider("contracts")
def due(session: Session, today: date) -> list[DueItem]:
    items = []
    ending = session.scalars(
        select(Contract).where(
            Contract.end_date.is_not(None),
            Contract.end_date >= today,
            Contract.notice_given_on.is_not(None),
        )
    )
    for c in ending:
        assert c.end_date is not None
        days = (c.end_date - today).days
        urgency = Urgency.TODAY if days == 0 else Urgency.SOON if days <= 7 else Urgency.LATER
        who = NOTICE_BY_LABELS.get(NoticeBy(c.notice_given_by), "") if c.notice_given_by else ""
        items.append(
            DueItem(
                Area.CONTRACTS,
                "Agreement ending",
                f"{c.client.name}: the agreement's last day (notice given by {who} "
                f"on {format_date(c.notice_given_on)})",
                c.end_date,
                urgency,
                c.id,
            )
        )
    waiting = session.scalars(
        select(ContractVersion).where(
            ContractVersion.status == ContractStatus.SENT,
            ContractVersion.sent_on <= today - timedelta(days=7),
        )
    )
    for ver in waiting:
        items.append(
            DueItem(
                Area.CONTRACTS,
                "Agreement not signed yet",
                f"{ver.contract.client.name}: version {ver.version_no} sent "
                f"{format_date(ver.sent_on)}, not signed yet",
                ver.starts_on,
                Urgency.SOON if ver.starts_on <= today + timedelta(days=7) else Urgency.LATER,
                ver.contract_id,
            )
        )
    return items


@integrity_check("contracts")
def check(session: Session) -> list[str]:
    problems = []
    for c in session.scalars(select(Contract).order_by(Contract.id)):
        unsigned = [ver for ver in c.versions if not ver.locked]
        if len(unsigned) > 1:
            problems.append(f"contract {c.id} has {len(unsigned)} unsigned versions")
        signed_now = [ver for ver in c.versions if ver.status == ContractStatus.SIGNED]
        if len(signed_now) > 1:
            problems.append(f"contract {c.id} has {len(signed_now)} current signed versions")
        for ver in c.versions:
            if ver.locked and not ver.signed_pdf:
                problems.append(
                    f"contract {c.id} version {ver.version_no} is signed but its PDF is missing"
                )
        if not c.versions:
            problems.append(f"contract {c.id} has no versions")
    return problems
