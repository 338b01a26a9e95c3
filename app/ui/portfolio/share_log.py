"""The share log (who was sent or shown the portfolio, when, which documents), for the
Portfolio panel and as a tab on each client's detail."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, Changes
from app.core.clients import client_choices
from app.core.formatting import format_datetime
from app.core.portfolio.models import SHARE_LABELS, ShareHow
from app.core.portfolio.services import (
    ShareRow,
    client_document_ids,
    default_document_ids,
    record_share,
    share_log,
)
from app.ui.clients.tabs import register_client_tab
from app.ui.forms import FormGrid

HEADERS = ["When", "Who", "How", "Documents"]


class ShareLogView(QWidget):
    """A table of the share log: everyone's, or one client's."""

    def __init__(
        self, ctx: Any, client_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.rows: list[ShareRow] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for i in range(3):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.record_button = QPushButton("Record that I &showed it…")
        self.export_button = QPushButton(
            "&Export portfolio for this client…" if client_id else "&Export portfolio…"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.record_button.clicked.connect(self.record_shown)
        self.export_button.clicked.connect(self.export)
        ctx.runner.changed.connect(self._changed)
        self.refresh()

    def _changed(self, what: Changes) -> None:
        if Area.PORTFOLIO in what or Area.CLIENTS in what:
            self.refresh()

    def refresh(self) -> None:
        cid = self.client_id
        self.rows = self.ctx.runner.read(lambda s: share_log(s, cid))
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            who = (
                r.recipient
                if not r.client_name or r.client_name == r.recipient
                else (f"{r.recipient} (for {r.client_name})")
            )
            cells = [
                format_datetime(r.shared_at),
                who,
                SHARE_LABELS[r.how],
                ", ".join(r.document_titles),
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if j == 3 else (r.watermark or text))
                self.table.setItem(i, j, item)
        self.table.resizeRowsToContents()
        n = len(self.rows)
        if cid is None:
            self.summary.setText(
                f"The portfolio has been sent or shown {n} time{'s' if n != 1 else ''}."
                if n
                else "Nobody has been sent or shown the portfolio yet."
            )
        else:
            self.summary.setText(
                f"Shared with this client {n} time{'s' if n != 1 else ''}."
                if n
                else "The portfolio has not been shared with this client."
            )

    def export(self) -> None:
        from app.ui.portfolio.export_dialog import ExportDialog

        dialog = ExportDialog(self.ctx, self, client_id=self.client_id)
        dialog.open()
        self.export_dialog = dialog

    def record_shown(self) -> None:
        dialog = RecordShareDialog(self.ctx, self, client_id=self.client_id)
        dialog.open()
        self.record_dialog = dialog


class RecordShareDialog(QDialog):
    """Notes that the carer showed (or sent by other means) the portfolio to someone."""

    def __init__(
        self, ctx: Any, parent: QWidget | None = None, *, client_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Record a share")
        self.form = FormGrid()
        self.client = QComboBox()
        self.client.addItem("Someone else (type their name below)", None)
        for cid, name in ctx.runner.read(client_choices):
            self.client.addItem(name, cid)
        if client_id is not None and self.client.findData(client_id) >= 0:
            self.client.setCurrentIndex(self.client.findData(client_id))
        self.recipient = QLineEdit()
        self.how = QComboBox()
        for how in (ShareHow.SHOWN, ShareHow.SENT):
            self.how.addItem(SHARE_LABELS[how], how.value)
        self.form.add_field("client_id", "&Client:", self.client)
        self.form.add_field(
            "recipient", "&Who:", self.recipient, help="Leave empty for the client themselves."
        )
        self.form.add_field("how", "&How:", self.how)
        self.form.add_field(
            "document_ids", "Documents:", QLabel("The client's usual choice, or the usual set.")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def save(self) -> None:
        cid = self.client.currentData()
        recipient, how = self.recipient.text(), self.how.currentData()

        def work(s: Any) -> Any:
            ids = client_document_ids(s, cid) if cid is not None else default_document_ids(s)
            return record_share(s, document_ids=ids, client_id=cid, recipient=recipient, how=how)

        if self.ctx.runner.run(work, errors=self.form.errors, parent=self) is not None:
            self.accept()


@register_client_tab("&Portfolio shared", order=60)
def portfolio_tab(ctx: Any, client_id: int) -> QWidget:
    return ShareLogView(ctx, client_id)
