"""Contracts: the written agreement with each client, versioned once signed."""

from app.core.contracts import due_and_checks  # noqa: F401  (registers Today and the check)
from app.core.contracts.form import ContractDraft  # noqa: F401
from app.core.contracts.in_force import version_in_effect  # noqa: F401
from app.core.contracts.models import (  # noqa: F401
    Contract,
    ContractStatus,
    ContractVersion,
    InvoiceFrequency,
    NoticeBy,
    PaymentMethod,
    PlanBContact,
    ScheduleSlot,
)
from app.core.contracts.plan_b import PlanBDraft, PlanBKind, plan_b_contacts_for  # noqa: F401
from app.core.contracts.schedule import (  # noqa: F401
    schedule_in_words,
    schedule_rule,
    slots_on,
    version_schedule_in_words,
)
from app.core.contracts.term_warnings import contract_warnings  # noqa: F401
