"""Help → About: the version, the data folder (with a button that opens it) and the licences
of the libraries Daybook ships with. Also gives the window Daybook's icon."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    from app.resources import resources_dir  # not app.licences: see app/resources.py

    icon = QIcon()
    for size in ICON_SIZES:
        path = resources_dir() / "icons" / f"daybook-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def install_help_menu(window: QMainWindow) -> None:
    """Adds Help → About Daybook to the window's menu bar, and the window icon."""
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.setDesktopFileName("daybook")  # Wayland finds the menu entry's icon by it
    window.setWindowIcon(app_icon())
    about = QAction("&About Daybook", window)
    about.triggered.connect(lambda: about_dialog(_data_dir(window), window).exec())
    window.menuBar().addMenu("&Help").addAction(about)


def _data_dir(window: QMainWindow) -> Path | None:
    ctx = getattr(window, "ctx", None)
    return ctx.store.data_dir if ctx is not None else None


def licences_html() -> str:
    from html import escape

    from app.licences import bundled_licences, font_licence, python_licence

    rows = [python_licence(), *bundled_licences(), font_licence()]
    body = "".join(
        f"<tr><td><b>{escape(lic.name)}</b> {escape(lic.version)}</td>"
        f"<td>{escape(lic.licence)}"
        + (f"<br><small>{escape(lic.note)}</small>" if lic.note else "")
        + "</td></tr>"
        for lic in rows
    )
    return (
        "<p>Daybook is built on these libraries, each under its own licence. Qt and Qt for "
        "Python (PySide6) are used under the GNU LGPL version 3: their source is at "
        "https://download.qt.io/official_releases/, and you may replace the Qt libraries in "
        "Daybook's folder with your own build.</p>"
        f"<table cellspacing='0' cellpadding='4'>{body}</table>"
    )


def about_dialog(data_dir: Path | None, parent: QWidget | None = None) -> QDialog:
    """Built when asked for, not at start-up (its imports are not on the way to the window)."""
    from html import escape

    from PySide6.QtCore import Qt, QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import (
        QDialogButtonBox,
        QHBoxLayout,
        QLabel,
        QPushButton,
        QTextBrowser,
        QVBoxLayout,
    )

    from app import __version__

    dialog = QDialog(parent)
    dialog.setWindowTitle("About Daybook")
    dialog.setObjectName("about")
    layout = QVBoxLayout(dialog)
    title = QLabel(f"<h2>Daybook {__version__}</h2>")
    title.setObjectName("about_version")
    layout.addWidget(title)
    layout.addWidget(QLabel("The business side of self-employed home care, on your own computer."))
    row = QHBoxLayout()
    folder = QLabel(
        f"Your records are in: <b>{escape(str(data_dir))}</b>"
        if data_dir
        else "Your records are not open."
    )
    folder.setObjectName("about_folder")
    folder.setWordWrap(True)
    folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    row.addWidget(folder, 1)
    open_button = QPushButton("&Open the folder")
    open_button.setObjectName("about_open_folder")
    open_button.setEnabled(data_dir is not None)
    if data_dir is not None:
        url = QUrl.fromLocalFile(str(data_dir))
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(url))
    row.addWidget(open_button)
    layout.addLayout(row)
    licences = QTextBrowser()
    licences.setObjectName("about_licences")
    licences.setOpenExternalLinks(True)
    licences.setHtml(licences_html())
    layout.addWidget(licences, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(dialog.fontMetrics().averageCharWidth() * 90, dialog.fontMetrics().height() * 32)
    return dialog
