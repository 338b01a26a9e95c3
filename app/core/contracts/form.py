"""The contract form: every term the carer types, checked and cleaned; copying terms between a
form and a version."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.clients import MAX_RATE_PENCE, get_client
from app.core.contracts.clauses import CLAUSES, clause_template, validate_clause
from app.core.contracts.models import (
    ContractVersion,
    InvoiceFrequency,
    PaymentMethod,
    ScheduleSlot,
)
from app.core.contracts.schedule import (
    validate_slots,
)
from app.core.errors import ValidationError
from app.core.formatting import format_money
from app.core.pricing import ChargeRule

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
MAX_OVERRUN_MINUTES = 240
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
    charge_rule: ChargeRule = ChargeRule.TIME_SPENT
    overrun_after_minutes: int | None = None  # booked time: over-runs past this are charged
    christmas_holiday_rate: bool = False
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
    rule, overrun = _charging(draft)
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
        charge_rule=rule,
        overrun_after_minutes=overrun,
        christmas_holiday_rate=bool(draft.christmas_holiday_rate),
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


def _enum(kind: type[StrEnum], value: object, name: str, message: str):
    try:
        return kind(str(value))
    except ValueError:
        raise ValidationError(name, message) from None


def _charging(draft: ContractDraft) -> tuple[ChargeRule, int | None]:
    rule = _enum(ChargeRule, draft.charge_rule, "charge_rule", "Choose how visits are charged.")
    if rule != ChargeRule.BOOKED or draft.overrun_after_minutes is None:
        return rule, None
    overrun = _whole(
        draft.overrun_after_minutes,
        "overrun_after_minutes",
        "over-run allowance",
        low=0,
        high=MAX_OVERRUN_MINUTES,
        unit=" minutes",
    )
    return rule, overrun


def _notice(value: int | None, name: str, whose: str) -> int:
    if value is None:
        raise ValidationError(name, f"Enter the {whose} notice period in days.")
    if value <= 0:
        raise ValidationError(
            name, f"The {whose} notice period must be at least 1 day (7 to 14 days is usual)."
        )
    return _whole(value, name, f"{whose} notice period", low=1, high=MAX_NOTICE_DAYS, unit=" days")


def apply_draft(version: ContractVersion, clean: ContractDraft) -> None:
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
