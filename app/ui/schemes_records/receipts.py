"""“Receipt…” on an invoice: a receipt for one of the payments towards it, to preview, print
or save (a family paying cash can have one on the spot)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtWidgets import QInputDialog, QWidget

from app.core.formatting import format_date, format_money


class PaymentLike(Protocol):
    payment_id: int
    received_on: object
    amount_pence: int
    reference: str


def receipt_pdf(ctx, payment_id: int) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    """The receipt's number and PDF for a payment."""
    from app.core.profile import get_profile
    from app.core.receipts import payment_receipt
    from app.documents.letterhead import Letterhead
    from app.documents.receipt_pdf import render_receipt

    def make(session):  # type: ignore[no-untyped-def]
        receipt = payment_receipt(session, payment_id)
        return receipt.number, render_receipt(receipt, Letterhead.of(get_profile(session)))

    return ctx.runner.read(make)


def choose_payment(parent: QWidget, payments: Sequence[PaymentLike]) -> int | None:
    """The payment the carer means: the only one, or the one they pick."""
    if len(payments) == 1:
        return payments[0].payment_id
    labels = [
        f"{format_money(p.amount_pence)} received {format_date(p.received_on)}"  # type: ignore[arg-type]
        + (f" ({p.reference})" if p.reference else "")
        for p in payments
    ]
    label, ok = QInputDialog.getItem(
        parent, "Receipt", "A receipt for which payment?", labels, len(labels) - 1, False
    )
    if not ok or label not in labels:
        return None
    return payments[labels.index(label)].payment_id


def offer_receipt(ctx, parent: QWidget, payments: Sequence[PaymentLike]):  # type: ignore[no-untyped-def]
    """Asks which payment (when there are several) and shows its receipt."""
    from app.core.errors import DaybookError
    from app.ui.error_dialog import show_unexpected_error
    from app.ui.pdf_preview import show_pdf

    if not payments:
        return None
    payment_id = choose_payment(parent, payments)
    if payment_id is None:
        return None
    try:
        number, pdf = receipt_pdf(ctx, payment_id)
    except DaybookError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, "Receipt", str(exc))
        return None
    except Exception as exc:  # noqa: BLE001 - a bug: the one error dialog
        show_unexpected_error(parent, exc)
        return None
    return show_pdf(parent, pdf, f"Receipt {number}", f"Receipt {number}.pdf")
