"""The main window: a sidebar with one entry per area and the area's panel beside it.

The window can be built before the store is open (start-up paints first): it then shows an
"Opening your records…" page until `attach(ctx)` gives it the open store.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from app.core.changes import Area, Changes
from app.ui.about import install_help_menu
from app.ui.error_dialog import say_when_headless, show_unexpected_error
from app.ui.layout import NARROW_WINDOW
from app.ui.registry import PAGES, Panel, load_panel, page
from app.ui.style import MUTED

log = logging.getLogger(__name__)
CONCERN_MODULE = "app.ui.safeguarding.concern_dialog"
OPENING_TEXT = "Opening your records…"


class BrokenPage(QLabel):
    """An area whose panel failed to import or to build: said once, loudly, then this."""

    def __init__(self, title: str, *, damaged: bool = False) -> None:
        from PySide6.QtCore import Qt  # not at module top: see OpeningPage

        super().__init__(
            f"{title} cannot be shown: part of your records file is damaged and cannot be "
            "read. Daybook is checking the file and will show you the newest backup that "
            "opens, and how to bring it back."
            if damaged
            else f"{title} could not be opened. Nothing was lost; the details are in the log."
        )
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)


class OpeningPage(QLabel):
    """Today's place while the records open. Says once when it has first painted, so that
    start-up opens the store only after the carer can see the window."""

    painted = Signal()

    def __init__(self) -> None:
        super().__init__(OPENING_TEXT)
        self.setObjectName("opening")
        # Alignment by style sheet: Qt's enum namespace costs ~15 ms to load before the paint.
        self.setStyleSheet(
            f"QLabel#opening {{ font-size: 14pt; color: {MUTED}; qproperty-alignment: AlignCenter; }}"
        )
        self._has_painted = False

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().paintEvent(event)
        if not self._has_painted:
            self._has_painted = True
            self.painted.emit()


class MainWindow(QMainWindow):
    def __init__(self, ctx=None) -> None:  # type: ignore[no-untyped-def]
        """With `ctx` None, the window is a shell until `attach(ctx)` (see app.ui.app)."""
        super().__init__()
        self.ctx = None
        self.panels: dict[str, Panel] = {}
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Areas")
        # Smaller on a small screen (1366x768 at 150%), where every pixel beside a panel counts.
        screen = self.screen()
        small = screen is not None and screen.availableGeometry().width() < NARROW_WINDOW
        self.sidebar.setStyleSheet(
            f"QListWidget#sidebar {{ font-size: {'11pt' if small else '12pt'}; }}"
            f"QListWidget#sidebar::item {{ padding: {'3px 8px' if small else '6px 10px'}; }}"
        )
        self.stack = QStackedWidget()
        self._keys: list[str] = []
        for p in PAGES:
            self.sidebar.addItem(QListWidgetItem(p.title))
            self._keys.append(str(p.key))
            self.stack.addWidget(QWidget())  # placeholder until first shown
        self.opening = OpeningPage()
        old = self.stack.widget(0)
        self.stack.insertWidget(0, self.opening)
        self.stack.removeWidget(old)
        old.deleteLater()
        width = max(self.sidebar.sizeHintForColumn(0), 100) + 32
        self.sidebar.setFixedWidth(width)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.concern_action = QAction("Record a &concern", self)
        self.concern_action.setToolTip("Record a safeguarding concern (Ctrl+Shift+S)")
        self.concern_action.triggered.connect(self.record_concern)
        install_help_menu(self)
        # In the menu bar's row, not a toolbar of its own: a row less on a short screen.
        self.concern_button = concern = QToolButton()
        concern.setObjectName("concern")
        concern.setDefaultAction(self.concern_action)
        self.menuBar().setCornerWidget(concern)

        self.sidebar.currentRowChanged.connect(self.show_area)
        self.setWindowTitle("Daybook")
        self.fit_to_screen()
        if ctx is None:
            self.sidebar.setEnabled(False)  # until the records are open
            self.concern_action.setEnabled(False)
            self.sidebar.setCurrentRow(0)
        else:
            self.attach(ctx)

    def fit_to_screen(self) -> None:
        """Opens where it was last left if that still fits this screen, else 1200x800 or the
        screen's free area, whichever is smaller (a 1366x768 laptop at 150% has ~910x490)."""
        from app.ui.window_geometry import restore_or_fit

        restore_or_fit(self)

    def attach(self, ctx) -> None:  # type: ignore[no-untyped-def]
        """The store is open: listen for changes and show the current area with its data."""
        self.ctx = ctx
        ctx.runner.changed.connect(self.on_changed)
        self._add_shortcuts()
        self.sidebar.setEnabled(True)
        self.concern_action.setEnabled(True)
        self.update_title()
        if self.sidebar.currentRow() < 0:
            self.sidebar.setCurrentRow(0)
        else:
            self.show_area(self.sidebar.currentRow())

    def _add_shortcuts(self) -> None:
        # Here, not in __init__: the first setShortcut loads Qt's enums (~15 ms), which the
        # shell need not wait for; the shortcuts are of no use before the records are open.
        self.concern_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        for i in range(len(self._keys)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _c=False, row=i: self.sidebar.setCurrentRow(row))
            self.addAction(action)

    def panel(self, key: str) -> QWidget:
        row = self._keys.index(key)
        if self.ctx is None:
            return self.stack.widget(row)
        if key not in self.panels and not isinstance(self.stack.widget(row), BrokenPage):
            widget: QWidget
            try:
                widget = load_panel(key)(self.ctx)
            except Exception as exc:  # noqa: BLE001 - one broken area must not take the others down
                from app.storage.database import is_damage

                if is_damage(exc):  # the damage watch names the backup and the way back
                    log.warning("%s could not read the damaged records file", key)
                    widget = BrokenPage(page(key).title, damaged=True)
                    say_when_headless("your records file is damaged (see daybook check)")
                else:
                    show_unexpected_error(self, exc)
                    widget = BrokenPage(page(key).title)
            old = self.stack.widget(row)
            self.stack.insertWidget(row, widget)
            self.stack.removeWidget(old)
            old.deleteLater()
            if isinstance(widget, Panel):
                self.panels[key] = widget
        return self.stack.widget(row)

    def show_area(self, row: int) -> None:
        if row < 0:
            return
        self.panel(self._keys[row])
        self.stack.setCurrentIndex(row)

    def go_to(self, key: str) -> QWidget:
        self.sidebar.setCurrentRow(self._keys.index(key))
        return self.panel(key)

    def on_changed(self, changes: Changes) -> None:
        if Area.PROFILE in changes:
            self.update_title()

    def update_title(self) -> None:
        from app.core.profile_reads import trading_name

        if self.ctx is None:
            return
        name = self.ctx.runner.read_plain(trading_name)
        self.setWindowTitle(f"Daybook — {name}" if name else "Daybook")

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        if all(panel.may_leave() for panel in self.panels.values()):
            from app.ui.window_geometry import remember

            remember(self)
            event.accept()
        else:
            event.ignore()

    def record_concern(self) -> None:
        importlib.import_module(CONCERN_MODULE).open_record_concern_dialog(self.ctx, self)
