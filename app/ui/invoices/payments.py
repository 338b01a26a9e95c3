"""Money on the chosen invoice: record a payment (several invoices at once, extra kept as
credit if the carer says so), use credit held, remove a payment recorded by mistake, and
a credit note."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.core.formatting import format_date, format_money
from app.ui.invoices.dialogs import CreditNoteDialog, PaymentDialog

if TYPE_CHECKING:
    from app.ui.invoices.panel import InvoicesPanel


def record_payment(panel: InvoicesPanel) -> None:
    from app.core.invoicing.payments import Overpayment, PaymentDraft
    from app.core.invoicing.payments import record_payment as record
    from app.core.invoicing.rows import unpaid_invoices

    if panel.detail.detail is None:
        return
    row = panel.detail.detail.row
    payer_key = row.payer.strip().casefold()
    open_rows = [
        r for r in panel.ctx.runner.read(unpaid_invoices) if r.payer.strip().casefold() == payer_key
    ]
    open_rows.sort(key=lambda r: (r.due_date or date.max, r.number or ""))
    today = panel.ctx.today()
    dialog = PaymentDialog(row.payer, open_rows, row.id, today, panel)

    def submit() -> bool:
        values = dialog.values()
        draft = PaymentDraft(**values)  # type: ignore[arg-type]
        chosen = set(draft.invoice_ids)
        owed = sum(r.balance_pence for r in open_rows if r.id in chosen)
        amount = draft.amount_pence or 0
        allow = False
        if chosen and amount > owed:  # a question to the carer, not an error
            extra = Overpayment(amount - owed, owed)
            answer = QMessageBox.question(
                dialog,
                "More than is owed",
                f"{extra.message}\n\nKeep the extra {format_money(extra.extra_pence)} as "
                f"credit for {row.payer}? It can pay a later invoice.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                dialog.form.errors.show("amount_pence", extra.message)
                return False
            allow = True
        return (
            panel.ctx.runner.run(
                lambda s: record(s, draft, today=today, allow_overpayment=allow).map(
                    lambda p: p.id
                ),
                errors=dialog.form.errors,
                parent=dialog,
            )
            is not None
        )

    dialog.on_submit = submit
    panel.last_dialog = dialog
    dialog.open()


def use_credit(panel: InvoicesPanel) -> None:
    from app.core.invoicing.payments import apply_payer_credit

    invoice_id = panel.current_id
    if invoice_id is None:
        return
    used = panel.ctx.runner.run(lambda s: apply_payer_credit(s, invoice_id), parent=panel)
    if used:
        QMessageBox.information(
            panel, "Credit used", f"{format_money(used)} of credit held went on this invoice."
        )


def remove_payment(panel: InvoicesPanel) -> None:
    """Takes off a payment recorded by mistake (from every invoice it paid)."""
    from app.core.invoicing.payments import delete_payment

    d = panel.detail.detail
    if d is None or not d.payments:
        return
    labels = [
        f"{format_money(p.amount_pence)} received {format_date(p.received_on)}"
        + (f" ({p.reference})" if p.reference else "")
        for p in d.payments
    ]
    label, ok = QInputDialog.getItem(
        panel,
        "Remove a payment",
        "Which payment was recorded by mistake? It comes off every invoice it paid; the "
        "money is then owed again.",
        labels,
        0,
        False,
    )
    if not ok or label not in labels:
        return
    payment_id = d.payments[labels.index(label)].payment_id
    panel.ctx.runner.run(lambda s: delete_payment(s, payment_id), parent=panel)


def credit_note(panel: InvoicesPanel) -> None:
    from app.core.invoicing.credit_notes import create_credit_note
    from app.ui.invoices.pdf_actions import render

    d = panel.detail.detail
    if d is None or d.row.number is None:
        return
    invoice_id = d.row.id
    left = d.row.total_pence - d.row.credited_pence
    lines = [
        (ln.id, f"{format_date(ln.line_date)} {ln.description}", ln.amount_pence)
        for ln in d.lines
        if not ln.credited and ln.amount_pence > 0
    ]
    dialog = CreditNoteDialog(d.row.number, left, lines, panel)
    today = panel.ctx.today()

    def submit() -> bool:
        values = dialog.values()
        note = panel.ctx.runner.run(
            lambda s: create_credit_note(s, invoice_id, today=today, render=render, **values).map(
                lambda n: n.number
            ),  # type: ignore[arg-type]
            errors=dialog.form.errors,
            parent=dialog,
        )
        if note is None:
            return False
        panel.last_credit_note = note
        return True

    dialog.on_submit = submit
    panel.last_dialog = dialog
    dialog.open()
