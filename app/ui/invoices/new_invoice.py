"""Making drafts: New invoice (one client, the period Daybook proposes, the visits listed
before the draft is made) and Invoice everyone (every client's ended invoicing periods)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from app.core.clients import client_choices
from app.ui.invoices.dialogs import NewInvoiceDialog

if TYPE_CHECKING:
    from app.ui.invoices.panel import InvoicesPanel


def new_invoice(panel: InvoicesPanel, client_id: int | None = None) -> NewInvoiceDialog:
    from app.core.invoicing.drafts import draft_invoice
    from app.core.invoicing.periods import propose_periods, uninvoiced_counts, visits_to_invoice

    read = panel.ctx.runner.read
    dialog = NewInvoiceDialog(
        read(client_choices),
        panel.ctx.today(),
        panel,
        propose=lambda cid: read(lambda s: propose_periods(s, cid)),
        list_visits=lambda cid, start, end: read(lambda s: visits_to_invoice(s, cid, start, end)),
        waiting=read(uninvoiced_counts),
    )
    if client_id is not None:
        dialog.client.setCurrentIndex(max(0, dialog.client.findData(client_id)))

    def submit() -> bool:
        cid, start, end = dialog.values()
        made = panel.ctx.runner.run(
            lambda s: draft_invoice(s, cid, start, end).map(lambda inv: inv.id),
            errors=dialog.form.errors,
            parent=dialog,
        )
        if made is None:
            return False
        panel.current_id = made
        panel.filter.setCurrentIndex(0)
        panel.refresh()
        panel.list_detail.show_detail()
        return True

    dialog.on_submit = submit
    panel.last_dialog = dialog
    dialog.open()
    return dialog


def invoice_everyone(panel: InvoicesPanel) -> None:
    from app.core.invoicing.drafts import invoice_everyone as draft_all

    answer = QMessageBox.question(
        panel,
        "Invoice everyone",
        "Make draft invoices for every client's delivered visits that are not invoiced yet: "
        "one for each invoicing period that has ended (weekly, fortnightly, every four weeks "
        "or monthly, as each agreement says)?\n\n"
        "Nothing is sent: you check each draft, then issue it.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    today: date = panel.ctx.today()
    run = panel.ctx.runner.run(lambda s: draft_all(s, today), parent=panel)
    if run is None:
        return
    text = (
        f"{run.summary}."
        if run.created
        else "There was nothing to invoice for periods that have ended."
    )
    if run.waiting:
        text += "\n\nNot over yet, so left for later:\n" + "\n".join(f"• {w}" for w in run.waiting)
    if run.skipped:
        text += "\n\nSkipped:\n" + "\n".join(f"• {s}" for s in run.skipped)
    if run.created:
        panel.filter.setCurrentIndex(panel.filter.findData("draft"))
        panel.select_invoice(run.created[0])
    QMessageBox.information(panel, "Invoice everyone", text)
