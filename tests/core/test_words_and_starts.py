"""Issue 21's wording: a payer shown without doubled brackets, counts that agree with their
noun, and an agreement that cannot start before its client's care does."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.clients import ClientDraft, PayerType, add_client, search_clients
from app.core.contracts.drafting import draft_contract, sign_version, update_version
from app.core.contracts.term_warnings import contract_warnings
from app.core.errors import ValidationError
from app.core.formatting import plural
from tests.conftest import TODAY
from tests.core.test_contracts import _draft, fake_render


def test_plural_agrees_with_the_count() -> None:
    assert plural(1, "expense") == "1 expense"
    assert plural(0, "expense") == "0 expenses"
    assert plural(2, "entry", "entries") == "2 entries"
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(1200, "visit") == "1,200 visits"


def test_a_payer_whose_name_has_brackets_gets_no_second_pair(session) -> None:
    add_client(
        session,
        ClientDraft(
            name="Arthur Penrose",
            payer_type=PayerType.FAMILY,
            payer_name="Paul Whitfield (son)",
            payer_address="2 Mill St",
        ),
        today=TODAY,
    )
    (row,) = search_clients(session, "Arthur")
    assert row.payer == "Paul Whitfield (son) · A family member"
    assert ") (" not in row.payer


def _client_from(session, start: date | None) -> int:  # noqa: ANN001
    return add_client(session, ClientDraft(name="Margaret Ellis", start_date=start), today=TODAY).id


def test_an_agreement_cannot_start_before_the_clients_start_date(session) -> None:
    cid = _client_from(session, date(2026, 12, 7))
    with pytest.raises(
        ValidationError, match=r"before the client's start date \(07/12/2026\)"
    ) as e:
        draft_contract(session, _draft(session, cid, starts_on=date(2026, 12, 1)), today=TODAY)
    assert e.value.field == "starts_on"
    version = draft_contract(
        session, _draft(session, cid, starts_on=date(2026, 12, 7)), today=TODAY
    ).value
    with pytest.raises(ValidationError, match="client's start date") as e:
        update_version(
            session, version.id, _draft(session, cid, starts_on=date(2026, 12, 6)), today=TODAY
        )
    assert e.value.field == "starts_on"
    sign_version(
        session, version.id, signed_on=TODAY, how="On paper", today=TODAY, render=fake_render
    )
    assert version.starts_on == date(2026, 12, 7)


def test_a_client_without_a_start_date_gets_a_warning_not_a_refusal(session) -> None:
    cid = _client_from(session, None)
    draft = _draft(session, cid, starts_on=date(2026, 12, 1))
    warned = [w for w in contract_warnings(session, draft) if "no start date" in w]
    assert warned and "01/12/2026" in warned[0]
    draft_contract(session, draft, today=TODAY)  # allowed
    dated = _client_from(session, date(2026, 11, 1))
    assert not [
        w
        for w in contract_warnings(session, _draft(session, dated, starts_on=date(2026, 12, 1)))
        if "no start date" in w
    ]


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("QQ 12 34 56 C", "the example printed on HMRC's forms"),
        ("DA123456A", "starts with those two letters"),
        ("GB123456A", "starts with those two letters"),
        ("AB123456E", "last letter of a National Insurance number is A, B, C or D"),
        ("AB12345C", "two letters, six digits and a letter"),
    ],
)
def test_a_wrong_ni_number_says_what_is_wrong_without_repeating_it(raw: str, says: str) -> None:
    from app.core import validators as v

    with pytest.raises(ValidationError) as e:
        v.ni_number(raw)
    assert says in e.value.message and e.value.field == "ni_number"
    if raw != "QQ 12 34 56 C":
        assert raw.replace(" ", "") not in e.value.message.replace(" ", "")


@pytest.mark.parametrize(
    ("address", "scheme"),
    [
        ("3 Rose Lane\nTaunton TA1 1AA", "somerset"),
        ("1 High St, Frome, BA11 1AA", "somerset"),
        ("2 Abbey Rd, Bath BA1 1AA", "other"),  # Bath and North East Somerset
        ("12 Mill St, Stafford ST16 2AA", "staffordshire"),
        ("4 Hope St, Hanley, Stoke-on-Trent ST1 5AA", "other"),  # the city's own council
        ("9 Park Row, Leeds LS1 5AA", "other"),
        ("The Old Forge, Somerset", "somerset"),
        ("Clevedon, North Somerset", "other"),
        ("", "other"),
    ],
)
def test_the_scheme_suggested_follows_the_address(address: str, scheme: str) -> None:
    from app.core.schemes import scheme_for_address

    assert scheme_for_address(address) == scheme
