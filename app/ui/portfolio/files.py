"""A document's files: thumbnails, drag and drop, and a preview of pictures and PDFs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImage,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.core.portfolio.services import PDF, FileRow
from app.ui.images import byte_buffer, read_image

THUMB = 112


def render_pdf_page(data: bytes, longest: int, page: int = 0) -> QImage:
    """A page of the PDF as a picture on white, or a null image if it does not open."""
    from PySide6.QtPdf import QPdfDocument

    array, buf = byte_buffer(data)
    doc = QPdfDocument()
    doc.load(buf)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() <= page:
        doc.close()
        return QImage()
    size = (
        doc.pagePointSize(page)
        .toSize()
        .scaled(QSize(longest, longest), Qt.AspectRatioMode.KeepAspectRatio)
    )
    rendered = doc.render(page, size)
    doc.close()
    del array
    if rendered.isNull():
        return rendered
    page_image = QImage(rendered.size(), QImage.Format.Format_RGB32)
    page_image.fill(QColor("white"))
    painter = QPainter(page_image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return page_image


def thumbnail(widget: QWidget, row: FileRow, data: bytes) -> QIcon:
    image = render_pdf_page(data, THUMB) if row.is_pdf else read_image(data, THUMB)
    if image.isNull():
        kind = (
            QStyle.StandardPixmap.SP_FileIcon
            if row.is_pdf
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        return widget.style().standardIcon(kind)
    return QIcon(QPixmap.fromImage(image))


def describe(row: FileRow) -> str:
    kind = "PDF" if row.mime == PDF else row.mime.split("/")[-1].upper()
    size = (
        f"{row.size / 1024:,.0f} KB" if row.size < 1024 * 1024 else f"{row.size / 1048576:,.1f} MB"
    )
    return f"{row.filename}\n{kind}, {size}"


class FileList(QListWidget):
    """Thumbnails of a document's files; local files dropped on it are offered for attaching."""

    files_dropped = Signal(list)  # list[str] paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWordWrap(True)
        self.setSpacing(8)
        self.setUniformItemSizes(True)
        self.setGridSize(QSize(THUMB + 60, THUMB + 56))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.accepting = False  # only once the document is saved
        self.setAccessibleName("Files of this document")

    def show_files(self, rows: list[FileRow], icons: dict[int, QIcon]) -> None:
        self.clear()
        for r in rows:
            item = QListWidgetItem(icons.get(r.id, QIcon()), describe(r))
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(r.filename)
            self.addItem(item)

    def current_file_id(self) -> int | None:
        item = self.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    @staticmethod
    def _paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt naming)
        if self.accepting and self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self.accepting and self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self._paths(event)
        if self.accepting and paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()


class ImagePreview(QDialog):
    """A picture, as large as the screen allows, scrollable if bigger."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        screen = self.screen().availableGeometry() if self.screen() else None
        longest = max(800, int(max(screen.width(), screen.height()) * 0.9)) if screen else 1600
        image = read_image(data, longest)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if image.isNull():
            self.label.setText("This picture could not be read (it may be damaged).")
        else:
            self.label.setPixmap(QPixmap.fromImage(image))
        scroll = QScrollArea()
        scroll.setWidget(self.label)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        if screen is not None:
            self.resize(int(screen.width() * 0.7), int(screen.height() * 0.8))


def preview_file(parent: QWidget, row: FileRow, data: bytes) -> QDialog:
    """Opens the file inside Daybook: PDFs in the PDF preview, pictures in a window."""
    if row.is_pdf:
        from app.ui.pdf_preview import show_pdf

        return show_pdf(parent, data, row.filename, Path(row.filename).name)
    dialog = ImagePreview(data, row.filename, parent)
    dialog.open()
    return dialog
