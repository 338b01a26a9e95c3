"""Self-employed, not an employee: the figures from the records, any warning, and what the
scheme and HMRC say, in plain words. Shown as a tab in Money (a warning, never a block)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.core.changes import Area, Changes
from app.core.formatting import format_date
from app.core.status import EXPLANATION, WARNING_TEXT, StatusFigures, status_figures
from app.ui.style import DANGER

ERROR_STYLE = f"color: {DANGER}; font-weight: 600;"


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class StatusView(QWidget):
    AREAS = {Area.VISITS, Area.INVOICES, Area.MONEY, Area.CLIENTS}

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.period = _label()
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        captions = (
            ("active", "Clients in the last 12 months"),
            ("income", "The largest client's share of income"),
            ("hours", "The largest client's share of hours"),
            ("single", "Months with a single client"),
        )
        for row, (key, caption) in enumerate(captions):
            grid.addWidget(QLabel(caption), row, 0)
            self.values[key] = _label()
            grid.addWidget(self.values[key], row, 1)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        self.warnings = _label()
        self.warnings.setStyleSheet(ERROR_STYLE)
        body = QWidget()
        v = QVBoxLayout(body)
        v.addWidget(self.period)
        v.addLayout(grid)
        v.addWidget(self.warnings)
        for title, words in EXPLANATION:
            heading = _label(title)
            heading.setStyleSheet("font-weight: 600; margin-top: 8px;")
            v.addWidget(heading)
            v.addWidget(_label(words))
        v.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        ctx.runner.changed.connect(self.on_changed)
        self.figures: StatusFigures | None = None
        self.refresh()

    def refresh(self) -> None:
        today = self.ctx.today()
        f = self.ctx.runner.read(lambda s: status_figures(s, today))
        self.figures = f
        self.period.setText(
            f"From your records, {format_date(f.start)} to {format_date(f.end)} "
            "(delivered visits and money received):"
        )
        self.values["active"].setText(str(f.active_clients_12m))
        self.values["income"].setText(f"{f.largest_client_share_income:.0%}")
        self.values["hours"].setText(f"{f.largest_client_share_hours:.0%}")
        self.values["single"].setText(str(f.single_client_months))
        self.warnings.setText(" ".join(WARNING_TEXT[w] for w in f.warnings))
        self.warnings.setVisible(bool(f.warnings))

    def on_changed(self, changed: Changes) -> None:
        try:
            if self.AREAS & set(changed) and self.isVisible():
                self.refresh()
        except RuntimeError:  # closed
            pass

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        self.refresh()
        super().showEvent(event)
