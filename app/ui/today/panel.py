"""Today: the carer's starting point. A "Getting started" checklist while the business is
new, "Record last week's visits", then what is due from every area's core (visits, unpaid
invoices, expiring documents, tax deadlines, agreements ending, safeguarding follow-ups).
Every line is a link to the page, and the record, it is about."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.core.changes import ALL, Area
from app.core.formatting import format_date
from app.core.getting_started import Step, getting_started, still_getting_started
from app.core.profile_reads import carer_first_name
from app.core.reading import Reader
from app.core.reminders import DueItem, Urgency, due_items
from app.core.visits.counts import count_visits
from app.core.visits.status import VisitStatus
from app.ui.due_actions import has_action, run_due_action
from app.ui.registry import Panel, register_panel
from app.ui.style import ERROR_STYLE, MUTED
from app.ui.today.links import can_open, last_week, open_target

URGENCY_TEXT = {
    Urgency.OVERDUE: "Overdue",
    Urgency.TODAY: "Today",
    Urgency.SOON: "Soon",
    Urgency.LATER: "Later",
}
HEADING_STYLE = "font-size: 12pt; font-weight: 600; margin-top: 10px;"


def _link(text: str, href: str) -> str:
    return f'<a href="{href}">{escape(text, quote=False)}</a>'


@register_panel
class TodayPanel(Panel):
    AREA = "today"
    # Today lists what is due in every area
    WATCHES = ALL

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.items: list[DueItem] = []
        self.steps: list[Step] = []
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
        self.last_week_button: QPushButton | None = None
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
        first, last = last_week(today)

        def read(db: Reader) -> tuple[str, list[DueItem], list[Step], int]:
            planned = count_visits(db, first, last, status=VisitStatus.PLANNED)
            return carer_first_name(db), due_items(db, today), getting_started(db), planned

        # Plainly (app/core/reading.py): Today shows before the ORM has loaded.
        name, items, steps, planned_last_week = self.ctx.runner.read_plain(read)
        self.items, self.steps = items, steps
        self.greeting.setText(
            f"Hello{', ' + name if name else ''}. "
            f"Today is {today.strftime('%A')} {format_date(today)}."
        )
        while self.body_layout.count():
            w = self.body_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.last_week_button = None
        if still_getting_started(steps):
            self._add_checklist(steps)
        if planned_last_week:
            n = planned_last_week
            self.last_week_button = QPushButton(f"&Record last week's visits ({n} still planned)")
            self.last_week_button.setToolTip(
                f"Opens Visits on the planned visits of {format_date(first)} to "
                f"{format_date(last)}, all chosen: mark them delivered as planned, or one by one"
            )
            self.last_week_button.clicked.connect(self.record_last_week)
            self.body_layout.addWidget(self.last_week_button, 0, Qt.AlignmentFlag.AlignLeft)
        if not items:
            if not still_getting_started(steps):
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
            title.setStyleSheet(HEADING_STYLE)
            self.body_layout.addWidget(title)
            for item in group:
                self.body_layout.addWidget(self._item_line(item, today))

    def _add_checklist(self, steps: list[Step]) -> None:
        title = QLabel("Getting started")
        title.setStyleSheet(HEADING_STYLE)
        self.body_layout.addWidget(title)
        done = sum(step.done for step in steps)
        intro = QLabel(
            f"{done} of {len(steps)} done. Each step ticks itself when the record is there."
        )
        intro.setStyleSheet(f"color: {MUTED};")
        self.body_layout.addWidget(intro)
        for i, step in enumerate(steps):
            if step.done:
                line = QLabel(f"✓ {step.text} (done)")
                line.setStyleSheet(f"color: {MUTED};")
            else:
                line = self._link_label(f"☐ {_link(step.text, f'step:{i}')}", step.text)
            line.setObjectName(f"step_{i}")
            self.body_layout.addWidget(line)

    def _item_line(self, item: DueItem, today) -> QLabel:  # type: ignore[no-untyped-def]
        when = f"{format_date(item.when)} — " if item.when and item.when != today else ""
        flag = "Overdue: " if item.urgency == Urgency.OVERDUE else ""
        text = f"{flag}{when}{item.text}"
        if not (can_open(item.area) or has_action(item.action)):
            line = QLabel(f"• {text}")
            line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        else:
            href = item.action if has_action(item.action) else f"item:{self.items.index(item)}"
            line = self._link_label(f"• {_link(text, href)}", text)
        line.setWordWrap(True)
        if item.urgency == Urgency.OVERDUE:
            line.setStyleSheet(ERROR_STYLE)
        return line

    def _link_label(self, html: str, name: str) -> QLabel:
        line = QLabel(html)
        line.setTextFormat(Qt.TextFormat.RichText)
        line.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        line.setAccessibleName(name)
        line.linkActivated.connect(self.open_link)
        return line

    # --- where a line leads -------------------------------------------------------------
    def open_link(self, href: str) -> QWidget | None:
        if has_action(href):  # e.g. the recovery sheet
            run_due_action(href, self.ctx, self)
            return None
        kind, _, index = href.partition(":")
        if kind == "step":
            return open_target(self, self.steps[int(index)].area)
        item = self.items[int(index)]
        if item.area == Area.VISITS and item.record_id is None:
            return self.record_past_visits()
        return open_target(self, item.area, item.record_id)

    def record_last_week(self) -> QWidget | None:
        first, last = last_week(self.ctx.today())
        panel = open_target(self, Area.VISITS)
        if panel is not None:
            panel.show_planned(first, last)  # type: ignore[attr-defined]
        return panel

    def record_past_visits(self) -> QWidget | None:
        """ "N past visits still planned": the list of them, all chosen."""
        from datetime import timedelta

        today = self.ctx.today()
        panel = open_target(self, Area.VISITS)
        if panel is not None:
            panel.show_planned(today - timedelta(days=62), today - timedelta(days=1))  # type: ignore[attr-defined]
        return panel
