"""Screenshots of the wizard and every area (and each of its tabs) on demo data, for looking
at what we built.

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py OUT_DIR
    [--scale 1.5] [--screen 1366x768] [--contrast] [--demo DIR]

--screen   the physical screen (default 1366x768); the window fills its free area less a
           40-pixel taskbar, in logical pixels at --scale (1366x768 at 150% is about 910x512).
--contrast a black, white and yellow high-contrast palette, as a system theme would set.
--demo     a folder holding demo records made earlier (copied, never changed): saves the
           half-minute of building them (DAYBOOK_PASSPHRASE must be the one it was made with).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path


def option(name: str, default: str | None = None) -> str | None:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "screens")
    scale = float(option("--scale", os.environ.get("QT_SCALE_FACTOR", "1")) or 1)
    os.environ["QT_SCALE_FACTOR"] = str(scale)
    width, height = (int(v) for v in (option("--screen", "1366x768") or "").split("x"))
    screen_file = Path(tempfile.mkdtemp()) / "screen.json"
    screen_file.write_text(
        json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height}]})
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen_file}"
    os.environ.setdefault("DAYBOOK_PASSPHRASE", "screenshot-passphrase")
    out.mkdir(parents=True, exist_ok=True)
    from app.ui.app import make_application

    app = make_application()
    if "--contrast" in sys.argv:  # before any panel's module reads the palette
        from PySide6.QtGui import QColor, QPalette

        palette = QPalette(QColor("black"))
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Button):
            palette.setColor(role, QColor("black"))
        for role in (
            QPalette.ColorRole.WindowText,
            QPalette.ColorRole.Text,
            QPalette.ColorRole.ButtonText,
        ):
            palette.setColor(role, QColor("white"))
        palette.setColor(QPalette.ColorRole.Highlight, QColor("yellow"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("black"))
        palette.setColor(QPalette.ColorRole.Link, QColor("cyan"))
        app.setPalette(palette)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QTabWidget

    from app.demo import build_demo
    from app.storage.keys import find_key
    from app.storage.opening import open_store
    from app.ui.actions import ActionRunner
    from app.ui.context import UiContext
    from app.ui.layout import ListDetail
    from app.ui.main_window import MainWindow
    from app.ui.registry import PAGES
    from app.ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(needs_passphrase=True)
    wizard.show()
    app.processEvents()
    wizard.grab().save(str(out / "00-wizard-welcome.png"))
    wizard.next()
    wizard.next()
    wizard.passphrase_page.passphrase.setText("long enough passphrase")
    wizard.passphrase_page.repeat.setText("long enough passphrase")
    wizard.next()
    app.processEvents()
    wizard.grab().save(str(out / "01-wizard-business.png"))
    wizard.close()

    data = Path(tempfile.mkdtemp()) / "records"
    demo = option("--demo")
    if demo:
        shutil.copytree(demo, data)
    store = open_store(data, find_key(data, creating=not demo))
    if not demo:
        build_demo(store)
    ctx = UiContext(store=store, runner=ActionRunner(store))
    window = MainWindow(ctx)
    # the screen less a 40-pixel taskbar, in logical pixels, less the window's frame
    window.resize(int(width / scale) - 16, int((height - 40) / scale) - 30)
    window.show()
    for i, page in enumerate(PAGES):
        key = str(page.key)
        panel = window.go_to(key)
        app.processEvents()
        window.grab().save(str(out / f"{i + 10:02d}-{key}.png"))
        for pair in panel.findChildren(ListDetail):  # and with a record chosen (Enter on it)
            view = pair.list_view
            if view is None or not pair.isVisible() or view.model().rowCount() == 0:
                continue
            view.setFocus()
            for _ in range(5):  # down to a row that can be chosen (not a group's heading)
                index = view.currentIndex()
                if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsSelectable:
                    break
                QTest.keyClick(view, Qt.Key.Key_Down)
            QTest.keyClick(view, Qt.Key.Key_Return)
            app.processEvents()
            window.grab().save(str(out / f"{i + 10:02d}-{key}-chosen.png"))
        for tabs in panel.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for t in range(1, tabs.count()):
                tabs.setCurrentIndex(t)
                app.processEvents()
                name = "".join(c for c in tabs.tabText(t).lower() if c.isalnum())[:16]
                window.grab().save(str(out / f"{i + 10:02d}-{key}-{t}-{name}.png"))
            tabs.setCurrentIndex(0)
    store.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
