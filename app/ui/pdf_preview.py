"""Preview a PDF inside Daybook (QtPdf), print it through the native dialog, or save it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QProgressDialog,
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
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setResolution(PRINT_DPI)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        problem = send_to_printer(self.pdf_bytes, self.document, printer, self)
        if problem:
            QMessageBox.warning(self, "Could not print", problem)

    def save_document(self) -> Path | None:
        from app.ui.save_as import save_pdf_as

        path = save_pdf_as(self, self.pdf_bytes, self.suggested_filename)
        if path is not None:
            self.saved_to = path
        return path


PRINT_DPI = 300  # a home printer gets no picture finer than this


def lp_command(pdf_path: Path, printer_name: str, copies: int, pages: str) -> list[str]:
    """CUPS's own `lp`: the PDF itself goes to the printer (text stays text, a few hundred
    kilobytes, where drawing each page as a 1200-dpi picture made 25 MB for 3 pages)."""
    command = ["lp", "-s"]
    if printer_name:
        command += ["-d", printer_name]
    command += ["-n", str(max(1, copies))]
    if pages:
        command += ["-P", pages]
    return [*command, "--", str(pdf_path)]


def chosen_pages(printer: QPrinter) -> str:
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        return f"{printer.fromPage()}-{max(printer.fromPage(), printer.toPage())}"
    return ""


def send_to_printer(
    pdf_bytes: bytes, document: QPdfDocument, printer: QPrinter, parent: QWidget | None
) -> str:
    """Prints the PDF on the printer chosen in the dialog; "" when it went, else what to tell
    the carer."""
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and shutil.which("lp"):
        return print_with_lp(
            pdf_bytes, printer.printerName(), printer.copyCount(), chosen_pages(printer)
        )
    return print_pdf(document, printer, parent)


def print_with_lp(pdf_bytes: bytes, printer_name: str, copies: int, pages: str) -> str:
    with tempfile.TemporaryDirectory(prefix="daybook-print-") as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf_bytes)
        try:
            done = subprocess.run(
                lp_command(path, printer_name, copies, pages),
                capture_output=True,
                text=True,
                timeout=60,
            )
        except (OSError, subprocess.TimeoutExpired):
            return "The printer did not answer. Check it is switched on and try again."
    if done.returncode != 0:
        return (
            "The printer could not take the document. Check it is switched on and "
            "connected, then try again."
        )
    return ""


def print_pdf(document: QPdfDocument, printer: QPrinter, parent: QWidget | None = None) -> str:
    """Draws page by page (where the system takes no PDF), at no more than PRINT_DPI, with
    progress and Cancel. "" when it went, else what to tell the carer."""
    if printer.resolution() > PRINT_DPI:
        printer.setResolution(PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return "The printer could not start. Check it is switched on and try again."
    pages = list(range(document.pageCount()))
    first, last = printer.fromPage(), printer.toPage()
    if printer.printRange() == QPrinter.PrintRange.PageRange and first > 0:
        pages = [p for p in pages if first - 1 <= p <= max(first, last) - 1]
    progress = QProgressDialog("Printing…", "Cancel", 0, len(pages), parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    try:
        for done, page in enumerate(pages):
            progress.setValue(done)
            if progress.wasCanceled():
                printer.abort()
                return ""
            if done:
                printer.newPage()
            rect = painter.viewport()
            size = (
                document.pagePointSize(page)
                .toSize()
                .scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            )
            image = document.render(page, QSize(size.width(), size.height()))
            painter.drawImage(0, 0, image)
        progress.setValue(len(pages))
    finally:
        painter.end()
        progress.close()
    return ""


def show_pdf(
    parent: QWidget | None, pdf_bytes: bytes, title: str, suggested_filename: str
) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(pdf_bytes, title, suggested_filename, parent)
    dialog.open()
    return dialog
