"""Attached files (portfolio documents, receipts): what kind a file is, read from its content."""

from __future__ import annotations

import importlib.util
import re
import unicodedata

PDF, JPEG, PNG, HEIC = "application/pdf", "image/jpeg", "image/png", "image/heic"
IMAGE_MIMES = (JPEG, PNG, HEIC)
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def heic_supported() -> bool:
    """iPhone (HEIC) photos can be read when pillow-heif is installed."""
    return importlib.util.find_spec("pillow_heif") is not None


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
