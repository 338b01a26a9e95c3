"""Schema upgrades at start-up, after a backup copy of the database."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from app.storage.errors import NewerDatabase, NotADaybookDatabase
from app.storage.migrations import HEAD

if TYPE_CHECKING:
    from app.storage.database import Store

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
KNOWN_TABLE = "business_profile"


def current_revision(store: Store) -> str | None:
    """The schema's revision (None for a new, empty file), read plainly: no SQLAlchemy."""
    if not store.exists:
        return None
    revision = store.plain_revision()
    if revision is None:
        with store.plain() as db:
            if db.rows("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1"):
                raise NotADaybookDatabase(
                    f"{store.path.name} holds a database that is not Daybook's."
                )
    return revision


def check_revision(revision: str | None, what: str = "This database") -> None:
    """Refuses a database made by a newer Daybook (its schema is ahead of this version)."""
    if revision is None or revision == HEAD:
        return
    if not (revision.isdigit() and HEAD.isdigit()):
        raise NotADaybookDatabase(f"{what} has a schema Daybook does not know ({revision}).")
    if int(revision) > int(HEAD):
        raise NewerDatabase(f"{what} was made by a newer version of Daybook.")


def _alembic_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade_to_head(store: Store) -> bool:
    """Brings the schema to HEAD. Returns True if anything ran. Skips Alembic when current."""
    revision = current_revision(store)
    if revision == HEAD:
        return False
    check_revision(revision)
    from alembic import command

    if revision is not None:
        from app.storage.backup import make_backup

        make_backup(store, kind="before-upgrade", detail=revision)
        log.info("upgrading database schema from %s to %s", revision, HEAD)
    assert store.engine is not None
    with store.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    return True


def script_head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    heads = ScriptDirectory.from_config(config).get_heads()
    return ",".join(heads)
