"""Each service says which kinds of data it changed, so the UI's runner refreshes the right
views without the call site restating it. Real services over a real encrypted store."""

from __future__ import annotations

from datetime import date, timedelta

from app.core.changes import Area, Done, changes
from app.core.clients import ClientDraft, archive_client, restore_client, save_client
from app.core.portfolio import services as ps
from app.core.profile import ProfileDraft, save_profile
from app.core.safeguarding.models import AddendumKind
from app.core.safeguarding.services import add_addendum, create_record
from app.core.settings import set_setting
from app.core.visits import services as vs
from app.core.visits.generate import generate_visits
from app.core.visits.ill import mark_carer_ill
from tests.conftest import TODAY
from tests.core.test_portfolio import MINI_PDF
from tests.core.test_safeguarding import NOW
from tests.core.test_safeguarding import draft as concern_draft
from tests.core.test_visits import london, make_client, make_contract

CLIENTS = changes(Area.CLIENTS)
VISITS = changes(Area.VISITS)
PORTFOLIO = changes(Area.PORTFOLIO)


def test_client_services(session) -> None:  # type: ignore[no-untyped-def]
    added = save_client(session, None, ClientDraft(name="Margaret Ellis"), today=TODAY)
    assert isinstance(added, Done) and added.changes == CLIENTS
    client_id = added.value
    updated = save_client(session, client_id, ClientDraft(name="Margaret Ellis"), today=TODAY)
    assert updated == Done(client_id, CLIENTS)
    assert archive_client(session, client_id) == CLIENTS
    assert restore_client(session, client_id) == CLIENTS


def test_profile_and_settings_services(session) -> None:  # type: ignore[no-untyped-def]
    assert save_profile(session, ProfileDraft(trading_name="T", carer_name="C")) == changes(
        Area.PROFILE
    )
    assert set_setting(session, "some.key", "x") == changes(Area.SETTINGS)


def test_visit_services(session) -> None:  # type: ignore[no-untyped-def]
    client = make_client(session)
    make_contract(session, client, starts_on=date(2026, 11, 2), slots=[(2, "16:00", "17:00")])
    planned = generate_visits(session, date(2026, 11, 23), date(2026, 12, 6))
    assert planned.changes == VISITS and planned.value.created == 2

    draft = vs.VisitDraft(client.id, london(2026, 11, 24, 9), london(2026, 11, 24, 10))
    one_off = vs.add_one_off(session, draft)
    assert one_off.changes == VISITS
    visit_id = one_off.value.id
    moved = vs.VisitDraft(client.id, london(2026, 11, 24, 10), london(2026, 11, 24, 11))
    assert vs.update_visit(session, visit_id, moved) == VISITS
    assert vs.mark_delivered(session, visit_id, moved.start, moved.end) == VISITS

    other = vs.add_one_off(
        session, vs.VisitDraft(client.id, london(2026, 11, 30, 9), london(2026, 11, 30, 10))
    ).value.id
    when = london(2026, 11, 20, 9)
    assert vs.cancel_by_client(session, other, cancelled_at=when) == VISITS
    assert vs.reinstate_visit(session, other) == VISITS
    assert vs.cancel_by_carer(session, other, cancelled_at=when) == VISITS
    assert vs.reinstate_visit(session, other) == VISITS
    assert vs.delete_visit(session, other) == VISITS

    ill = mark_carer_ill(session, date(2026, 12, 2), date(2026, 12, 2), now=when)
    assert ill.changes == VISITS and ill.value.cancelled == 1


def test_portfolio_services(session) -> None:  # type: ignore[no-untyped-def]
    added = ps.save_document(session, None, ps.DocumentDraft(title="DBS check"), today=TODAY)
    assert added.changes == PORTFOLIO
    doc_id = added.value
    again = ps.save_document(session, doc_id, ps.DocumentDraft(title="DBS"), today=TODAY)
    assert again == Done(doc_id, PORTFOLIO)
    attached = ps.attach_file(session, doc_id, "scan.pdf", MINI_PDF)
    assert attached.changes == PORTFOLIO
    assert ps.remove_file(session, attached.value.id) == PORTFOLIO
    client_id = save_client(session, None, ClientDraft(name="Arthur"), today=TODAY).value
    assert ps.save_client_choice(session, client_id, [doc_id]) == PORTFOLIO
    shared = ps.record_share(session, document_ids=[doc_id], client_id=client_id)
    assert shared.changes == PORTFOLIO
    assert ps.archive_document(session, doc_id) == PORTFOLIO
    assert ps.restore_document(session, doc_id) == PORTFOLIO


def test_safeguarding_services(session) -> None:  # type: ignore[no-untyped-def]
    record = create_record(session, concern_draft(), now=NOW)
    assert record.changes == changes(Area.SAFEGUARDING)
    later = NOW + timedelta(hours=1)
    addendum = add_addendum(
        session, record.value.id, AddendumKind.CORRECTION, "Time was 10:15.", now=later
    )
    assert addendum.changes == changes(Area.SAFEGUARDING)
