"""Start-up paints first: the window shell shows before the store opens (and before
SQLAlchemy is imported); Today then fills with the records. Flows that need the carer
(a passphrase to type, a folder already open) still end calmly."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

import app.ui.app as gui
from app.core.profile import save_profile
from app.demo.clients import PROFILE
from app.storage.database import Store
from app.storage.keys import write_config
from app.storage.opening import open_store
from app.ui.error_dialog import set_headless
from app.ui.main_window import OPENING_TEXT, MainWindow
from tests.conftest import TEST_KEY
from tests.ui.fresh_process import run_fresh


@pytest.fixture
def in_process(monkeypatch: pytest.MonkeyPatch, passphrase_env: str):  # type: ignore[no-untyped-def]
    """run_gui inside the test process: restore what it installs globally."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield
    set_headless(False)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_daybook", False)]:
        root.removeHandler(handler)
        handler.close()


def test_shell_shows_opening_page_until_attached(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.opening
    assert window.opening.text() == OPENING_TEXT
    assert not window.sidebar.isEnabled()
    assert not window.concern_action.isEnabled()
    window.sidebar.setCurrentRow(1)  # a shortcut pressed early does no harm
    window.sidebar.setCurrentRow(0)
    window.attach(ui_ctx)
    today = window.stack.currentWidget()
    assert "Hello, Sam" in today.greeting.text()
    assert window.sidebar.isEnabled() and window.concern_action.isEnabled()
    assert window.windowTitle() == "Daybook — Helping Hands Home Care"
    assert window.concern_action.shortcut().toString() == "Ctrl+Shift+S"


def test_opening_page_says_when_it_has_painted(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.opening.painted, timeout=5000):
        window.show()


def test_window_paints_before_the_store_opens_then_shows_today(  # type: ignore[no-untyped-def]
    qtbot, profile_folder, in_process, monkeypatch, capsys
) -> None:
    seen: list[tuple[bool, str, bool]] = []
    real_open = gui.open_existing

    def watching_open(data_dir: Path) -> Store | None:
        shells = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        seen.extend((True, s.stack.currentWidget().text(), s.sidebar.isEnabled()) for s in shells)
        return real_open(data_dir)

    monkeypatch.setattr(gui, "open_existing", watching_open)
    assert gui.run_gui(profile_folder, exit_when_ready=True) == 0
    assert seen == [(True, OPENING_TEXT, False)]
    lines = capsys.readouterr().out.splitlines()
    # Today first, then what a click on another area waits for: the ORM, loaded after Today.
    assert [line.split(" in ")[0] for line in lines] == ["first paint", "ready", "every area ready"]
    assert all(line.endswith(" ms") for line in lines)


def test_folder_open_elsewhere_closes_the_shell_calmly(  # type: ignore[no-untyped-def]
    qtbot, profile_folder, in_process, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda _p, title, text, *_a: (
            shown.append(f"{title}\n{text}") or QMessageBox.StandardButton.Close
        ),
    )
    with open_store(profile_folder, TEST_KEY):  # another Daybook holds the folder
        assert gui.run_gui(profile_folder) == 1
    assert len(shown) == 1 and shown[0].startswith("Daybook is already open")
    assert not any(
        isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_only_a_key_that_needs_no_typing_paints_first(data_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DAYBOOK_PASSPHRASE", raising=False)
    assert gui.key_needs_typing(data_dir)  # nothing known: the careful way
    write_config(data_dir, key_source="passphrase")
    assert gui.key_needs_typing(data_dir)
    write_config(data_dir, key_source="keyring")
    assert not gui.key_needs_typing(data_dir)
    monkeypatch.setenv("DAYBOOK_PASSPHRASE", "x" * 12)
    write_config(data_dir, key_source="passphrase")
    assert not gui.key_needs_typing(data_dir)


def test_sqlalchemy_is_not_imported_before_the_first_paint(profile_folder) -> None:  # type: ignore[no-untyped-def]
    script = (
        "import sys\n"
        "import app.ui.app as gui\n"
        "def painted(self):\n"
        "    heavy = sorted(m for m in ('sqlalchemy', 'app.core.models', 'filelock',\n"
        "                              'importlib.metadata')\n"
        "                   if m in sys.modules)\n"
        "    print('loaded at first paint:', heavy, flush=True)\n"
        "    self.app.quit()\n"
        "gui.Startup._painted = painted\n"
        "from app.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(profile_folder)!r}, '--exit-when-ready']))\n"
    )
    assert "loaded at first paint: []" in run_fresh(script)


def test_not_a_database_closes_the_shell_with_the_same_message(  # type: ignore[no-untyped-def]
    qtbot, data_dir, in_process, monkeypatch
) -> None:
    import sqlite3

    sqlite3.connect(data_dir / "daybook.db").execute("CREATE TABLE t (x)").connection.close()
    before = (data_dir / "daybook.db").read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "critical",
        lambda _p, title, text, *_a: (
            shown.append(f"{title}\n{text}") or QMessageBox.StandardButton.Ok
        ),
    )
    assert gui.run_gui(data_dir) == 1
    assert len(shown) == 1 and shown[0].startswith("Daybook cannot open this file")
    assert "daybook --data-dir FOLDER" in shown[0]
    assert (data_dir / "daybook.db").read_bytes() == before


def test_interrupted_set_up_asks_again_over_the_shell_and_can_be_left(  # type: ignore[no-untyped-def]
    qtbot, data_dir, in_process, monkeypatch
) -> None:
    from app.ui.wizard import FirstRunWizard

    open_store(data_dir, TEST_KEY).close()  # set up, but no business profile saved
    asked: list[bool] = []

    def leave(wizard: FirstRunWizard) -> int:
        asked.append(
            any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets())
        )
        return FirstRunWizard.DialogCode.Rejected

    monkeypatch.setattr(FirstRunWizard, "exec", leave)
    assert gui.run_gui(data_dir) == 1
    assert asked == [True]
    open_store(data_dir, TEST_KEY).close()  # the folder was unlocked on the way out


def test_typed_passphrase_opens_before_the_window_as_before(  # type: ignore[no-untyped-def]
    qtbot, data_dir, in_process, monkeypatch, capsys
) -> None:
    from app.storage.keys import passphrase_key

    monkeypatch.delenv("DAYBOOK_PASSPHRASE", raising=False)
    key = passphrase_key("a long passphrase", data_dir, remember_choice=True)
    with open_store(data_dir, key) as store, store.unit_of_work() as s:
        save_profile(s, PROFILE)
    windows_when_asked: list[int] = []

    def ask(message: str = "") -> str:
        windows_when_asked.append(
            sum(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets())
        )
        return "a long passphrase"

    monkeypatch.setattr(gui, "ask_passphrase", ask)
    assert gui.run_gui(data_dir, exit_when_ready=True) == 0
    assert windows_when_asked == [0]  # asked first, with no window behind
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" in ")[0] for line in lines] == ["first paint", "ready"]


def test_window_options_are_read_without_loading_every_command() -> None:
    from app.cli import window_args

    args = window_args(["--data-dir", "some folder", "--exit-when-ready"])
    assert args is not None and args.data_dir == Path("some folder") and args.exit_when_ready
    args = window_args([])
    assert args is not None and args.data_dir is None and not args.exit_when_ready
    for argv in (
        ["demo"],
        ["--help"],
        ["--version"],
        ["--data-dir"],
        ["--bogus"],
        ["--exit"],
        ["--data-dir", "x", "check"],
    ):
        assert window_args(argv) is None, argv  # the full parser answers these as before


HEAVY_LATER = ("reportlab", "pypdf", "PySide6.QtCharts", "PySide6.QtPdf", "holidays", "keyring")


def test_ready_with_today_loads_no_pdf_chart_or_holiday_library(profile_folder) -> None:  # type: ignore[no-untyped-def]
    """What start-up must not wait for (issue 16): PDFs, charts and bank holidays load when an
    area first needs them, not before Today shows the records."""
    script = (
        "import sys\n"
        "import app.ui.app as gui\n"
        "real_ready = gui.Startup._ready\n"
        "def ready(self):\n"
        f"    heavy = sorted(m for m in {HEAVY_LATER!r} if m in sys.modules)\n"
        "    today = self.window.stack.currentWidget()\n"
        "    print('Today:', type(today).__name__, 'loaded at ready:', heavy, flush=True)\n"
        "    real_ready(self)\n"
        "gui.Startup._ready = ready\n"
        "from app.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(profile_folder)!r}, '--exit-when-ready']))\n"
    )
    out = run_fresh(script, DAYBOOK_NO_KEYRING="1")
    assert "Today: TodayPanel loaded at ready: []" in out, out
