"""Rotating logs in the data folder, with a filter that scrubs anything that looks sensitive."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from app.storage.paths import LOG_DIR

_PATTERNS = [
    re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.I),  # NI number
    re.compile(r"\b\d{2}-\d{2}-\d{2}\b"),  # sort code
    re.compile(r"\b\d{8,10}\b"),  # account number, UTR
]


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub("[redacted]", text)
    return text


class RedactingFilter(logging.Filter):
    """A last line of defence: code must not log sensitive fields in the first place.
    Covers the whole record: the message, an exception's text and traceback (an exception's
    message often quotes the value that was refused) and a logged stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
            record.exc_info = None  # else a formatter could write the raw text again
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files readable by the carer's own account only (0600), rotated copies too."""

    def _open(self):  # type: ignore[no-untyped-def]
        import os

        stream = super()._open()
        try:
            os.chmod(self.baseFilename, 0o600)
        except OSError:
            pass
        return stream


_FORMATTER = logging.Formatter()


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_DIR / "daybook.log"


def configure_logging(data_dir: Path, *, verbose: bool = False) -> Path:
    path = log_path(data_dir)
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_daybook", False):
            root.removeHandler(h)
    try:
        if not data_dir.is_dir():  # never create the data folder just to log in it
            raise FileNotFoundError(data_dir)
        path.parent.mkdir(exist_ok=True, mode=0o700)
        handler: logging.Handler = PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler._daybook = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("sqlalchemy", "alembic", "PIL", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
