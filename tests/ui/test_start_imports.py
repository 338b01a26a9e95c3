"""What the window's start does not import (issue 16): each module named here once sat on the
path to Today and cost start-up time without Today needing it. Checked in a fresh process, by
sys.modules, when Today has painted with the records."""

from __future__ import annotations

from pathlib import Path

from tests.ui.fresh_process import run_fresh

# Alembic: only an older schema needs it (the revision is read with one query).
# The contract form, its schedule rules (dateutil.rrule, six), Plan B and the term warnings:
# imported by contracts/__init__'s re-exports, used by the Contracts panel and the commands.
# SQLAlchemy and the models: Today reads plainly (app/core/reading.py); the ORM loads after.
NOT_AT_READY = (
    "sqlalchemy",
    "app.core.models",
    "alembic",
    "dateutil",
    "six",
    "app.core.contracts.form",
    "app.core.contracts.schedule",
    "app.core.contracts.plan_b",
    "app.core.contracts.term_warnings",
)


def test_today_shows_without_alembic_or_the_contract_form(profile_folder: Path) -> None:
    script = (
        "import sys\n"
        "import app.ui.app as gui\n"
        "real_ready = gui.Startup._ready\n"
        "def ready(self):\n"
        f"    loaded = sorted(m for m in {NOT_AT_READY!r} if m in sys.modules)\n"
        "    today = self.window.stack.currentWidget()\n"
        "    print('Today:', type(today).__name__, 'loaded at ready:', loaded, flush=True)\n"
        "    real_ready(self)\n"
        "gui.Startup._ready = ready\n"
        "from app.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(profile_folder)!r}, '--exit-when-ready']))\n"
    )
    assert "Today: TodayPanel loaded at ready: []" in run_fresh(script, DAYBOOK_NO_KEYRING="1")


def test_opening_records_at_head_does_not_import_alembic(profile_folder: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.storage.migrate import HEAD, current_revision\n"
        "from app.storage.opening import open_store\n"
        "from tests.conftest import TEST_KEY\n"
        f"store = open_store(Path({str(profile_folder)!r}), TEST_KEY)\n"
        "print('revision', current_revision(store) == HEAD, 'alembic' in sys.modules)\n"
        "store.close()\n"
    )
    assert "revision True False" in run_fresh(script, DAYBOOK_NO_KEYRING="1")
