"""Export the portfolio: choose the documents (the default set, a client's choice, or by hand),
optionally watermark it for a client, build it off the GUI thread, save it, and note who it
went to in the share log."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.clients import client_choices
from app.core.formatting import format_date, plural
from app.core.portfolio.expiry import ExpiryStatus
from app.core.portfolio.models import ShareHow
from app.core.portfolio.services import (
    client_choice,
    client_document_ids,
    default_document_ids,
    file_content,
    list_documents,
    record_share,
    save_client_choice,
    watermark_text,
)
from app.core.profile import get_profile
from app.ui.save_as import save_pdf_as
from app.ui.worker import BackgroundTask, run_in_background

NO_CLIENT = -1


def suggested_name(carer: str, client: str, on: date) -> str:
    words = " - ".join(x for x in ("Portfolio", carer, client, on.isoformat()) if x)
    return re.sub(r'[\\/:*?"<>|]+', "", words) + ".pdf"


RECIPIENT_HINT = "e.g. Somerset Council review, a new client's son"


class ExportDialog(QDialog):
    """Choose what goes in, then Make PDF: progress, Save, and a line in the share log."""

    def __init__(
        self, ctx: Any, parent: QWidget | None = None, *, client_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Export portfolio")
        self.task: BackgroundTask | None = None
        self._had_choice = False
        self.saved_to: Path | None = None
        self.left_out: list[Any] = []
        today = ctx.today()

        rows, clients, carer = ctx.runner.read(
            lambda s: (
                list_documents(s, today=today),
                client_choices(s),
                (get_profile(s).carer_name if get_profile(s) else ""),
            )
        )
        self.carer = carer
        self.client = QComboBox()
        self.client.addItem("Nobody in particular (the usual set)", NO_CLIENT)
        for cid, name in clients:
            self.client.addItem(name, cid)
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText(RECIPIENT_HINT)
        self.docs = QListWidget()
        self.docs.setAccessibleName("Documents to include")
        for r in rows:
            text = f"{r.title}  ·  {r.type_label}"
            if r.status == ExpiryStatus.EXPIRED:
                text += "  ·  Expired"
            elif r.status == ExpiryStatus.EXPIRING_SOON:
                text += "  ·  Expiring soon"
            if r.files_count == 0:
                text += "  ·  no file attached"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.docs.addItem(item)
        self.use_default = QPushButton("The &usual set")
        self.select_all = QPushButton("&All")
        self.select_none = QPushButton("&None")
        self.watermark = QCheckBox()
        self.remember = QCheckBox("&Remember this choice for this client")
        self.count = QLabel()
        self.make_button = QPushButton("&Make PDF…")
        self.make_button.setDefault(True)

        form = QFormLayout()
        form.addRow("&For:", self.client)
        self.recipient_label = QLabel("&Or send to:")
        self.recipient_label.setBuddy(self.recipient)
        form.addRow(self.recipient_label, self.recipient)
        picks = QHBoxLayout()
        picks.addWidget(QLabel("Choose:"))
        picks.addWidget(self.use_default)
        picks.addWidget(self.select_all)
        picks.addWidget(self.select_none)
        picks.addStretch(1)
        buttons = QDialogButtonBox()
        buttons.addButton(self.make_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.make_button.clicked.connect(self.make_pdf)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        docs_label = QLabel("&Documents to include:")
        docs_label.setBuddy(self.docs)
        layout.addWidget(docs_label)
        layout.addLayout(picks)
        layout.addWidget(self.docs, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.watermark)
        layout.addWidget(self.remember)
        layout.addWidget(buttons)

        self.client.currentIndexChanged.connect(lambda _i: self._client_changed())
        self.use_default.clicked.connect(self._choose_default)
        self.select_all.clicked.connect(lambda: self._check(lambda _id: True))
        self.select_none.clicked.connect(lambda: self._check(lambda _id: False))
        self.docs.itemChanged.connect(lambda _i: self._update_count())
        if client_id is not None and self.client.findData(client_id) >= 0:
            self.client.setCurrentIndex(self.client.findData(client_id))
        self._client_changed()
        self.resize(560, 620)

    # --- choosing --------------------------------------------------------------------
    def client_id(self) -> int | None:
        cid = self.client.currentData()
        return None if cid in (None, NO_CLIENT) else int(cid)

    def chosen_ids(self) -> list[int]:
        return [
            int(self.docs.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.docs.count())
            if self.docs.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _check(self, want: Any) -> None:
        for i in range(self.docs.count()):
            item = self.docs.item(i)
            item.setCheckState(
                Qt.CheckState.Checked
                if want(int(item.data(Qt.ItemDataRole.UserRole)))
                else Qt.CheckState.Unchecked
            )
        self._update_count()

    def _choose_default(self) -> None:
        ids = set(self.ctx.runner.read(default_document_ids))
        self._check(lambda i: i in ids)

    def _client_changed(self) -> None:
        cid = self.client_id()
        has_client = cid is not None
        # enabled or not, never shown or hidden: nothing moves under the mouse after a choice
        self.recipient.setEnabled(not has_client)
        self.recipient_label.setEnabled(not has_client)
        self.recipient.setPlaceholderText(
            "The client chosen above" if has_client else RECIPIENT_HINT
        )
        self.remember.setEnabled(has_client)
        self.watermark.setEnabled(has_client)
        if has_client:
            name = self.client.currentText()
            self.watermark.setText(f"Add a &watermark: “{watermark_text(name, self.ctx.today())}”")
            self.watermark.setChecked(True)
            ids, saved = self.ctx.runner.read(
                lambda s: (set(client_document_ids(s, cid)), client_choice(s, cid) is not None)
            )
            self.remember.setChecked(saved)
            self._had_choice = saved
            self._check(lambda i: i in ids)
        else:
            self.watermark.setText("Add a &watermark (choose a client first)")
            self.watermark.setChecked(False)
            self.remember.setChecked(False)
            self._choose_default()

    def _update_count(self) -> None:
        n = len(self.chosen_ids())
        self.count.setText(f"{n} document{'s' if n != 1 else ''} chosen")
        self.make_button.setEnabled(n > 0)

    # --- making the PDF --------------------------------------------------------------
    def make_pdf(self) -> BackgroundTask | None:
        ids = self.chosen_ids()
        if not ids:
            QMessageBox.information(self, "Export portfolio", "Choose at least one document.")
            return None
        cid = self.client_id()
        if cid is not None and (self.remember.isChecked() or self._had_choice):
            keep = ids if self.remember.isChecked() else None  # unticked: back to the usual set
            self.ctx.runner.run(
                lambda s: save_client_choice(s, cid, keep),
                parent=self,
            )
            self._had_choice = keep is not None
        today = self.ctx.today()
        store = self.ctx.store
        watermark = cid is not None and self.watermark.isChecked()

        def work(progress: Any, is_cancelled: Any) -> Any:
            from app.core.portfolio.export import build_export_plan
            from app.documents.portfolio_pdf import render_portfolio

            with store.reading() as s:
                plan = build_export_plan(s, ids, today=today, client_id=cid, watermark=watermark)
                result = render_portfolio(
                    plan,
                    lambda fid: file_content(s, fid),
                    progress=progress,
                    is_cancelled=is_cancelled,
                )
            return plan, result

        self.make_button.setEnabled(False)
        self.task = run_in_background(
            self,
            "Export portfolio",
            "Putting the portfolio together…",
            work,
            on_done=self._built,
            on_cancelled=lambda: self.make_button.setEnabled(True),
        )
        self.task.finished.connect(lambda: self.make_button.setEnabled(True))
        return self.task

    def _built(self, outcome: Any) -> None:
        plan, result = outcome
        self.left_out = list(result.left_out)
        path = save_pdf_as(
            self,
            result.pdf,
            suggested_name(self.carer, plan.client_name, plan.prepared_on),
            caption="Save the portfolio",
            what="the portfolio",
            confirm=False,  # said below, with the share log and anything left out
        )
        if path is None:
            return  # nothing saved, nothing logged; the choice is still here to try again
        self.saved_to = path
        recipient = self.recipient.text().strip()
        logged = False
        if plan.client_id is not None or recipient:
            entry = self.ctx.runner.run(
                lambda s: record_share(
                    s,
                    document_ids=plan.document_ids,
                    client_id=plan.client_id,
                    recipient=recipient,
                    how=ShareHow.SENT,
                    watermark=plan.watermark,
                ),
                parent=self,
            )
            logged = entry is not None
        lines = [f"The portfolio was saved to {path} ({plural(result.page_count, 'page')})."]
        if logged:
            who = plan.client_name or recipient
            lines.append(
                f"Noted in the share log: sent to {who} on {format_date(plan.prepared_on)}."
            )
        if result.left_out:
            lines.append("\nThese files could not be included (the PDF lists them too):")
            lines += [f"• {x.document_title}: {x.filename}: {x.reason}" for x in result.left_out]
        QMessageBox.information(self, "Portfolio saved", "\n".join(lines))
        self.accept()
