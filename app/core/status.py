"""Self-employed, not an employee: what the records say about depending on one client.

A Personal Assistant usually works for one person or family and is legally their employee;
a micro-provider is self-employed, can support more than one person and runs their own
business (Staffordshire "Local Help My Way" FAQ; shared/seeds). Depending on one client does
not by itself make the carer an employee, but it is the first thing to look at, so Daybook
warns (never blocks) when, over the last 12 months:
- the same single client has been the only one for over 3 calendar months in a row, up to
  now (months with delivered visits to that client and nobody else), or
- one client paid over 80% of the income received (exactly 80% does not warn).
Income is money received (the cash basis the tax figures use), put to a client by the
payment's client or else the invoice it settled; hours are delivered visits.

Read plainly (app/core/reading.py): Today asks before the ORM has loaded; Money's status box
and `daybook status` pass their Session to the same `status_figures`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from app.core.changes import Area
from app.core.formatting import local_date, local_midnight
from app.core.invoicing.income import received_by_client
from app.core.reading import Reader, moment, reader, stored
from app.core.reminders import DueItem, Urgency, plain_due_provider
from app.core.visits.status import VisitStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SINGLE_CLIENT_MONTHS_LIMIT = 3  # warn when the run is longer than this
INCOME_SHARE_LIMIT_PERCENT = 80  # warn when one client's share is more than this

WARN_SINGLE_CLIENT = "single_client_over_3_months"
WARN_INCOME_SHARE = "one_client_over_80_percent_income"

WARNING_TEXT = {
    WARN_SINGLE_CLIENT: "You have had only one client for over 3 months.",
    WARN_INCOME_SHARE: "One client paid over 80% of your income in the last 12 months.",
}

EXPLANATION = (
    (
        "What the scheme says",
        "A Personal Assistant (PA) usually works for one person or family and is legally "
        "treated as their employee, even when paid through a Direct Payment: the person then "
        "has an employer's duties (tax, insurance, holiday pay). A micro-provider is "
        "self-employed and runs a small business: they can support more than one person, set "
        "their own availability, and hold their own contracts and insurance.",
    ),
    (
        "What HMRC's employment status tool asks",
        "HMRC's free \u201cCheck employment status for tax\u201d tool (on GOV.UK) looks at the "
        "whole arrangement, not one figure. It asks whether you could send someone else in "
        "your place; who decides what you do, how, when and where; whether you risk your own "
        "money (your own equipment, putting mistakes right at your own cost, a fixed price "
        "rather than a wage); and whether you are part of the client's household staff or "
        "in business on your own account.",
    ),
    (
        "What you can do",
        "This is a warning, never a block. Having one client for a while is common when "
        "starting out. Keep your own written agreement, set your own hours and rates, invoice "
        "for your work, keep your own insurance, and look for other clients through the "
        "scheme's directory. If you are unsure, run HMRC's tool and keep the result.",
    ),
)


@dataclass(frozen=True)
class StatusFigures:
    start: date
    end: date
    active_clients_12m: int
    largest_client_share_income: float  # 0..1
    largest_client_share_hours: float  # 0..1
    single_client_months: int  # months in the window with exactly one client
    single_client_run: int  # consecutive months up to now with the same single client
    largest_income_client_id: int | None
    warnings: list[str] = field(default_factory=list)


def _month_start(d: date, back: int = 0) -> date:
    index = d.year * 12 + d.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _share(top: int, total: int) -> float:
    return round(top / total, 4) if total else 0.0


def figures_from(
    start: date,
    end: date,
    income_by_client: dict[int, int],
    minutes_by_client: dict[int, int],
    clients_by_month: dict[date, set[int]],
) -> StatusFigures:
    """The figures and warnings from plain totals (the rule, testable without a database)."""
    total_income = sum(income_by_client.values())
    top_income_client = max(income_by_client, key=income_by_client.get, default=None)  # type: ignore[arg-type]
    top_income = income_by_client.get(top_income_client, 0) if top_income_client else 0
    total_minutes = sum(minutes_by_client.values())
    top_minutes = max(minutes_by_client.values(), default=0)
    months = [_month_start(end, back) for back in range(12)]  # newest first
    single_months = sum(1 for m in months if len(clients_by_month.get(m, set())) == 1)
    run, only = 0, None
    for i, m in enumerate(months):
        clients = clients_by_month.get(m, set())
        if i == 0 and not clients:
            continue  # early in a month with no visits yet: look from last month
        if len(clients) != 1 or (only is not None and clients != only):
            break
        only, run = clients, run + 1
    active = set(income_by_client) | set(minutes_by_client)
    warnings = []
    if run > SINGLE_CLIENT_MONTHS_LIMIT:
        warnings.append(WARN_SINGLE_CLIENT)
    if total_income and top_income * 100 > total_income * INCOME_SHARE_LIMIT_PERCENT:
        warnings.append(WARN_INCOME_SHARE)
    return StatusFigures(
        start=start,
        end=end,
        active_clients_12m=len(active),
        largest_client_share_income=_share(top_income, total_income),
        largest_client_share_hours=_share(top_minutes, total_minutes),
        single_client_months=single_months,
        single_client_run=run,
        largest_income_client_id=top_income_client,
        warnings=warnings,
    )


def status_figures(db: Session | Reader, today: date) -> StatusFigures:
    """The last 12 months: this calendar month and the 11 before it."""
    db = reader(db)
    start = _month_start(today, 11)
    minutes: Counter[int] = Counter()
    by_month: dict[date, set[int]] = defaultdict(set)
    # A delivered visit's times are the actual ones where recorded, else the planned ones
    # (time_that_counts in app/core/visits/status.py), chosen in SQL: Today asks this at
    # start-up, and a year of visits is then parsed once, not twice.
    rows = db.rows(
        "SELECT client_id, COALESCE(actual_start, planned_start),"
        " COALESCE(actual_end, planned_end) FROM visit"
        " WHERE status = ? AND planned_start >= ? AND planned_start < ?",
        (
            VisitStatus.DELIVERED.value,
            stored(local_midnight(start)),
            stored(local_midnight(date.fromordinal(today.toordinal() + 1))),
        ),
    )
    for client_id, began_at, ended_at in rows:
        began, ended = moment(began_at), moment(ended_at)
        assert began is not None and ended is not None  # planned times are NOT NULL
        minutes[client_id] += max(round((ended - began).total_seconds() / 60), 0)
        by_month[_month_start(local_date(began))].add(client_id)
    income = received_by_client(db, start, today)
    return figures_from(start, today, income, minutes, by_month)


def figures_as_json(f: StatusFigures) -> dict[str, object]:
    return {
        "active_clients_12m": f.active_clients_12m,
        "largest_client_share_income": f.largest_client_share_income,
        "largest_client_share_hours": f.largest_client_share_hours,
        "single_client_months": f.single_client_months,
        "warnings": list(f.warnings),
    }


@plain_due_provider("status")
def due(db: Reader, today: date) -> list[DueItem]:
    f = status_figures(db, today)
    return [
        DueItem(
            Area.MONEY, "Self-employed status", WARNING_TEXT[w] + " See Money.", None, Urgency.LATER
        )
        for w in f.warnings
    ]
