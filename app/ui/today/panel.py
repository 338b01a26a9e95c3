"""Today: what is due, from every area's core (visits, unpaid invoices, expiring documents,
tax deadlines, contracts ending, safeguarding follow-ups)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from app.core.changes import ALL
from app.core.formatting import format_date
from app.core.profile import get_profile
from app.core.reminders import DueItem, Urgency, due_items
from app.ui.due_actions import has_action, run_due_action
from app.ui.registry import Panel, register_panel
from app.ui.style import ERROR_STYLE

URGENCY_TEXT = {
    Urgency.OVERDUE: "Overdue",
    Urgency.TODAY: "Today",
    Urgency.SOON: "Soon",
    Urgency.LATER: "Later",
}


def _first_name(session) -> str:  # type: ignore[no-untyped-def]
    profile = get_profile(session)
    words = profile.carer_name.split() if profile else []
    return words[0] if words else ""


@register_panel
class TodayPanel(Panel):
    AREA = "today"
    # Today lists what is due in every area
    WATCHES = ALL

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.items: list[DueItem] = []
        self.greeting = QLabel()
        self.greeting.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addWidget(scroll, 1)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        """Coming back to Today the next morning shows what is due now (changes made in
        the areas already refresh it, so nothing is read again on the same day)."""
        if self.ctx.today() != getattr(self, "shown_day", None):
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        today = self.ctx.today()
        self.shown_day = today
        name, items = self.ctx.runner.read(lambda s: (_first_name(s), due_items(s, today)))
        self.items = items
        self.greeting.setText(
            f"Hello{', ' + name if name else ''}. "
            f"Today is {today.strftime('%A')} {format_date(today)}."
        )
        while self.body_layout.count():
            w = self.body_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        if not items:
            self.body_layout.addWidget(QLabel("Nothing is due. Well done."))
            return
        groups: dict[str, list[DueItem]] = {}
        for item in sorted(items, key=lambda i: (i.urgency, i.when or today)):
            groups.setdefault(item.heading, []).append(item)
        # Most urgent group first; within a group, oldest first.
        for heading, group in sorted(
            groups.items(), key=lambda g: (min(i.urgency for i in g[1]), g[0])
        ):
            title = QLabel(heading)
            title.setStyleSheet("font-size: 12pt; font-weight: 600; margin-top: 10px;")
            self.body_layout.addWidget(title)
            for item in group:
                when = f"{format_date(item.when)} — " if item.when and item.when != today else ""
                flag = "Overdue: " if item.urgency == Urgency.OVERDUE else ""
                line = QLabel(f"• {flag}{when}{item.text}")
                line.setWordWrap(True)
                if item.urgency == Urgency.OVERDUE:
                    line.setStyleSheet(ERROR_STYLE)
                line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                if has_action(item.action):
                    self._make_link(line, item)
                self.body_layout.addWidget(line)

    def _make_link(self, line: QLabel, item: DueItem) -> None:
        """An item that opens something (e.g. the recovery sheet): a link, reachable by Tab."""
        line.setText(f'• <a href="{item.action}">{escape(item.text)}</a>')
        line.setTextFormat(Qt.TextFormat.RichText)
        line.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        line.linkActivated.connect(lambda name: run_due_action(name, self.ctx, self))
