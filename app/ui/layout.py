"""Layout pieces several panels share: a list beside its detail, and a record's action row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget


def side_by_side(
    left: QWidget,
    right: QWidget,
    *,
    stretch: tuple[int, int] = (1, 1),
    sizes: tuple[int, int] = (600, 600),
) -> QSplitter:
    splitter = QSplitter(Qt.Orientation.Horizontal)
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
