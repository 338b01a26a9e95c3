"""Makes every icon form from resources/daybook.svg: PNG sizes, daybook.ico and daybook.icns.

    QT_QPA_PLATFORM=offscreen .venv/bin/python installers/make_icons.py

Run it after changing the SVG and commit what it writes (the builds use the committed files,
so building needs no SVG renderer). Qt renders the SVG; Pillow writes .ico and .icns.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "daybook.svg"
OUT = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_pngs() -> dict[int, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs it)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    OUT.mkdir(parents=True, exist_ok=True)
    written = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = OUT / f"daybook-{size}.png"
        image.save(str(path))
        written[size] = path
    return written


def main() -> int:
    pngs = render_pngs()
    biggest = Image.open(pngs[max(PNG_SIZES)]).convert("RGBA")
    biggest.save(OUT / "daybook.ico", sizes=[(s, s) for s in ICO_SIZES])
    biggest.save(OUT / "daybook.icns", sizes=[(s, s) for s in ICNS_SIZES])
    for name in sorted(p.name for p in OUT.iterdir()):
        print(f"{name:>18}  {(OUT / name).stat().st_size:>7} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
