"""The data folder and the files in it."""

from __future__ import annotations

import os
from pathlib import Path

DB_NAME = "daybook.db"
CONFIG_NAME = "daybook.json"
LOCK_NAME = "daybook.lock"
BACKUP_DIR = "backups"
LOG_DIR = "logs"


def default_data_dir() -> Path:
    override = os.environ.get("DAYBOOK_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("Daybook", appauthor=False))
