"""Pieces the Contracts panel and the client tab share: Plan B contacts, PDF preview."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Done, changes
from app.core.contracts.lookup import get_version
from app.core.contracts.plan_b import (
    PLAN_B_KIND_LABELS,
    PlanBKind,
    add_plan_b_contact,
    plan_b_contacts_for,
    remove_plan_b_contact,
)
from app.core.formatting import format_date
from app.ui.contracts.dialogs import PlanBDialog
from app.ui.tables import fill, read_only_table, selected_id  # noqa: F401  (used by the panel and tab)


def exec_dialog(dialog: QDialog) -> bool:
    """Runs a dialog modally (tests replace the dialog's exec to type into it)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def preview_version(ctx, parent: QWidget, version_id: int) -> None:  # type: ignore[no-untyped-def]
    from app.core.contracts.document import contract_pdf
    from app.documents.contract_pdf import render_contract_pdf, suggested_filename
    from app.ui.pdf_preview import show_pdf

    def work(session):  # type: ignore[no-untyped-def]
        version = get_version(session, version_id)
        shown = (
            contract_pdf(session, version, render_contract_pdf),
            suggested_filename(version),
            f"Agreement with {version.contract.client.name}, version {version.version_no}",
        )
        return Done(shown, changes())  # reading (and rendering) changes nothing on screen

    result = ctx.runner.run(work, parent=parent)
    if result is not None:
        pdf, filename, title = result
        parent._pdf_dialog = show_pdf(parent, pdf, title, filename)  # kept for tests


class PlanBEditor(QWidget):
    """A client's Plan B contacts: who arranges cover and providers the carer may suggest."""

    def __init__(
        self,
        ctx,
        client_id: int | None = None,  # type: ignore[no-untyped-def]
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        intro = QLabel(
            "If you are ill, you tell the client as early as possible. You may "
            "suggest other providers, but the client or their family arranges "
            "cover: these are the people to tell."
        )
        intro.setWordWrap(True)
        self.table = read_only_table(["Name", "Who", "Phone", "May share details"])
        self.add_button = QPushButton("Add &Plan B contact…")
        self.remove_button = QPushButton("Remo&ve")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.refresh()

    def set_client(self, client_id: int | None) -> None:
        self.client_id = client_id
        self.refresh()

    def refresh(self) -> None:
        client_id = self.client_id
        self.add_button.setEnabled(client_id is not None)
        self.remove_button.setEnabled(client_id is not None)
        if client_id is None:
            fill(self.table, [], [])
            return
        contacts = self.ctx.runner.read(
            lambda s: [
                (
                    c.id,
                    c.name,
                    PLAN_B_KIND_LABELS[PlanBKind(c.kind)],
                    c.phone,
                    (
                        f"Yes (recorded {format_date(c.consent_recorded_on)})"
                        if c.consent_to_share
                        else "No"
                    ),
                )
                for c in plan_b_contacts_for(s, client_id)
            ]
        )
        fill(self.table, [list(c[1:]) for c in contacts], [c[0] for c in contacts])

    def add(self) -> None:
        if self.client_id is None:
            return
        client_id = self.client_id
        dialog = PlanBDialog(self)
        today = self.ctx.today()
        while exec_dialog(dialog):
            draft = dialog.draft()
            done = self.ctx.runner.run(
                lambda s, d=draft: add_plan_b_contact(s, client_id, d, today=today).map(
                    lambda c: c.id
                ),
                errors=dialog.errors,
                parent=dialog,
            )
            if done is not None:
                break
        self.refresh()

    def remove(self) -> None:
        contact_id = selected_id(self.table)
        if contact_id is None:
            return
        answer = QMessageBox.question(
            self, "Remove Plan B contact", "Remove this Plan B contact from the client's record?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.runner.run(
            lambda s: remove_plan_b_contact(s, contact_id),
            parent=self,
        )
        self.refresh()
