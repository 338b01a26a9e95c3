"""Made-up sample documents for the demo portfolio, generated at run time.

Every page says SPECIMEN: these are not real certificates and name no real person's documents.
PDFs are drawn with ReportLab; pictures (a phone photo or a scan of a certificate) with Pillow.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

from app.core.formatting import format_date

SPECIMEN = "SPECIMEN · DEMO DATA · NOT A REAL DOCUMENT"


def _canvas(title: str) -> tuple[Any, BytesIO]:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("Daybook demo")
    return c, buf


def _specimen(c: Any) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4

    w, h = A4
    c.saveState()
    c.setFillColor(colors.HexColor("#c0392b"))
    c.setFillAlpha(0.18)
    c.setFont("Helvetica-Bold", 64)
    c.translate(w / 2, h / 2)
    c.rotate(40)
    c.drawCentredString(0, 0, "SPECIMEN")
    c.restoreState()
    c.setFont("Helvetica", 7)
    c.setFillColor(colors.HexColor("#c0392b"))
    c.drawCentredString(w / 2, 20, SPECIMEN)


def _lines(c: Any, x: float, y: float, rows: list[tuple[str, str]], *, gap: float = 20) -> float:
    for label, value in rows:
        c.setFont("Helvetica-Bold", 10)
        c.setFillColorRGB(0.2, 0.2, 0.25)
        c.drawString(x, y, label)
        c.setFont("Helvetica", 10)
        c.drawString(x + 170, y, value)
        y -= gap
    return y


def dbs_certificate_pdf(
    *,
    name: str,
    number: str,
    issued: date,
    role: str = "Adult workforce",
    date_of_birth: str = "01/01/1980",
) -> bytes:
    """An Enhanced DBS certificate lookalike, marked SPECIMEN."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4

    c, buf = _canvas("Enhanced Certificate (specimen)")
    w, h = A4
    c.setFillColor(colors.HexColor("#5b2c6f"))
    c.rect(0, h - 95, w, 95, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 22)
    c.drawString(50, h - 55, "Disclosure and Barring Service")
    c.setFont("Helvetica", 12)
    c.drawString(50, h - 78, "Enhanced Certificate")
    c.setFillColor(colors.black)
    y = _lines(
        c,
        50,
        h - 140,
        [
            ("Certificate number", number),
            ("Date of issue", format_date(issued)),
            ("Applicant surname", name.split()[-1].upper()),
            ("Forename(s)", " ".join(name.split()[:-1]).upper()),
            ("Date of birth", date_of_birth),
            ("Position applied for", "Self-employed home carer"),
            ("Workforce", role),
        ],
    )
    for heading, text in (
        ("Police records of convictions, cautions, reprimands and warnings", "NONE RECORDED"),
        (
            "Information from the list held under Section 142 of the Education Act 2002",
            "NOT REQUESTED",
        ),
        ("DBS adults' barred list information", "NONE RECORDED"),
        (
            "Other relevant information disclosed at the Chief Police Officer(s) discretion",
            "NONE RECORDED",
        ),
    ):
        y -= 16
        c.setFont("Helvetica-Bold", 10)
        c.drawString(50, y, heading)
        y -= 16
        c.setFont("Helvetica", 10)
        c.drawString(50, y, text)
    c.setFont("Helvetica-Oblique", 9)
    c.drawString(50, 90, "This certificate is subscribed to the DBS update service.")
    _specimen(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def insurance_schedule_pdf(
    *, name: str, insurer: str, policy: str, cover: str, starts: date, ends: date
) -> bytes:
    """A two-page public liability insurance schedule, marked SPECIMEN."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4

    c, buf = _canvas("Insurance schedule (specimen)")
    w, h = A4
    c.setFillColor(colors.HexColor("#1f4e79"))
    c.setFont("Helvetica-Bold", 20)
    c.drawString(50, h - 70, insurer)
    c.setFont("Helvetica", 12)
    c.setFillColor(colors.black)
    c.drawString(50, h - 95, "Public and Products Liability Insurance: Policy Schedule")
    _lines(
        c,
        50,
        h - 140,
        [
            ("Policyholder", name),
            ("Business description", "Self-employed domiciliary care (micro-provider)"),
            ("Policy number", policy),
            ("Period of insurance", f"{format_date(starts)} to {format_date(ends)}"),
            ("Public liability limit", cover),
            ("Products liability limit", cover),
            ("Treatment risks", "Included"),
            ("Excess", "£250 property damage only"),
        ],
    )
    _specimen(c)
    c.showPage()
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, h - 70, "Endorsements and conditions")
    c.setFont("Helvetica", 10)
    y = h - 100
    for line in (
        "1. Cover applies to care given in clients' own homes in England and Wales.",
        "2. Keys and key safes: loss of keys cover up to £2,500.",
        "3. You must keep a record of training relevant to the care you give.",
        "4. Tell us of any claim or incident as soon as you can.",
    ):
        c.drawString(50, y, line)
        y -= 18
    _specimen(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def letter_pdf(
    *, title: str, heading: str, paragraphs: list[str], signed: str, when: date
) -> bytes:
    """A one-page letter (reference, testimonial, agreement), marked SPECIMEN."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    c, buf = _canvas(title)
    w, h = A4
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, h - 80, heading)
    c.setFont("Helvetica", 10)
    c.drawString(60, h - 100, format_date(when))
    style = ParagraphStyle("p", fontName="Times-Roman", fontSize=12, leading=17)
    y = h - 130
    for text in paragraphs:
        p = Paragraph(text, style)
        _, ph = p.wrap(w - 120, h)
        y -= ph
        p.drawOn(c, 60, y)
        y -= 12
    c.setFont("Times-Italic", 13)
    c.drawString(60, y - 30, signed)
    _specimen(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _font(size: int) -> Any:
    from PIL import ImageFont

    from app.documents.common import bundled_font

    try:
        return ImageFont.truetype(bundled_font(), size)
    except OSError:
        return ImageFont.load_default()


def training_certificate_image(
    *, course: str, name: str, provider: str, completed: date, fmt: str = "PNG", photo: bool = False
) -> bytes:
    """A training certificate as a picture: a clean scan (PNG) or a slightly skewed phone
    photo (JPEG), marked SPECIMEN. Kept small so the demo stays quick."""
    from PIL import Image, ImageDraw

    w, h = 1240, 877  # A4 landscape at 150 dpi
    img = Image.new("RGB", (w, h), (255, 253, 246))
    d = ImageDraw.Draw(img)
    d.rectangle([24, 24, w - 24, h - 24], outline=(176, 141, 87), width=10)
    d.rectangle([44, 44, w - 44, h - 44], outline=(176, 141, 87), width=2)

    def centre(y: int, text: str, size: int, fill: tuple[int, int, int] = (40, 40, 50)) -> None:
        f = _font(size)
        tw = d.textlength(text, font=f)
        d.text(((w - tw) / 2, y), text, font=f, fill=fill)

    centre(90, "Certificate of Achievement", 56, (120, 90, 40))
    centre(200, "This is to certify that", 28)
    centre(255, name, 52)
    centre(345, "has successfully completed", 28)
    centre(400, course, 44, (30, 60, 110))
    centre(500, f"Completed on {format_date(completed)}", 28)
    centre(560, provider, 30)
    centre(700, "SPECIMEN · DEMO DATA · NOT A REAL CERTIFICATE", 22, (192, 57, 43))
    out = BytesIO()
    if photo:
        table = Image.new("RGB", (w + 160, h + 160), (92, 74, 60))
        table.paste(img.rotate(2.5, expand=False, fillcolor=(92, 74, 60)), (80, 80))
        table.save(out, "JPEG", quality=82)
    elif fmt.upper() == "JPEG":
        img.save(out, "JPEG", quality=85)
    else:
        img.save(out, "PNG", compress_level=1)
    return out.getvalue()
