"""On a window both narrow and short (1366x768 at 150% is about 910x512 logical pixels) a list
and its detail take turns: the list has the height until a record is chosen, then folds into
a "Back to the list" bar so the detail has it. Driven by the keyboard only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from app.ui import layout
from app.ui.layout import ListDetail
from app.ui.main_window import MainWindow
from tests.ui.fits import SMALL_SCREEN, buttons_out_of_reach


def key(qtbot, k: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, k, modifier)


def fully_visible(widget: QWidget, window: QWidget) -> bool:
    """Shown whole, inside the window, at the scroll position it opened with."""
    where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    shown = widget.visibleRegion().boundingRect()
    return widget.isVisible() and window.rect().contains(where) and shown == widget.rect()


def inside(widget: QWidget, outer: QWidget) -> bool:
    return widget is outer or outer.isAncestorOf(widget)


def choose_by_keyboard(qtbot, view: QAbstractItemView, wanted=lambda index: True) -> None:  # type: ignore[no-untyped-def]
    view.setFocus()
    for _ in range(30):  # down the list to the first row that can be chosen and is wanted
        index = view.currentIndex()
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsSelectable and wanted(index):
            break
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)


def small_window(qtbot, demo_ui_ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_ui_ctx)
    qtbot.addWidget(window)
    window.resize(*SMALL_SCREEN)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def is_draft(index) -> bool:  # type: ignore[no-untyped-def]
    return index.sibling(index.row(), 2).data() == "Draft"


# Each panel: its first form field and its Save button (None where the detail has none),
# and which row to choose.
PANELS = {
    "clients": ("form.name", "save_button", lambda i: True),
    "contracts": ("form.client", "save_button", is_draft),
    "portfolio": ("form.doc_type", "save_button", lambda i: True),
    "invoices": ("detail", None, lambda i: True),
    "safeguarding": ("open_button", None, lambda i: True),
}


def attribute(panel: QWidget, path: str) -> QWidget:
    obj: object = panel
    for part in path.split("."):
        obj = getattr(obj, part)
    assert isinstance(obj, QWidget)
    return obj


@pytest.mark.parametrize("area", list(PANELS))
def test_on_a_short_window_the_chosen_record_gets_the_height(qtbot, demo_ui_ctx, area) -> None:  # type: ignore[no-untyped-def]
    window = small_window(qtbot, demo_ui_ctx)
    panel = window.go_to(area)
    pair = panel.findChild(ListDetail)
    QApplication.processEvents()
    assert pair is not None and pair.compact
    # Nothing chosen yet: the list has the height, no empty detail under it.
    assert pair.left.isVisible() and not pair.right.isVisible() and not pair.bar.isVisible()
    assert pair.list_view.height() > pair.height() // 2

    first_path, save_path, wanted = PANELS[area]
    choose_by_keyboard(qtbot, pair.list_view, wanted)
    QApplication.processEvents()
    assert pair.bar.isVisible() and not pair.left.isVisible() and pair.right.isVisible()
    assert "Back to the list" in pair.bar.text()
    assert pair.right.height() >= pair.height() - 2 * pair.bar.height()  # all but the bar
    assert inside(QApplication.focusWidget(), pair.right)  # the keyboard follows the record
    first = attribute(panel, first_path)
    assert fully_visible(first, window) if first_path != "detail" else first.isVisible()
    if save_path is not None:
        assert fully_visible(attribute(panel, save_path), window)
    if area == "safeguarding":
        assert panel.open_button.isEnabled()  # the chosen record can be opened from here
    assert buttons_out_of_reach(window) == []
    assert (window.width(), window.height()) == SMALL_SCREEN

    # Esc in the detail brings the list back, with the keyboard on the chosen row.
    chosen = pair.list_view.currentIndex()
    key(qtbot, Qt.Key.Key_Escape)
    assert pair.left.isVisible() and not pair.right.isVisible() and not pair.bar.isVisible()
    assert QApplication.focusWidget() is pair.list_view
    assert pair.list_view.currentIndex() == chosen

    # The bar itself: Shift+Tab up from the detail reaches it, Space opens the list (a
    # table of lines first in the detail keeps Tab for its cells: Esc is the way there).
    qtbot.keyClick(pair.list_view, Qt.Key.Key_Return)
    assert pair.bar.isVisible()
    if not isinstance(QApplication.focusWidget(), QAbstractItemView):
        for _ in range(15):
            if QApplication.focusWidget() is pair.bar:
                break
            key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert QApplication.focusWidget() is pair.bar
        qtbot.keyClick(pair.bar, Qt.Key.Key_Space)
    else:
        key(qtbot, Qt.Key.Key_Escape)
    assert pair.left.isVisible() and not pair.bar.isVisible()

    # Alt+Left works as Esc does.
    qtbot.keyClick(pair.list_view, Qt.Key.Key_Return)
    assert pair.bar.isVisible()
    key(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert pair.left.isVisible() and not pair.bar.isVisible()


def test_a_new_record_on_a_short_window_gets_the_height(qtbot, demo_ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = small_window(qtbot, demo_ui_ctx)
    panel = window.go_to("clients")
    pair = panel.findChild(ListDetail)
    panel.add_button.setFocus()
    qtbot.keyClick(panel.add_button, Qt.Key.Key_Space)
    QApplication.processEvents()
    assert pair.bar.isVisible() and panel.heading.text() == "New client"
    assert QApplication.focusWidget() is panel.form.name
    assert fully_visible(panel.form.name, window) and fully_visible(panel.save_button, window)


def test_the_bar_counts_what_the_list_holds(qtbot, demo_ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = small_window(qtbot, demo_ui_ctx)
    clients = window.go_to("clients").findChild(ListDetail)
    assert clients.bar.text().endswith("clients (12)")
    portfolio = window.go_to("portfolio").findChild(ListDetail)
    documents = portfolio.list_view.topLevelItem(0).childCount()  # groups are not counted
    total = sum(
        portfolio.list_view.topLevelItem(i).childCount()
        for i in range(portfolio.list_view.topLevelItemCount())
    )
    assert documents >= 1 and portfolio.bar.text().endswith(f"documents ({total})")


def test_on_a_wide_window_nothing_folds(qtbot, demo_ui_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The offscreen screen (800 wide) stands in for 1366x768 at 100%: wider than "narrow".
    monkeypatch.setattr(layout, "narrow_window", lambda: 700)
    window = MainWindow(demo_ui_ctx)
    qtbot.addWidget(window)
    window.resize(800, 700)
    window.show()
    for area, (_first, _save, wanted) in PANELS.items():
        pair = window.go_to(area).findChild(ListDetail)
        QApplication.processEvents()
        choose_by_keyboard(qtbot, pair.list_view, wanted)
        QApplication.processEvents()
        assert not pair.compact, area
        assert pair.left.isVisible() and pair.right.isVisible(), area
        assert not pair.bar.isVisible(), area
        key(qtbot, Qt.Key.Key_Escape)  # nothing to go back to: both stay
        assert pair.left.isVisible() and pair.right.isVisible(), area


def test_growing_the_window_shows_both_again(qtbot, demo_ui_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = small_window(qtbot, demo_ui_ctx)
    pair = window.go_to("clients").findChild(ListDetail)
    choose_by_keyboard(qtbot, pair.list_view)
    assert pair.bar.isVisible()
    monkeypatch.setattr(layout, "short_window", lambda: 400)  # as if the window were taller
    window.resize(SMALL_SCREEN[0], SMALL_SCREEN[1] - 1)
    qtbot.waitUntil(lambda: not pair.compact)
    assert pair.left.isVisible() and pair.right.isVisible() and not pair.bar.isVisible()


def test_a_double_click_that_folds_the_list_does_not_click_the_detail(qtbot, demo_ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = small_window(qtbot, demo_ui_ctx)
    panel = window.go_to("contracts")
    pair = panel.findChild(ListDetail)
    QApplication.processEvents()
    view = pair.list_view
    rect = view.visualRect(view.model().index(0, 0))
    where = view.viewport().mapTo(window, rect.center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pair.bar.isVisible()
    under = window.childAt(where)
    assert under is not None and inside(under, pair)
    seen: list[object] = []
    watcher = _Recorder(seen)  # what reaches the widget now under the mouse
    under.installEventFilter(watcher)
    qtbot.mouseDClick(under, Qt.MouseButton.LeftButton, pos=under.mapFrom(window, where))
    under.removeEventFilter(watcher)
    assert seen == []
    # After a key (or once the double-click time is over) a click is an ordinary one again.
    qtbot.keyClick(pair.bar, Qt.Key.Key_Shift)
    qtbot.mouseClick(pair.bar, Qt.MouseButton.LeftButton)
    assert pair.left.isVisible()


class _Recorder(QObject):
    def __init__(self, seen: list[object]) -> None:
        super().__init__()
        self.seen = seen

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.MouseButtonRelease,
        ):
            self.seen.append(event.type())
        return False


def test_with_nothing_to_choose_the_new_records_form_has_the_height(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ui_ctx)  # no clients yet
    qtbot.addWidget(window)
    window.resize(*SMALL_SCREEN)
    window.show()
    panel = window.go_to("clients")
    pair = panel.findChild(ListDetail)
    QApplication.processEvents()
    assert pair.compact and pair.right.isVisible() and panel.heading.text() == "New client"
    assert pair.right.height() >= pair.height() - 2 * pair.bar.height()
    assert fully_visible(panel.form.name, window) and fully_visible(panel.save_button, window)
    # A search that matches nothing later leaves the search box where it is.
    qtbot.keyClick(pair.bar, Qt.Key.Key_Space)
    qtbot.keyClicks(panel.search, "zz")
    panel.refresh()
    assert panel.search.isVisible() and not pair.bar.isVisible()
