"""Attached files (portfolio documents, receipts): what kind a file is, read from its content."""

from __future__ import annotations

import re
import unicodedata

PDF, JPEG, PNG, HEIC = "application/pdf", "image/jpeg", "image/png", "image/heic"
IMAGE_MIMES = (JPEG, PNG, HEIC)
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


HEIC_UNREADABLE = (
    "is in Apple's HEIC photo format, which this copy of Daybook cannot read. On the iPhone "
    "choose Settings → Camera → Formats → Most Compatible, or export the photo as JPEG, "
    "and attach that instead."
)


def register_heic_reader() -> bool:
    """Teaches Pillow to open iPhone (HEIC) photos, or False when the decoder is not installed.

    pi-heif is libheif with libde265, a decoder only (LGPL-3.0): Daybook never writes HEIC, and
    pillow-heif's wheels would also carry the x265 encoder (GPL-2.0, 21 MB)."""
    try:
        import pi_heif
    except ImportError:
        return False
    pi_heif.register_heif_opener()
    return True


def heic_supported() -> bool:
    """iPhone (HEIC) photos can be read: the decoder is installed and loads."""
    try:
        import pi_heif  # noqa: F401
    except ImportError:
        return False
    return True


def sniff_mime(data: bytes) -> str | None:
    """The file's kind from its first bytes (never from its name), or None if not one we take."""
    if data[:3] == b"\xff\xd8\xff":
        return JPEG
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return PNG
    if b"%PDF-" in data[:1024]:
        return PDF
    if data[4:8] == b"ftyp" and data[8:12] in _HEIC_BRANDS:
        return HEIC
    return None


def clean_filename(name: str) -> str:
    """The last part of a path, without control characters, at most 255 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    if not base:
        return "file"
    if len(base) > 255:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 250 - len(ext)] + dot + ext) if dot and len(ext) <= 10 else base[:255]
    return base
