"""Contracts: validation, lifecycle, versions, notice, warnings, Plan B, Today."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from sqlalchemy import text

from app.core.clients import ClientDraft, ClientStatus, PayerType, add_client
from app.core.contracts.clauses import (
    DEFAULT_CLAUSES,
    ClauseTemplate,
    clause_template,
    save_clause_template,
)
from app.core.contracts.drafting import (
    discard_draft,
    draft_contract,
    new_version,
    send_version,
    sign_version,
    update_version,
)
from app.core.contracts.due import due
from app.core.contracts.due_and_checks import check
from app.core.contracts.ending import give_notice, notice_last_day, withdraw_notice
from app.core.contracts.form import ContractDraft, draft_from_version, new_contract_draft
from app.core.contracts.in_force import version_in_effect
from app.core.contracts.models import ContractStatus, ScheduleSlot
from app.core.contracts.plan_b import (
    PlanBDraft,
    PlanBKind,
    add_plan_b_contact,
    plan_b_contacts_for,
    remove_plan_b_contact,
)
from app.core.contracts.rows import contract_rows, row_as_json
from app.core.contracts.term_warnings import contract_warnings
from app.core.errors import DaybookError, LockedRecord, ValidationError
from app.core.profile import ProfileDraft, save_profile
from app.core.reminders import Urgency
from app.core.schemes import Scheme
from tests.conftest import TODAY

FAKE_PDF = b"%PDF-1.4 fake signed copy"


def fake_render(session, version) -> bytes:  # noqa: ANN001
    return FAKE_PDF + str(version.version_no).encode()


def _client(session, name="Margaret Ellis", dp=None) -> int:  # noqa: ANN001
    return add_client(
        session,
        ClientDraft(
            name=name,
            status=ClientStatus.ACTIVE,
            start_date=date(2026, 1, 5),
            dp_rate_pence=dp,
            payer_type=PayerType.DIRECT_PAYMENT if dp else PayerType.CLIENT,
            payer_name="Managed account" if dp else "",
        ),
        today=TODAY,
    ).id


def _draft(session, client_id: int, **overrides) -> ContractDraft:  # noqa: ANN001
    d = new_contract_draft(session, client_id, today=TODAY)
    d.starts_on = date(2026, 12, 1)
    d.services = ["personal_care", "meals"]
    d.schedule = [ScheduleSlot(0, time(9), time(10)), ScheduleSlot(3, time(9), time(10))]
    d.standard_rate_pence = 2000
    d.evening_rate_pence = 2300
    for k, val in overrides.items():
        setattr(d, k, val)
    return d


def _signed(session, client_id: int, **overrides):  # noqa: ANN001, ANN202
    ver = draft_contract(session, _draft(session, client_id, **overrides), today=TODAY).value
    sign_version(
        session,
        ver.id,
        signed_on=TODAY,
        how="On paper at the first visit",
        today=TODAY,
        render=fake_render,
    )
    return ver


def test_a_new_draft_copies_the_clause_template(session) -> None:
    cid = _client(session)
    d = new_contract_draft(session, cid, today=TODAY)
    assert d.plan_b_text == DEFAULT_CLAUSES["plan_b_text"]
    assert "does not arrange cover" in d.plan_b_text
    save_clause_template(session, replace(ClauseTemplate(), plan_b_text="Our own Plan B words."))
    assert clause_template(session).plan_b_text == "Our own Plan B words."
    assert new_contract_draft(session, cid, today=TODAY).plan_b_text == "Our own Plan B words."


def test_each_version_keeps_the_words_it_was_signed_with(session) -> None:
    cid = _client(session)
    ver = _signed(session, cid)
    save_clause_template(session, replace(ClauseTemplate(), complaints_text="Changed later."))
    assert ver.complaints_text == DEFAULT_CLAUSES["complaints_text"]


def test_draft_send_sign_stores_the_pdf_and_locks(session) -> None:
    cid = _client(session)
    ver = draft_contract(session, _draft(session, cid), today=TODAY).value
    assert ver.status == ContractStatus.DRAFT and ver.version_no == 1
    send_version(session, ver.id, sent_on=TODAY)
    assert ver.status == ContractStatus.SENT
    sign_version(session, ver.id, signed_on=TODAY, how="On paper", today=TODAY, render=fake_render)
    assert ver.status == ContractStatus.SIGNED and ver.signed_on == TODAY
    assert ver.signed_pdf == FAKE_PDF + b"1"
    with pytest.raises(LockedRecord, match="make a new version"):
        update_version(session, ver.id, _draft(session, cid, standard_rate_pence=2100), today=TODAY)
    assert ver.standard_rate_pence == 2000


def test_editing_a_sent_version_puts_it_back_to_draft(session) -> None:
    cid = _client(session)
    ver = draft_contract(session, _draft(session, cid), today=TODAY).value
    send_version(session, ver.id, sent_on=TODAY)
    update_version(session, ver.id, _draft(session, cid, standard_rate_pence=2150), today=TODAY)
    assert ver.status == ContractStatus.DRAFT and ver.sent_on is None
    assert ver.standard_rate_pence == 2150


def test_signing_needs_a_date_not_in_the_future_and_how(session) -> None:
    cid = _client(session)
    ver = draft_contract(session, _draft(session, cid), today=TODAY).value
    with pytest.raises(ValidationError) as e:
        sign_version(
            session,
            ver.id,
            signed_on=date(2026, 12, 30),
            how="paper",
            today=TODAY,
            render=fake_render,
        )
    assert e.value.field == "signed_on"
    with pytest.raises(ValidationError) as e:
        sign_version(session, ver.id, signed_on=TODAY, how="  ", today=TODAY, render=fake_render)
    assert e.value.field == "signed_how"
    assert ver.status == ContractStatus.DRAFT


def test_new_version_supersedes_from_its_start_date_and_history_stays(session) -> None:
    cid = _client(session)
    v1 = _signed(session, cid)
    v2 = new_version(session, v1.contract_id, starts_on=date(2027, 4, 1), today=TODAY).value
    assert v2.version_no == 2 and v2.status == ContractStatus.DRAFT
    assert v2.schedule == v1.schedule and v2.plan_b_text == v1.plan_b_text
    # The draft of version 2 changes nothing yet.
    assert version_in_effect(session, cid, date(2027, 5, 1)) is v1
    d = draft_from_version(v2)
    d.standard_rate_pence = 2150
    update_version(session, v2.id, d, today=TODAY)
    sign_version(
        session, v2.id, signed_on=TODAY, how="Email reply", today=TODAY, render=fake_render
    )
    assert v1.status == ContractStatus.SUPERSEDED
    assert v1.standard_rate_pence == 2000  # history is kept as signed
    assert version_in_effect(session, cid, date(2027, 3, 31)) is v1
    assert version_in_effect(session, cid, date(2027, 4, 1)) is v2
    assert version_in_effect(session, cid, date(2026, 11, 30)) is None  # before the start
    assert [r.version_no for r in contract_rows(session, cid)] == [2]
    assert check(session) == []


def test_new_version_must_start_after_the_signed_one(session) -> None:
    cid = _client(session)
    v1 = _signed(session, cid)
    with pytest.raises(ValidationError) as e:
        new_version(session, v1.contract_id, starts_on=date(2026, 12, 1), today=TODAY)
    assert e.value.field == "starts_on"
    new_version(session, v1.contract_id, starts_on=date(2027, 1, 1), today=TODAY)
    with pytest.raises(DaybookError, match="already being drafted"):
        new_version(session, v1.contract_id, starts_on=date(2027, 2, 1), today=TODAY)


def test_an_unsigned_contract_has_no_new_version_and_no_terms_in_effect(session) -> None:
    cid = _client(session)
    ver = draft_contract(session, _draft(session, cid), today=TODAY).value
    with pytest.raises(DaybookError, match="not been signed"):
        new_version(session, ver.contract_id, starts_on=date(2027, 1, 1), today=TODAY)
    assert version_in_effect(session, cid, date(2026, 12, 5)) is None


def test_a_second_running_contract_for_the_same_client_is_refused(session) -> None:
    cid = _client(session)
    _signed(session, cid)
    with pytest.raises(DaybookError, match="new version"):
        draft_contract(session, _draft(session, cid), today=TODAY)


def test_discarding_a_draft_keeps_the_signed_history(session) -> None:
    cid = _client(session)
    v1 = _signed(session, cid)
    v2 = new_version(session, v1.contract_id, starts_on=date(2027, 1, 1), today=TODAY).value
    discard_draft(session, v2.id)
    assert [v.version_no for v in v1.contract.versions] == [1]
    with pytest.raises(LockedRecord):
        discard_draft(session, v1.id)


@pytest.mark.parametrize(
    "days, given, last",
    [
        (14, date(2026, 11, 1), date(2026, 11, 15)),
        (7, date(2026, 12, 28), date(2027, 1, 4)),
        (28, date(2027, 2, 10), date(2027, 3, 10)),  # across the end of February
        (1, date(2028, 2, 28), date(2028, 2, 29)),  # leap year
    ],
)
def test_notice_last_day(days: int, given: date, last: date) -> None:
    assert notice_last_day(given, days) == last


def test_give_notice_uses_that_sides_period_and_shows_on_today(session) -> None:
    cid = _client(session)
    ver = _signed(session, cid, notice_days_client=7, notice_days_carer=14)
    last = give_notice(
        session, ver.contract_id, by="client", given_on=date(2026, 12, 10), today=TODAY
    ).value.last_day
    assert last == date(2026, 12, 17)
    assert version_in_effect(session, cid, date(2026, 12, 17)) is ver
    assert version_in_effect(session, cid, date(2026, 12, 18)) is None
    items = due(session, date(2026, 12, 12))
    assert len(items) == 1 and items[0].when == date(2026, 12, 17)
    assert items[0].urgency == Urgency.SOON and "last day" in items[0].text
    assert "10/12/2026" in items[0].text  # when notice was given
    assert due(session, date(2026, 12, 17))[0].urgency == Urgency.TODAY
    assert due(session, date(2026, 12, 18)) == []
    with pytest.raises(DaybookError, match="already given"):
        give_notice(session, ver.contract_id, by="carer", given_on=date(2026, 12, 11), today=TODAY)
    withdraw_notice(session, ver.contract_id)
    assert ver.contract.end_date is None
    assert give_notice(
        session, ver.contract_id, by="carer", given_on=date(2026, 12, 11), today=TODAY
    ).value.last_day == date(2026, 12, 25)
    assert ver.contract.notice_given_by == "carer"


def test_notice_on_a_draft_is_refused(session) -> None:
    cid = _client(session)
    ver = draft_contract(session, _draft(session, cid), today=TODAY).value
    with pytest.raises(DaybookError, match="not been signed"):
        give_notice(session, ver.contract_id, by="client", given_on=TODAY, today=TODAY)


def test_fixed_end_date_ends_the_terms(session) -> None:
    cid = _client(session)
    _signed(session, cid, ends_on=date(2027, 1, 31))
    assert version_in_effect(session, cid, date(2027, 1, 31)) is not None
    assert version_in_effect(session, cid, date(2027, 2, 1)) is None


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"starts_on": None}, "starts_on"),
        ({"starts_on": date(1900, 1, 1)}, "starts_on"),
        ({"ends_on": date(2026, 11, 30)}, "ends_on"),
        ({"standard_rate_pence": None}, "standard_rate_pence"),
        ({"standard_rate_pence": -100}, "standard_rate_pence"),
        ({"standard_rate_pence": 0}, "standard_rate_pence"),
        ({"standard_rate_pence": 20001}, "standard_rate_pence"),
        ({"evening_rate_pence": -1}, "evening_rate_pence"),
        ({"bank_holiday_rate_pence": 99999}, "bank_holiday_rate_pence"),
        ({"schedule": []}, "schedule"),
        ({"schedule": [ScheduleSlot(0, time(9), time(9))]}, "schedule.0.end"),
        (
            {"schedule": [ScheduleSlot(0, time(9), time(10)), ScheduleSlot(2, time(10), time(9))]},
            "schedule.1.end",
        ),
        (
            {
                "schedule": [
                    ScheduleSlot(0, time(9), time(10)),
                    ScheduleSlot(0, time(9, 30), time(11)),
                ]
            },
            "schedule.1.start",
        ),
        ({"schedule": [ScheduleSlot(7, time(9), time(10))]}, "schedule.0.weekday"),
        ({"every_n_weeks": 3}, "every_n_weeks"),
        ({"notice_days_client": 0}, "notice_days_client"),
        ({"notice_days_carer": -5}, "notice_days_carer"),
        ({"notice_days_carer": 1000}, "notice_days_carer"),
        ({"late_cancel_percent": 150}, "late_cancel_percent"),
        ({"minimum_charge_pence": -1}, "minimum_charge_pence"),
        ({"services": [], "services_text": ""}, "services"),
        ({"services": ["juggling"]}, "services"),
        ({"plan_b_text": "   "}, "plan_b_text"),
        ({"payment_method": "barter"}, "payment_method"),
        ({"complaints_text": "x" * 50000}, "complaints_text"),
    ],
)
def test_bad_terms_name_the_field(session, overrides, field) -> None:  # noqa: ANN001
    cid = _client(session)
    with pytest.raises(ValidationError) as e:
        draft_contract(session, _draft(session, cid, **overrides), today=TODAY)
    assert e.value.field == field
    assert e.value.message
    assert contract_rows(session) == []


def test_rate_messages_are_plain(session) -> None:
    cid = _client(session)
    with pytest.raises(ValidationError) as e:
        draft_contract(session, _draft(session, cid, standard_rate_pence=25000), today=TODAY)
    assert "£200.00" in e.value.message
    with pytest.raises(ValidationError) as e:
        draft_contract(session, _draft(session, cid, notice_days_client=0), today=TODAY)
    assert "at least 1 day" in e.value.message


def test_warnings_never_block(session) -> None:
    save_profile(
        session, ProfileDraft(trading_name="T", carer_name="C", scheme=Scheme.STAFFORDSHIRE)
    )
    other = _client(session, "Arthur Penrose")
    _signed(session, other, schedule=[ScheduleSlot(0, time(9, 30), time(10, 30))])
    cid = _client(session, "Dorothy Hughes", dp=1900)
    d = _draft(
        session,
        cid,
        standard_rate_pence=1800,
        evening_rate_pence=2200,
        specialist_rate_pence=2250,
        notice_days_client=28,
    )
    warnings = contract_warnings(session, d)
    text = " | ".join(warnings)
    assert "below this client's Direct Payment rate (£19.00 an hour)" in text
    assert "specialist rate is at or above £22.50" in text
    assert "client's notice period (28 days) is outside the usual 7–14 days" in text
    assert "Monday 09:00–10:00 visit overlaps Arthur Penrose's visit at 09:30–10:30" in text
    assert len(warnings) == 4
    draft_contract(session, d, today=TODAY)  # still allowed


def test_no_warnings_for_ordinary_terms(session) -> None:
    save_profile(session, ProfileDraft(trading_name="T", carer_name="C", scheme=Scheme.SOMERSET))
    other = _client(session, "Arthur Penrose")
    _signed(session, other, schedule=[ScheduleSlot(0, time(10), time(11))])  # touches, no overlap
    cid = _client(session, "Dorothy Hughes", dp=1900)
    assert contract_warnings(session, _draft(session, cid, specialist_rate_pence=3000)) == []


def test_fortnightly_schedules_in_alternate_weeks_do_not_overlap(session) -> None:
    other = _client(session, "Arthur Penrose")
    _signed(session, other, every_n_weeks=2, starts_on=date(2026, 11, 30))  # week of Mon 30/11
    cid = _client(session, "Dorothy Hughes")
    alternate = _draft(session, cid, every_n_weeks=2, starts_on=date(2026, 12, 7))
    assert contract_warnings(session, alternate) == []
    same = _draft(session, cid, every_n_weeks=2, starts_on=date(2026, 12, 14))
    assert len(contract_warnings(session, same)) == 2  # Monday and Thursday


def test_warnings_cope_with_a_half_typed_form(session) -> None:
    cid = _client(session)
    d = ContractDraft(
        client_id=cid,
        schedule=[ScheduleSlot(0, time(10), time(9))],
        notice_days_client=None,
        standard_rate_pence=None,
    )  # type: ignore[arg-type]
    assert contract_warnings(session, d) == []


def test_plan_b_contacts(session) -> None:
    cid = _client(session)
    add_plan_b_contact(
        session,
        cid,
        PlanBDraft(PlanBKind.PROVIDER, "Wellington Carers", "01823 400400"),
        today=TODAY,
    )
    fam = add_plan_b_contact(
        session,
        cid,
        PlanBDraft(PlanBKind.ARRANGES_COVER, "Linda Ellis", "07700 900111", consent_to_share=True),
        today=TODAY,
    ).value
    assert fam.consent_recorded_on == TODAY
    assert [c.name for c in plan_b_contacts_for(session, cid)] == [
        "Linda Ellis",
        "Wellington Carers",
    ]
    with pytest.raises(ValidationError) as e:
        add_plan_b_contact(session, cid, PlanBDraft(PlanBKind.ARRANGES_COVER, "Jo"), today=TODAY)
    assert e.value.field == "phone"
    remove_plan_b_contact(session, fam.id)
    assert [c.name for c in plan_b_contacts_for(session, cid)] == ["Wellington Carers"]


def test_list_json_has_no_sensitive_fields(session) -> None:
    cid = _client(session)
    _signed(session, cid)
    [row] = contract_rows(session)
    data = row_as_json(row)
    assert data["client_name"] == "Margaret Ellis" and data["standard_rate_pence"] == 2000
    assert data["schedule"] == "Mondays and Thursdays, 09:00–10:00"
    assert data["status"] == "signed" and data["version"] == 1
    assert set(data) >= {
        "id",
        "client_id",
        "starts_on",
        "notice_days_client",
        "notice_days_carer",
        "end_date",
    }


def test_a_sent_agreement_waiting_a_week_shows_on_today(session) -> None:
    cid = _client(session)
    ver = draft_contract(session, _draft(session, cid), today=TODAY).value
    send_version(session, ver.id, sent_on=date(2026, 11, 20))
    assert due(session, date(2026, 11, 26)) == []
    [item] = due(session, date(2026, 11, 27))
    assert item.heading == "Agreement not signed yet" and item.record_id == ver.contract_id


def test_check_finds_a_signed_version_without_its_pdf(session) -> None:
    cid = _client(session)
    ver = _signed(session, cid)
    assert check(session) == []
    # The database refuses this (migration 0008), so drop its guard as a tamperer would.
    session.execute(text("DROP TRIGGER contract_version_signed_no_update"))
    ver.signed_pdf = None
    assert check(session) == [
        f"contract {ver.contract_id} version 1 is signed but its PDF is missing"
    ]
