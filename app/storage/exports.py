"""Files the carer asks for that hold personal data (a subject access export): written so that
only this user can read them, whole or not at all."""

from __future__ import annotations

from pathlib import Path

from app.storage.files import write_atomically


def write_private(path: Path, data: bytes) -> Path:
    return write_atomically(path, data, private=True)
