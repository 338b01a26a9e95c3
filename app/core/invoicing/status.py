"""An invoice's status, apart from the tables: Today names it before the ORM has loaded."""

from __future__ import annotations

from enum import StrEnum


class InvoiceStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    PART_PAID = "part_paid"
    PAID = "paid"
    VOID = "void"  # only by a credit note for the whole amount


OPEN_STATUSES = (InvoiceStatus.ISSUED, InvoiceStatus.PART_PAID)
