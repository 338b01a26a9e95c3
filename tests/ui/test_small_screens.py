"""Every panel, and each of its tabs, fits a 1366x768 laptop at 150% (about 910x512 logical
pixels): the window keeps that size and every button lies inside it or can be scrolled to."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTabWidget

from app.ui.main_window import MainWindow
from app.ui.registry import PAGES
from tests.ui.fits import SMALL_SCREEN, buttons_out_of_reach


def test_every_panel_and_tab_fits_a_small_screen_at_150_percent(qtbot, demo_ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_ui_ctx)
    qtbot.addWidget(window)
    window.resize(*SMALL_SCREEN)
    window.show()
    problems: dict[str, list[str]] = {}
    for page in PAGES:
        panel = window.go_to(str(page.key))
        views = [(str(page.key), None, 0)] + [
            (f"{page.key} / {tabs.tabText(i).replace('&', '')}", tabs, i)
            for tabs in panel.findChildren(QTabWidget)
            for i in range(tabs.count())
        ]
        for name, tabs, index in views:
            if tabs is not None:
                if not tabs.isVisible():
                    continue
                tabs.setCurrentIndex(index)
            QApplication.processEvents()
            found = buttons_out_of_reach(window)
            size = (window.width(), window.height())
            if size != SMALL_SCREEN:
                found.insert(0, f"window forced to {size[0]}x{size[1]}")
                window.resize(*SMALL_SCREEN)
            if found:
                problems[name] = found
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_the_main_dialogs_fit_a_small_screen_at_150_percent(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from app.ui.contracts.dialogs import NewVersionDialog, NoticeDialog, PlanBDialog, SignDialog
    from app.ui.invoices.dialogs import ExtraLineDialog, NewInvoiceDialog
    from app.ui.portfolio.export_dialog import ExportDialog
    from app.ui.safeguarding.concern_dialog import ConcernDialog
    from app.ui.visits.dialogs import GenerateDialog, OneOffDialog
    from app.ui.wizard import FirstRunWizard
    from tests.conftest import TODAY

    makers = {
        "new invoice": lambda: NewInvoiceDialog([(1, "Arthur Penrose")], TODAY),
        "extra line": lambda: ExtraLineDialog(TODAY),
        "sign": lambda: SignDialog(TODAY),
        "new version": lambda: NewVersionDialog(TODAY),
        "notice": lambda: NoticeDialog(TODAY),
        "plan b": lambda: PlanBDialog(),
        "one-off visit": lambda: OneOffDialog(ui_ctx, TODAY),
        "plan from schedules": lambda: GenerateDialog(ui_ctx, TODAY),
        "safeguarding concern": lambda: ConcernDialog(ui_ctx),
        "portfolio export": lambda: ExportDialog(ui_ctx),
        "first-run wizard": lambda: FirstRunWizard(needs_passphrase=True),
    }
    problems: dict[str, list[str]] = {}
    for name, make in makers.items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.resize(min(dialog.width(), SMALL_SCREEN[0]), min(dialog.height(), SMALL_SCREEN[1]))
        QApplication.processEvents()
        found = buttons_out_of_reach(dialog)
        if dialog.width() > SMALL_SCREEN[0] or dialog.height() > SMALL_SCREEN[1]:
            found.insert(0, f"held at {dialog.width()}x{dialog.height()}")
        if found:
            problems[name] = found
        dialog.close()
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
