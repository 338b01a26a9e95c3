"""Starting the window: find the key, open the store (or set it up), then show Daybook."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from app.logs import configure_logging
from app.storage.database import LockedByAnotherDaybook, Store, StoreError, WrongKey
from app.storage.keys import DatabaseKey, KeyUnavailable, find_key, passphrase_key
from app.storage.paths import DB_NAME
from app.ui.error_dialog import install_excepthook, set_headless, set_log_path

log = logging.getLogger("daybook.ui")


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Daybook")
    app.setOrganizationName("Daybook")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return app  # type: ignore[return-value]


def ask_passphrase(message: str = "") -> str | None:
    text, ok = QInputDialog.getText(
        None, "Daybook", (message + "\n\n" if message else "") + "Enter your Daybook passphrase:",
        QLineEdit.EchoMode.Password)
    return text if ok else None


def open_existing(data_dir: Path) -> Store | None:
    """Opens the store, asking for the passphrase where needed. None if the carer gave up."""
    message = ""
    while True:
        try:
            key = find_key(data_dir, creating=False)
        except KeyUnavailable:
            secret = ask_passphrase(message)
            if secret is None:
                return None
            key = passphrase_key(secret, data_dir, remember_choice=False)
        try:
            return Store(data_dir, key).open()
        except WrongKey as exc:
            if key.source.value != "passphrase":
                QMessageBox.critical(None, "Daybook", f"{exc}\n\n{exc.way_out}")
                return None
            message = "That passphrase did not open your records. Please try again."
        except LockedByAnotherDaybook as exc:
            answer = QMessageBox.warning(None, "Daybook is already open", f"{exc}\n\n{exc.way_out}",
                                         QMessageBox.StandardButton.Retry
                                         | QMessageBox.StandardButton.Close)
            if answer != QMessageBox.StandardButton.Retry:
                return None
        except StoreError as exc:
            QMessageBox.critical(None, "Daybook cannot open this file",
                                 f"{exc}\n\n{exc.way_out}\n\nData folder: {data_dir}\n"
                                 "You can start Daybook with another folder: "
                                 "daybook --data-dir FOLDER")
            return None


def set_up_new(data_dir: Path, *, exit_when_ready: bool) -> Store | None:
    from app.ui.wizard import FirstRunWizard

    try:
        key: DatabaseKey | None = find_key(data_dir, creating=False)
    except KeyUnavailable:
        key = None
    wizard = FirstRunWizard(needs_passphrase=key is None and not _keyring_available())
    if exit_when_ready:
        wizard.show()
        return None
    if wizard.exec() != wizard.DialogCode.Accepted:
        return None
    if key is None:
        if wizard.passphrase is not None:
            key = passphrase_key(wizard.passphrase, data_dir, remember_choice=True)
        else:
            key = find_key(data_dir, creating=True)
    store = Store(data_dir, key).open()
    fill_from_wizard(store, wizard)
    return store


def fill_from_wizard(store: Store, wizard) -> None:  # type: ignore[no-untyped-def]
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        if wizard.wants_demo:
            from app.demo import build_demo

            build_demo(store)
        else:
            from app.core.profile import save_profile

            with store.unit_of_work() as session:
                save_profile(session, wizard.profile_draft())
    finally:
        QApplication.restoreOverrideCursor()


def finish_setup(store: Store) -> bool:
    """A database with no business profile yet (set-up was interrupted): ask again."""
    from app.ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(needs_passphrase=False)
    if wizard.exec() != wizard.DialogCode.Accepted:
        return False
    fill_from_wizard(store, wizard)
    return True


def _keyring_available() -> bool:
    from app.storage.keys import keyring_usable

    return keyring_usable()


def run_gui(data_dir: Path, *, exit_when_ready: bool = False, started: float | None = None) -> int:
    started = time.perf_counter() if started is None else started
    set_log_path(configure_logging(data_dir))
    app = make_application()
    install_excepthook()
    set_headless(exit_when_ready)
    new = not (data_dir / DB_NAME).exists()
    store = set_up_new(data_dir, exit_when_ready=exit_when_ready) if new else open_existing(data_dir)
    if store is None:
        if exit_when_ready and new:
            print(f"ready in {(time.perf_counter() - started) * 1000:.0f} ms (first-run wizard)",
                  flush=True)
            return 0
        return 1
    from app.core.profile import get_profile

    with store.reading() as session:
        has_profile = get_profile(session) is not None
    if not has_profile and not exit_when_ready and not finish_setup(store):
        store.close()
        return 1

    from app.storage.backup import backed_up_today, make_backup
    from app.ui.actions import ActionRunner
    from app.ui.context import UiContext
    from app.ui.main_window import MainWindow

    if not exit_when_ready and not backed_up_today(data_dir):
        make_backup(store, reason="daily")
    ctx = UiContext(store=store, runner=ActionRunner(store))
    window = MainWindow(ctx)
    window.show()
    if exit_when_ready:
        def ready() -> None:
            print(f"ready in {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
            app.quit()
        QTimer.singleShot(0, ready)
    code = app.exec()
    try:
        if not exit_when_ready:
            make_backup(store, reason="on-exit")
    except OSError:
        log.warning("backup on exit failed", exc_info=True)
    finally:
        store.close()
    return code
