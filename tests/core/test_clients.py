from datetime import date

import pytest

from app.core.clients import (
    ClientDraft,
    ClientStatus,
    ContactDraft,
    PayerType,
    add_client,
    archive_client,
    draft_from_client,
    get_client,
    list_clients_json,
    restore_client,
    search_clients,
    update_client,
)
from app.core.errors import ValidationError
from tests.conftest import TODAY


def test_add_and_find_a_client(session) -> None:
    c = add_client(
        session,
        ClientDraft(name="Zoë Ångström", preferred_name="Zo", status=ClientStatus.ACTIVE),
        today=TODAY,
    )
    assert [r.name for r in search_clients(session, "ångström")] == ["Zoë Ångström"]
    assert get_client(session, c.id).preferred_name == "Zo"


def test_search_matches_every_word_and_payer(session) -> None:
    add_client(
        session,
        ClientDraft(name="Arthur Penrose", payer_type=PayerType.FAMILY, payer_name="Linda Penrose"),
        today=TODAY,
    )
    add_client(session, ClientDraft(name="Arthur Miles"), today=TODAY)
    assert [r.name for r in search_clients(session, "arthur")] == ["Arthur Miles", "Arthur Penrose"]
    assert [r.name for r in search_clients(session, "linda")] == ["Arthur Penrose"]
    assert [r.name for r in search_clients(session, "arthur pen")] == ["Arthur Penrose"]


@pytest.mark.parametrize(
    "draft, field",
    [
        (ClientDraft(name="  "), "name"),
        (ClientDraft(name="A", date_of_birth=date(2030, 1, 1)), "date_of_birth"),
        (ClientDraft(name="A", email="nope"), "email"),
        (ClientDraft(name="A", payer_type=PayerType.DIRECT_PAYMENT), "payer_name"),
        (ClientDraft(name="A", dp_rate_pence=-100), "dp_rate_pence"),
        (ClientDraft(name="A" * 201), "name"),
        (
            ClientDraft(name="A", emergency_contacts=[ContactDraft("Jo", "Son", "")]),
            "emergency_contacts.0.phone",
        ),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(session, draft, field) -> None:
    with pytest.raises(ValidationError) as e:
        add_client(session, draft, today=TODAY)
    assert e.value.field == field
    assert search_clients(session, "", include_archived=True) == []


def test_edit_keeps_emergency_contacts(session) -> None:
    c = add_client(
        session,
        ClientDraft(
            name="Edith", emergency_contacts=[ContactDraft("Mary", "Daughter", "07700 900111")]
        ),
        today=TODAY,
    )
    draft = draft_from_client(c)
    draft.emergency_contacts.append(ContactDraft("Tom", "Son", "07700 900222"))
    draft.name = "Edith Marsh"
    update_client(session, c.id, draft, today=TODAY)
    again = get_client(session, c.id)
    assert again.name == "Edith Marsh"
    assert [x.name for x in again.emergency_contacts] == ["Mary", "Tom"]


def test_archive_hides_but_never_deletes(session) -> None:
    c = add_client(session, ClientDraft(name="Joan"), today=TODAY)
    archive_client(session, c.id)
    assert search_clients(session, "joan") == []
    assert [r.archived for r in search_clients(session, "joan", include_archived=True)] == [True]
    restore_client(session, c.id)
    assert [r.name for r in search_clients(session, "joan")] == ["Joan"]


def test_json_listing_leaves_out_sensitive_fields(session) -> None:
    add_client(
        session,
        ClientDraft(name="Reg", care_notes="diabetic, insulin at 8", key_safe="code 4321"),
        today=TODAY,
    )
    text = str(list_clients_json(session))
    assert "insulin" not in text and "4321" not in text
    assert "Reg" in text


def test_payer_is_who_is_billed(session) -> None:
    c = add_client(
        session,
        ClientDraft(
            name="Dot",
            address="1 Mill St",
            payer_type=PayerType.DIRECT_PAYMENT,
            payer_name="DP Managed Accounts",
            payer_address="PO Box 1",
        ),
        today=TODAY,
    )
    assert (c.billing_name, c.billing_address) == ("DP Managed Accounts", "PO Box 1")
