"""A client's data tab: when their records may be erased, the subject access export (with
safeguarding ticked in only after reading why it is left out), and erasure once allowed."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.clients import Client
from app.core.errors import DaybookError
from app.core.formatting import format_date
from app.core.privacy.erasure import erase_client, plan_erasure
from app.core.privacy.retention import retention_of
from app.core.privacy.subject_access import (
    SAFEGUARDING_EXPLANATION,
    export_file_stem,
    gather,
    log_export,
)
from app.ui.clients.tabs import register_client_tab


class ExportDialog(QDialog):
    """Where to write the export, and whether safeguarding records go in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Subject access export")
        v = QVBoxLayout(self)
        intro = QLabel(
            "This writes everything Daybook holds about this client, as a PDF to read and a "
            "JSON file, into a folder you choose. Nothing about any other client is included."
        )
        intro.setWordWrap(True)
        v.addWidget(intro)
        why = QLabel(SAFEGUARDING_EXPLANATION)
        why.setWordWrap(True)
        v.addWidget(why)
        self.include_safeguarding = QCheckBox("&Include safeguarding records")
        v.addWidget(self.include_safeguarding)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Choose folder and export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)


def write_export(ctx, client_id: int, folder: Path, *, include_safeguarding: bool):  # type: ignore[no-untyped-def]
    """Writes <id>-<name>.pdf and .json into folder and logs the export; the paths, or None."""
    from app.documents.subject_access_pdf import render_subject_access_pdf
    from app.storage.exports import write_private

    today = ctx.today()
    sar = ctx.runner.read(
        lambda s: gather(s, client_id, today=today, include_safeguarding=include_safeguarding)
    )
    stem = export_file_stem(sar)
    pdf_path, json_path = folder / f"{stem}.pdf", folder / f"{stem}.json"
    write_private(pdf_path, render_subject_access_pdf(sar))
    write_private(json_path, json.dumps(sar.as_json(), indent=2, ensure_ascii=False).encode())
    if ctx.runner.run(lambda s: log_export(s, sar)) is None:
        return None
    return pdf_path, json_path, sar.left_out


class ClientDataTab(QWidget):
    def __init__(self, ctx, client_id: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ctx, self.client_id = ctx, client_id
        v = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        v.addWidget(self.status)
        row = QHBoxLayout()
        self.export_button = QPushButton("&Export everything held about them…")
        self.export_button.clicked.connect(self.export)
        self.erase_button = QPushButton("E&rase their details…")
        self.erase_button.clicked.connect(self.erase)
        row.addWidget(self.export_button)
        row.addWidget(self.erase_button)
        row.addStretch(1)
        v.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        v.addWidget(self.result)
        v.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        today = self.ctx.today()
        r = self.ctx.runner.read(
            lambda s: retention_of(s, s.get(Client, self.client_id), today=today)
        )
        if r.erased:
            text = "This client's details have been erased."
        elif r.erasable:
            text = (
                f"The time to keep these records ended on {format_date(r.erasable_from)}. "
                "You may now erase the person's details."
            )
        else:
            text = (
                f"These records must be kept until {format_date(r.erasable_from)} "
                "(tax and care record rules in Settings)."
            )
        self.status.setText(text)
        self.erase_button.setEnabled(r.erasable)

    def export(self) -> None:
        dialog = ExportDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        folder = QFileDialog.getExistingDirectory(self, "Folder for the export")
        if not folder:
            return
        try:
            written = write_export(
                self.ctx,
                self.client_id,
                Path(folder),
                include_safeguarding=dialog.include_safeguarding.isChecked(),
            )
        except OSError as exc:
            QMessageBox.warning(self, "Export", f"Could not write the files: {exc.strerror}")
            return
        if written:
            pdf, js, left_out = written
            note = f" Left out: {'; '.join(left_out)}." if left_out else ""
            self.result.setText(f"Wrote {pdf.name} and {js.name} in {pdf.parent}.{note}")

    def erase(self) -> None:
        today = self.ctx.today()
        try:
            plan = self.ctx.runner.read(lambda s: plan_erasure(s, self.client_id, today=today))
        except DaybookError as exc:
            QMessageBox.information(self, "Erase", str(exc))
            return
        redacted = (
            "\n\nFinal records redacted (names replaced, words erased; amounts, dates and "
            "numbers kept):\n- " + "\n- ".join(plan.redact) + f"\n({plan.as_json()['pdfs']})"
            if plan.redact
            else ""
        )
        text = (
            f"The person's details will be replaced with “{plan.placeholder}”.\n\nErased:\n- "
            + "\n- ".join(plan.erase)
            + redacted
            + "\n\nKept:\n- "
            + "\n- ".join(plan.keep)
            + "\n\nThis cannot be undone."
        )
        answer = QMessageBox.question(self, "Erase their details?", text)
        if answer != QMessageBox.StandardButton.Yes:
            return
        from app.documents.erasure import erasure_renderers

        render = erasure_renderers()
        if (
            self.ctx.runner.run(
                lambda s: erase_client(s, self.client_id, today=today, render=render),
                parent=self,
            )
            is not None
        ):
            self.result.setText(f"Erased. The client now shows as “{plan.placeholder}”.")
            self.refresh()


@register_client_tab("Their &data", order=70)
def client_data_tab(ctx, client_id: int) -> QWidget:  # type: ignore[no-untyped-def]
    return ClientDataTab(ctx, client_id)
