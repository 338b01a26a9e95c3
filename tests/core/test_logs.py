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
