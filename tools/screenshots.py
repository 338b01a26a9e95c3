"""Screenshots of the wizard and every area on demo data, for looking at what we built.

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py OUT_DIR [--scale 1.5]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screens")
    if "--scale" in sys.argv:
        os.environ["QT_SCALE_FACTOR"] = sys.argv[sys.argv.index("--scale") + 1]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("DAYBOOK_PASSPHRASE", "screenshot-passphrase")
    out.mkdir(parents=True, exist_ok=True)
    from app.demo import build_demo
    from app.storage.keys import find_key
    from app.storage.opening import open_store
    from app.ui.actions import ActionRunner
    from app.ui.app import make_application
    from app.ui.context import UiContext
    from app.ui.main_window import MainWindow
    from app.ui.registry import PAGES
    from app.ui.wizard import FirstRunWizard

    app = make_application()
    wizard = FirstRunWizard(needs_passphrase=True)
    wizard.resize(760, 640)
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

    data = Path(tempfile.mkdtemp())
    store = open_store(data, find_key(data, creating=True))
    build_demo(store)
    ctx = UiContext(store=store, runner=ActionRunner(store))
    window = MainWindow(ctx)
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    # a 1366x768 laptop, less a 40-pixel taskbar, in logical pixels at this scale
    window.resize(int(1366 / scale) - 16, int((768 - 40) / scale) - 30)
    window.show()
    for i, page in enumerate(PAGES):
        key = str(page.key)
        window.go_to(key)
        app.processEvents()
        window.grab().save(str(out / f"{i + 10:02d}-{key}.png"))
    store.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
