"""The portfolio PDF, read back with pypdf: pages, contents, summary, watermark, left-out files."""

from __future__ import annotations

import sys
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from app.core.portfolio.expiry import ExpiryStatus, expiry_status, status_text
from app.core.portfolio.export import ExportPlan, PlanDocument, PlanFile, build_export_plan
from app.core.portfolio.models import DocType
from app.core.portfolio.services import (
    DocumentDraft,
    add_document,
    attach_file,
    default_document_ids,
    file_content,
)
from app.documents.portfolio_pdf import ExportCancelled, check_attachment, render_portfolio
from tests.conftest import TODAY

# ---------------------------------------------------------------- sample files


def pdf_bytes(
    pages: int = 1, label: str = "Sample", size: tuple[float, float] | None = None
) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = BytesIO()
    c = Canvas(buf, pagesize=size or A4)
    for i in range(pages):
        c.setFont("Helvetica", 14)
        c.drawString(72, 700 if (size or A4)[1] > 700 else 100, f"{label} page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(user_password: str = "s3cret") -> bytes:
    w = PdfWriter(clone_from=PdfReader(BytesIO(pdf_bytes(1, "Locked"))))
    w.encrypt(user_password=user_password, owner_password="owner-only", algorithm="AES-128")
    out = BytesIO()
    w.write(out)
    return out.getvalue()


CORRUPT_PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8 + b"\n%%EOF"


def image_bytes(
    size: tuple[int, int] = (1200, 850),
    fmt: str = "PNG",
    *,
    colour: tuple[int, int, int] = (250, 245, 230),
    exif_orientation: int | None = None,
) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", size, colour)
    d = ImageDraw.Draw(im)
    d.rectangle([10, 10, size[0] - 10, size[1] - 10], outline=(120, 90, 40), width=6)
    d.ellipse([size[0] // 3, size[1] // 3, size[0] // 2, size[1] // 2], fill=(30, 60, 120))
    out = BytesIO()
    if exif_orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        im.save(out, fmt, exif=exif.tobytes())
    else:
        im.save(out, fmt)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    data = image_bytes((800, 600), "JPEG")
    return data[: len(data) // 3]


# ---------------------------------------------------------------- plans without a database


def plan_doc(
    i: int,
    doc_type: DocType,
    title: str,
    files: list[tuple[str, str, bytes]],
    store: dict[int, bytes],
    **kw,
) -> PlanDocument:
    pfiles = []
    for n, (name, mime, data) in enumerate(files):
        fid = i * 100 + n
        store[fid] = data
        pfiles.append(PlanFile(fid, name, mime, len(data)))
    expiry, renewal = kw.get("expiry_date"), kw.get("renewal_date")
    return PlanDocument(
        id=i,
        doc_type=doc_type,
        title=title,
        issuer=kw.get("issuer", ""),
        number=kw.get("number", ""),
        issue_date=kw.get("issue_date"),
        expiry_date=expiry,
        renewal_date=renewal,
        cover_pence=kw.get("cover_pence"),
        status=expiry_status(expiry, renewal, TODAY),
        status_text=status_text(expiry, renewal, TODAY),
        files=tuple(pfiles),
    )


def make_plan(docs: list[PlanDocument], watermark: str = "", client: str = "") -> ExportPlan:
    return ExportPlan(
        carer_name="Łucja Ní Bhriain",
        trading_name="Helping Hands Home Care",
        address="12 Orchard Lane\nWellington",
        phone="07700 900123",
        email="sam@example.org",
        scheme_name="Somerset CMEP",
        prepared_on=TODAY,
        client_id=1 if client else None,
        client_name=client,
        watermark=watermark,
        documents=tuple(docs),
    )


PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"


def standard_portfolio() -> tuple[ExportPlan, dict[int, bytes]]:
    files: dict[int, bytes] = {}
    docs = [
        plan_doc(
            1,
            DocType.DBS,
            "Enhanced DBS certificate",
            [("dbs.pdf", PDF, pdf_bytes(1, "DBS"))],
            files,
            issuer="Disclosure and Barring Service",
            number="001234567890",
            issue_date=date(2025, 3, 12),
            renewal_date=date(2027, 3, 12),
        ),
        plan_doc(
            2,
            DocType.INSURANCE,
            "Public liability insurance",
            [("schedule.pdf", PDF, pdf_bytes(2, "Schedule"))],
            files,
            issuer="Hearthside Mutual",
            number="PL/555/MP",
            issue_date=date(2026, 6, 1),
            expiry_date=date(2027, 5, 31),
            cover_pence=5_000_000_00,
        ),
        plan_doc(
            3,
            DocType.TRAINING,
            "Emergency first aid at work",
            [("first aid.png", PNG, image_bytes())],
            files,
            issuer="Red Cross",
            issue_date=date(2023, 12, 10),
            expiry_date=date(2026, 12, 10),
        ),
        plan_doc(
            4,
            DocType.TRAINING,
            "Food hygiene (level 2)",
            [("food.jpg", JPEG, image_bytes((900, 1300), "JPEG"))],
            files,
            issue_date=date(2023, 11, 1),
            expiry_date=date(2026, 11, 1),
        ),
        plan_doc(
            5,
            DocType.REFERENCE,
            "Reference from a previous employer",
            [],
            files,
            issuer="J. Morgan",
        ),
    ]
    return make_plan(docs), files


def text_of(reader: PdfReader, index: int) -> str:
    return reader.pages[index].extract_text() or ""


def contents_page_of(contents: str, title: str) -> int:
    """The page number the contents gives for `title` (the first number after it)."""
    lines = [x.strip() for x in contents.splitlines()]
    start = lines.index(title)
    return int(next(x for x in lines[start + 1 :] if x.isdigit()))


# ---------------------------------------------------------------- tests


def test_export_has_cover_contents_summary_then_every_page() -> None:
    plan, files = standard_portfolio()
    result = render_portfolio(plan, files.__getitem__)
    reader = PdfReader(BytesIO(result.pdf))
    # cover, contents, summary; DBS 1 + schedule 2 + two pictures + a details page for the reference
    assert len(reader.pages) == result.page_count == 3 + 1 + 2 + 1 + 1 + 1
    assert result.left_out == []
    cover, contents, summary = (text_of(reader, i) for i in range(3))
    assert (
        "Portfolio" in cover and "Łucja Ní Bhriain" in cover and "Prepared on 25/11/2026" in cover
    )
    assert "Contents" in contents
    for title, page in (
        ("Enhanced DBS certificate", 4),
        ("Public liability insurance", 5),
        ("Emergency first aid at work", 7),
        ("Food hygiene (level 2)", 8),
        ("Reference from a previous employer", 9),
    ):
        assert contents_page_of(contents, title) == page, title
    assert "Summary of checks" in summary
    for must in (
        "Certificate no. 001234567890",
        "12/03/2025",
        "Update service renews 12/03/2027",
        "Insurer: Hearthside Mutual",
        "Policy no. PL/555/MP",
        "Cover: £5,000,000",
        "Expires 31/05/2027",
        "Emergency first aid at work",
        "Expires 10/12/2026",
        "Expiring soon",
        "Expired",
    ):
        assert must in " ".join(summary.split()), must
    assert "Reference from a previous employer" in summary  # under "Also included"
    # the attached PDFs' own pages, in order, with page numbers stamped on
    assert "DBS page 1" in text_of(reader, 3)
    assert "Schedule page 1" in text_of(reader, 4) and "Schedule page 2" in text_of(reader, 5)
    assert "Page 5 of 9" in text_of(reader, 4)
    assert "Emergency first aid at work" in text_of(reader, 6)  # the picture's title
    assert "No copy of this document is attached" in text_of(reader, 8)


def test_watermark_is_on_every_page() -> None:
    plan, files = standard_portfolio()
    mark = "Shared with Margaret Ellis on 25/11/2026"
    plan = make_plan(list(plan.documents), watermark=mark, client="Margaret Ellis")
    reader = PdfReader(BytesIO(render_portfolio(plan, files.__getitem__).pdf))
    assert all(mark in text_of(reader, i) for i in range(len(reader.pages)))
    assert "for Margaret Ellis" in text_of(reader, 0)


def test_corrupt_and_password_protected_pdfs_are_reported_not_dropped() -> None:
    files: dict[int, bytes] = {}
    docs = [
        plan_doc(1, DocType.DBS, "DBS certificate", [("dbs scan.pdf", PDF, CORRUPT_PDF)], files),
        plan_doc(
            2,
            DocType.INSURANCE,
            "Insurance",
            [("policy.pdf", PDF, encrypted_pdf()), ("policy p2.pdf", PDF, pdf_bytes(1, "P2"))],
            files,
        ),
        plan_doc(
            3,
            DocType.TRAINING,
            "Moving and handling",
            [("photo.jpg", JPEG, truncated_jpeg())],
            files,
        ),
    ]
    result = render_portfolio(make_plan(docs), files.__getitem__)
    reasons = {x.filename: x.reason for x in result.left_out}
    assert set(reasons) == {"dbs scan.pdf", "policy.pdf", "photo.jpg"}
    assert "damaged" in reasons["dbs scan.pdf"]
    assert "password" in reasons["policy.pdf"]
    assert "could not be read" in reasons["photo.jpg"]
    assert [x.document_title for x in result.left_out] == [
        "DBS certificate",
        "Insurance",
        "Moving and handling",
    ]
    reader = PdfReader(BytesIO(result.pdf))
    # cover, contents, summary, "Not included"; DBS details page, P2, Moving and handling details
    assert len(reader.pages) == 4 + 3
    left_page = text_of(reader, 3)
    assert "Not included" in left_page
    for name in ("dbs scan.pdf", "policy.pdf", "photo.jpg", "protected by a password"):
        assert name in left_page
    assert "Not included" in text_of(reader, 1)  # listed in the contents too
    assert "P2 page 1" in text_of(reader, 5)
    assert "could not be added to this PDF" in text_of(reader, 4)  # DBS: details stand in


def test_a_pdf_with_only_an_owner_password_is_included() -> None:
    files: dict[int, bytes] = {}
    docs = [
        plan_doc(
            1,
            DocType.OTHER,
            "Open with no password",
            [("open.pdf", PDF, encrypted_pdf(user_password=""))],
            files,
        )
    ]
    result = render_portfolio(make_plan(docs), files.__getitem__)
    assert result.left_out == []
    assert "Locked page 1" in text_of(PdfReader(BytesIO(result.pdf)), 3)


def test_odd_page_sizes_and_rotation_survive_the_merge() -> None:
    from reportlab.lib.pagesizes import letter

    w = PdfWriter(clone_from=PdfReader(BytesIO(pdf_bytes(1, "Turned"))))
    w.pages[0].rotate(90)
    out = BytesIO()
    w.write(out)
    files: dict[int, bytes] = {}
    docs = [
        plan_doc(
            1, DocType.OTHER, "Letter size", [("us.pdf", PDF, pdf_bytes(1, "US", letter))], files
        ),
        plan_doc(2, DocType.OTHER, "Sideways", [("turned.pdf", PDF, out.getvalue())], files),
    ]
    reader = PdfReader(BytesIO(render_portfolio(make_plan(docs), files.__getitem__).pdf))
    assert "US page 1" in text_of(reader, 3) and "Page 4 of 5" in text_of(reader, 3)
    assert "Turned page 1" in text_of(reader, 4) and "Page 5 of 5" in text_of(reader, 4)


def test_big_photos_are_downscaled_and_turned_upright() -> None:
    files: dict[int, bytes] = {}
    big = image_bytes((4000, 3000), "JPEG", colour=(200, 200, 200))
    # stored sideways (landscape pixels) with "rotate 90°" in its EXIF, as phones do
    turned = image_bytes((1600, 1000), "JPEG", exif_orientation=6)
    docs = [
        plan_doc(1, DocType.TRAINING, "Big photo", [("big.jpg", JPEG, big)], files),
        plan_doc(2, DocType.TRAINING, "Phone photo", [("phone.jpg", JPEG, turned)], files),
    ]
    reader = PdfReader(BytesIO(render_portfolio(make_plan(docs), files.__getitem__).pdf))
    big_page, phone_page = reader.pages[3], reader.pages[4]
    [img] = big_page.images
    assert max(img.image.size) <= 2400  # at most 1.5 x 150 dpi across landscape A4, not 4000 px
    assert float(big_page.mediabox.width) > float(big_page.mediabox.height)  # landscape page
    [img] = phone_page.images
    assert img.image.size[1] > img.image.size[0]  # upright: taller than wide
    assert float(phone_page.mediabox.height) > float(phone_page.mediabox.width)


def test_a_big_sideways_phone_photo_is_reduced_and_turned_upright() -> None:
    files: dict[int, bytes] = {}
    photo = image_bytes((4000, 3000), "PNG", exif_orientation=8)  # no JPEG draft: reduced
    docs = [plan_doc(1, DocType.TRAINING, "Photo", [("p.png", PNG, photo)], files)]
    page = PdfReader(BytesIO(render_portfolio(make_plan(docs), files.__getitem__).pdf)).pages[3]
    [img] = page.images
    assert img.image.size[1] > img.image.size[0] and max(img.image.size) < 4000 / 2 + 1


def test_16_bit_greyscale_scans_keep_their_tones() -> None:
    from PIL import Image

    im = Image.new("I;16", (300, 200), 30000)  # mid grey in 16 bits
    out = BytesIO()
    im.save(out, "PNG")
    files: dict[int, bytes] = {}
    docs = [plan_doc(1, DocType.OTHER, "Scan", [("s.png", PNG, out.getvalue())], files)]
    page = PdfReader(BytesIO(render_portfolio(make_plan(docs), files.__getitem__).pdf)).pages[3]
    [img] = page.images
    r, g, b = img.image.convert("RGB").getpixel((150, 100))
    assert 100 < r < 140  # 30000 / 256 = 117, not clipped to white


def test_progress_is_reported_and_cancel_stops_the_export() -> None:
    plan, files = standard_portfolio()
    seen: list[tuple[int, int]] = []
    render_portfolio(plan, files.__getitem__, progress=lambda d, t: seen.append((d, t)))
    total = plan.file_count + 2
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    loaded: list[int] = []

    def load(fid: int) -> bytes:
        loaded.append(fid)
        return files[fid]

    with pytest.raises(ExportCancelled):
        render_portfolio(plan, load, is_cancelled=lambda: len(loaded) >= 2)
    assert len(loaded) == 2  # stopped at once, not after every file


def test_many_contents_entries_keep_page_numbers_right() -> None:
    files: dict[int, bytes] = {}
    docs = [
        plan_doc(
            i,
            DocType.TRAINING,
            f"Course number {i:02d}",
            [(f"c{i}.pdf", PDF, pdf_bytes(1, f"C{i}"))],
            files,
            expiry_date=date(2028, 1, 1),
        )
        for i in range(1, 61)
    ]
    result = render_portfolio(make_plan(docs), files.__getitem__)
    reader = PdfReader(BytesIO(result.pdf))
    front = result.page_count - 60
    assert front > 3  # the contents and summary needed more than a page each
    last = docs[-1]
    page_of_last = next(
        i for i in range(front, len(reader.pages)) if "C60 page 1" in text_of(reader, i)
    )
    contents = " ".join(text_of(reader, i) for i in range(1, front))
    assert contents_page_of(contents, last.title) == page_of_last + 1
    summary_at = next(i for i in range(1, front) if "As at 25/11/2026" in text_of(reader, i))
    assert contents_page_of(contents, "Summary of checks") == summary_at + 1 > 3


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("dbs.pdf", CORRUPT_PDF, "damaged"),
        ("locked.pdf", encrypted_pdf(), "password"),
        ("photo.jpg", truncated_jpeg(), "could not be read"),
    ],
)
def test_check_attachment_explains_an_unusable_file(name, data, words) -> None:
    problem = check_attachment(name, data)
    assert problem is not None and f"“{name}”" in problem and words in problem


def test_check_attachment_passes_good_files() -> None:
    assert check_attachment("a.pdf", pdf_bytes()) is None
    assert check_attachment("b.png", image_bytes((50, 40))) is None
    assert check_attachment("c.jpg", image_bytes((50, 40), "JPEG")) is None


def test_export_from_the_database(session) -> None:
    dbs = add_document(
        session,
        DocumentDraft(DocType.DBS, "Enhanced DBS", number="0099", issue_date=date(2025, 1, 1)),
        today=TODAY,
    )
    attach_file(session, dbs.id, "dbs.pdf", pdf_bytes(1, "DBS"))
    ins = add_document(
        session, DocumentDraft(DocType.INSURANCE, "Insurance", "Hearthside"), today=TODAY
    )
    attach_file(session, ins.id, "ins.png", image_bytes((300, 200)))
    add_document(
        session, DocumentDraft(DocType.OTHER, "Not this one", in_default_set=False), today=TODAY
    )
    plan = build_export_plan(session, default_document_ids(session), today=TODAY)
    assert [d.title for d in plan.documents] == ["Enhanced DBS", "Insurance"]
    assert plan.documents[0].status == ExpiryStatus.VALID
    result = render_portfolio(plan, lambda fid: file_content(session, fid))
    reader = PdfReader(BytesIO(result.pdf))
    assert len(reader.pages) == 5
    assert "Not this one" not in text_of(reader, 1)


HEIC_PHOTO = Path(__file__).resolve().parents[1] / "data" / "photo.heic"


def heic_bytes() -> bytes:
    """A real 1200 x 900 HEIC photo (HEVC-coded; made once with an encoder Daybook does not ship:
    pi-heif only decodes)."""
    return HEIC_PHOTO.read_bytes()


def test_an_iphone_heic_photo_is_attached_and_placed_on_its_page(session) -> None:
    from app.core.portfolio.services import attach_file, sniff_mime

    data = heic_bytes()
    assert sniff_mime(data) == "image/heic"
    assert check_attachment("IMG_0042.HEIC", data) is None  # readable, nothing to warn about
    files: dict[int, bytes] = {}
    plan = make_plan(
        [
            plan_doc(
                1,
                DocType.TRAINING,
                "Moving and handling people",
                [("IMG_0042.HEIC", "image/heic", data)],
                files,
            )
        ]
    )
    result = render_portfolio(plan, files.__getitem__)
    reader = PdfReader(BytesIO(result.pdf))
    assert result.left_out == []
    assert "Moving and handling people" in text_of(reader, len(reader.pages) - 1)
    page = reader.pages[len(reader.pages) - 1]
    assert page.images, "the photo is on the page"
    from app.core.portfolio.models import PortfolioDocument

    doc = PortfolioDocument(doc_type=DocType.TRAINING, title="Moving and handling")
    session.add(doc)
    session.flush()
    assert attach_file(session, doc.id, "IMG_0042.HEIC", data).value.mime == "image/heic"


def test_without_the_heic_decoder_a_heic_photo_is_left_out_with_advice(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pi_heif", None)  # as if pi-heif were not installed
    problem = check_attachment("IMG_0042.HEIC", heic_bytes())
    assert problem is not None
    assert problem.startswith("“IMG_0042.HEIC” cannot be used: it is in Apple's HEIC photo format")
    assert "Most Compatible" in problem and "JPEG" in problem
    files: dict[int, bytes] = {}
    plan = make_plan(
        [
            plan_doc(
                1,
                DocType.TRAINING,
                "Food hygiene",
                [("IMG.HEIC", "image/heic", heic_bytes())],
                files,
            )
        ]
    )
    result = render_portfolio(plan, files.__getitem__)
    assert [lo.filename for lo in result.left_out] == ["IMG.HEIC"]
    assert "Most Compatible" in result.left_out[0].reason
