"""Invoicing core: line pricing, drafts, issuing, gapless numbers, visit guard."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from app.core.clients import ClientDraft, PayerType, add_client
from app.core.contracts.models import Contract, ContractStatus, ContractVersion
from app.core.errors import DaybookError, LockedRecord, ValidationError
from app.core.formatting import LONDON
from app.core.invoicing.drafts import (
    add_extra_line,
    delete_draft,
    draft_invoice,
    invoice_everyone,
    remove_line,
)
from app.core.invoicing.issuing import invoice_pdf, issue_invoice
from app.core.invoicing.models import Invoice, InvoiceStatus, LineKind, NumberCounter
from app.core.invoicing.queries import list_invoices
from app.core.invoicing.snapshot import InvoiceDocument
from app.core.profile import ProfileDraft, save_profile
from app.core.visits.models import Visit, VisitStatus
from tests.conftest import TODAY

RATES = dict(
    standard_rate_pence=2000,
    evening_rate_pence=2400,
    weekend_rate_pence=2500,
    bank_holiday_rate_pence=3000,
    specialist_rate_pence=2800,
    minimum_charge_pence=1500,
    mileage_pence_per_mile=45,
    payment_terms_days=14,
)
OCT = (date(2026, 10, 1), date(2026, 10, 31))


def fake_render(doc: InvoiceDocument) -> bytes:
    return f"PDF {doc.number} {doc.total_pence}".encode()


def make_business(session) -> None:  # type: ignore[no-untyped-def]
    save_profile(
        session,
        ProfileDraft(
            trading_name="Test Care",
            carer_name="Sam Test",
            address="1 Road\nTown",
            bank_account_name="S Test",
            sort_code="12-34-56",
            account_number="12345678",
        ),
    )


def make_client(
    session,
    name: str = "Ada Client",
    *,
    payer: str = "",  # type: ignore[no-untyped-def]
    terms: int = 14,
    starts_on: date = date(2026, 1, 1),
    **rates: int,
) -> int:
    draft = ClientDraft(name=name, address="2 Lane\nTown")
    if payer:
        draft = ClientDraft(
            name=name,
            address="2 Lane\nTown",
            payer_type=PayerType.FAMILY,
            payer_name=payer,
            payer_address="PO Box 1\nCity",
        )
    client = add_client(session, draft, today=TODAY)
    contract = Contract(client_id=client.id)
    session.add(contract)
    session.flush()
    values = {**RATES, **rates, "payment_terms_days": terms}
    session.add(
        ContractVersion(
            contract_id=contract.id,
            status=ContractStatus.SIGNED,
            starts_on=starts_on,
            signed_on=starts_on,
            **values,
        )
    )
    session.flush()
    return client.id


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=LONDON).astimezone(UTC)


def visit(
    session,
    client_id: int,
    day: date,
    start: tuple[int, int],
    end: tuple[int, int],
    *,  # type: ignore[no-untyped-def]
    status: VisitStatus = VisitStatus.DELIVERED,
    miles_tenths: int = 0,
    specialist: bool = False,
    charge: int = 0,
) -> Visit:
    v = Visit(
        client_id=client_id,
        planned_start=at(day, *start),
        planned_end=at(day, *end),
        status=status,
        miles_tenths=miles_tenths,
        specialist=specialist,
        late_cancel_charge_pence=charge,
    )
    if status == VisitStatus.DELIVERED:
        v.actual_start, v.actual_end = v.planned_start, v.planned_end
    session.add(v)
    session.flush()
    return v


def one_line(session, client_id: int, day: date, start, end, **kw):  # type: ignore[no-untyped-def]
    visit(session, client_id, day, start, end, **kw)
    inv = draft_invoice(session, client_id, day, day).value
    return [ln for ln in inv.lines if ln.kind == LineKind.VISIT][0], inv


# ---------------------------------------------------------------- line pricing


def test_weekday_daytime_visit_is_standard_rate(session) -> None:  # type: ignore[no-untyped-def]
    cid = make_client(session)
    line, inv = one_line(session, cid, date(2026, 10, 7), (9, 0), (10, 30))
    assert (line.minutes, line.rate_pence, line.amount_pence) == (90, 2000, 3000)
    assert inv.total_pence == 3000 and inv.status == InvoiceStatus.DRAFT and inv.number is None


def test_weekend_visit_uses_the_weekend_rate(session) -> None:  # type: ignore[no-untyped-def]
    cid = make_client(session)
    line, _ = one_line(session, cid, date(2026, 10, 10), (9, 0), (10, 0))  # a Saturday
    assert (line.rate_pence, line.amount_pence) == (2500, 2500)
    assert "Weekend" in line.description


def test_bank_holiday_beats_weekday_and_weekend(session) -> None:  # type: ignore[no-untyped-def]
    cid = make_client(session)
    line, _ = one_line(session, cid, date(2026, 8, 31), (9, 0), (11, 0))  # summer bank holiday
    assert (line.rate_pence, line.amount_pence) == (3000, 6000)
    # Boxing Day 2026 is a Saturday: the bank holiday is Monday 28 December (GOV.UK), so the
    # Saturday takes the weekend rate (issue 22, rule correction 2).
    line, _ = one_line(session, cid, date(2026, 12, 26), (9, 0), (10, 0))
    assert line.rate_pence == 2500
    line, _ = one_line(session, cid, date(2026, 12, 28), (9, 0), (10, 0))
    assert line.rate_pence == 3000


def test_visit_across_the_evening_boundary_is_split(session) -> None:  # type: ignore[no-untyped-def]
    cid = make_client(session)
    line, _ = one_line(session, cid, date(2026, 10, 7), (17, 30), (18, 30))
    # 30 min at £20/h + 30 min at £24/h
    assert line.amount_pence == 1000 + 1200
    assert line.rate_pence is None and "Evening 30 min" in line.description
    line, _ = one_line(session, cid, date(2026, 10, 8), (18, 0), (19, 0))  # starts on the boundary
    assert (line.rate_pence, line.amount_pence) == (2400, 2400)


def test_short_visit_gets_the_minimum_charge(session) -> None:  # type: ignore[no-untyped-def]
    cid = make_client(session)
    line, _ = one_line(session, cid, date(2026, 10, 7), (9, 0), (9, 20))  # 20 min = £6.67
    assert line.amount_pence == 1500 and "minimum charge" in line.description


def test_specialist_visit_uses_the_specialist_rate(session) -> None:  # type: ignore[no-untyped-def]
    cid = make_client(session)
    line, _ = one_line(session, cid, date(2026, 10, 10), (9, 0), (10, 0), specialist=True)
    assert line.rate_pence == 2800


def test_amounts_round_half_up_once_per_line(session) -> None:  # type: ignore[no-untyped-def]
    cid = make_client(
        session, standard_rate_pence=2001, minimum_charge_pence=0, mileage_pence_per_mile=45
    )
    visit(session, cid, date(2026, 10, 7), (9, 0), (9, 30), miles_tenths=125)  # 1000.5p
    visit(session, cid, date(2026, 10, 8), (9, 0), (9, 25), miles_tenths=1)  # 833.75p, 4.5p
    inv = draft_invoice(session, cid, *OCT).value
    amounts = [(ln.kind, ln.amount_pence) for ln in inv.lines]
    assert amounts == [
        (LineKind.VISIT, 1001),
        (LineKind.MILEAGE, 563),  # 12.5 mi x 45p = 562.5
        (LineKind.VISIT, 834),
        (LineKind.MILEAGE, 5),
    ]  # 0.1 mi x 45p = 4.5
    assert inv.total_pence == 1001 + 563 + 834 + 5


def test_late_cancellation_is_charged_and_carer_cancellation_is_not(session) -> None:  # type: ignore[no-untyped-def]
    cid = make_client(session)
    visit(
        session,
        cid,
        date(2026, 10, 7),
        (9, 0),
        (10, 0),
        status=VisitStatus.CANCELLED_BY_CLIENT,
        charge=2000,
    )
    visit(session, cid, date(2026, 10, 8), (9, 0), (10, 0), status=VisitStatus.CANCELLED_BY_CARER)
    visit(session, cid, date(2026, 10, 9), (9, 0), (10, 0), status=VisitStatus.PLANNED)
    visit(session, cid, date(2026, 10, 12), (9, 0), (10, 0), status=VisitStatus.CANCELLED_BY_CLIENT)
    inv = draft_invoice(session, cid, *OCT).value
    assert [(ln.kind, ln.amount_pence) for ln in inv.lines] == [(LineKind.LATE_CANCEL, 2000)]


# ---------------------------------------------------------------- drafts


def test_visits_are_invoiced_once(session) -> None:  # type: ignore[no-untyped-def]
    cid = make_client(session)
    visit(session, cid, date(2026, 10, 7), (9, 0), (10, 0))
    draft_invoice(session, cid, *OCT)
    with pytest.raises(ValidationError) as err:
        draft_invoice(session, cid, *OCT)
    assert err.value.field == "period_start" and "nothing to invoice" in err.value.message


def test_period_is_checked(session) -> None:  # type: ignore[no-untyped-def]
    cid = make_client(session)
    with pytest.raises(ValidationError) as err:
        draft_invoice(session, cid, date(2026, 10, 31), date(2026, 10, 1))
    assert err.value.field == "period_end"
    with pytest.raises(ValidationError) as err:
        draft_invoice(session, None, *OCT)
    assert err.value.field == "client_id"


def test_visit_without_a_signed_contract_is_refused_clearly(session) -> None:  # type: ignore[no-untyped-def]
    client = add_client(session, ClientDraft(name="No Contract"), today=TODAY)
    visit(session, client.id, date(2026, 10, 7), (9, 0), (10, 0))
    with pytest.raises(DaybookError, match="no signed contract"):
        draft_invoice(session, client.id, *OCT)


def test_edit_draft_lines(session) -> None:  # type: ignore[no-untyped-def]
    cid = make_client(session)
    visit(session, cid, date(2026, 10, 7), (9, 0), (10, 0), miles_tenths=100)
    visit(session, cid, date(2026, 10, 8), (9, 0), (10, 0))
    inv = draft_invoice(session, cid, *OCT).value
    assert inv.total_pence == 2000 + 450 + 2000
    add_extra_line(session, inv.id, "Shopping bought for the client", 1234)
    assert inv.total_pence == 4450 + 1234
    with pytest.raises(ValidationError) as err:
        add_extra_line(session, inv.id, "  ", 100)
    assert err.value.field == "description"
    with pytest.raises(ValidationError) as err:
        add_extra_line(session, inv.id, "Huge", 10_000_01)
    assert err.value.field == "amount_pence"
    first_visit = inv.lines[0]
    remove_line(session, first_visit.id)  # takes its mileage too
    assert [ln.kind for ln in inv.lines] == [LineKind.VISIT, LineKind.EXTRA]
    assert inv.total_pence == 2000 + 1234
    # the visit taken off can go on another invoice
    again = draft_invoice(session, cid, *OCT).value
    assert again.total_pence == 2450
    delete_draft(session, again.id)
    assert session.get(Invoice, again.id) is None


def test_payer_is_snapshotted_from_the_client(session) -> None:  # type: ignore[no-untyped-def]
    make_business(session)
    cid = make_client(session, "Arthur Penrose", payer="Linda Penrose")
    visit(session, cid, date(2026, 10, 7), (9, 0), (10, 0))
    inv = draft_invoice(session, cid, *OCT).value
    issue_invoice(session, inv.id, today=TODAY, render=fake_render)
    assert (inv.payer_name, inv.person_name, inv.payer_is_client) == (
        "Linda Penrose",
        "Arthur Penrose",
        False,
    )
    assert inv.payer_address == "PO Box 1\nCity"
    doc = InvoiceDocument.from_json(inv.snapshot)
    assert doc.sort_code == "12-34-56" and doc.person_name == "Arthur Penrose"


def test_invoice_everyone_skips_clients_with_nothing(session) -> None:  # type: ignore[no-untyped-def]
    a = make_client(session, "Ann")
    b = make_client(session, "Bob")
    make_client(session, "Cat")  # no visits
    d = add_client(session, ClientDraft(name="Dan No Contract"), today=TODAY).id
    visit(session, a, date(2026, 10, 7), (9, 0), (10, 0))
    visit(session, b, date(2026, 10, 8), (11, 0), (12, 0))
    visit(session, b, date(2026, 9, 30), (11, 0), (12, 0))  # September: a draft of its own
    visit(session, d, date(2026, 10, 9), (11, 0), (12, 0))
    run = invoice_everyone(session, TODAY).value
    assert len(run.created) == 3 and len(run.skipped) == 1 and "Dan" in run.skipped[0]
    made = [session.get(Invoice, i) for i in run.created]
    assert sorted((inv.client_id, inv.period_start) for inv in made) == [
        (a, date(2026, 10, 1)),
        (b, date(2026, 9, 1)),
        (b, date(2026, 10, 1)),
    ]
    assert invoice_everyone(session, TODAY).value.created == []


# ---------------------------------------------------------------- issuing and numbers


def _ready(session, n: int = 1) -> list[int]:  # type: ignore[no-untyped-def]
    cid = make_client(session)
    ids = []
    for i in range(n):
        visit(session, cid, date(2026, 9 - i, 7), (9, 0), (10, 0))
        ids.append(
            draft_invoice(session, cid, date(2026, 9 - i, 1), date(2026, 9 - i, 28)).value.id
        )
    return ids


def test_issue_locks_numbers_and_sets_the_due_date(session) -> None:  # type: ignore[no-untyped-def]
    make_business(session)
    a, b = _ready(session, 2)
    inv = issue_invoice(session, a, today=TODAY, render=fake_render).value
    assert inv.number == "INV-0001" and inv.status == InvoiceStatus.ISSUED
    assert inv.issue_date == TODAY and inv.due_date == date(2026, 12, 9)  # 14 days' terms
    assert inv.pdf == b"PDF INV-0001 2000"
    assert issue_invoice(session, b, today=TODAY, render=fake_render).value.number == "INV-0002"
    with pytest.raises(LockedRecord, match="credit note"):
        add_extra_line(session, a, "More", 100)
    with pytest.raises(LockedRecord):
        remove_line(session, inv.lines[0].id)
    with pytest.raises(LockedRecord):
        issue_invoice(session, a, today=TODAY, render=fake_render)
    with pytest.raises(LockedRecord):
        delete_draft(session, a)


def test_issued_pdf_never_changes(session) -> None:  # type: ignore[no-untyped-def]
    make_business(session)
    (a,) = _ready(session)
    issue_invoice(session, a, today=TODAY, render=fake_render)
    first = invoice_pdf(session, a, lambda d: b"something else").value
    assert first == b"PDF INV-0001 2000"


def test_pdf_rendered_later_comes_from_the_frozen_document(session) -> None:  # type: ignore[no-untyped-def]
    make_business(session)
    (a,) = _ready(session)
    issue_invoice(session, a, today=TODAY, render=None)
    save_profile(session, ProfileDraft(trading_name="Renamed Later", carer_name="X"))
    seen = []
    pdf = invoice_pdf(session, a, lambda d: (seen.append(d.business_name), b"late")[1]).value
    assert pdf == b"late" and seen == ["Test Care"]
    assert invoice_pdf(session, a, lambda d: b"other").value == b"late"


def test_failed_issue_does_not_burn_a_number(store) -> None:  # type: ignore[no-untyped-def]
    with store.unit_of_work() as s:
        make_business(s)
        a, b = _ready(s, 2)

    def broken(doc: InvoiceDocument) -> bytes:
        raise RuntimeError("printer on fire")

    with pytest.raises(RuntimeError), store.unit_of_work() as s:
        issue_invoice(s, a, today=TODAY, render=broken)
    # a failure after the number was taken, later in the same unit of work, keeps nothing either
    with pytest.raises(RuntimeError), store.unit_of_work() as s:
        assert issue_invoice(s, a, today=TODAY, render=fake_render).value.number == "INV-0001"
        raise RuntimeError("power cut before commit")
    with store.reading() as s:
        inv = s.get(Invoice, a)
        assert inv.status == InvoiceStatus.DRAFT and inv.number is None
        counter = s.get(NumberCounter, "invoice")
        assert counter is None or counter.next_value == 1
    with store.unit_of_work() as s:
        assert issue_invoice(s, b, today=TODAY, render=fake_render).value.number == "INV-0001"
        assert issue_invoice(s, a, today=TODAY, render=fake_render).value.number == "INV-0002"
    with store.reading() as s:
        numbers = s.scalars(select(Invoice.number).order_by(Invoice.number)).all()
        assert numbers == ["INV-0001", "INV-0002"]


def test_failed_render_in_the_same_session_keeps_nothing(session) -> None:  # type: ignore[no-untyped-def]
    make_business(session)
    a, b = _ready(session, 2)
    with pytest.raises(RuntimeError):
        issue_invoice(
            session, a, today=TODAY, render=lambda d: (_ for _ in ()).throw(RuntimeError())
        )
    assert issue_invoice(session, b, today=TODAY, render=fake_render).value.number == "INV-0001"


def test_issue_refuses_an_empty_or_zero_invoice(session) -> None:  # type: ignore[no-untyped-def]
    make_business(session)
    (a,) = _ready(session)
    inv = session.get(Invoice, a)
    add_extra_line(session, a, "Discount", -inv.total_pence)
    with pytest.raises(ValidationError) as err:
        issue_invoice(session, a, today=TODAY, render=fake_render)
    assert err.value.field == "lines"


def test_list_filters_by_status(session) -> None:  # type: ignore[no-untyped-def]
    make_business(session)
    a, b, c = _ready(session, 3)
    issue_invoice(session, a, today=TODAY, render=fake_render)
    assert [r.status for r in list_invoices(session, status="draft")] == [InvoiceStatus.DRAFT] * 2
    assert [r.number for r in list_invoices(session, status="issued")] == ["INV-0001"]
    assert len(list_invoices(session)) == 3
    assert len(list_invoices(session, limit=2)) == 2
    with pytest.raises(ValidationError) as err:
        list_invoices(session, status="bogus")
    assert err.value.field == "status"


# ---------------------------------------------------------------- visit guard


def test_visit_on_an_issued_invoice_cannot_be_changed(session) -> None:  # type: ignore[no-untyped-def]
    from app.core.visits import services as vs

    make_business(session)
    cid = make_client(session)
    v = visit(session, cid, date(2026, 10, 7), (9, 0), (10, 0))
    free = visit(session, cid, date(2026, 11, 4), (9, 0), (10, 0))
    inv = draft_invoice(session, cid, *OCT).value
    with pytest.raises(LockedRecord, match="draft invoice"):
        vs.delete_visit(session, v.id)
    issue_invoice(session, inv.id, today=TODAY, render=fake_render)
    for action in ("delete", "edit", "cancel"):
        with pytest.raises(LockedRecord, match="INV-0001.*credit note"):
            vs.check_guards(session, v, action)
    with pytest.raises(LockedRecord):
        vs.delete_visit(session, v.id)
    vs.check_guards(session, free, "delete")  # a visit not invoiced is free
    assert session.get(Visit, v.id) is not None
