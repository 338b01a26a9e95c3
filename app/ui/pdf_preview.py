"""Preview a PDF inside Daybook (QtPdf), print it through the native dialog, or save it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class PdfPreviewDialog(QDialog):
    def __init__(
        self, pdf_bytes: bytes, title: str, suggested_filename: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf_bytes = pdf_bytes
        self.suggested_filename = suggested_filename
        self.saved_to: Path | None = None
        self._data = QByteArray(pdf_bytes)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton("&Print…")
        self.save_button = QPushButton("&Save as PDF…")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(900, int(screen.width() * 0.8)), int(screen.height() * 0.85))

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        print_pdf(self.document, printer)

    def save_document(self) -> Path | None:
        start = str(Path.home() / self.suggested_filename)
        name, _ = QFileDialog.getSaveFileName(self, "Save as PDF", start, "PDF files (*.pdf)")
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            path.write_bytes(self.pdf_bytes)
        except OSError as exc:
            QMessageBox.warning(
                self,
                "Could not save",
                f"Daybook could not save the PDF there ({exc.strerror}). Choose another folder.",
            )
            return None
        self.saved_to = path
        return path


def print_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            rect = painter.viewport()
            size = (
                document.pagePointSize(page)
                .toSize()
                .scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            )
            image = document.render(page, QSize(size.width(), size.height()))
            painter.drawImage(0, 0, image)
    finally:
        painter.end()


def show_pdf(
    parent: QWidget | None, pdf_bytes: bytes, title: str, suggested_filename: str
) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(pdf_bytes, title, suggested_filename, parent)
    dialog.open()
    return dialog
