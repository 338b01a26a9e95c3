"""How long each kind of record is kept, and from when a client's records may be erased.

Defaults (changeable in Settings, each shown with its source):
- tax and invoice records: 6 years after the end of the tax year they belong to;
- care records (visits, agreements, feedback): 6 years after the client's last visit;
- safeguarding records: as the council advises (default 10 years), never erased automatically.
A client still active counts as active today.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from app.core.changes import Area, Changes, changes
from app.core.errors import ValidationError
from app.core.formatting import LONDON
from app.core.reading import Reader, day, moment, placeholders, reader, stored
from app.core.sealing.guards import PLACEHOLDER_PREFIX

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.core.clients import Client

IN_CARE = "active"  # ClientStatus.ACTIVE as stored: a client in care counts as active today


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


def years_for(db: Session | Reader, key: str) -> int:
    return _all_years(reader(db))[key]


def _all_years(db: Reader) -> dict[str, int]:
    """The years each rule keeps records: the carer's setting, else the rule's default."""
    keys = {f"retention.{r.key}_years": r for r in RULES}
    found: dict[str, str | None] = dict(
        db.rows(f"SELECT key, value FROM setting WHERE key IN ({placeholders(len(keys))})", [*keys])
    )
    return {
        rule.key: int(text) if (text := found.get(name) or "").isdigit() else rule.default_years
        for name, rule in keys.items()
    }


def set_years(session: Session, key: str, years: int) -> Changes:
    rule = next((r for r in RULES if r.key == key), None)
    if rule is None:
        raise ValidationError("retention", "Choose a kind of record from the list.")
    if not 1 <= years <= MAX_YEARS:
        raise ValidationError(f"{key}_years", f"Enter a number of years from 1 to {MAX_YEARS}.")
    from app.core.settings import set_setting

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


def _london_day(value: object) -> date | None:
    """A stored moment as its day in London."""
    found = moment(value)
    return None if found is None else found.astimezone(LONDON).date()


# The last entry about client c in the safeguarding records: a record, or an addendum to one.
_LAST_SAFEGUARDING = (
    "(SELECT MAX(written_at) FROM safeguarding_record WHERE client_id = c.id),"
    " (SELECT MAX(a.written_at) FROM safeguarding_addendum AS a"
    " JOIN safeguarding_record AS r ON a.record_id = r.id WHERE r.client_id = c.id)"
)
# One row per client: what retention counts from, each latest date read through an index
# (a correlated MAX per client, not a GROUP BY over every visit), never a record's text.
_FACTS = (
    "SELECT c.id, c.status = ? AND c.archived_at IS NULL, c.created_at,"
    " substr(c.name, 1, ?) = ?,"
    " (SELECT MAX(planned_start) FROM visit WHERE client_id = c.id AND planned_start < ?),"
    " (SELECT MAX(received_on) FROM feedback WHERE client_id = c.id),"
    " (SELECT MAX(coalesce(issue_date, period_end)) FROM invoice WHERE client_id = c.id),"
    " (SELECT MAX(received_on) FROM payment WHERE client_id = c.id),"
    f" {_LAST_SAFEGUARDING}"
    " FROM client AS c {where} ORDER BY c.id"
)


def _retentions(
    db: Session | Reader, *, today: date, where: str = "", params: Sequence[object] = ()
) -> list[Retention]:
    """The retention of each client `where` selects (all by default), in one query."""
    db = reader(db)
    tomorrow = datetime.combine(today, time(), LONDON) + timedelta(days=1)
    rows = db.rows(
        _FACTS.format(where=where),
        (IN_CARE, len(PLACEHOLDER_PREFIX), PLACEHOLDER_PREFIX, stored(tomorrow), *params),
    )
    years = _all_years(db) if rows else {}
    found = []
    for row in rows:
        client_id, in_care, created_at, erased = row[:4]
        visit, feedback, invoice, payment, record, addendum = row[4:]
        last_visit = _london_day(visit)
        if last_visit is not None and last_visit > today:
            last_visit = today
        last_tax = _max_date(day(invoice), day(payment))
        last_care = _max_date(last_visit, day(feedback), today if in_care else None)
        created = _london_day(created_at)
        last_activity = _max_date(last_care, last_tax) or created
        candidates = []
        if last_care is not None:
            candidates.append(add_years(last_care, years["care"]))
        if last_tax is not None:
            candidates.append(add_years(tax_year_end(last_tax), years["tax"]))
        if not candidates:
            candidates.append(add_years(created or today, years["care"]))
        last_safeguarding = _max_date(_london_day(record), _london_day(addendum))
        if last_safeguarding is not None:
            candidates.append(add_years(last_safeguarding, years["safeguarding"]))
        erasable_from = max(candidates)
        found.append(
            Retention(
                client_id,
                last_activity,
                last_visit,
                last_tax,
                erasable_from,
                erasable=not erased and erasable_from <= today,
                erased=bool(erased),
            )
        )
    return found


def retention_of(db: Session | Reader, client: Client | int, *, today: date) -> Retention:
    """One client's retention (`client` a Client or its id)."""
    client_id = client if isinstance(client, int) else client.id
    return _retentions(db, today=today, where="WHERE c.id = ?", params=(client_id,))[0]


def safeguarding_kept_until(db: Session | Reader, client_id: int) -> date | None:
    """The end of the retention of the client's safeguarding records (counted from the last
    entry, record or addendum), or None when there are none. Never erased automatically:
    erasing the client is refused before this date."""
    db = reader(db)
    row = db.rows(f"SELECT {_LAST_SAFEGUARDING} FROM client AS c WHERE c.id = ?", (client_id,))
    last = _max_date(*(_london_day(value) for value in row[0])) if row else None
    return add_years(last, _all_years(db)["safeguarding"]) if last is not None else None


def is_erased(client: Client) -> bool:
    return client.name.startswith(PLACEHOLDER_PREFIX)


def retention_rows(db: Session | Reader, *, today: date) -> list[Retention]:
    return _retentions(db, today=today)


def past_clients_retention(db: Session | Reader, *, today: date) -> list[Retention]:
    """The retention of the clients no longer in care. A client in care counts today as their
    last care, so their records are kept at least a year more (retention is 1 to 100 years):
    never erasable yet, and not worth reading at start-up."""
    return _retentions(
        db, today=today, where="WHERE c.status != ? OR c.archived_at IS NOT NULL", params=(IN_CARE,)
    )
