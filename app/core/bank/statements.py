"""Reading bank statements: a CSV export (columns and date format detected, the layout
remembered per bank by its header line) or an OFX file (read by ofxtools)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from app.core.bank.models import BankLayout
from app.core.errors import DaybookError

DATE_FORMATS = (
    "%d/%m/%Y",
    "%d/%m/%y",
    "%Y-%m-%d",
    "%d %b %Y",
    "%d-%b-%Y",
    "%d %b %y",
    "%d-%b-%y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d %B %Y",
)
MAX_FILE_BYTES = 20 * 1024 * 1024
_WORDS = {
    "date": ("transaction date", "date", "posted", "completed date"),
    "description": (
        "description",
        "memo",
        "reference",
        "details",
        "narrative",
        "payee",
        "counter party",
    ),
    "amount": ("amount", "value"),
    "paid_in": ("paid in", "credit", "money in", "deposits", "receipts"),
    "paid_out": ("paid out", "debit", "money out", "withdrawals", "payments"),
}


class StatementError(DaybookError):
    """The file is not a bank statement Daybook can read; says why in plain words."""


@dataclass(frozen=True)
class StatementLine:
    posted_on: date
    amount_pence: int  # in positive, out negative
    description: str
    bank_id: str = ""

    def __repr__(self) -> str:
        return f"StatementLine({self.posted_on}, {self.amount_pence})"


@dataclass
class Layout:
    date: int
    description: list[int]
    date_format: str
    amount: int | None = None
    paid_in: int | None = None
    paid_out: int | None = None
    header_row: int = 0  # rows before the data (a header line and any preamble)
    extra: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> str:
        return json.dumps(self.__dict__)

    @classmethod
    def from_json(cls, text: str) -> Layout:
        return cls(**json.loads(text))


def parse_pence(text: str) -> int | None:
    """'£1,234.50', '-12.00', '(12.00)', '12.00 CR' -> pence; None when empty."""
    cleaned = (text or "").strip().replace("£", "").replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    sign = 1
    if cleaned.startswith("(") and cleaned.endswith(")"):
        sign, cleaned = -1, cleaned[1:-1]
    upper = cleaned.upper()
    if upper.endswith("CR"):
        cleaned = cleaned[:-2]
    elif upper.endswith("DR"):
        sign, cleaned = -sign, cleaned[:-2]
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return sign * int((value * 100).to_integral_value())


def _parse_date(text: str, fmt: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), fmt).date()
    except ValueError:
        return None


def date_format_of(values: list[str]) -> str | None:
    """The first format that reads every non-empty value (dd/mm before anything American)."""
    values = [v for v in values if v.strip()]
    if not values:
        return None
    for fmt in DATE_FORMATS:
        if all(_parse_date(v, fmt) for v in values):
            return fmt
    return None


def _role(header: str) -> str | None:
    h = re.sub(r"[^a-z ]", " ", header.lower())
    h = " ".join(h.split())
    if not h or h in ("balance", "running balance") or "balance" in h.split():
        return None
    for role in ("date", "paid_in", "paid_out", "amount", "description"):
        if any(h == w or h.startswith(w + " ") or h.endswith(" " + w) for w in _WORDS[role]):
            if role == "date" and "type" in h:
                return None
            return role
    if h in ("type", "transaction type"):
        return "kind"  # read after the description: Nationwide puts the payer's name here
    return None


def detect_layout(rows: list[list[str]]) -> Layout:
    """Finds the header line (after any preamble) and what each column holds; a file with no
    header (date, description, amount) is read by the shape of its first line."""
    for index, row in enumerate(rows[:15]):
        roles: dict[str, list[int]] = {}
        for col, cell in enumerate(row):
            role = _role(cell)
            if role:
                roles.setdefault(role, []).append(col)
        has_money = "amount" in roles or "paid_in" in roles or "paid_out" in roles
        if "date" in roles and has_money:
            data = [r for r in rows[index + 1 :] if any(c.strip() for c in r)]
            date_col = roles["date"][0]
            fmt = date_format_of([r[date_col] for r in data if len(r) > date_col])
            if fmt is None:
                raise StatementError("The dates in this file are in a form Daybook cannot read.")
            return Layout(
                date=date_col,
                description=roles.get("description", []) + roles.get("kind", []),
                date_format=fmt,
                amount=roles["amount"][0] if "amount" in roles else None,
                paid_in=roles["paid_in"][0] if "paid_in" in roles else None,
                paid_out=roles["paid_out"][0] if "paid_out" in roles else None,
                header_row=index + 1,
            )
    first = next((r for r in rows if any(c.strip() for c in r)), [])
    if len(first) >= 3 and date_format_of([first[0]]):
        data = [r for r in rows if len(r) >= 3 and r[0].strip()]
        fmt = date_format_of([r[0] for r in data])
        if fmt and all(parse_pence(r[-1]) is not None for r in data):
            return Layout(
                date=0,
                description=list(range(1, len(first) - 1)),
                date_format=fmt,
                amount=len(first) - 1,
                header_row=0,
            )
    raise StatementError(
        "Daybook could not find the date and amount columns in this file. "
        "Export the statement as CSV from your bank's website and try again."
    )


def _header_key(rows: list[list[str]], layout: Layout) -> str:
    if layout.header_row == 0:
        return f"(no header, {len(rows[0]) if rows else 0} columns)"
    return ",".join(c.strip().lower() for c in rows[layout.header_row - 1])[:500]


def layout_for(session: Session | None, rows: list[list[str]]) -> tuple[Layout, str]:
    """The remembered layout for this bank's header line, or one detected now."""
    detected = detect_layout(rows)
    key = _header_key(rows, detected)
    if session is not None:
        saved = session.get(BankLayout, key)
        if saved is not None:
            return Layout.from_json(saved.mapping), key
    return detected, key


def remember_layout(session: Session, key: str, layout: Layout) -> None:
    saved = session.get(BankLayout, key)
    if saved is None:
        session.add(BankLayout(header=key, mapping=layout.as_json()))
    else:
        saved.mapping = layout.as_json()
    session.flush()


def _cell(row: list[str], col: int | None) -> str:
    return row[col] if col is not None and col < len(row) else ""


def read_csv_rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def lines_from_rows(rows: list[list[str]], layout: Layout) -> list[StatementLine]:
    lines = []
    for row in rows[layout.header_row :]:
        if not any(c.strip() for c in row):
            continue
        day = _parse_date(_cell(row, layout.date), layout.date_format)
        if day is None:
            continue  # a footer or a note line, not a transaction
        if layout.amount is not None:
            amount = parse_pence(_cell(row, layout.amount))
        else:
            money_in = parse_pence(_cell(row, layout.paid_in)) or 0
            money_out = parse_pence(_cell(row, layout.paid_out)) or 0
            amount = abs(money_in) - abs(money_out)
        if not amount:
            continue
        description = " ".join(
            " ".join(_cell(row, c).split()) for c in layout.description if _cell(row, c).strip()
        )
        lines.append(StatementLine(day, amount, description[:300]))
    return lines


def read_ofx(data: bytes) -> list[StatementLine]:
    from ofxtools.header import OFXHeaderError
    from ofxtools.models.base import OFXAggregateError, OFXSpecError
    from ofxtools.Parser import OFXTree, ParseError

    unreadable = (
        OFXHeaderError,
        OFXAggregateError,
        OFXSpecError,
        ParseError,
        ValueError,  # a field that is not what the OFX standard says (amount, date ...)
        KeyError,
        IndexError,
        AttributeError,
        TypeError,
        SyntaxError,  # ElementTree's ParseError
        ArithmeticError,  # decimal.InvalidOperation for an amount that is not a number
    )

    tree = OFXTree()
    try:
        tree.parse(io.BytesIO(data))
        ofx = tree.convert()
    except unreadable as exc:
        raise StatementError(f"This OFX file could not be read ({type(exc).__name__}).") from None
    lines = []
    for statement in ofx.statements:
        account = getattr(statement, "account", None)
        acct = getattr(account, "acctid", "") or ""
        for tx in statement.transactions:
            words = " ".join(str(w) for w in (tx.name, tx.memo) if w)
            lines.append(
                StatementLine(
                    tx.dtposted.date(),
                    int((Decimal(tx.trnamt) * 100).to_integral_value()),
                    " ".join(words.split())[:300],
                    f"ofx:{acct[-4:]}:{tx.fitid}",
                )
            )
    return lines


def is_ofx(data: bytes) -> bool:
    head = data[:1000].lstrip().upper()
    return head.startswith(b"OFXHEADER") or b"<OFX>" in head or head.startswith(b"<?XML")


def transaction_uid(line: StatementLine, occurrence: int) -> str:
    """The bank's own id where it gives one, else a hash of date, amount and description
    (with how many identical lines came before it in the same file)."""
    if line.bank_id:
        return line.bank_id[:100]
    text = f"{line.posted_on.isoformat()}|{line.amount_pence}|{line.description}|{occurrence}"
    return "csv:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


def read_statement(
    session: Session | None, data: bytes
) -> tuple[list[StatementLine], Layout | None, str]:
    """The statement's lines, with the CSV layout used and its bank key (None for OFX)."""
    if len(data) > MAX_FILE_BYTES:
        raise StatementError("This file is too large to be a bank statement.")
    if is_ofx(data):
        return read_ofx(data), None, ""
    rows = read_csv_rows(data)
    if not rows:
        raise StatementError("This file is empty.")
    layout, key = layout_for(session, rows)
    return lines_from_rows(rows, layout), layout, key
