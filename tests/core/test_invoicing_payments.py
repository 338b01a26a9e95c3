"""Payments (part, several invoices, overpayment as credit), credit notes, aged debtors,
statements, income and Today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.core.errors import DaybookError, ValidationError
from app.core.invoicing.balances import balance_pence
from app.core.invoicing.credit_notes import create_credit_note
from app.core.invoicing.drafts import draft_invoice
from app.core.invoicing.due import due
from app.core.invoicing.income import payments_received
from app.core.invoicing.issuing import issue_invoice
from app.core.invoicing.models import Invoice, InvoiceStatus, Payment, PaymentMethod
from app.core.invoicing.payments import (
    Overpayment,
    PaymentDraft,
    delete_payment,
    record_payment,
    use_credit,
)
from app.core.invoicing.queries import invoice_holding_visit, invoice_row
from app.core.invoicing.reports import aged_debtors, bucket_for, overdue_invoices, statement
from tests.conftest import TODAY
from tests.core.test_invoicing import fake_render, make_business, make_client, visit


def issued(
    session,
    client_id: int,
    month: int,
    *,
    hours: int = 1,  # type: ignore[no-untyped-def]
    issue_on: date | None = None,
) -> Invoice:
    """An issued invoice for `hours` one-hour weekday visits at £20 in 2026's `month`."""
    for d in range(hours):
        visit(
            session,
            client_id,
            date(2026, month, 1) + timedelta(days=d + 8 - date(2026, month, 1).weekday()),
            (9, 0),
            (10, 0),
        )
    inv = draft_invoice(session, client_id, date(2026, month, 1), date(2026, month, 28)).value
    return issue_invoice(session, inv.id, today=issue_on or TODAY, render=fake_render).value


def pay(session, amount: int, *invoices: Invoice, on: date = TODAY, **kw) -> Payment:  # type: ignore[no-untyped-def]
    return record_payment(
        session,
        PaymentDraft(
            received_on=on,
            amount_pence=amount,
            invoice_ids=[i.id for i in invoices],
            reference=kw.pop("reference", ""),
        ),
        today=TODAY,
        **kw,
    ).value


@pytest.fixture
def world(session):  # type: ignore[no-untyped-def]
    make_business(session)
    return session, make_client(session, "Ada", payer="Ada's Son")


def test_part_payment_then_paid(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    inv = issued(session, cid, 9, hours=3)  # £60
    pay(session, 2500, inv)
    assert inv.status == InvoiceStatus.PART_PAID and balance_pence(session, inv) == 3500
    p = pay(session, 3500, inv)
    assert inv.status == InvoiceStatus.PAID and balance_pence(session, inv) == 0
    assert p.payer == "Ada's Son"
    row = invoice_row(session, inv.id)
    assert (row.paid_pence, row.balance_pence) == (6000, 0)
    with pytest.raises(ValidationError, match="already paid"):
        pay(session, 100, inv)


def test_one_payment_covers_several_invoices_oldest_first(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    older = issued(session, cid, 8, hours=2, issue_on=date(2026, 9, 2))  # £40
    newer = issued(session, cid, 9, hours=3, issue_on=date(2026, 10, 2))  # £60
    p = pay(session, 7000, newer, older)
    assert older.status == InvoiceStatus.PAID
    assert newer.status == InvoiceStatus.PART_PAID and balance_pence(session, newer) == 3000
    assert sorted(a.amount_pence for a in p.allocations) == [3000, 4000]
    delete_payment(session, p.id)
    assert older.status == newer.status == InvoiceStatus.ISSUED


def test_overpayment_is_refused_unless_kept_as_credit(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    inv = issued(session, cid, 9, hours=1)  # £20
    with pytest.raises(Overpayment) as err:
        pay(session, 2500, inv)
    assert err.value.field == "amount_pence" and err.value.extra_pence == 500
    assert "£5.00 more than the £20.00 owed" in err.value.message
    assert session.query(Payment).count() == 0
    p = pay(session, 2500, inv, allow_overpayment=True)
    assert inv.status == InvoiceStatus.PAID and p.unallocated_pence == 500
    later = issued(session, cid, 10, hours=1)
    use_credit(session, p.id, later.id)
    assert later.status == InvoiceStatus.PART_PAID and balance_pence(session, later) == 1500
    assert p.unallocated_pence == 0


@pytest.mark.parametrize(
    "draft, field",
    [
        (PaymentDraft(received_on=None, amount_pence=100), "received_on"),
        (PaymentDraft(received_on=TODAY + timedelta(days=1), amount_pence=100), "received_on"),
        (PaymentDraft(received_on=TODAY, amount_pence=None), "amount_pence"),
        (PaymentDraft(received_on=TODAY, amount_pence=-5), "amount_pence"),
        (PaymentDraft(received_on=TODAY, amount_pence=0), "amount_pence"),
        (PaymentDraft(received_on=TODAY, amount_pence=100_000_01), "amount_pence"),
        (PaymentDraft(received_on=TODAY, amount_pence=100, method="barter"), "method"),
        (PaymentDraft(received_on=TODAY, amount_pence=100, reference="x" * 201), "reference"),
    ],
)
def test_bad_payments_name_the_field(world, draft: PaymentDraft, field: str) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    inv = issued(session, cid, 9)
    draft.invoice_ids = [inv.id]
    with pytest.raises(ValidationError) as err:
        record_payment(session, draft, today=TODAY)
    assert err.value.field == field


def test_draft_cannot_be_paid(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    visit(session, cid, date(2026, 10, 7), (9, 0), (10, 0))
    inv = draft_invoice(session, cid, date(2026, 10, 1), date(2026, 10, 31)).value
    with pytest.raises(ValidationError, match="draft"):
        pay(session, 100, inv)


# ---------------------------------------------------------------- credit notes


def test_full_credit_note_voids_and_frees_the_visits(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    inv = issued(session, cid, 9, hours=2)
    visit_id = inv.lines[0].visit_id
    note = create_credit_note(
        session, inv.id, reason="Wrong month", today=TODAY, render=fake_render
    ).value
    assert note.number == "CN-0001" and note.total_pence == 4000 and note.pdf
    assert inv.status == InvoiceStatus.VOID and balance_pence(session, inv) == 0
    assert invoice_holding_visit(session, visit_id) is None  # can be invoiced again
    again = draft_invoice(session, cid, date(2026, 9, 1), date(2026, 9, 28)).value
    assert again.total_pence == 4000
    with pytest.raises(DaybookError, match="already been credited"):
        create_credit_note(session, inv.id, reason="Again", today=TODAY, render=fake_render)


def test_partial_credit_reduces_what_is_owed(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    inv = issued(session, cid, 9, hours=3)  # £60
    note = create_credit_note(
        session,
        inv.id,
        reason="One visit was shorter",
        today=TODAY,
        render=fake_render,
        amount_pence=1000,
    ).value
    assert inv.status == InvoiceStatus.ISSUED and balance_pence(session, inv) == 5000
    pay(session, 5000, inv)
    assert inv.status == InvoiceStatus.PAID
    assert note.invoice_id == inv.id
    with pytest.raises(ValidationError) as err:
        create_credit_note(
            session, inv.id, reason="Too much", today=TODAY, render=fake_render, amount_pence=6000
        )
    assert err.value.field == "amount_pence"
    with pytest.raises(ValidationError) as err:
        create_credit_note(session, inv.id, reason=" ", today=TODAY, render=fake_render)
    assert err.value.field == "reason"


def test_credit_of_lines_frees_that_visit_only(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    inv = issued(session, cid, 9, hours=2)
    first, second = inv.lines
    create_credit_note(
        session,
        inv.id,
        reason="Visit did not happen",
        today=TODAY,
        render=fake_render,
        line_ids=[first.id],
    )
    assert balance_pence(session, inv) == 2000
    assert invoice_holding_visit(session, first.visit_id) is None
    assert invoice_holding_visit(session, second.visit_id).id == inv.id
    with pytest.raises(ValidationError, match="credited already"):
        create_credit_note(
            session, inv.id, reason="Again", today=TODAY, render=fake_render, line_ids=[first.id]
        )


def test_crediting_a_paid_invoice_keeps_the_money_as_credit(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    inv = issued(session, cid, 9, hours=2)
    p = pay(session, 4000, inv)
    create_credit_note(
        session,
        inv.id,
        reason="Refund one visit",
        today=TODAY,
        render=fake_render,
        amount_pence=2000,
    )
    assert inv.status == InvoiceStatus.PAID
    assert p.unallocated_pence == 2000


def test_credit_note_numbers_are_their_own_gapless_series(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    a = issued(session, cid, 8)
    b = issued(session, cid, 9)
    with pytest.raises(RuntimeError):
        create_credit_note(
            session,
            a.id,
            reason="x",
            today=TODAY,
            render=lambda d: (_ for _ in ()).throw(RuntimeError()),
        )
    assert a.status == InvoiceStatus.ISSUED
    assert (
        create_credit_note(session, b.id, reason="y", today=TODAY, render=fake_render).value.number
        == "CN-0001"
    )
    assert (
        create_credit_note(session, a.id, reason="z", today=TODAY, render=fake_render).value.number
        == "CN-0002"
    )


def test_draft_cannot_be_credited(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    visit(session, cid, date(2026, 10, 7), (9, 0), (10, 0))
    inv = draft_invoice(session, cid, date(2026, 10, 1), date(2026, 10, 31)).value
    with pytest.raises(DaybookError, match="draft"):
        create_credit_note(session, inv.id, reason="x", today=TODAY, render=fake_render)


# ---------------------------------------------------------------- what is owed


@pytest.mark.parametrize(
    "days, bucket",
    [
        (-3, "not_due"),
        (0, "not_due"),
        (1, "d0_30"),
        (30, "d0_30"),
        (31, "d31_60"),
        (60, "d31_60"),
        (61, "d61_90"),
        (90, "d61_90"),
        (91, "d90_plus"),
        (400, "d90_plus"),
    ],
)
def test_bucket_edges(days: int, bucket: str) -> None:
    assert bucket_for(days) == bucket


def test_aged_debtors_per_payer(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    other = make_client(session, "Bea")  # pays for herself
    # 14 days' terms: due = issue + 14
    a = issued(session, cid, 5, issue_on=TODAY - timedelta(days=14 + 100))  # 100 days overdue
    b = issued(session, cid, 6, issue_on=TODAY - timedelta(days=14 + 45))  # 45 days
    issued(session, cid, 7, issue_on=TODAY - timedelta(days=14 + 10))  # 10 days
    issued(session, cid, 8, issue_on=TODAY - timedelta(days=3))  # not yet due
    c = issued(session, other, 4, issue_on=TODAY - timedelta(days=14 + 75))  # 75 days
    paid = issued(session, other, 3, issue_on=TODAY - timedelta(days=14 + 75))
    pay(session, 2000, paid)
    pay(session, 500, b)
    debtors = {d.payer: d for d in aged_debtors(session, TODAY)}
    assert set(debtors) == {"Ada's Son", "Bea"}
    son = debtors["Ada's Son"].amounts
    assert son == {"not_due": 2000, "d0_30": 2000, "d31_60": 1500, "d61_90": 0, "d90_plus": 2000}
    assert debtors["Bea"].amounts["d61_90"] == 2000 and debtors["Bea"].total_pence == 2000
    overdue = overdue_invoices(session, TODAY)
    assert [r.number for r in overdue] == [a.number, c.number, b.number, overdue[3].number]
    assert len(overdue) == 4
    items = due(session, TODAY)
    texts = [i.text for i in items if i.heading == "Overdue invoices"]
    assert len(texts) == 4 and any("100 days overdue" in t for t in texts)
    assert all("12-34-56" not in i.text for i in items)


def test_statement_runs_a_balance(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    a = issued(session, cid, 8, hours=2, issue_on=date(2026, 9, 1))  # £40
    b = issued(session, cid, 9, hours=1, issue_on=date(2026, 10, 1))  # £20
    pay(session, 4000, a, on=date(2026, 9, 20), reference="BACS 1")
    create_credit_note(
        session,
        b.id,
        reason="Goodwill",
        today=date(2026, 10, 5),
        render=fake_render,
        amount_pence=500,
    )
    st = statement(session, "ada's son")
    assert st.payer == "Ada's Son"
    assert [(e.kind, e.debit_pence, e.credit_pence, e.balance_pence) for e in st.entries] == [
        ("invoice", 4000, 0, 4000),
        ("payment", 0, 4000, 0),
        ("invoice", 2000, 0, 2000),
        ("credit_note", 0, 500, 1500),
    ]
    assert st.balance_pence == 1500 and [r.number for r in st.open_invoices] == [b.number]
    later = statement(session, "Ada's Son", start=date(2026, 10, 1))
    assert later.entries[0].kind == "invoice" and later.balance_pence == 1500


def test_payments_received_for_the_money_area(world) -> None:  # type: ignore[no-untyped-def]
    session, cid = world
    inv = issued(session, cid, 9, hours=3)
    pay(session, 1000, inv, on=date(2026, 10, 3), reference="first")
    pay(session, 5500, inv, on=date(2026, 11, 3), reference="second", allow_overpayment=True)
    got = payments_received(session, date(2026, 10, 1), date(2026, 10, 31))
    assert [(p.received_on, p.amount_pence, p.reference) for p in got] == [
        (date(2026, 10, 3), 1000, "first")
    ]
    assert sum(p.amount_pence for p in payments_received(session, date(2026, 1, 1), TODAY)) == 6500
    assert got[0].payer == "Ada's Son"
    assert PaymentMethod.BANK_TRANSFER == "bank_transfer"


def test_credit_held_for_a_payer_is_applied(world) -> None:  # type: ignore[no-untyped-def]
    from app.core.invoicing.balances import payer_credit_pence
    from app.core.invoicing.payments import apply_payer_credit

    session, cid = world
    first = issued(session, cid, 8)
    pay(session, 2300, first, allow_overpayment=True)
    later = issued(session, cid, 9, hours=1)
    assert payer_credit_pence(session, "Ada's Son") == 300
    assert apply_payer_credit(session, later.id).value == 300
    assert balance_pence(session, later) == 1700 and later.status == InvoiceStatus.PART_PAID
    with pytest.raises(ValidationError, match="No credit"):
        apply_payer_credit(session, later.id)


def test_a_payment_sets_each_status_from_what_was_paid_and_credited_before(world) -> None:  # type: ignore[no-untyped-def]
    from app.core.invoicing.balances import status_from
    from app.core.invoicing.owed import paid_and_credited

    session, cid = world
    credited = issued(session, cid, 7, hours=3, issue_on=date(2026, 8, 2))  # £60
    create_credit_note(
        session, credited.id, reason="Shorter", today=TODAY, render=fake_render, amount_pence=1000
    )
    pay(session, 2000, credited)  # £30 left on it
    other = issued(session, cid, 9, hours=2, issue_on=date(2026, 10, 2))  # £40
    p = pay(session, 5000, other, credited)  # £30 to the older, £20 to the newer
    assert sorted((a.invoice_id, a.amount_pence) for a in p.allocations) == sorted(
        [(credited.id, 3000), (other.id, 2000)]
    )
    session.expire_all()  # statuses as stored, against the sums read back
    for inv, status in ((credited, InvoiceStatus.PAID), (other, InvoiceStatus.PART_PAID)):
        assert inv.status == status
        assert status_from(inv.total_pence, *paid_and_credited(session, inv.id)) == status
    assert balance_pence(session, credited) == 0 and balance_pence(session, other) == 2000
