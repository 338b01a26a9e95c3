"""Help → About: version, the data folder with a button that opens it, and the licences."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTextBrowser

from app import __version__
from app.ui.about import about_dialog
from app.ui.main_window import MainWindow


def test_help_menu_opens_about_with_version_folder_and_licences(qtbot, ui_ctx, monkeypatch):  # type: ignore[no-untyped-def]
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    about_action = next(a for a in help_menu.actions() if "About" in a.text())
    assert not window.windowIcon().isNull()

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    seen: dict[str, str] = {}

    def look_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "about"
        seen["version"] = dialog.findChild(QLabel, "about_version").text()
        seen["folder"] = dialog.findChild(QLabel, "about_folder").text()
        seen["licences"] = dialog.findChild(QTextBrowser, "about_licences").toPlainText()
        dialog.findChild(QPushButton, "about_open_folder").click()
        dialog.reject()

    QTimer.singleShot(0, look_and_close)
    about_action.trigger()

    assert __version__ in seen["version"]
    assert str(ui_ctx.store.data_dir) in seen["folder"]
    assert opened == [str(ui_ctx.store.data_dir)]
    licences = seen["licences"]
    for name in ("PySide6", "reportlab", "sqlcipher3", "SQLAlchemy", "Python", "DejaVu Sans"):
        assert name in licences
    assert "LGPL-3.0" in licences and "download.qt.io" in licences
    assert "BSD" in licences


def test_about_without_open_records_cannot_open_a_folder(qtbot):  # type: ignore[no-untyped-def]
    dialog = about_dialog(None)
    qtbot.addWidget(dialog)
    assert not dialog.findChild(QPushButton, "about_open_folder").isEnabled()
    assert "not open" in dialog.findChild(QLabel, "about_folder").text()
