"""How long each kind of record is kept, and from when a client's records may be erased.

Defaults (changeable in Settings, each shown with its source):
- tax and invoice records: 6 years after the end of the tax year they belong to;
- care records (visits, agreements, feedback): 6 years after the client's last visit;
- safeguarding records: as the council advises (default 10 years), never erased automatically.
A client still active counts as active today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.changes import Area, Changes, changes
from app.core.clients import Client, ClientStatus
from app.core.errors import ValidationError
from app.core.feedback.models import Feedback
from app.core.formatting import LONDON
from app.core.invoicing.models import Invoice, Payment
from app.core.sealing.guards import PLACEHOLDER_PREFIX
from app.core.settings import get_setting, set_setting
from app.core.visits.models import Visit


@dataclass(frozen=True)
class Rule:
    key: str
    kind: str
    default_years: int
    counted_from: str
    source: str
    erased_automatically: bool = True


RULES = (
    Rule(
        "tax",
        "Tax and invoice records (invoices, credit notes, payments)",
        6,
        "the end of the tax year they belong to",
        "HMRC: keep records at least 5 years after the 31 January filing deadline "
        "(about 6 years after the tax year ends)",
    ),
    Rule(
        "care",
        "Care records (visits, agreements, timesheets, feedback)",
        6,
        "the client's last visit",
        "UK GDPR storage limitation; 6 years covers the time limit for most legal claims "
        "(Limitation Act 1980)",
    ),
    Rule(
        "safeguarding",
        "Safeguarding records",
        10,
        "the last entry",
        "As the council's safeguarding team advises; never erased automatically",
        erased_automatically=False,
    ),
)
MAX_YEARS = 100


def years_for(session: Session, key: str) -> int:
    rule = next(r for r in RULES if r.key == key)
    text = get_setting(session, f"retention.{key}_years", "")
    return int(text) if text.isdigit() else rule.default_years


def set_years(session: Session, key: str, years: int) -> Changes:
    rule = next((r for r in RULES if r.key == key), None)
    if rule is None:
        raise ValidationError("retention", "Choose a kind of record from the list.")
    if not 1 <= years <= MAX_YEARS:
        raise ValidationError(f"{key}_years", f"Enter a number of years from 1 to {MAX_YEARS}.")
    set_setting(session, f"retention.{key}_years", str(years))
    return changes(Area.SETTINGS, Area.CLIENTS)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def tax_year_end(day: date) -> date:
    """5 April ending the UK tax year that holds `day`."""
    end = date(day.year, 4, 5)
    return end if day <= end else date(day.year + 1, 4, 5)


@dataclass(frozen=True)
class Retention:
    client_id: int
    last_activity: date | None
    last_visit: date | None
    last_tax_record: date | None
    erasable_from: date
    erasable: bool
    erased: bool

    def as_json(self) -> dict[str, object]:
        return {
            "client_id": self.client_id,
            "last_activity": self.last_activity.isoformat() if self.last_activity else None,
            "erasable_from": self.erasable_from.isoformat(),
            "erasable": self.erasable,
        }


def _max_date(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


def _day(value: object) -> date | None:
    if value is None:
        return None
    if hasattr(value, "astimezone"):
        return value.astimezone(LONDON).date()
    return value  # type: ignore[return-value]


def retention_of(session: Session, client: Client, *, today: date) -> Retention:
    last_visit = _day(
        session.scalar(
            select(func.max(Visit.planned_start)).where(
                Visit.client_id == client.id,
                Visit.planned_start < datetime.combine(today, time(), LONDON) + timedelta(days=1),
            )
        )
    )
    if last_visit is not None and last_visit > today:
        last_visit = today
    last_feedback = session.scalar(
        select(func.max(Feedback.received_on)).where(Feedback.client_id == client.id)
    )
    last_invoice = session.scalar(
        select(func.max(func.coalesce(Invoice.issue_date, Invoice.period_end))).where(
            Invoice.client_id == client.id
        )
    )
    last_payment = session.scalar(
        select(func.max(Payment.received_on)).where(Payment.client_id == client.id)
    )
    last_tax = _max_date(last_invoice, last_payment)
    safeguarding_until = safeguarding_kept_until(session, client.id)
    still_client = client.status == ClientStatus.ACTIVE and client.archived_at is None
    last_care = _max_date(last_visit, last_feedback, today if still_client else None)
    created = _day(client.created_at)
    last_activity = _max_date(last_care, last_tax) or created
    candidates = []
    if last_care is not None:
        candidates.append(add_years(last_care, years_for(session, "care")))
    if last_tax is not None:
        candidates.append(add_years(tax_year_end(last_tax), years_for(session, "tax")))
    if not candidates:
        candidates.append(add_years(created or today, years_for(session, "care")))
    if safeguarding_until is not None:
        candidates.append(safeguarding_until)
    erasable_from = max(candidates)
    erased = is_erased(client)
    return Retention(
        client.id,
        last_activity,
        last_visit,
        last_tax,
        erasable_from,
        erasable=not erased and erasable_from <= today,
        erased=erased,
    )


def safeguarding_kept_until(session: Session, client_id: int) -> date | None:
    """The end of the retention of the client's safeguarding records (counted from the last
    entry, record or addendum), or None when there are none. Never erased automatically:
    erasing the client is refused before this date."""
    from app.core.safeguarding.models import SafeguardingAddendum, SafeguardingRecord

    last = _max_date(
        _day(
            session.scalar(
                select(func.max(SafeguardingRecord.written_at)).where(
                    SafeguardingRecord.client_id == client_id
                )
            )
        ),
        _day(
            session.scalar(
                select(func.max(SafeguardingAddendum.written_at))
                .join(SafeguardingRecord)
                .where(SafeguardingRecord.client_id == client_id)
            )
        ),
    )
    return add_years(last, years_for(session, "safeguarding")) if last is not None else None


def is_erased(client: Client) -> bool:
    return client.name.startswith(PLACEHOLDER_PREFIX)


def retention_rows(session: Session, *, today: date) -> list[Retention]:
    clients = session.scalars(select(Client).order_by(Client.id))
    return [retention_of(session, c, today=today) for c in clients]
