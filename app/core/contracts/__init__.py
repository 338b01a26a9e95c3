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
