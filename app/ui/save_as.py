"""The one "save as" of the window: ask where, write the bytes there without leaving a
half-written file under the final name, say "Saved to …", and meet a failed write calmly
(the document is still there to save somewhere else)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.storage.files import write_atomically

PDF_FILTER = "PDF files (*.pdf)"


def write_file(path: Path, data: bytes) -> None:
    write_atomically(path, data)


def with_suffix(name: str, suffix: str) -> Path:
    """The name as typed, with the suffix added when it is missing (dots in the name stay:
    "Invoice 01.11.2026" becomes "Invoice 01.11.2026.pdf")."""
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def ask_where(
    parent: QWidget | None,
    suggested_name: str,
    *,
    caption: str,
    file_filter: str = PDF_FILTER,
    suffix: str = ".pdf",
) -> Path | None:
    """The file the carer chose to save to (the suffix added when missing), or None."""
    start = str(Path.home() / suggested_name)
    name, _ = QFileDialog.getSaveFileName(parent, caption, start, file_filter)
    return with_suffix(name, suffix) if name else None


def save_file_as(
    parent: QWidget | None,
    data: bytes,
    suggested_name: str,
    *,
    caption: str,
    file_filter: str = PDF_FILTER,
    suffix: str = ".pdf",
    what: str = "the PDF",
    confirm: bool = True,
) -> Path | None:
    """Where the carer chose, or None when they cancelled or the write failed (already said).
    `confirm=False` when the caller says "Saved to …" itself, with more to tell."""
    path = ask_where(
        parent, suggested_name, caption=caption, file_filter=file_filter, suffix=suffix
    )
    if path is None:
        return None
    try:
        write_file(path, data)
    except OSError as exc:
        why = exc.strerror or "the folder did not accept it"
        QMessageBox.warning(
            parent,
            "Could not save",
            f"Daybook could not save {what} there ({why}). Nothing is lost: choose another "
            "folder and try again.",
        )
        return None
    if confirm:
        QMessageBox.information(parent, "Saved", f"Saved to {path}")
    return path


def save_pdf_as(
    parent: QWidget | None,
    pdf: bytes,
    suggested_name: str,
    *,
    caption: str = "Save as PDF",
    what: str = "the PDF",
    confirm: bool = True,
) -> Path | None:
    return save_file_as(parent, pdf, suggested_name, caption=caption, what=what, confirm=confirm)
