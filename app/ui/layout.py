"""Layout pieces several panels share: a list beside its detail (taking turns on a short
window), and a record's action row."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QElapsedTimer, QEvent, QModelIndex, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

NARROW_WINDOW = 1000  # logical pixels: below this a list and its detail stack
SHORT_WINDOW = 800  # logical pixels: a stacked list and detail shorter than this take turns


def narrow_window() -> int:
    return NARROW_WINDOW


def short_window() -> int:
    return SHORT_WINDOW


class ListDetailSplitter(QSplitter):
    """A list beside its detail, stacked (list above) when the window is narrower than
    NARROW_WINDOW logical pixels: a 1366x768 laptop at 150% leaves about 910."""

    def __init__(self, *, always_stacked: bool = False) -> None:
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
        small = screen is not None and screen.availableGeometry().width() < narrow_window()
        stacked = small or always_stacked
        super().__init__(Qt.Orientation.Vertical if stacked else Qt.Orientation.Horizontal)
        self.setChildrenCollapsible(False)
        self.always_stacked = always_stacked
        self.list_share = 0.4  # of the width or height, when the orientation changes

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # Side by side needs both widths, but a narrower window stacks them instead
        # (fit_orientation): so the window is never held wider than the wider of the two.
        hint = super().minimumSizeHint()
        if self.orientation() == Qt.Orientation.Vertical:
            return hint
        children = [self.widget(i).minimumSizeHint() for i in range(self.count())]
        return QSize(max((c.width() for c in children), default=0), hint.height())

    def side_by_side_width(self) -> int:
        return sum(self.widget(i).minimumSizeHint().width() for i in range(self.count())) + (
            self.handleWidth() * max(0, self.count() - 1)
        )

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        # Before the first layout: side by side, a panel's minimum would widen the window.
        self.fit_orientation()
        super().showEvent(event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        self.fit_orientation()
        super().resizeEvent(event)

    def fit_orientation(self) -> None:
        window = self.window()
        width = window.width() if window is not None else self.width()
        screen = self.screen()
        if screen is not None:  # a window held wide by its own minimum still stacks
            width = min(width, screen.availableGeometry().width())
        narrow = (
            self.always_stacked
            or width < narrow_window()
            or self.width() < self.side_by_side_width()
        )
        wanted = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if wanted != self.orientation():
            self.setOrientation(wanted)
            total = self.height() if wanted == Qt.Orientation.Vertical else self.width()
            first = int(total * self.list_share)
            self.setSizes([first, total - first])


INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QCheckBox)


def _window_size(widget: QWidget) -> QSize:
    """The window's size, no larger than the screen's free area (a window held larger by its
    own minimum is still on a small screen)."""
    window = widget.window()
    size = window.size() if window is not None else widget.size()
    screen = widget.screen()
    if screen is not None:
        size = size.boundedTo(screen.availableGeometry().size())
    return size


class _SwallowSecondClick(QObject):
    """The list folded away on a click: the second click of a double-click would land on
    whatever of the detail now lies under the mouse (a button, say). A press that comes
    within the system's double-click time is taken as that second click and dropped, with
    its double-click and release; any later press or key ends the watch."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._clock = QElapsedTimer()
        self._swallowing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            if self._swallowing or self._clock.elapsed() <= QApplication.doubleClickInterval():
                self._swallowing = True
                return True
            self.stop()
        elif kind == QEvent.Type.MouseButtonRelease and self._swallowing:
            self.stop()
            return True
        elif kind == QEvent.Type.KeyPress:
            self.stop()
        return False

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            self._swallowing = False
            self._clock.start()
            app.removeEventFilter(self)
            app.installEventFilter(self)

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._swallowing = False


class ListDetail(QWidget):
    """A list and the chosen record's detail. Side by side on a wide window and stacked on a
    narrow one (ListDetailSplitter); on a window both narrow and short (1366x768 at 150% is
    about 910x512) they take turns: the list gets the height until a record is chosen, then
    folds into a one-line bar ("◂ Back to the list") so the detail gets the height, and the
    bar, Esc or Alt+Left in the detail bring the list back."""

    def __init__(
        self,
        left: QWidget,
        right: QWidget,
        *,
        noun: str,
        list_view: QAbstractItemView | None = None,
        openers: Sequence[QAbstractButton] = (),
        always_stacked: bool = False,
        detail_when_empty: bool = False,
    ) -> None:
        super().__init__()
        self.detail_when_empty = detail_when_empty
        self.noun = noun
        self.left, self.right = left, right
        self.bar = QPushButton()
        self.bar.setObjectName("back_to_list")
        self.bar.setAccessibleName(f"Back to the list of {noun}")
        self.bar.setToolTip(f"Show the list of {noun} again (Esc or Alt+Left)")
        self.bar.setStyleSheet("QPushButton#back_to_list { text-align: left; padding: 3px 8px; }")
        self.bar.hide()
        self.splitter = ListDetailSplitter(always_stacked=always_stacked)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        bar_row = QHBoxLayout()  # the bar lines up with the list it stands for
        inner = left.layout()
        if inner is not None:
            m = inner.contentsMargins()
            bar_row.setContentsMargins(m.left(), 0, m.right(), 0)
        bar_row.addWidget(self.bar)
        column.addLayout(bar_row)
        column.addWidget(self.splitter, 1)
        self.list_view = list_view if list_view is not None else left.findChild(QAbstractItemView)
        self.detail_wanted = False  # a record (or a new one) is chosen: on a short window, show it
        self.compact = False
        self._shown_before = False
        self._mode = (False, False)  # (folded, list only) as last laid out
        self._second_click = _SwallowSecondClick(self)

        self.bar.clicked.connect(self.show_list)
        self.shortcuts: list[QShortcut] = []  # only while the list is folded: Esc is free else
        for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence(QKeySequence.StandardKey.Back)):
            shortcut = QShortcut(keys, right)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(self._back_from_detail)
            self.shortcuts.append(shortcut)
        for button in openers:
            button.clicked.connect(lambda _c=False: self.show_detail())
        if self.list_view is not None:
            self.list_view.clicked.connect(self._clicked)
            self.list_view.activated.connect(self._activated)
            model = self.list_view.model()
            if model is not None:
                for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
                    signal.connect(self._update_bar)
        self._update_bar()

    # --- what the carer does -----------------------------------------------------------
    def show_detail(self) -> None:
        """A record (or a new one) is chosen: on a short window the list folds away."""
        self.detail_wanted = True
        self._apply()
        if self.compact and not self._focus_inside(self.right):
            self._focus_first_field()

    def show_list(self) -> None:
        """Nothing is chosen, or the carer asked for the list: it gets the height back."""
        self.detail_wanted = False
        self._apply()
        if self.compact and self.list_view is not None:
            self.list_view.setFocus(Qt.FocusReason.OtherFocusReason)
            current = self.list_view.currentIndex()
            if current.isValid():
                self.list_view.scrollTo(current)

    def _back_from_detail(self) -> None:
        if self.compact and self.detail_wanted:
            self.show_list()

    def _choosable(self, index: QModelIndex) -> bool:
        return index.isValid() and bool(index.flags() & Qt.ItemFlag.ItemIsSelectable)

    def _clicked(self, index: QModelIndex) -> None:
        if self._choosable(index):
            was_folded = self.compact and self.detail_wanted
            self.show_detail()
            if self.compact and not was_folded:
                self._second_click.start()

    def _activated(self, index: QModelIndex) -> None:  # Enter on a row (or a double-click)
        if self._choosable(index) and self.list_view is not None:
            selection = self.list_view.selectionModel()
            if selection is not None and not selection.isSelected(index):
                self.list_view.setCurrentIndex(index)  # the row under the cursor is the one chosen
            self.show_detail()

    # --- how it looks ------------------------------------------------------------------
    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        # Nothing to choose: the height goes to the new record's form (and stays with it once
        # saved). Only when first shown: a search that matches nothing must not fold the search box.
        if self.detail_when_empty and not self._shown_before and self._list_is_empty():
            self.detail_wanted = True
        self._shown_before = True
        self._apply()
        super().showEvent(event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._apply()

    def _is_compact(self) -> bool:
        size = _window_size(self)
        return size.width() < narrow_window() and size.height() < short_window()

    def _apply(self) -> None:
        self.compact = self._is_compact()
        folded = self.compact and self.detail_wanted
        list_only = self.compact and not self.detail_wanted
        had_focus = self._focus_inside(self.left) and folded
        self.bar.setVisible(folded)
        for shortcut in self.shortcuts:
            shortcut.setEnabled(folded)
        self.left.setVisible(not folded)
        self.right.setVisible(not list_only)
        self.splitter.fit_orientation()  # what is shown may now fit side by side, or not
        mode = (folded, list_only)
        if mode != self._mode:  # a hidden pane keeps its share: give it to the one shown
            self._mode = mode
            total = sum(self.splitter.sizes()) or self.splitter.height()
            if folded:
                self.splitter.setSizes([0, total])
            elif list_only:
                self.splitter.setSizes([total, 0])
            else:
                first = int(total * self.splitter.list_share)
                self.splitter.setSizes([first, total - first])
        if had_focus:  # the list went from under the keyboard's focus: into the detail
            self._focus_first_field()

    def _list_is_empty(self) -> bool:
        model = self.list_view.model() if self.list_view is not None else None
        return model is None or model.rowCount() == 0

    def _update_bar(self, *_args: object) -> None:
        self.bar.setText(f"◂  Back to the list of {self.noun}{self._count_text()}")

    def _count_text(self) -> str:
        model = self.list_view.model() if self.list_view is not None else None
        if model is None:
            return ""

        tree = isinstance(self.list_view, QTreeView)  # documents grouped under their kinds

        def count(parent: QModelIndex) -> int:
            n = 0
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if tree and model.rowCount(index) > 0:
                    n += count(index)
                elif index.flags() & Qt.ItemFlag.ItemIsSelectable:
                    n += 1
            return n

        more = "+" if model.canFetchMore(QModelIndex()) else ""
        return f" ({count(QModelIndex())}{more})"

    def _focus_inside(self, widget: QWidget) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is widget or widget.isAncestorOf(focus))

    def _focus_first_field(self) -> None:
        """Into the detail: its first box to type in, else its first control."""
        first: QWidget | None = None
        widget = self.right.nextInFocusChain()
        while widget is not self.right:  # the focus chain is a ring through the whole window
            takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            if (
                self.right.isAncestorOf(widget)
                and takes_tab
                and widget.isEnabled()
                and widget.isVisibleTo(self.right)
            ):
                if isinstance(widget, INPUTS):
                    widget.setFocus(Qt.FocusReason.TabFocusReason)
                    return
                first = first or widget
            widget = widget.nextInFocusChain()
        (first or self.right).setFocus(Qt.FocusReason.TabFocusReason)


def side_by_side(
    left: QWidget,
    right: QWidget,
    *,
    noun: str = "records",
    list_view: QAbstractItemView | None = None,
    openers: Sequence[QAbstractButton] = (),
    stretch: tuple[int, int] = (1, 1),
    sizes: tuple[int, int] = (600, 600),
    always_stacked: bool = False,
    detail_when_empty: bool = False,
) -> ListDetail:
    """The one place a list and its detail are laid out: side by side on a wide window,
    stacked on a narrow one, taking turns on a short one (ListDetail). `openers` are buttons
    that put a new record in the detail (New client); with `detail_when_empty` an empty list
    leaves the height to the detail's form for a new record."""
    pair = ListDetail(
        left,
        right,
        noun=noun,
        list_view=list_view,
        openers=openers,
        always_stacked=always_stacked,
        detail_when_empty=detail_when_empty,
    )
    splitter = pair.splitter
    splitter.list_share = min(0.4, stretch[0] / sum(stretch))  # a detail that wants more gets it
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setSizes(list(sizes))
    return pair


def show_chosen(panel: QWidget) -> None:
    """A record was opened from elsewhere (a link on Today): on a short window, show it."""
    for pair in panel.findChildren(ListDetail):
        pair.show_detail()


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless area that scrolls up and down when the window is too short for
    it, so its minimum height never forces the window taller than a small screen."""
    scroll = QScrollArea()
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setWidget(widget)
    return scroll


class ArchivableRecordButtons(QHBoxLayout):
    """'Saved.' on the left; Archive, Restore from archive and Save (the default) on the right."""

    def __init__(self) -> None:
        super().__init__()
        self.saved_label = QLabel()
        self.archive_button = QPushButton("Archi&ve")
        self.restore_button = QPushButton("&Restore from archive")
        self.save_button = QPushButton("&Save")
        self.save_button.setDefault(True)
        self.addWidget(self.saved_label, 1)
        for button in (self.archive_button, self.restore_button, self.save_button):
            self.addWidget(button)


def detail_column(
    heading: QWidget, body: QWidget, actions: QHBoxLayout, *, margins: bool = True
) -> QWidget:
    """A heading, the body taking the spare height, and a row of actions underneath."""
    column = QWidget()
    v = QVBoxLayout(column)
    if not margins:
        v.setContentsMargins(0, 0, 0, 0)
    v.addWidget(heading)
    v.addWidget(body, 1)
    v.addLayout(actions)
    return column


def heading_label(text: str = "") -> QLabel:
    """The large heading over a record's detail."""
    label = QLabel(text)
    label.setStyleSheet("font-size: 14pt; font-weight: 600;")
    label.setWordWrap(True)
    return label


def labelled(label: QLabel, widget: QWidget) -> QWidget:
    """A label and its box kept together on one line (in a row that may wrap)."""
    pair = QWidget()
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addWidget(widget)
    return pair


class FlowLayout(QLayout):
    """Buttons in a row that wraps onto a second line when the window is too narrow for them
    all (a small laptop at 150%), instead of forcing the window wider."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt's name)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's name)
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        shown = [i.sizeHint() for i in self._items if not i.isEmpty()]
        width = sum(s.width() for s in shown) + self._spacing * max(0, len(shown) - 1)
        return QSize(width, max((s.height() for s in shown), default=0)) + self._margins()

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size + self._margins()

    def _margins(self) -> QSize:
        m = self.contentsMargins()
        return QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()
