"""Each invoicing and contracts service says which kinds of data it changed (the UI's runner
broadcasts exactly that). Every case calls the real service on a real encrypted store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest
from sqlalchemy.orm import Session

from app.core.changes import Area, Changes, Done
from app.core.contracts.clauses import ClauseTemplate, reset_clause_template, save_clause_template
from app.core.contracts.drafting import (
    discard_draft,
    draft_contract,
    new_version,
    send_version,
    sign_version,
    update_version,
)
from app.core.contracts.ending import give_notice, withdraw_notice
from app.core.contracts.form import ContractDraft, draft_from_version, new_contract_draft
from app.core.contracts.models import ScheduleSlot
from app.core.contracts.plan_b import (
    PlanBDraft,
    add_plan_b_contact,
    remove_plan_b_contact,
    set_plan_b_consent,
)
from app.core.invoicing.credit_notes import create_credit_note, credit_note_pdf
from app.core.invoicing.drafts import (
    add_extra_line,
    add_visits_to_draft,
    delete_draft,
    draft_invoice,
    invoice_everyone,
    remove_line,
    set_notes,
)
from app.core.invoicing.issuing import invoice_pdf, issue_invoice
from app.core.invoicing.models import Invoice
from app.core.invoicing.payments import (
    PaymentDraft,
    apply_payer_credit,
    delete_payment,
    record_payment,
    use_credit,
)
from tests.conftest import TODAY
from tests.core.test_invoicing import fake_render, make_business, make_client, visit

OCT = (date(2026, 10, 1), date(2026, 10, 31))
INVOICES = {Area.INVOICES}
BILLED = {Area.INVOICES, Area.VISITS}
PAID = {Area.INVOICES, Area.MONEY}
CREDITED = {Area.INVOICES, Area.VISITS, Area.MONEY}
CONTRACTS = {Area.CONTRACTS}
WORDING = {Area.SETTINGS, Area.CONTRACTS}


def _visits_to_bill(s: Session) -> int:
    make_business(s)
    cid = make_client(s)
    visit(s, cid, date(2026, 10, 6), (9, 0), (10, 0))
    visit(s, cid, date(2026, 10, 7), (9, 0), (10, 0))
    return cid


def _draft(s: Session) -> Invoice:
    return draft_invoice(s, _visits_to_bill(s), *OCT).value


def _issued(s: Session) -> Invoice:
    return issue_invoice(s, _draft(s).id, today=TODAY, render=fake_render).value


def _pay(s: Session, invoice: Invoice, amount: int, *, extra: bool = False) -> int:
    draft = PaymentDraft(received_on=TODAY, amount_pence=amount, invoice_ids=[invoice.id])
    return record_payment(s, draft, today=TODAY, allow_overpayment=extra).value.id


def _credit_held(s: Session) -> tuple[int, int]:
    """(payment with credit, a second invoice of the same payer to use it on)."""
    first = _issued(s)
    payment_id = _pay(s, first, first.total_pence + 500, extra=True)
    visit(s, first.client_id, date(2026, 11, 2), (9, 0), (10, 0))
    second = draft_invoice(s, first.client_id, date(2026, 11, 1), date(2026, 11, 20)).value
    issue_invoice(s, second.id, today=TODAY, render=fake_render)
    return payment_id, second.id


def _contract_draft(s: Session) -> ContractDraft:
    from app.core.clients import ClientDraft, add_client

    cid = add_client(s, ClientDraft(name="Margaret Ellis"), today=TODAY).id
    d = new_contract_draft(s, cid, today=TODAY)
    d.starts_on = date(2026, 11, 1)
    d.services = ["meals"]
    d.schedule = [ScheduleSlot(0, time(9), time(10))]
    d.standard_rate_pence = 2000
    return d


def _version(s: Session) -> int:
    return draft_contract(s, _contract_draft(s), today=TODAY).value.id


def _render_contract(session: Session, version: object) -> bytes:
    return b"%PDF-1.4 signed"


def _signed(s: Session) -> int:
    vid = _version(s)
    sign_version(s, vid, signed_on=TODAY, how="On paper", today=TODAY, render=_render_contract)
    return vid


def _contract_of(s: Session, version_id: int) -> int:
    from app.core.contracts.lookup import get_version

    return get_version(s, version_id).contract_id


def _edit(s: Session) -> Changes:
    from app.core.contracts.lookup import get_version

    vid = _version(s)
    d = draft_from_version(get_version(s, vid))
    d.standard_rate_pence = 2100
    return update_version(s, vid, d, today=TODAY)


def _consent(s: Session) -> Changes:
    cid = make_client(s)
    contact = add_plan_b_contact(s, cid, PlanBDraft(name="Jo", phone="07700 900123"), today=TODAY)
    return set_plan_b_consent(s, contact.value.id, True, today=TODAY)


def _remove_contact(s: Session) -> Changes:
    cid = make_client(s)
    contact = add_plan_b_contact(s, cid, PlanBDraft(name="Jo", phone="07700 900123"), today=TODAY)
    return remove_plan_b_contact(s, contact.value.id)


CASES: list[tuple[str, Callable[[Session], object], set[Area]]] = [
    ("draft_invoice", lambda s: draft_invoice(s, _visits_to_bill(s), *OCT), BILLED),
    ("invoice_everyone", lambda s: _draft(s) and invoice_everyone(s, TODAY), BILLED),
    ("add_extra_line", lambda s: add_extra_line(s, _draft(s).id, "Shopping", 1250), INVOICES),
    ("remove_line", lambda s: remove_line(s, _draft(s).lines[0].id), BILLED),
    ("add_visits_to_draft", lambda s: add_visits_to_draft(s, _draft(s).id), BILLED),
    ("set_notes", lambda s: set_notes(s, _draft(s).id, "Thank you"), INVOICES),
    ("delete_draft", lambda s: delete_draft(s, _draft(s).id), BILLED),
    (
        "issue_invoice",
        lambda s: issue_invoice(s, _draft(s).id, today=TODAY, render=fake_render),
        BILLED,
    ),
    ("invoice_pdf", lambda s: invoice_pdf(s, _issued(s).id, fake_render), set()),
    (
        "record_payment",
        lambda s: record_payment(
            s,
            PaymentDraft(received_on=TODAY, amount_pence=1000, invoice_ids=[_issued(s).id]),
            today=TODAY,
        ),
        PAID,
    ),
    ("use_credit", lambda s: use_credit(s, *_credit_held(s)), PAID),
    ("apply_payer_credit", lambda s: apply_payer_credit(s, _credit_held(s)[1]), PAID),
    ("delete_payment", lambda s: delete_payment(s, _pay(s, _issued(s), 1000)), PAID),
    (
        "create_credit_note",
        lambda s: create_credit_note(s, _issued(s).id, reason="x", today=TODAY, render=None),
        CREDITED,
    ),
    (
        "credit_note_pdf",
        lambda s: credit_note_pdf(
            s,
            create_credit_note(s, _issued(s).id, reason="x", today=TODAY, render=None).value.id,
            fake_render,
        ),
        set(),
    ),
    ("draft_contract", lambda s: draft_contract(s, _contract_draft(s), today=TODAY), CONTRACTS),
    ("update_version", _edit, CONTRACTS),
    ("send_version", lambda s: send_version(s, _version(s), sent_on=TODAY), CONTRACTS),
    (
        "sign_version",
        lambda s: sign_version(
            s, _version(s), signed_on=TODAY, how="On paper", today=TODAY, render=_render_contract
        ),
        CONTRACTS,
    ),
    (
        "new_version",
        lambda s: new_version(
            s, _contract_of(s, _signed(s)), starts_on=date(2027, 1, 1), today=TODAY
        ),
        CONTRACTS,
    ),
    ("discard_draft", lambda s: discard_draft(s, _version(s)), CONTRACTS),
    (
        "give_notice",
        lambda s: give_notice(
            s, _contract_of(s, _signed(s)), by="client", given_on=TODAY, today=TODAY
        ),
        CONTRACTS,
    ),
    ("withdraw_notice", lambda s: withdraw_notice(s, _contract_of(s, _signed(s))), CONTRACTS),
    (
        "add_plan_b_contact",
        lambda s: add_plan_b_contact(
            s, make_client(s), PlanBDraft(name="Jo", phone="07700 900123"), today=TODAY
        ),
        CONTRACTS,
    ),
    ("set_plan_b_consent", _consent, CONTRACTS),
    ("remove_plan_b_contact", _remove_contact, CONTRACTS),
    ("save_clause_template", lambda s: save_clause_template(s, ClauseTemplate()), WORDING),
    ("reset_clause_template", reset_clause_template, WORDING),
]


@pytest.mark.parametrize(("name", "call", "expected"), CASES, ids=[c[0] for c in CASES])
def test_service_names_the_areas_it_changed(
    session: Session, name: str, call: Callable[[Session], object], expected: set[Area]
) -> None:
    result = call(session)
    said = result.changes if isinstance(result, Done) else result
    assert isinstance(said, frozenset), f"{name} returned {type(result).__name__}, not Changes"
    assert said == frozenset(expected)
