"""Files the carer asks for that hold personal data (a subject access export): written so that
only this user can read them, whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from app.storage.files import make_private_file, partial_name, publish


def write_private(path: Path, data: bytes) -> Path:
    partial = partial_name(path)
    try:
        with open(partial, "wb") as fh:
            make_private_file(partial)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        publish(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path
