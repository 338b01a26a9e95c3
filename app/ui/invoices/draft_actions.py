"""What can be done to a draft: add or remove a line, add visits delivered since it was
made, delete it, and issue it (after which it never changes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from app.core.formatting import format_money
from app.ui.invoices.dialogs import ExtraLineDialog

if TYPE_CHECKING:
    from app.ui.invoices.panel import InvoicesPanel


def add_line(panel: InvoicesPanel) -> None:
    from app.core.invoicing.drafts import add_extra_line

    invoice_id = panel.current_id
    if invoice_id is None or panel.detail.detail is None:
        return
    dialog = ExtraLineDialog(panel.detail.detail.row.period_end, panel)

    def submit() -> bool:
        text, amount, day = dialog.values()
        return (
            panel.ctx.runner.run(
                lambda s: add_extra_line(s, invoice_id, text, amount, day),
                errors=dialog.form.errors,
                parent=dialog,
            )
            is not None
        )

    dialog.on_submit = submit
    panel.last_dialog = dialog
    dialog.open()


def remove_line(panel: InvoicesPanel) -> None:
    from app.core.invoicing.drafts import remove_line as take_off

    line_id = panel.detail.chosen_line_id()
    if line_id is None:
        QMessageBox.information(panel, "Remove line", "Click the line to take off first.")
        return
    answer = QMessageBox.question(
        panel,
        "Remove line",
        "Take this line off the draft? A visit taken off (with its "
        "mileage) can go on a later invoice.",
    )
    if answer == QMessageBox.StandardButton.Yes:
        panel.ctx.runner.run(lambda s: take_off(s, line_id), parent=panel)


def add_visits(panel: InvoicesPanel) -> None:
    from app.core.invoicing.drafts import add_visits_to_draft

    invoice_id = panel.current_id
    if invoice_id is None:
        return
    added = panel.ctx.runner.run(lambda s: add_visits_to_draft(s, invoice_id), parent=panel)
    if added == 0:
        QMessageBox.information(
            panel, "Add new visits", "No other delivered visits in this period to add."
        )


def delete_draft(panel: InvoicesPanel) -> None:
    from app.core.invoicing.drafts import delete_draft as delete

    invoice_id = panel.current_id
    if invoice_id is None:
        return
    answer = QMessageBox.question(
        panel,
        "Delete draft",
        "Delete this draft invoice? Its visits stay as they are and can be invoiced again.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    if panel.ctx.runner.run(lambda s: delete(s, invoice_id), parent=panel) is not None:
        panel.show_invoice(None)
        panel.refresh()


def issue(panel: InvoicesPanel) -> None:
    from app.core.invoicing.issuing import issue_invoice
    from app.ui.invoices.pdf_actions import render

    invoice_id = panel.current_id
    if invoice_id is None or panel.detail.detail is None:
        return
    total = format_money(panel.detail.detail.row.total_pence)
    answer = QMessageBox.question(
        panel,
        "Issue invoice",
        f"Issue this invoice for {total}?\n\nIt gets the next number and its PDF is kept "
        "exactly as issued. After that it cannot be changed: a mistake is put right with "
        "a credit note.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    today = panel.ctx.today()
    number = panel.ctx.runner.run(
        lambda s: issue_invoice(s, invoice_id, today=today, render=render).map(
            lambda inv: inv.number
        ),
        parent=panel,
    )
    if number:
        panel.filter.setCurrentIndex(0)
        panel.select_invoice(invoice_id)
