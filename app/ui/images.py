"""Pictures from stored bytes (portfolio files, receipts), iPhone HEIC photos included."""

from __future__ import annotations

import io

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader

from app.core.files import HEIC, register_heic_reader, sniff_mime


def byte_buffer(data: bytes) -> tuple[QByteArray, QBuffer]:
    array = QByteArray(data)
    buf = QBuffer(array)
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    return array, buf


def _heic_as_png(data: bytes, longest: int) -> bytes | None:
    """Qt has no HEIC reader: Pillow with pi-heif decodes it, at most `longest` pixels."""
    if not register_heic_reader():
        return None
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as im:
            picture = ImageOps.exif_transpose(im).convert("RGB")
            picture.thumbnail((longest, longest))
            out = io.BytesIO()
            picture.save(out, format="PNG")
            return out.getvalue()
    except (OSError, ValueError):
        return None


def read_image(data: bytes, longest: int) -> QImage:
    """The picture, upright and no larger than `longest` pixels; decoded at that size when the
    format allows (JPEG), so a 12-megapixel photo costs little. Null if unreadable."""
    if sniff_mime(data) == HEIC:
        png = _heic_as_png(data, longest)
        if png is None:
            return QImage()
        data = png
    array, buf = byte_buffer(data)
    reader = QImageReader(buf)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > longest:
        reader.setScaledSize(size.scaled(longest, longest, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    del array
    return image
