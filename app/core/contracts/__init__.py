"""Contracts: the written agreement with each client, versioned once signed."""

from app.core.contracts.models import (  # noqa: F401
    Contract,
    ContractStatus,
    ContractVersion,
    InvoiceFrequency,
    PaymentMethod,
    PlanBContact,
    ScheduleSlot,
)
from app.core.contracts.schedule import (  # noqa: F401
    schedule_in_words,
    schedule_rule,
    slots_on,
    version_schedule_in_words,
)
from app.core.contracts.services import (  # noqa: F401
    ContractDraft,
    NoticeBy,
    PlanBDraft,
    PlanBKind,
    contract_warnings,
    plan_b_contacts_for,
    version_in_effect,
)
