"""A “Visits” tab on each client's detail: their recent and coming visits."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, Changes
from app.core.formatting import format_date
from app.core.visits import services as vs
from app.core.visits.models import VisitStatus
from app.ui.clients.tabs import register_client_tab
from app.ui.lazy_model import LazyTableModel
from app.ui.visits.columns import LIST_COLUMNS

WEEKS_BACK = 12
WEEKS_AHEAD = 8


class ClientVisitsTab(QWidget):
    def __init__(self, ctx, client_id: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__()

        self.ctx = ctx
        self.client_id = client_id
        today = ctx.today()
        self.first = today - timedelta(weeks=WEEKS_BACK)
        self.last = today + timedelta(weeks=WEEKS_AHEAD)
        columns = [c for c in LIST_COLUMNS if c[0] != "Client"]
        self.model: LazyTableModel[vs.VisitRow] = LazyTableModel(columns, self._fetch, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.refresh()
        ctx.runner.changed.connect(self._changed)  # visits recorded in the Visits area

    def _changed(self, changes: Changes) -> None:
        if changes & {Area.VISITS, Area.CONTRACTS}:
            try:
                self.refresh()
            except RuntimeError:  # the tab was closed
                pass

    def _fetch(self, offset: int, limit: int) -> list[vs.VisitRow]:
        return self.ctx.runner.read(
            lambda s: vs.list_visits(
                s, self.first, self.last, client_id=self.client_id, limit=limit, offset=offset
            )
        )

    def refresh(self) -> None:
        self.model.reset()
        delivered = self.ctx.runner.read(
            lambda s: vs.count_visits(
                s,
                self.first,
                self.ctx.today(),
                client_id=self.client_id,
                status=VisitStatus.DELIVERED,
            )
        )
        planned = self.ctx.runner.read(
            lambda s: vs.count_visits(
                s, self.ctx.today(), self.last, client_id=self.client_id, status=VisitStatus.PLANNED
            )
        )
        self.summary.setText(
            f"From {format_date(self.first)} to {format_date(self.last)}: {delivered} "
            f"delivered, {planned} planned from today. Record visits in the Visits area."
        )


@register_client_tab("&Visits", order=30)
def visits_tab(ctx, client_id: int) -> QWidget:  # type: ignore[no-untyped-def]
    return ClientVisitsTab(ctx, client_id)
