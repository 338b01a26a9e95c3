import logging
from pathlib import Path

from app.logs import configure_logging


def test_log_scrubs_sensitive_patterns(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    logging.getLogger("daybook.test").info("saved NI AB123456C sort 12-34-56 acct 12345678")
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text()
    assert "AB123456C" not in text and "12-34-56" not in text and "12345678" not in text
    assert "[redacted]" in text


def test_a_logged_traceback_is_redacted_too(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    try:
        try:
            raise KeyError("UTR 1234567890 for AB 12 34 56 C")
        except KeyError as inner:
            raise ValueError("bank 12-34-56 / 87654321 refused") from inner
    except ValueError:
        logging.getLogger("daybook.test").exception("saving the profile failed")
    logging.getLogger("daybook.test").warning("where we were", stack_info=True)
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text()
    assert "saving the profile failed" in text
    assert "Traceback" in text and "ValueError" in text and "KeyError" in text  # still useful
    for secret in ("1234567890", "AB 12 34 56 C", "12-34-56", "87654321"):
        assert secret not in text
    assert text.count("[redacted]") >= 4
    assert "Stack (most recent call last)" in text
