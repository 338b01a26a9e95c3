"""The Contracts tab on each client: their agreements, versions and Plan B contacts."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.changes import Area, Changes
from app.core.contracts.lookup import contracts_for_client
from app.core.contracts.models import STATUS_LABELS, Contract, ContractStatus
from app.core.contracts.schedule import version_schedule_in_words
from app.core.formatting import format_date, format_money
from app.ui.clients.tabs import register_client_tab
from app.ui.contracts.widgets import (
    PlanBEditor,
    fill,
    preview_version,
    read_only_table,
    selected_id,
)


def _rows(contracts: list[Contract]) -> tuple[list[list[str]], list[int]]:
    rows, ids = [], []
    for c in contracts:
        for v in reversed(c.versions):
            status = STATUS_LABELS[ContractStatus(v.status)]
            if c.end_date and v.status == ContractStatus.SIGNED:
                status += f", ends {format_date(c.end_date)}"
            rows.append(
                [
                    f"Agreement {c.id}, version {v.version_no}",
                    status,
                    format_date(v.starts_on),
                    f"{format_money(v.standard_rate_pence)}/h",
                    version_schedule_in_words(v),
                ]
            )
            ids.append(v.id)
    return rows, ids


class ClientContractsTab(QWidget):
    def __init__(self, ctx, client_id: int, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self._pdf_dialog = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = read_only_table(["Agreement", "Status", "Starts", "Rate", "Visits"])
        self.preview_button = QPushButton("&Preview PDF")
        hint = QLabel("Draft, sign and change agreements in Agreements.")
        hint.setStyleSheet("color: palette(placeholder-text);")
        row = QHBoxLayout()
        row.addWidget(self.preview_button)
        row.addWidget(hint, 1)
        self.plan_b = PlanBEditor(ctx, client_id)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        layout.addLayout(row)
        layout.addWidget(QLabel("<b>Plan B contacts</b>"))
        layout.addWidget(self.plan_b, 1)
        self.preview_button.clicked.connect(self.preview)
        self.table.doubleClicked.connect(lambda _i: self.preview())
        ctx.runner.changed.connect(self.on_changed)
        self.refresh()

    def refresh(self) -> None:
        client_id = self.client_id
        rows, ids = self.ctx.runner.read(lambda s: _rows(contracts_for_client(s, client_id)))
        fill(self.table, rows, ids)
        if rows:
            self.table.selectRow(0)
        n = self.ctx.runner.read(lambda s: len(contracts_for_client(s, client_id)))
        self.summary.setText(
            "No agreement yet."
            if not rows
            else f"{n} agreement{'s' if n != 1 else ''}, {len(rows)} version"
            f"{'s' if len(rows) != 1 else ''}. The newest is at the top."
        )
        self.preview_button.setEnabled(bool(rows))

    def on_changed(self, changes: Changes) -> None:
        try:
            if Area.CONTRACTS in changes and self.isVisible():
                self.refresh()
                self.plan_b.refresh()
        except RuntimeError:  # the tab was closed and its widgets are gone
            pass

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        """Changes made while the tab was hidden (in Contracts) show when it is opened."""
        self.refresh()
        self.plan_b.refresh()
        super().showEvent(event)

    def preview(self) -> None:
        version_id = selected_id(self.table)
        if version_id is not None:
            preview_version(self.ctx, self, version_id)


@register_client_tab("Agreeme&nts", order=20)
def contracts_tab(ctx, client_id: int) -> QWidget:  # type: ignore[no-untyped-def]
    return ClientContractsTab(ctx, client_id)
