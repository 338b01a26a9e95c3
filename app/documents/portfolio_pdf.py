"""The portfolio PDF: a cover, a contents page, a summary table of checks, a list of anything
left out, then every chosen document's files in order.

Attached PDFs are merged page by page with pypdf; photos and scans are downscaled to print
resolution one at a time (never all decoded at once) and placed on A4 pages with their titles.
Nothing is skipped silently: a damaged or password-protected PDF, or an unreadable picture, is
listed on a "Not included" page and returned in `PortfolioResult.left_out`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from typing import Any

from app.core.files import HEIC_UNREADABLE, register_heic_reader
from app.core.portfolio.expiry import STATUS_LABELS, ExpiryStatus
from app.core.portfolio.export import ExportPlan, PlanDocument, PlanFile
from app.core.portfolio.models import DocType
from app.core.portfolio.services import HEIC, IMAGE_MIMES, PDF, clean_filename, sniff_mime
from app.documents.common import (
    DANGER,
    FAINT,
    HAIRLINE,
    HEADER_FILL,
    LINE,
    MUTED,
    PAPER,
    Fonts,
    base_styles,
    document_fonts,
    format_date,
    format_money,
)
from app.documents.markup import esc as _esc

log = logging.getLogger(__name__)

PRINT_DPI = 150  # photos are downscaled to this on the page: sharp in print, small in the file
JPEG_QUALITY = 85
Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
SUMMARY_TYPES = (
    DocType.DBS,
    DocType.INSURANCE,
    DocType.QUALITY_STANDARD,
    DocType.TRAINING,
    DocType.ID,
)


class ExportCancelled(Exception):
    """The carer pressed Cancel; nothing was written."""


@dataclass(frozen=True)
class LeftOut:
    document_title: str
    filename: str
    reason: str

    def line(self) -> str:
        return f"{self.document_title}: {self.filename}: {self.reason}"


@dataclass
class PortfolioResult:
    pdf: bytes
    page_count: int
    left_out: list[LeftOut] = field(default_factory=list)


# ---------------------------------------------------------------- reading attached files


class _Unusable(Exception):
    """A file that cannot go into the PDF; the message says why, in plain words."""


def _open_pdf(data: bytes) -> Any:
    from pypdf import PdfReader

    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # an owner password alone does not stop us
            except Exception:  # noqa: BLE001  (unsupported encryption: same answer for the carer)
                opened = 0
            if not opened:
                raise _Unusable(
                    "it is protected by a password. Open it, save a copy without "
                    "the password, and attach that instead."
                )
        count = len(reader.pages)
        for page in reader.pages:
            _ = page.mediabox
    except _Unusable:
        raise
    except Exception as exc:  # noqa: BLE001  (pypdf raises many kinds for a damaged file)
        log.info("a portfolio PDF did not open: %s", type(exc).__name__)
        raise _Unusable("it is damaged or not a complete PDF, so it could not be read.") from None
    if count == 0:
        raise _Unusable("it has no pages.")
    return reader


def _fit(w: float, h: float, box_w: float, box_h: float) -> tuple[float, float]:
    scale = min(box_w / w, box_h / h)
    return w * scale, h * scale


MAX_DECODED_PIXELS = 60_000_000  # a PNG this big decodes to 180 MB; JPEGs decode scaled down


def _transposes() -> dict[int, Any]:
    from PIL import Image

    t = Image.Transpose
    return {
        2: t.FLIP_LEFT_RIGHT,
        3: t.ROTATE_180,
        4: t.FLIP_TOP_BOTTOM,
        5: t.TRANSPOSE,
        6: t.ROTATE_270,
        7: t.TRANSVERSE,
        8: t.ROTATE_90,
    }


def _prepare_image(data: bytes) -> tuple[bytes, int, int]:
    """The picture as a JPEG no bigger than print resolution for the box, upright, on white."""
    from PIL import Image, UnidentifiedImageError

    if sniff_mime(data) == HEIC and not register_heic_reader():
        raise _Unusable(f"it {HEIC_UNREADABLE}")
    try:
        with Image.open(BytesIO(data)) as im:
            orientation = im.getexif().get(0x0112, 1)
            w, h = im.size
            if im.format not in ("JPEG", "MPO") and w * h > MAX_DECODED_PIXELS:
                raise _Unusable(
                    f"the picture is very large ({w * h / 1e6:,.0f} megapixels); "
                    "save a smaller copy and attach that."
                )
            turned = orientation in (5, 6, 7, 8)
            ew, eh = (h, w) if turned else (w, h)
            box_w_pt, box_h_pt = _image_box(_page_for(ew, eh))
            max_w, max_h = box_w_pt / 72 * PRINT_DPI, box_h_pt / 72 * PRINT_DPI
            tw, th = _fit(ew, eh, max_w, max_h)
            if tw > ew:  # never enlarge a small picture
                tw, th = ew, eh
            target = (
                (max(1, round(th)), max(1, round(tw)))
                if turned
                else (max(1, round(tw)), max(1, round(th)))
            )
            if im.format in ("JPEG", "MPO"):  # MPO: many phones' JPEGs
                im.draft("RGB", target)  # the decoder scales down by 1/2, 1/4, 1/8: much faster
            im.load()
            factor = int(min(im.width / target[0], im.height / target[1]))
            if factor >= 2:  # a quick box reduction by a whole factor (big PNG scans)
                im = im.reduce(factor)
            if im.width > target[0] * 1.5 or im.height > target[1] * 1.5:
                im.thumbnail(target, Image.Resampling.BILINEAR)  # antialiased when shrinking
            # else: up to 1.5x print resolution is kept as it is; resampling costs more than it saves
            turn = _transposes().get(orientation)
            if turn is not None:  # by the orientation read first: resizing drops EXIF
                im = im.transpose(turn)
            if im.mode.startswith("I;16"):  # 16-bit greyscale scans
                im = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
            if im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info):
                rgba = im.convert("RGBA")
                flat = Image.new("RGB", rgba.size, "white")
                flat.paste(rgba, mask=rgba.getchannel("A"))
                im = flat
            elif im.mode != "RGB":
                im = im.convert("RGB")
            out = BytesIO()
            im.save(out, "JPEG", quality=JPEG_QUALITY)
            return out.getvalue(), im.width, im.height
    except _Unusable:
        raise
    except Image.DecompressionBombError:
        raise _Unusable("the picture is too large to read safely; save a smaller copy.") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        log.info("a portfolio picture did not open: %s", type(exc).__name__)
        raise _Unusable("the picture could not be read (it may be damaged).") from None


def check_attachment(filename: str, data: bytes) -> str | None:
    """A problem that would keep this file out of a portfolio, naming the file, or None.

    The UI and CLI call this before attaching (core checks kind and size)."""
    name = clean_filename(filename)
    mime = sniff_mime(data)
    try:
        if mime == PDF:
            _open_pdf(data)
        elif mime in IMAGE_MIMES:
            _prepare_image(data)
        else:
            return None  # core's check_file_kind gives the message for the wrong kind
    except _Unusable as exc:
        return f"“{name}” cannot be used: {exc}"
    return None


# ---------------------------------------------------------------- look


def _fonts() -> Fonts:
    return document_fonts()


@lru_cache(maxsize=4)
def _style_sheet(f: Fonts) -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    st = base_styles(f, 10.5, 14.5, space_after=4, cell_size=9, cell_leading=11.5)
    body = st["body"]
    return {
        **st,
        "title": ParagraphStyle("title", parent=st["h1"], fontSize=30, leading=36, spaceAfter=10),
        "h1": ParagraphStyle("h1", parent=st["h1"], fontSize=18, leading=23, spaceAfter=10),
        "big": ParagraphStyle("big", parent=body, fontSize=13, leading=18, spaceAfter=0),
        "expired": ParagraphStyle("expired", parent=st["cell_bold"], textColor=DANGER),
    }


def _styles() -> dict[str, Any]:
    return _style_sheet(_fonts())


# ---------------------------------------------------------------- the plan of pages


@dataclass
class _Item:
    """One body page: a page of an attached PDF, a picture, or a details page."""

    doc_index: int
    kind: str  # "pdf" | "image" | "details"
    file: PlanFile | None = None
    reader: Any = None
    page_no: int = 0
    jpeg: bytes = b""
    px: tuple[int, int] = (0, 0)
    files_failed: bool = False  # a details page standing in for files that could not be added


MARGIN = 42.0  # 15 mm
HEADER_H = 54.0
FOOTER_H = 28.0


def _page_for(px_w: float, px_h: float) -> tuple[float, float]:
    """A4 upright, or on its side for a wide picture (a landscape certificate fills the page)."""
    from reportlab.lib.pagesizes import A4, landscape

    return landscape(A4) if px_w > px_h * 1.05 else A4


def _image_box(size: tuple[float, float]) -> tuple[float, float]:
    w, h = size
    return w - 2 * MARGIN, h - 2 * MARGIN - HEADER_H - FOOTER_H


def render_portfolio(
    plan: ExportPlan,
    load_file: Callable[[int], bytes],
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> PortfolioResult:
    """Builds the whole portfolio. `load_file(file_id)` gives one file's bytes when asked."""
    total = plan.file_count + 2
    done = 0

    def step() -> None:
        nonlocal done
        if is_cancelled is not None and is_cancelled():
            raise ExportCancelled()
        if progress is not None:
            progress(done, total)

    step()
    left_out: list[LeftOut] = []
    items: list[_Item] = []
    for di, doc in enumerate(plan.documents):
        before = len(items)
        for f in doc.files:
            data = load_file(f.id)
            try:
                if f.mime == PDF or sniff_mime(data) == PDF:
                    reader = _open_pdf(data)
                    items.extend(_Item(di, "pdf", f, reader, i) for i in range(len(reader.pages)))
                elif f.mime in IMAGE_MIMES:
                    jpeg, w, h = _prepare_image(data)
                    items.append(_Item(di, "image", f, jpeg=jpeg, px=(w, h)))
                else:
                    raise _Unusable("it is not a PDF or a picture Daybook can read.")
            except _Unusable as exc:
                left_out.append(LeftOut(doc.title, f.filename, str(exc)))
            data = b""  # one file's bytes at a time
            done += 1
            step()
        if len(items) == before:
            items.append(_Item(di, "details", files_failed=bool(doc.files)))
    first_page = {}
    for n, it in enumerate(items):
        first_page.setdefault(it.doc_index, n)

    front, front_pages = _build_front(plan, first_page, len(items), left_out)
    total_pages = front_pages + len(items)
    done += 1
    step()
    body = _build_body(plan, items, front_pages, total_pages)
    pdf = _assemble(front, body, items, left_out, plan)
    done += 1
    step()
    return PortfolioResult(pdf=pdf, page_count=total_pages, left_out=left_out)


# ---------------------------------------------------------------- front matter


def _build_front(
    plan: ExportPlan, first_page: dict[int, int], body_count: int, left_out: list[LeftOut]
) -> tuple[bytes, int]:
    """The cover, contents, summary and "Not included" pages. Their page count decides the
    page numbers in the contents, so build until the numbers hold still (twice at most)."""
    # a first guess from the number of rows, so that one build is usually enough
    contents = 1 + (len(plan.documents) + 1) // 36
    checks = sum(1 for d in plan.documents if d.doc_type in SUMMARY_TYPES)
    summary = 1 + max(0, checks - 1) // 22
    guess = 1 + contents + summary + (1 if left_out else 0)
    marks = {"summary": 2 + contents, "left_out": 2 + contents + summary}
    for _ in range(4):
        found: dict[str, int] = {}
        pdf, pages = _front_once(
            plan, first_page, guess, guess + body_count, left_out, marks, found
        )
        if pages == guess and all(found.get(k, v) == v for k, v in marks.items()):
            return pdf, pages
        guess, marks = pages, {**marks, **found}
    return pdf, pages


def _mark(key: str, found: dict[str, int]) -> Any:
    """A zero-size flowable that notes the page it lands on."""
    from reportlab.platypus.flowables import Flowable

    class Mark(Flowable):
        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            found[key] = self.canv.getPageNumber()

    return Mark()


def _front_once(
    plan: ExportPlan,
    first_page: dict[int, int],
    front_pages: int,
    total_pages: int,
    left_out: list[LeftOut],
    marks: dict[str, int],
    found: dict[str, int],
) -> tuple[bytes, int]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        CondPageBreak,
        Frame,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus.doctemplate import BaseDocTemplate

    st = _styles()
    buf = BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER_H / 2,
        title=f"Portfolio: {plan.carer_name}".strip(": "),
        author=plan.carer_name or "Daybook",
        creator="Daybook",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="f")

    def on_page(canv: Any, d: Any) -> None:
        _decorate(canv, plan, canv.getPageNumber(), total_pages, A4)

    doc.addPageTemplates([PageTemplate(id="p", frames=[frame], onPage=on_page)])
    story: list[Any] = []

    # cover
    story.append(Spacer(1, 40 * mm))
    story.append(Paragraph("Portfolio", st["title"]))
    if plan.carer_name:
        story.append(Paragraph(_esc(plan.carer_name), st["h1"]))
    if plan.trading_name and plan.trading_name != plan.carer_name:
        story.append(Paragraph(_esc(plan.trading_name), st["big"]))
    story.append(Spacer(1, 8 * mm))
    contact = [_esc(line) for line in plan.address.splitlines() if line.strip()]
    contact += [
        f"Phone: {_esc(plan.phone)}" if plan.phone else "",
        f"Email: {_esc(plan.email)}" if plan.email else "",
    ]
    story.append(Paragraph("<br/>".join(c for c in contact if c), st["body"]))
    if plan.scheme_name:
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph(f"Micro-provider with {_esc(plan.scheme_name)}", st["body"]))
    story.append(Spacer(1, 14 * mm))
    made = f"Prepared on {format_date(plan.prepared_on)}"
    if plan.client_name:
        made += f" for {_esc(plan.client_name)}"
    story.append(Paragraph(made, st["big"]))
    n = len(plan.documents)
    story.append(
        Paragraph(
            f"{n} document{'s' if n != 1 else ''}, {total_pages} pages. "
            "Please keep this portfolio private and do not pass it on without permission.",
            st["body"],
        )
    )
    story.append(PageBreak())

    # contents
    story.append(Paragraph("Contents", st["h1"]))
    rows: list[list[Any]] = [
        [
            Paragraph("<b>Item</b>", st["cell"]),
            Paragraph("<b>Type</b>", st["cell"]),
            Paragraph("<b>Page</b>", st["cell"]),
        ]
    ]
    rows.append([Paragraph("Summary of checks", st["cell"]), "", str(marks["summary"])])
    if left_out:
        rows.append(
            [
                Paragraph("Not included (files that could not be added)", st["cell"]),
                "",
                str(marks["left_out"]),
            ]
        )
    for di, d in enumerate(plan.documents):
        rows.append(
            [
                Paragraph(_esc(d.title), st["cell"]),
                Paragraph(_esc(d.type_label), st["cell"]),
                str(front_pages + first_page[di] + 1),
            ]
        )
    table = Table(
        rows, colWidths=[doc.width * 0.62, doc.width * 0.26, doc.width * 0.12], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), _fonts().regular, 9),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, HAIRLINE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story.append(table)
    story.append(PageBreak())

    # summary of checks
    story.append(_mark("summary", found))
    story.append(Paragraph("Summary of checks", st["h1"]))
    story.append(Paragraph(f"As at {format_date(plan.prepared_on)}.", st["small"]))
    story.append(Spacer(1, 3 * mm))
    head = ["Check", "Details", "Issued", "Expires / renews", "Status"]
    srows: list[list[Any]] = [[Paragraph(f"<b>{h}</b>", st["cell"]) for h in head]]
    for d in plan.documents:
        if d.doc_type not in SUMMARY_TYPES:
            continue
        status = STATUS_LABELS[d.status]
        srows.append(
            [
                Paragraph(f"<b>{_esc(d.title)}</b><br/>{_esc(d.type_label)}", st["cell"]),
                Paragraph(_summary_details(d), st["cell"]),
                Paragraph(format_date(d.issue_date) or "–", st["cell"]),
                Paragraph(_summary_dates(d), st["cell"]),
                Paragraph(
                    _esc(status),
                    st[
                        {
                            ExpiryStatus.VALID: "cell",
                            ExpiryStatus.EXPIRING_SOON: "cell_bold",
                            ExpiryStatus.EXPIRED: "expired",
                        }[d.status]
                    ],
                ),
            ]
        )
    if len(srows) == 1:
        srows.append(
            [Paragraph("No checks chosen for this portfolio.", st["cell"]), "", "", "", ""]
        )
    w = doc.width
    summary = Table(
        srows, colWidths=[w * 0.25, w * 0.31, w * 0.13, w * 0.18, w * 0.13], repeatRows=1
    )
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    summary.setStyle(TableStyle(style))
    story.append(summary)
    others = [d for d in plan.documents if d.doc_type not in SUMMARY_TYPES]
    if others:
        story.append(CondPageBreak(30 * mm))
        story.append(Paragraph("Also included", st["h2"]))
        story.append(
            Paragraph(
                "; ".join(f"{_esc(d.title)} ({_esc(d.type_label.lower())})" for d in others),
                st["body"],
            )
        )

    # not included
    if left_out:
        story.append(PageBreak())
        story.append(_mark("left_out", found))
        story.append(Paragraph("Not included", st["h1"]))
        story.append(
            Paragraph(
                "These files could not be added to this PDF. The documents are still listed above; "
                f"ask {_esc(plan.carer_name) or 'the carer'} for a copy if you need one.",
                st["body"],
            )
        )
        story.append(Spacer(1, 3 * mm))
        lrows = [[Paragraph(f"<b>{h}</b>", st["cell"]) for h in ("Document", "File", "Why")]]
        lrows += [
            [
                Paragraph(_esc(x.document_title), st["cell"]),
                Paragraph(_esc(x.filename), st["cell"]),
                Paragraph(_esc(x.reason), st["cell"]),
            ]
            for x in left_out
        ]
        lt = Table(lrows, colWidths=[w * 0.3, w * 0.25, w * 0.45], repeatRows=1)
        lt.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                ]
            )
        )
        story.append(lt)
    doc.build(story)
    return buf.getvalue(), doc.page


def _summary_details(d: PlanDocument) -> str:
    parts = []
    if d.doc_type == DocType.DBS:
        if d.number:
            parts.append(f"Certificate no. {_esc(d.number)}")
        if d.issuer:
            parts.append(_esc(d.issuer))
        if d.renewal_date:
            parts.append("On the DBS update service")
    elif d.doc_type == DocType.INSURANCE:
        if d.issuer:
            parts.append(f"Insurer: {_esc(d.issuer)}")
        if d.number:
            parts.append(f"Policy no. {_esc(d.number)}")
        if d.cover_pence:
            parts.append(f"Cover: {format_money(d.cover_pence).removesuffix('.00')}")
    elif d.doc_type == DocType.ID:
        parts.append(_esc(d.issuer) if d.issuer else "Seen on request")  # never the ID number
    else:
        if d.issuer:
            parts.append(_esc(d.issuer))
        if d.number:
            parts.append(f"No. {_esc(d.number)}")
    return "<br/>".join(parts) or "–"


def _summary_dates(d: PlanDocument) -> str:
    lines = []
    if d.expiry_date:
        lines.append(f"Expires {format_date(d.expiry_date)}")
    if d.renewal_date:
        lines.append(f"Update service renews {format_date(d.renewal_date)}")
    return "<br/>".join(lines) or "No expiry"


# ---------------------------------------------------------------- page decoration


def _decorate(
    canv: Any,
    plan: ExportPlan,
    page_no: int,
    total: int,
    size: tuple[float, float],
    *,
    boxed: bool = False,
) -> None:
    """Footer "Page N of M" and, when chosen, the watermark across the page."""
    f = _fonts()
    w, h = size
    canv.saveState()
    footer = (
        f"Portfolio{': ' + plan.carer_name if plan.carer_name else ''} · Page {page_no} of {total}"
    )
    canv.setFont(f.regular, 7.5)
    tw = canv.stringWidth(footer, f.regular, 7.5)
    x, y = w - min(MARGIN, 30) - tw, 14
    if boxed:  # on someone else's page: a white strip so the footer stays readable
        canv.setFillColor(PAPER)
        canv.rect(x - 4, y - 3, tw + 8, 12, stroke=0, fill=1)
    canv.setFillColor(MUTED)
    canv.drawString(x, y, footer)
    if plan.watermark:
        canv.setFillColor(FAINT)
        canv.setFillAlpha(0.35)
        size_pt = max(14.0, min(34.0, (w * 0.9) / max(1, len(plan.watermark)) * 1.9))
        canv.setFont(f.bold, size_pt)
        canv.translate(w / 2, h / 2)
        canv.rotate(35)
        canv.drawCentredString(0, 0, plan.watermark)
        canv.setFont(f.regular, 8)
        canv.rotate(-35)
        canv.translate(-w / 2, -h / 2)
        canv.setFillAlpha(0.8)
        canv.drawString(min(MARGIN, 30), 14, plan.watermark)
    canv.restoreState()


# ---------------------------------------------------------------- body pages


def _build_body(plan: ExportPlan, items: list[_Item], front_pages: int, total: int) -> bytes:
    """One page per body item: a picture or details page, or the overlay (footer, watermark)
    to lay on top of an attached PDF's page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    st = _styles()
    f = _fonts()
    buf = BytesIO()
    with _binary_streams():
        canv = Canvas(buf, pagesize=A4, pageCompression=1)
        _draw_body(canv, plan, items, front_pages, total, st, f)
    return buf.getvalue()


@contextmanager
def _binary_streams() -> Iterator[None]:
    """ReportLab's ASCII85 encoding of every picture runs in pure Python here and costs more
    than the pictures themselves; binary streams are smaller too."""
    from reportlab import rl_config

    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def _draw_body(
    canv: Any,
    plan: ExportPlan,
    items: list[_Item],
    front_pages: int,
    total: int,
    st: dict[str, Any],
    f: Fonts,
) -> None:
    from reportlab.lib.pagesizes import A4

    canv.setTitle(f"Portfolio: {plan.carer_name}")
    for n, it in enumerate(items):
        page_no = front_pages + n + 1
        doc = plan.documents[it.doc_index]
        if it.kind == "pdf":
            page = it.reader.pages[it.page_no]
            size = _page_size(page)
            canv.setPageSize(size)
            _decorate(canv, plan, page_no, total, size, boxed=True)
        else:
            size = _page_for(*it.px) if it.kind == "image" else A4
            canv.setPageSize(size)
            w, h = size
            _page_header(canv, doc, it, st, f, size)
            if it.kind == "image":
                pw, ph = it.px
                dw, dh = _fit(pw, ph, *_image_box(size))
                if pw / PRINT_DPI * 72 * 1.5 < dw:  # a small picture: not blown up past 1.5x
                    dw, dh = pw / PRINT_DPI * 72 * 1.5, ph / PRINT_DPI * 72 * 1.5
                x = (w - dw) / 2
                y = h - MARGIN - HEADER_H - dh
                canv.drawImage(_jpeg_reader(it.jpeg), x, y, dw, dh)
                it.jpeg = b""  # placed: let it go
            else:
                _details(canv, doc, st, w, h, it.files_failed)
            _decorate(canv, plan, page_no, total, size)
        canv.showPage()
    canv.save()


def _jpeg_reader(jpeg: bytes) -> Any:
    """An ImageReader that hands ReportLab the JPEG as it is. ReportLab names each image by
    a digest of its decoded pixels; the compressed bytes name it just as well, without
    decoding every picture a second time."""
    from reportlab.lib.utils import ImageReader

    class JpegReader(ImageReader):  # type: ignore[misc]
        _dataA = None  # noqa: N815 - no transparency: our JPEGs are flattened onto white

        def getRGBData(self) -> bytes:  # noqa: N802 - used by Canvas.drawImage only to name the image
            return jpeg

    return JpegReader(BytesIO(jpeg))


def _page_size(page: Any) -> tuple[float, float]:
    box = page.cropbox
    w, h = float(box.width), float(box.height)
    rotate = int(page.get("/Rotate", 0) or 0) % 360
    return (h, w) if rotate in (90, 270) else (w, h)


def _page_header(
    canv: Any, doc: PlanDocument, it: _Item, st: dict[str, Any], f: Fonts, size: tuple[float, float]
) -> None:
    from reportlab.platypus import Paragraph

    w, h = size
    p = Paragraph(_esc(doc.title), st["h2"])
    _, ph = p.wrap(w - 2 * MARGIN, 40)
    p.drawOn(canv, MARGIN, h - MARGIN - ph + 4)
    sub = doc.type_label
    if doc.issuer:
        sub += f" · {doc.issuer}"
    if it.file is not None:
        sub += f" · {it.file.filename}"
    canv.setFont(f.regular, 8.5)
    canv.setFillColor(MUTED)
    canv.drawString(MARGIN, h - MARGIN - ph - 8, sub[:130])
    canv.setStrokeColor(HAIRLINE)
    canv.line(MARGIN, h - MARGIN - HEADER_H + 8, w - MARGIN, h - MARGIN - HEADER_H + 8)


def _details(
    canv: Any, doc: PlanDocument, st: dict[str, Any], w: float, h: float, files_failed: bool
) -> None:
    from reportlab.platypus import Paragraph, Table, TableStyle

    rows = [["Type", doc.type_label]]
    for label, value in (
        ("Issued by", doc.issuer),
        ("Number", doc.number if doc.doc_type != DocType.ID else ""),
        ("Issued", format_date(doc.issue_date)),
        ("Expires", format_date(doc.expiry_date)),
        ("Update service renews", format_date(doc.renewal_date)),
        ("Cover", format_money(doc.cover_pence) if doc.cover_pence else ""),
        ("Status", doc.status_text),
    ):
        if value:
            rows.append([label, value])
    data = [
        [Paragraph(f"<b>{_esc(a)}</b>", st["cell"]), Paragraph(_esc(b), st["cell"])]
        for a, b in rows
    ]
    t = Table(data, colWidths=[45 * 2.83, (w - 2 * MARGIN) - 45 * 2.83])
    t.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])
    )
    _, th = t.wrap(w - 2 * MARGIN, h)
    t.drawOn(canv, MARGIN, h - MARGIN - HEADER_H - th)
    note = Paragraph(
        "The attached copy could not be added to this PDF (see “Not included” near the start); "
        "the details above are as recorded."
        if files_failed
        else "No copy of this document is attached; the details above are as recorded.",
        st["small"],
    )
    _, nh = note.wrap(w - 2 * MARGIN, 40)
    note.drawOn(canv, MARGIN, h - MARGIN - HEADER_H - th - nh - 10)


# ---------------------------------------------------------------- putting it together


def _assemble(
    front: bytes, body: bytes, items: list[_Item], left_out: list[LeftOut], plan: ExportPlan
) -> bytes:
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter()
    for page in PdfReader(BytesIO(front)).pages:
        writer.add_page(page)
    body_pages = PdfReader(BytesIO(body)).pages
    failed: set[int] = set()
    for n, it in enumerate(items):
        over = body_pages[n]
        if it.kind != "pdf":
            writer.add_page(over)
            continue
        count = len(writer.pages)
        try:
            page = writer.add_page(it.reader.pages[it.page_no])
            if int(page.get("/Rotate", 0) or 0) % 360:
                page.transfer_rotation_to_content()
            box = page.cropbox
            left, bottom = float(box.left), float(box.bottom)
            if left or bottom:
                page.merge_transformed_page(over, Transformation().translate(left, bottom))
            else:
                page.merge_page(over)
        except Exception as exc:  # noqa: BLE001  (a page pypdf cannot copy: say so, keep numbering)
            log.info("a portfolio PDF page could not be copied: %s", type(exc).__name__)
            while len(writer.pages) > count:
                writer.remove_page(len(writer.pages) - 1)
            writer.add_page(over)
            if id(it.reader) not in failed:
                failed.add(id(it.reader))
                doc = plan.documents[it.doc_index]
                left_out.append(
                    LeftOut(
                        doc.title,
                        it.file.filename if it.file else "",
                        "some pages could not be copied into this PDF.",
                    )
                )
    writer.add_metadata(
        {"/Title": f"Portfolio: {plan.carer_name}".strip(": "), "/Creator": "Daybook"}
    )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
