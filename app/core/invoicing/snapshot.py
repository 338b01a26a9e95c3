"""What an invoice or credit note PDF shows, as plain data.

At issue the whole document (business header, payer, lines, totals, bank details) is frozen
into a JSON snapshot on the record, so that the PDF, whenever it is rendered, shows exactly
what was issued. The renderer (app/documents/invoice_pdf.py) takes an `InvoiceDocument`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from app.core.formatting import format_time


@dataclass(frozen=True)
class DocLine:
    kind: str  # visit | mileage | late_cancel | extra | credit
    line_date: date | None
    start: str  # "09:00" local, or ""
    end: str
    minutes: int | None
    rate_pence: int | None
    quantity: int | None  # tenths of a mile for mileage
    description: str
    amount_pence: int


@dataclass(frozen=True)
class InvoiceDocument:
    kind: str  # "invoice" | "credit_note"
    number: str
    issue_date: date | None
    due_date: date | None
    period_start: date | None
    period_end: date | None
    business_name: str
    carer_name: str
    business_address: str
    business_phone: str
    business_email: str
    bank_account_name: str
    sort_code: str
    account_number: str
    payer_name: str
    payer_address: str
    person_name: str
    payer_is_client: bool
    lines: tuple[DocLine, ...]
    total_pence: int
    payment_terms_days: int | None = None
    notes: str = ""
    draft: bool = False
    invoice_number: str = ""  # for a credit note: the invoice it corrects
    invoice_date: date | None = None
    reason: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def __repr__(self) -> str:  # never the bank details
        return f"InvoiceDocument(kind={self.kind!r}, number={self.number!r})"

    @property
    def visit_minutes(self) -> int:
        return sum(line.minutes or 0 for line in self.lines if line.kind == "visit")

    @property
    def mileage_tenths(self) -> int:
        return sum(line.quantity or 0 for line in self.lines if line.kind == "mileage")

    @property
    def mileage_pence(self) -> int:
        return sum(line.amount_pence for line in self.lines if line.kind == "mileage")

    @property
    def care_pence(self) -> int:
        return sum(line.amount_pence for line in self.lines if line.kind != "mileage")

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("issue_date", "due_date", "period_start", "period_end", "invoice_date"):
            data[key] = data[key].isoformat() if data[key] else None
        data["lines"] = [
            {**asdict(line), "line_date": line.line_date.isoformat() if line.line_date else None}
            for line in self.lines
        ]
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> InvoiceDocument:
        d: dict[str, Any] = dict(data)
        for key in ("issue_date", "due_date", "period_start", "period_end", "invoice_date"):
            d[key] = date.fromisoformat(str(d[key])) if d.get(key) else None
        lines = []
        for raw in d.get("lines") or []:
            ln = dict(raw)
            ln["line_date"] = date.fromisoformat(ln["line_date"]) if ln.get("line_date") else None
            lines.append(DocLine(**ln))
        d["lines"] = tuple(lines)
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


Renderer = Callable[[InvoiceDocument], bytes]


def doc_line_from(line) -> DocLine:
    """A DocLine from an InvoiceLine."""
    return DocLine(
        kind=str(line.kind),
        line_date=line.line_date,
        start=format_time(line.starts_at) if line.starts_at else "",
        end=format_time(line.ends_at) if line.ends_at else "",
        minutes=line.minutes,
        rate_pence=line.rate_pence,
        quantity=line.quantity,
        description=line.description,
        amount_pence=line.amount_pence,
    )
