"""Which period New invoice proposes: the uninvoiced delivered visits, grouped by the
agreement's invoicing frequency; and 'invoice everyone' drafting by those periods."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.clients import ClientDraft, add_client
from app.core.contracts.models import InvoiceFrequency
from app.core.errors import ValidationError
from app.core.invoicing.drafts import draft_invoice, invoice_everyone
from app.core.invoicing.models import Invoice
from app.core.invoicing.periods import (
    clients_to_invoice,
    propose_periods,
    uninvoiced_counts,
    visits_to_invoice,
)
from app.core.visits.models import VisitStatus
from tests.conftest import TODAY  # Wednesday 25/11/2026
from tests.core.test_invoicing import make_client, visit


def client_with(session, frequency: InvoiceFrequency, starts_on: date, name: str = "Ada") -> int:  # type: ignore[no-untyped-def]
    # the frequency is set as the agreement is made: a signed version cannot change
    return make_client(session, name, starts_on=starts_on, invoice_frequency=frequency)  # type: ignore[arg-type]


def spans(proposal) -> list[tuple[date, date, int]]:  # type: ignore[no-untyped-def]
    return [(p.start, p.end, len(p.visits)) for p in proposal.periods]


def test_weekly_periods_are_monday_to_sunday_from_the_agreements_first_week(session) -> None:  # type: ignore[no-untyped-def]
    cid = client_with(session, InvoiceFrequency.WEEKLY, date(2026, 10, 7))  # a Wednesday
    for day in (date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 17)):
        visit(session, cid, day, (9, 0), (10, 0))
    proposal = propose_periods(session, cid)
    assert spans(proposal) == [
        (date(2026, 11, 9), date(2026, 11, 15), 2),
        (date(2026, 11, 16), date(2026, 11, 22), 1),
    ]
    assert proposal.message.startswith("2 visits to invoice from 09/11/2026 to 15/11/2026")
    assert "1 later period also has visits to invoice, from 16/11/2026" in proposal.message


def test_fortnightly_periods_count_from_the_agreements_start(session) -> None:  # type: ignore[no-untyped-def]
    cid = client_with(session, InvoiceFrequency.FORTNIGHTLY, date(2026, 10, 5))
    for day in (date(2026, 10, 20), date(2026, 10, 28), date(2026, 11, 3)):
        visit(session, cid, day, (9, 0), (10, 0))
    assert spans(propose_periods(session, cid)) == [
        (date(2026, 10, 19), date(2026, 11, 1), 2),
        (date(2026, 11, 2), date(2026, 11, 15), 1),
    ]


def test_four_weekly_period(session) -> None:  # type: ignore[no-untyped-def]
    cid = client_with(session, InvoiceFrequency.FOUR_WEEKLY, date(2026, 9, 7))
    visit(session, cid, date(2026, 10, 6), (9, 0), (10, 0))
    visit(session, cid, date(2026, 11, 1), (9, 0), (10, 0))  # the period's last day
    proposal = propose_periods(session, cid)
    assert spans(proposal) == [(date(2026, 10, 5), date(2026, 11, 1), 2)]
    assert "every four weeks" in proposal.message


def test_monthly_visits_spanning_two_months_make_two_periods(session) -> None:  # type: ignore[no-untyped-def]
    cid = client_with(session, InvoiceFrequency.MONTHLY, date(2026, 1, 1))
    visit(session, cid, date(2026, 10, 28), (9, 0), (10, 30))
    visit(session, cid, date(2026, 11, 3), (9, 0), (10, 0))
    proposal = propose_periods(session, cid)
    assert spans(proposal) == [
        (date(2026, 10, 1), date(2026, 10, 31), 1),
        (date(2026, 11, 1), date(2026, 11, 30), 1),
    ]
    october, november = proposal.periods
    assert october.is_over(TODAY) and not november.is_over(TODAY)
    # the draft for the proposed period takes exactly its visits; the next one is proposed then
    draft_invoice(session, cid, october.start, october.end)
    assert spans(propose_periods(session, cid)) == [(date(2026, 11, 1), date(2026, 11, 30), 1)]


def test_only_novembers_visits_waiting_proposes_november_not_last_month(session) -> None:  # type: ignore[no-untyped-def]
    """Finding 7: the visits are in this month; last month would have nothing to invoice."""
    cid = client_with(session, InvoiceFrequency.MONTHLY, date(2026, 1, 1))
    visit(session, cid, date(2026, 11, 4), (9, 0), (10, 0))
    first = propose_periods(session, cid).first
    assert first is not None and (first.start, first.end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert draft_invoice(session, cid, first.start, first.end).value.lines


def test_a_new_period_follows_on_from_the_latest_invoice(session) -> None:  # type: ignore[no-untyped-def]
    cid = client_with(session, InvoiceFrequency.FORTNIGHTLY, date(2026, 10, 5))
    visit(session, cid, date(2026, 10, 21), (9, 0), (10, 0))
    draft_invoice(session, cid, date(2026, 10, 21), date(2026, 11, 3))  # the carer's own dates
    visit(session, cid, date(2026, 11, 10), (9, 0), (10, 0))
    assert spans(propose_periods(session, cid)) == [(date(2026, 11, 4), date(2026, 11, 17), 1)]


def test_a_month_partly_invoiced_already_starts_after_that_invoice(session) -> None:  # type: ignore[no-untyped-def]
    cid = client_with(session, InvoiceFrequency.MONTHLY, date(2026, 1, 1))
    visit(session, cid, date(2026, 10, 6), (9, 0), (10, 0))
    draft_invoice(session, cid, date(2026, 10, 1), date(2026, 10, 15))
    visit(session, cid, date(2026, 10, 20), (9, 0), (10, 0))
    assert spans(propose_periods(session, cid)) == [(date(2026, 10, 16), date(2026, 10, 31), 1)]


def test_nothing_to_invoice_is_a_sentence_not_an_error(session) -> None:  # type: ignore[no-untyped-def]
    cid = client_with(session, InvoiceFrequency.WEEKLY, date(2026, 10, 5))
    visit(session, cid, date(2026, 11, 10), (9, 0), (10, 0), status=VisitStatus.PLANNED)
    visit(session, cid, date(2026, 11, 11), (9, 0), (10, 0), status=VisitStatus.CANCELLED_BY_CLIENT)
    proposal = propose_periods(session, cid)
    assert proposal.periods == () and proposal.first is None
    assert proposal.message == (
        "Nothing to invoice for Ada: every delivered visit is on an invoice already."
    )


def test_no_client_chosen_is_named(session) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        propose_periods(session, None)
    assert caught.value.field == "client_id"


def test_the_listed_visits_carry_times_hours_and_the_charge_the_draft_will_have(session) -> None:  # type: ignore[no-untyped-def]
    cid = client_with(session, InvoiceFrequency.MONTHLY, date(2026, 1, 1))
    visit(session, cid, date(2026, 10, 7), (9, 0), (10, 30))  # a Wednesday, £20/h
    visit(
        session,
        cid,
        date(2026, 10, 8),
        (9, 0),
        (10, 0),
        status=VisitStatus.CANCELLED_BY_CLIENT,
        charge=1500,
    )
    listed = visits_to_invoice(session, cid, date(2026, 10, 1), date(2026, 10, 31))
    assert [(v.day, v.times, v.minutes, v.charge_pence, v.what) for v in listed] == [
        (date(2026, 10, 7), "09:00–10:30", 90, 3000, "Visit"),
        (date(2026, 10, 8), "09:00–10:00", None, 1500, "Late cancellation"),
    ]
    draft = draft_invoice(session, cid, date(2026, 10, 1), date(2026, 10, 31)).value
    assert draft.total_pence == sum(v.charge_pence or 0 for v in listed)


def test_a_visit_without_a_signed_agreement_is_listed_without_a_charge(session) -> None:  # type: ignore[no-untyped-def]
    cid = add_client(session, ClientDraft(name="Dan No Contract"), today=TODAY).id
    visit(session, cid, date(2026, 10, 9), (11, 0), (12, 0))
    proposal = propose_periods(session, cid)
    assert spans(proposal) == [(date(2026, 10, 1), date(2026, 10, 31), 1)]
    listed = proposal.periods[0].visits[0]
    assert (listed.charge_pence, listed.minutes) == (None, 60)  # the time it took, unpriced


def test_invoice_everyone_drafts_each_ended_period_by_frequency(session) -> None:  # type: ignore[no-untyped-def]
    weekly = client_with(session, InvoiceFrequency.WEEKLY, date(2026, 10, 5), "Wendy Weekly")
    monthly = client_with(session, InvoiceFrequency.MONTHLY, date(2026, 1, 1), "Mo Monthly")
    for day in (date(2026, 11, 10), date(2026, 11, 17), date(2026, 11, 24)):
        visit(session, weekly, day, (9, 0), (10, 0))
    visit(session, monthly, date(2026, 11, 2), (9, 0), (10, 0))
    run = invoice_everyone(session, TODAY).value
    made = sorted(
        (inv.client_id, inv.period_start, inv.period_end)
        for inv in (session.get(Invoice, i) for i in run.created)
    )
    assert made == [
        (weekly, date(2026, 11, 9), date(2026, 11, 15)),
        (weekly, date(2026, 11, 16), date(2026, 11, 22)),
    ]
    assert run.waiting == [
        "Mo Monthly: 01/11/2026 to 30/11/2026",
        "Wendy Weekly: 23/11/2026 to 29/11/2026",
    ]


def test_who_has_visits_waiting_and_how_many(session) -> None:  # type: ignore[no-untyped-def]
    zoe = client_with(session, InvoiceFrequency.MONTHLY, date(2026, 1, 1), "Zoe")
    amy = client_with(session, InvoiceFrequency.MONTHLY, date(2026, 1, 1), "amy")
    client_with(session, InvoiceFrequency.MONTHLY, date(2026, 1, 1), "Nobody")
    visit(session, zoe, date(2026, 10, 6), (9, 0), (10, 0))
    visit(session, zoe, date(2026, 10, 7), (9, 0), (10, 0))
    visit(session, amy, date(2026, 10, 7), (9, 0), (10, 0))
    visit(session, amy, date(2026, 10, 8), (9, 0), (10, 0), status=VisitStatus.PLANNED)
    assert uninvoiced_counts(session) == {zoe: 2, amy: 1}
    assert clients_to_invoice(session) == [amy, zoe]  # by name, whatever the case
    draft_invoice(session, zoe, date(2026, 10, 1), date(2026, 10, 31))
    assert uninvoiced_counts(session) == {amy: 1}
