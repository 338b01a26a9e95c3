"""Layout pieces several panels share: a list beside its detail, and a record's action row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

NARROW_WINDOW = 1000  # logical pixels: below this a list and its detail stack


def narrow_window() -> int:
    return NARROW_WINDOW


class ListDetailSplitter(QSplitter):
    """A list beside its detail, stacked (list above) when the window is narrower than
    NARROW_WINDOW logical pixels: a 1366x768 laptop at 150% leaves about 910."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.setChildrenCollapsible(False)

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
        wanted = Qt.Orientation.Vertical if width < narrow_window() else Qt.Orientation.Horizontal
        if wanted != self.orientation():
            self.setOrientation(wanted)
            total = self.height() if wanted == Qt.Orientation.Vertical else self.width()
            self.setSizes([total * 2 // 5, total * 3 // 5])


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
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setSizes(list(sizes))
    return splitter


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
