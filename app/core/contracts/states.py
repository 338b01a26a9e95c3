"""An agreement version's status and who gave notice, apart from the tables: Today names them
before the ORM has loaded."""

from __future__ import annotations

from enum import StrEnum


class ContractStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    SIGNED = "signed"
    SUPERSEDED = "superseded"  # a later signed version took over


class NoticeBy(StrEnum):
    CLIENT = "client"
    CARER = "carer"


NOTICE_BY_LABELS = {NoticeBy.CLIENT: "the client", NoticeBy.CARER: "the carer"}
