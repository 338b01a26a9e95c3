"""Starting the window: find the key, open the store (or set it up), then show Daybook.

Paint first: when the database exists and its key needs nobody to type it, the window shell
(sidebar, "Opening your records…") shows before SQLAlchemy is imported. Once it has painted, a
helper thread imports the models and configures the mappers while this thread opens the store
(SQLCipher derives the key with the GIL released, so the two overlap); then Today is filled. A
new folder, or a passphrase to type, goes the careful way as before: wizard or prompt first.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from app.storage.keys import (
    ENV_VAR,
    DatabaseKey,
    KeySource,
    KeyUnavailable,
    find_key,
    passphrase_key,
    read_config,
)
from app.storage.paths import DB_NAME
from app.ui.error_dialog import (
    install_excepthook,
    is_headless,
    set_headless,
    set_log_path,
    show_unexpected_error,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QWidget

    from app.storage.database import Store
    from app.storage.errors import DamagedDatabase
    from app.ui.main_window import MainWindow

log = logging.getLogger("daybook.ui")

# What opening the store and filling Today needs, imported off the GUI thread (no Qt here).
WARM_MODULES = (
    "sqlalchemy",
    "sqlalchemy.orm",
    "sqlalchemy.dialects.sqlite",
    "app.storage.migrate",
    "app.core.models",
    "app.core.reminders",
)


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Daybook")
    app.setOrganizationName("Daybook")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return app  # type: ignore[return-value]


def ask_passphrase(message: str = "", can_recover: bool = False):  # type: ignore[no-untyped-def]
    """The typed passphrase, None if the carer gave up, or FORGOTTEN (then the recovery code
    is asked; offered when the records have a recovery envelope)."""
    from app.ui.passphrase_dialog import PassphrasePrompt

    if is_headless():
        return None  # nobody is there to type it
    return PassphrasePrompt(message, can_recover=can_recover).answer()


def tell(title: str, text: str, *, retry: bool = False) -> bool:
    """A calm message before the window exists. True if the carer chose Retry.

    With --exit-when-ready nobody can press a button: the message goes to stderr instead."""
    if is_headless():
        print(
            f"daybook: {text}".replace("\n\n", " ").replace("\n", " "), file=sys.stderr, flush=True
        )
        return False
    if retry:
        buttons = QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close
        return QMessageBox.warning(None, title, text, buttons) == QMessageBox.StandardButton.Retry
    QMessageBox.critical(None, title, text)
    return False


def offer_restore(data_dir: Path, key: DatabaseKey, problem: DamagedDatabase) -> bool:
    """When the records are damaged, offers the newest backup that opens. True if restored."""
    from app.storage.errors import StoreError
    from app.storage.restore import restore_into

    if problem.good_backup is None or is_headless():
        return False
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Your records file is damaged",
        f"{problem}\n\nDaybook keeps backup copies. The newest good one is from "
        f"{problem.backup_when}.\n\nRestore it? The damaged file is kept as well, so nothing "
        "is thrown away. Anything entered after that backup will need entering again.",
    )
    restore = box.addButton("Restore this backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        restore_into(data_dir, key, problem.good_backup)
    except StoreError as exc:
        QMessageBox.critical(None, "Daybook", f"The backup could not be restored: {exc}")
        return False
    return True


def ask_recovery_key(data_dir: Path, reason: str) -> DatabaseKey | None:
    """The key, unwrapped with the recovery code the carer types. None if they gave up."""
    from app.storage.errors import StoreError
    from app.storage.opening import key_with_code

    if is_headless():
        tell("Daybook", f"{reason} Use your recovery code to open your records.")
        return None
    note = ""
    while True:
        text, ok = QInputDialog.getText(
            None,
            "Open your records with your recovery code",
            f"{reason}\n\n{note}Type the recovery code from your Daybook recovery sheet "
            "(six groups of five letters and digits):",
        )
        if not ok:
            return None
        try:
            return key_with_code(data_dir, data_dir / DB_NAME, text)
        except StoreError as exc:
            note = f"{exc} {exc.way_out}\n\n"


def _recoverable(data_dir: Path) -> bool:
    from app.storage.recovery import envelope_path

    return envelope_path(data_dir / DB_NAME).is_file()


def open_existing(data_dir: Path) -> Store | None:
    """Opens the store, asking for the passphrase (or the recovery code) where needed.
    None if the carer gave up. The storage layer decides what went wrong; this presents it."""
    from app.storage.errors import (
        DamagedDatabase,
        KeyMissing,
        LockedByAnotherDaybook,
        StoreError,
        WrongKey,
    )
    from app.storage.opening import open_store

    message = ""
    while True:
        try:
            key = find_key(data_dir, creating=False)
        except KeyMissing as exc:
            recovered = ask_recovery_key(data_dir, str(exc))
            if recovered is None:
                return None
            key = recovered
        except KeyUnavailable:
            secret = (
                ask_passphrase(message, True) if _recoverable(data_dir) else ask_passphrase(message)
            )
            if secret is None:
                return None
            if not isinstance(secret, str):  # forgotten: the recovery code instead
                recovered = ask_recovery_key(data_dir, "You have forgotten your passphrase.")
                if recovered is None:
                    return None
                key = recovered
            else:
                key = passphrase_key(secret, data_dir, remember_choice=False)
        try:
            store = open_store(data_dir, key)
            if key.source == KeySource.RECOVERY_CODE:
                from app.ui.recovery import after_opening_with_code

                after_opening_with_code(store)
            return store
        except WrongKey as exc:
            if key.source.value != "passphrase":
                tell("Daybook", f"{exc}\n\n{exc.way_out}")
                return None
            message = "That passphrase did not open your records. Please try again."
        except DamagedDatabase as exc:
            if offer_restore(data_dir, key, exc):
                continue
            tell(
                "Your records file is damaged", f"{exc}\n\n{exc.way_out}\n\nData folder: {data_dir}"
            )
            return None
        except LockedByAnotherDaybook as exc:
            if not tell("Daybook is already open", f"{exc}\n\n{exc.way_out}", retry=True):
                return None
        except StoreError as exc:
            tell(
                "Daybook cannot open this file",
                f"{exc}\n\n{exc.way_out}\n\nData folder: {data_dir}\n"
                "You can start Daybook with another folder: daybook --data-dir FOLDER",
            )
            return None


def set_up_new(data_dir: Path, *, exit_when_ready: bool) -> Store | None:
    from app.storage.opening import open_store
    from app.ui.wizard import FirstRunWizard

    try:
        key: DatabaseKey | None = find_key(data_dir, creating=False)
    except KeyUnavailable:
        key = None
    wizard = FirstRunWizard(
        needs_passphrase=key is None and not _keyring_available(), data_dir=data_dir
    )
    if exit_when_ready:
        wizard.show()
        return None
    if wizard.exec() != wizard.DialogCode.Accepted:
        return None
    if wizard.restored_key is not None:  # records brought back from a backup
        from app.ui.recovery import after_opening_with_code

        store = open_store(data_dir, wizard.restored_key)
        after_opening_with_code(store)
        return store
    if key is None:
        if wizard.passphrase is not None:
            key = passphrase_key(wizard.passphrase, data_dir, remember_choice=True)
        else:
            key = find_key(data_dir, creating=True)
    store = open_store(data_dir, key)
    fill_from_wizard(store, wizard)
    return store


def fill_from_wizard(store: Store, wizard) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

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


def key_needs_typing(data_dir: Path) -> bool:
    """True unless the key is known to come without asking (environment, or the keyring).

    Cheap on purpose (no keyring import): it only chooses whether the window paints first.
    If the keyring then refuses, the passphrase is still asked for, over the window.
    """
    if os.environ.get(ENV_VAR):
        return False
    return read_config(data_dir).get("key_source") != KeySource.KEYRING.value


def _elapsed_ms(started: float) -> str:
    return f"{(time.perf_counter() - started) * 1000:.0f} ms"


def _warm_imports() -> None:
    for name in WARM_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # the GUI thread imports it again and reports the real problem
            log.debug("warm import of %s failed", name, exc_info=True)
            return
    try:  # else Today's first query configures every mapper (~180 ms) on the GUI thread
        from sqlalchemy.orm import configure_mappers

        configure_mappers()
    except Exception:  # the first query configures them again and reports the problem
        log.debug("warm mapper configuration failed", exc_info=True)


class _Once(QObject):
    """Calls `then` once: when `_soon()` is called (on the next turn of the event loop), or
    after `limit_ms` regardless (e.g. a window that starts minimised never paints)."""

    def __init__(self, parent: QObject, then, limit_ms: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._then = then
        self._done = False
        self._limit = QTimer(self)
        self._limit.setSingleShot(True)
        self._limit.timeout.connect(self._fire)
        self._limit.start(limit_ms)

    def _soon(self) -> None:
        QTimer.singleShot(0, self._fire)  # after this paint has reached the screen

    def _fire(self) -> None:
        if not self._done:
            self._done = True
            self._limit.stop()
            self._then()


class _AfterFirstPaint(_Once):
    """Just after the window's opening page first paints."""

    def __init__(self, window: MainWindow, then, limit_ms: int = 500) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window, then, limit_ms)
        window.opening.painted.connect(self._soon)


class _AfterPaint(_Once):
    """Just after `widget` next paints."""

    def __init__(self, widget: QWidget, then, limit_ms: int = 500) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent  # not before the first paint: its enums cost time

        super().__init__(widget, then, limit_ms)
        self._paint = QEvent.Type.Paint
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == self._paint and not self._done:
            self._soon()
        return False


class Startup:
    """Opens Daybook's window: the shell first, the records once it shows."""

    def __init__(
        self, app: QApplication, data_dir: Path, *, exit_when_ready: bool, started: float
    ) -> None:
        self.app = app
        self.data_dir = data_dir
        self.exit_when_ready = exit_when_ready
        self.started = started
        self.store: Store | None = None
        self.window: MainWindow | None = None
        self._warm: threading.Thread | None = None
        self.store_first = False
        self.code = 0

    # -- the careful way: wizard or passphrase before any window ---------------------------
    def run_store_first(self, *, new: bool) -> int:
        self.store_first = True
        store = (
            set_up_new(self.data_dir, exit_when_ready=self.exit_when_ready)
            if new
            else open_existing(self.data_dir)
        )
        if store is None:
            if self.exit_when_ready and new:
                print(f"ready in {_elapsed_ms(self.started)} (first-run wizard)", flush=True)
                return 0
            return 1
        self.store = store
        if not self._profile_ready():
            store.close()
            return 1
        self._daily_backup()
        from app.ui.main_window import MainWindow

        self.window = MainWindow(self._context())
        if self.exit_when_ready:
            _AfterPaint(self.window.stack.currentWidget(), self._ready)
        else:
            self._watch_for_damage()
        self.window.show()
        return self._exec()

    # -- paint first: the shell now, the records once it has painted -----------------------
    def run_paint_first(self) -> int:
        from app.ui.main_window import MainWindow

        self.window = MainWindow()
        _AfterFirstPaint(self.window, self._painted)
        self.window.show()
        return self._exec()

    def _painted(self) -> None:
        message = f"first paint in {_elapsed_ms(self.started)}"
        start_logging(self.data_dir)  # its import (logging.handlers) costs ~10 ms before paint
        log.info(message)
        if self.exit_when_ready:
            print(message, flush=True)
        QTimer.singleShot(0, self._open_and_fill)

    def _open_and_fill(self) -> None:
        """Opens the records and shows Today, read plainly (app/core/reading.py): SQLAlchemy
        and the models load only once Today has painted, in the background."""
        window = self.window
        assert window is not None
        from PySide6.QtCore import Qt

        window.setCursor(Qt.CursorShape.WaitCursor)
        try:
            self.store = open_existing(self.data_dir)
            if self.store is None or not self._profile_ready():
                self._give_up()
                return
            window.attach(self._context())
        except Exception as exc:  # noqa: BLE001 - a bug: the one calm error dialog, then close
            show_unexpected_error(window, exc)
            self._give_up()
            return
        finally:
            window.unsetCursor()
        _AfterPaint(window.stack.currentWidget(), self._today_shown)

    def _today_shown(self) -> None:
        if self.exit_when_ready:  # ready once Today has painted with the records
            self._ready()
            return
        # The ORM loads beside the event loop; the first action that needs it waits for it
        # (Python's import lock). The day's backup comes first after that: its clicks wait.
        self._warm = threading.Thread(
            target=_warm_imports, name="daybook-warm-imports", daemon=True
        )
        self._warm.start()
        QTimer.singleShot(0, self._backup_and_watch)

    def _backup_and_watch(self) -> None:
        from PySide6.QtCore import Qt

        assert self.window is not None
        self.window.setCursor(Qt.CursorShape.WaitCursor)
        try:
            self._daily_backup()
        except Exception as exc:  # noqa: BLE001 - a bug: the one calm error dialog
            show_unexpected_error(self.window, exc)
        finally:
            self.window.unsetCursor()
        self._watch_for_damage()

    def _give_up(self) -> None:
        self.code = 1
        if self.window is not None:
            self.window.hide()
        self.app.exit(1)

    # -- shared ------------------------------------------------------------------------------
    def _profile_ready(self) -> bool:
        """A database with no profile yet (set-up interrupted) asks for it again."""
        from app.core.profile_reads import has_profile

        assert self.store is not None
        with self.store.plain() as db:
            found = has_profile(db)
        if found or self.exit_when_ready:
            return True
        return finish_setup(self.store)

    def _daily_backup(self) -> None:
        from app.storage.backup import backed_up_today, make_backup

        assert self.store is not None
        if self.exit_when_ready:  # a measurement: nothing written
            return
        if not backed_up_today(self.data_dir):
            from app.storage.errors import StoreError

            try:
                make_backup(self.store, kind="daily")
            except (StoreError, OSError):  # e.g. a damaged page: the watch names it next
                log.warning("daily backup failed", exc_info=True)
        from app.storage.opening import ensure_recovery

        code = ensure_recovery(self.store)
        if code is not None:
            from app.ui.recovery import show_new_recovery_code

            show_new_recovery_code(None, self.store, code)

    def _watch_for_damage(self) -> None:
        from app.ui.damage_watch import watch_for_damage

        assert self.window is not None and self.store is not None
        self._damage_watch = watch_for_damage(self.window, self.store)

    def _context(self):  # type: ignore[no-untyped-def]
        from app.ui.actions import ActionRunner
        from app.ui.context import UiContext

        assert self.store is not None
        return UiContext(store=self.store, runner=ActionRunner(self.store))

    def _ready(self) -> None:
        if self.store_first:  # the window's first paint already showed Today
            print(f"first paint in {_elapsed_ms(self.started)}", flush=True)
        print(f"ready in {_elapsed_ms(self.started)}", flush=True)
        if not self.store_first:  # what a click on another area would wait for
            _warm_imports()
            print(f"every area ready in {_elapsed_ms(self.started)}", flush=True)
        # exit(), not quit(): quit() goes through the platform (closing every window) and
        # can leave a Quit event that stops the next event loop (seen in-process, in tests).
        self.app.exit(0)

    def _exec(self) -> int:
        code = self.app.exec()
        code = self.code or code
        if self.window is not None:  # --exit-when-ready leaves it open: close it quietly
            from PySide6.QtCore import Qt

            self.window.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
            self.window.close()
            self.window.deleteLater()
        store = self.store
        if store is None or not store.is_open:
            return code
        from app.storage.backup import make_backup

        try:
            if not self.exit_when_ready and not self.code:
                make_backup(store, kind="on-exit")
        except Exception:  # closing must not fail; the reason is in the log
            log.warning("backup on exit failed", exc_info=True)
        finally:
            store.close()
        return code


def start_logging(data_dir: Path) -> None:
    from app.logs import configure_logging

    set_log_path(configure_logging(data_dir))


def run_gui(data_dir: Path, *, exit_when_ready: bool = False, started: float | None = None) -> int:
    started = time.perf_counter() if started is None else started
    app = make_application()
    install_excepthook()
    set_headless(exit_when_ready)
    startup = Startup(app, data_dir, exit_when_ready=exit_when_ready, started=started)
    new = not (data_dir / DB_NAME).exists()
    if new:  # a folder that cannot hold records is told before the wizard asks anything
        from app.storage.database import check_folder
        from app.storage.errors import StoreError

        try:
            check_folder(data_dir)
        except StoreError as exc:
            tell("Daybook cannot use this folder", f"{exc}\n\n{exc.way_out}")
            return 2
    if new or key_needs_typing(data_dir):
        start_logging(data_dir)
        return startup.run_store_first(new=new)
    return startup.run_paint_first()  # logging starts just after the first paint
