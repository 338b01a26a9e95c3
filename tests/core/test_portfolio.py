"""Portfolio services: documents, attached files, the default set, client choices, share log."""

import sys
from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest

from app.core.clients import ClientDraft, add_client
from app.core.errors import NotFound, ValidationError
from app.core.portfolio.models import DocType, ShareHow
from app.core.portfolio.services import (
    JPEG,
    MAX_FILE_BYTES,
    PDF,
    PNG,
    DocumentDraft,
    add_document,
    all_document_ids,
    archive_document,
    attach_file,
    client_choice,
    client_document_ids,
    default_document_ids,
    documents_as_json,
    draft_from_document,
    file_content,
    list_documents,
    list_files,
    move_file,
    record_share,
    remove_file,
    restore_document,
    save_client_choice,
    set_default_set,
    share_log,
    sniff_mime,
    update_document,
)
from tests.conftest import TODAY

MINI_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", size, (30, 30, 200)).save(out, "JPEG")
    return out.getvalue()


def doc(session, title: str = "First aid", **kw) -> int:
    kw.setdefault("doc_type", DocType.TRAINING)
    return add_document(session, DocumentDraft(title=title, **kw), today=TODAY).id


def test_add_edit_and_list_a_document(session) -> None:
    d = add_document(
        session,
        DocumentDraft(
            DocType.INSURANCE,
            "  Public liability  ",
            "Hearthside Mutual",
            "PL/1",
            issue_date=date(2026, 6, 1),
            expiry_date=date(2027, 5, 31),
            cover_pence=5_000_000_00,
        ),
        today=TODAY,
    )
    assert d.title == "Public liability"
    draft = draft_from_document(d)
    draft.title = "Public liability insurance ✓ Łódź"
    update_document(session, d.id, draft, today=TODAY)
    [row] = list_documents(session, today=TODAY)
    assert (row.title, row.issuer, row.status.value, row.files_count) == (
        "Public liability insurance ✓ Łódź",
        "Hearthside Mutual",
        "valid",
        0,
    )


@pytest.mark.parametrize(
    "draft, field",
    [
        (DocumentDraft(DocType.DBS, "   "), "title"),
        (DocumentDraft(DocType.DBS, "x" * 201), "title"),
        (
            DocumentDraft(
                DocType.TRAINING,
                "First aid",
                issue_date=date(2026, 3, 1),
                expiry_date=date(2026, 2, 28),
            ),
            "expiry_date",
        ),
        (DocumentDraft(DocType.DBS, "DBS", issue_date=TODAY + timedelta(days=1)), "issue_date"),
        (
            DocumentDraft(
                DocType.DBS, "DBS", issue_date=date(2025, 1, 1), renewal_date=date(2024, 1, 1)
            ),
            "renewal_date",
        ),
        (DocumentDraft(DocType.INSURANCE, "PL", cover_pence=-1), "cover_pence"),
        (DocumentDraft(DocType.TRAINING, "First aid", expiry_date=date(9999, 1, 1)), "expiry_date"),
        (DocumentDraft("passport-ish", "ID"), "doc_type"),  # type: ignore[arg-type]
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(session, draft, field) -> None:
    with pytest.raises(ValidationError) as e:
        add_document(session, draft, today=TODAY)
    assert e.value.field == field
    assert e.value.message
    assert list_documents(session, today=TODAY, include_archived=True) == []


def test_issue_date_today_and_expiry_on_issue_day_are_fine(session) -> None:
    doc(session, issue_date=TODAY, expiry_date=TODAY)
    assert len(list_documents(session, today=TODAY)) == 1


def test_archived_documents_leave_lists_and_sets_and_come_back(session) -> None:
    a, b = doc(session, "A"), doc(session, "B")
    archive_document(session, a)
    assert [r.id for r in list_documents(session, today=TODAY)] == [b]
    assert default_document_ids(session) == [b]
    assert all_document_ids(session) == [b]
    assert [r.archived for r in list_documents(session, today=TODAY, include_archived=True)] == [
        True,
        False,
    ]
    restore_document(session, a)
    assert all_document_ids(session) == [a, b]


def test_documents_are_listed_by_type_then_title(session) -> None:
    doc(session, "Safeguarding")
    doc(session, "Ref", doc_type=DocType.REFERENCE)
    doc(session, "DBS", doc_type=DocType.DBS)
    doc(session, "first aid")
    assert [r.title for r in list_documents(session, today=TODAY)] == [
        "DBS",
        "first aid",
        "Safeguarding",
        "Ref",
    ]


@pytest.mark.parametrize(
    "name, data, mime",
    [
        ("scan.pdf", MINI_PDF, PDF),
        ("photo.jpg", jpeg_bytes(), JPEG),
        ("certificate.png", png_bytes(), PNG),
        ("misnamed.pdf", png_bytes(), PNG),  # the content decides, not the name
        ("no extension", jpeg_bytes(), JPEG),
    ],
)
def test_files_are_kept_byte_for_byte_and_typed_by_content(session, name, data, mime) -> None:
    d = doc(session)
    f = attach_file(session, d, name, data).value
    assert (f.mime, f.size, f.filename) == (mime, len(data), name)
    assert file_content(session, f.id) == data
    assert [r.filename for r in list_files(session, d)] == [name]
    assert list_documents(session, today=TODAY)[0].files_count == 1


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("notes.txt", b"hello there", "not a PDF, JPEG or PNG"),
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100, "not a PDF, JPEG or PNG"),
        ("empty.pdf", b"", "empty"),
        ("photo.gif", b"GIF89a" + b"\x00" * 20, "not a PDF, JPEG or PNG"),
    ],
)
def test_wrong_kinds_of_file_are_refused_naming_the_file(session, name, data, words) -> None:
    d = doc(session)
    with pytest.raises(ValidationError) as e:
        attach_file(session, d, name, data)
    assert e.value.field == "file"
    assert f"“{name}”" in e.value.message and words in e.value.message
    assert list_files(session, d) == []


def test_a_file_over_50_mb_is_refused(session) -> None:
    d = doc(session)
    with pytest.raises(ValidationError) as e:
        attach_file(session, d, "huge scan.pdf", b"%PDF-1.7\n" + b"0" * MAX_FILE_BYTES)
    assert "“huge scan.pdf”" in e.value.message and "50 MB" in e.value.message


def test_heic_is_refused_plainly_when_no_library_reads_it(session, monkeypatch) -> None:
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 50
    assert sniff_mime(heic) == "image/heic"
    monkeypatch.setitem(sys.modules, "pi_heif", None)  # as if pi-heif were not installed
    with pytest.raises(ValidationError) as e:
        attach_file(session, doc(session), "IMG_0001.HEIC", heic)
    assert e.value.field == "file"
    assert e.value.message.startswith("“IMG_0001.HEIC” is in Apple's HEIC photo format")
    assert "Most Compatible" in e.value.message and "JPEG" in e.value.message


def test_a_path_becomes_a_plain_file_name(session) -> None:
    f = attach_file(session, doc(session), "C:\\Users\\sam\\Desktop\\dbs\x07.pdf", MINI_PDF).value
    assert f.filename == "dbs.pdf"


def test_files_can_be_reordered_and_removed(session) -> None:
    d = doc(session)
    a = attach_file(session, d, "a.pdf", MINI_PDF).value.id
    b = attach_file(session, d, "b.png", png_bytes()).value.id
    move_file(session, b, -1)
    assert [r.id for r in list_files(session, d)] == [b, a]
    remove_file(session, b)
    assert [r.id for r in list_files(session, d)] == [a]
    with pytest.raises(NotFound):
        remove_file(session, b)


def test_files_live_inside_the_encrypted_database(store) -> None:
    marker = b"PLAINTEXT-MARKER-7f3a"
    with store.unit_of_work() as s:
        attach_file(s, doc(s), "scan.pdf", MINI_PDF + marker)
    store.checkpoint()
    assert marker not in store.path.read_bytes()
    assert not list(store.data_dir.rglob("scan.pdf"))


def test_default_set_and_client_choices(session) -> None:
    a, b, c = doc(session, "A"), doc(session, "B"), doc(session, "C", in_default_set=False)
    client = add_client(session, ClientDraft(name="Margaret Ellis"), today=TODAY).id
    assert default_document_ids(session) == [a, b]
    assert client_choice(session, client) is None
    assert client_document_ids(session, client) == [a, b]
    save_client_choice(session, client, [c, a, 999])  # unknown ids are dropped
    assert client_document_ids(session, client) == [a, c]
    archive_document(session, c)
    assert client_document_ids(session, client) == [a]
    save_client_choice(session, client, None)
    assert client_document_ids(session, client) == [a, b]
    set_default_set(session, [b])
    assert default_document_ids(session) == [b]
    with pytest.raises(NotFound):
        save_client_choice(session, 4242, [a])


def test_share_log_records_who_when_and_what_per_client(session) -> None:
    a, b = doc(session, "DBS", doc_type=DocType.DBS), doc(session, "First aid")
    peggy = add_client(session, ClientDraft(name="Margaret Ellis"), today=TODAY).id
    arthur = add_client(session, ClientDraft(name="Arthur Penrose"), today=TODAY).id
    t1 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    record_share(
        session,
        document_ids=[b, a],
        client_id=peggy,
        how=ShareHow.SENT,
        shared_at=t1,
        watermark="Shared with Margaret Ellis on 01/10/2026",
    )
    record_share(
        session, document_ids=[a], client_id=arthur, how="shown", shared_at=t1 + timedelta(days=5)
    )
    record_share(
        session,
        document_ids=[b],
        recipient="Somerset Council (new client review)",
        shared_at=t1 + timedelta(days=9),
    )
    archive_document(session, b)  # the log keeps what was shared, as it was
    [row] = share_log(session, peggy)
    assert (row.client_name, row.recipient, row.how, row.shared_at) == (
        "Margaret Ellis",
        "Margaret Ellis",
        ShareHow.SENT,
        t1,
    )
    assert row.document_titles == ["DBS", "First aid"]
    assert [r.recipient for r in share_log(session)] == [
        "Somerset Council (new client review)",
        "Arthur Penrose",
        "Margaret Ellis",
    ]


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"document_ids": [1], "recipient": "  "}, "recipient"),
        ({"document_ids": [], "recipient": "Jo"}, "document_ids"),
        ({"document_ids": [1], "recipient": "Jo", "how": "emailed"}, "how"),
    ],
)
def test_share_log_refuses_bad_input(session, kwargs, field) -> None:
    doc(session)
    with pytest.raises(ValidationError) as e:
        record_share(session, **kwargs)
    assert e.value.field == field


def test_share_of_unknown_documents_or_client_is_refused(session) -> None:
    a = doc(session)
    with pytest.raises(NotFound):
        record_share(session, document_ids=[a, 77], recipient="Jo")
    with pytest.raises(NotFound):
        record_share(session, document_ids=[a], client_id=555)


def test_json_listing_has_what_the_cli_promises(session) -> None:
    d = doc(
        session,
        "First aid",
        issuer="Red Cross",
        number="FA-1",
        issue_date=date(2024, 1, 2),
        expiry_date=date(2026, 12, 1),
    )
    attach_file(session, d, "fa.png", png_bytes())
    [row] = documents_as_json(session, today=TODAY)
    assert row == {
        "id": d,
        "type": "training",
        "title": "First aid",
        "issuer": "Red Cross",
        "number": "FA-1",
        "issue_date": "2024-01-02",
        "expiry_date": "2026-12-01",
        "renewal_date": None,
        "status": "expiring_soon",
        "files": 1,
        "in_default_set": True,
        "archived": False,
    }


def test_integrity_check_finds_a_file_missing_bytes(session) -> None:
    from sqlalchemy import update

    from app.core.portfolio.checks import check_files
    from app.core.portfolio.models import PortfolioFile

    f = attach_file(session, doc(session), "scan.pdf", MINI_PDF).value
    assert check_files(session) == []
    session.execute(
        update(PortfolioFile).where(PortfolioFile.id == f.id).values(content=MINI_PDF[:10])
    )
    assert check_files(session) == [f"portfolio file {f.id} has 10 bytes, {len(MINI_PDF)} expected"]
