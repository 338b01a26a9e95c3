"""What opening every panel does not import (issue 16): the PDF libraries wait for a PDF, and
the `holidays` package (all its 250 countries, 8 MiB) is not needed to price a visit. Checked
in a fresh process, by sys.modules."""

from __future__ import annotations

from pathlib import Path

from app.core.clients import ClientDraft, save_client
from app.storage.opening import open_store
from tests.conftest import TEST_KEY, TODAY
from tests.ui.fresh_process import run_fresh

NOT_LOADED = ("reportlab", "pypdf", "PIL", "holidays")


def test_every_panel_opens_without_the_pdf_libraries_or_holidays(profile_folder: Path) -> None:
    with open_store(profile_folder, TEST_KEY) as store, store.unit_of_work() as s:
        save_client(s, None, ClientDraft(name="Margaret Ellis"), today=TODAY)
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from app.core.pricing import is_bank_holiday\n"
        "from app.storage.opening import open_store\n"
        "from app.ui.actions import ActionRunner\n"
        "from app.ui.context import UiContext\n"
        "from app.ui.main_window import MainWindow\n"
        "from app.ui.registry import PAGES\n"
        "from tests.conftest import TEST_KEY\n"
        "app = QApplication([])\n"
        f"store = open_store(Path({str(profile_folder)!r}), TEST_KEY)\n"
        "w = MainWindow(UiContext(store=store, runner=ActionRunner(store)))\n"
        "w.show()\n"
        "for p in PAGES:\n"
        "    w.go_to(str(p.key))\n"
        "    app.processEvents()\n"
        "clients = w.panel('clients')\n"
        "holiday = is_bank_holiday(date(2026, 12, 28))\n"
        f"loaded = sorted(m for m in {NOT_LOADED!r} if m in sys.modules)\n"
        "print('tabs', clients.tabs.count() > 1, 'holiday', holiday, 'loaded', loaded)\n"
        "store.close()\n"
    )
    assert "tabs True holiday True loaded []" in run_fresh(script, DAYBOOK_NO_KEYRING="1")
