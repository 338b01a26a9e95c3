"""Layout pieces several panels share: a list beside its detail, and a record's action row."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

NARROW_WINDOW = 1000  # logical pixels: below this a list and its detail stack


def narrow_window() -> int:
    return NARROW_WINDOW


class ListDetailSplitter(QSplitter):
    """A list beside its detail, stacked (list above) when the window is narrower than
    NARROW_WINDOW logical pixels: a 1366x768 laptop at 150% leaves about 910."""

    def __init__(self) -> None:
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
        small = screen is not None and screen.availableGeometry().width() < narrow_window()
        super().__init__(Qt.Orientation.Vertical if small else Qt.Orientation.Horizontal)
        self.setChildrenCollapsible(False)
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
        narrow = width < narrow_window() or self.width() < self.side_by_side_width()
        wanted = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if wanted != self.orientation():
            self.setOrientation(wanted)
            total = self.height() if wanted == Qt.Orientation.Vertical else self.width()
            first = int(total * self.list_share)
            self.setSizes([first, total - first])


def side_by_side(
    left: QWidget,
    right: QWidget,
    *,
    stretch: tuple[int, int] = (1, 1),
    sizes: tuple[int, int] = (600, 600),
) -> QSplitter:
    """The one place a list and its detail are laid out: side by side on a wide window,
    stacked on a narrow one."""
    splitter = ListDetailSplitter()
    splitter.list_share = min(0.4, stretch[0] / sum(stretch))  # a detail that wants more gets it
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setSizes(list(sizes))
    return splitter


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
