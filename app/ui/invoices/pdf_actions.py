"""The chosen invoice's PDF: preview or print, save, and email (by way of the carer's own
email program; Daybook sends nothing itself)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from app.ui.save_as import save_pdf_as

if TYPE_CHECKING:
    from app.ui.invoices.panel import InvoicesPanel


def render(doc):  # type: ignore[no-untyped-def]
    from app.documents.invoice_pdf import render_invoice

    return render_invoice(doc)


def invoice_pdf_for(panel: InvoicesPanel) -> tuple[bytes, str, str] | None:
    """(PDF, title, file name) of the chosen invoice; None if none is chosen or it failed."""
    from app.core.invoicing.issuing import invoice_pdf
    from app.core.invoicing.queries import get_invoice

    invoice_id = panel.current_id
    if invoice_id is None:
        return None

    def work(session):  # type: ignore[no-untyped-def]
        pdf = invoice_pdf(session, invoice_id, render)
        inv = get_invoice(session, invoice_id)
        safe = "".join(c for c in inv.payer_name if c.isalnum() or c in " -")[:40].strip()
        name = f"Invoice {inv.number} {safe}.pdf" if inv.number else f"Draft invoice {safe}.pdf"
        return pdf.map(lambda data: (data, f"Invoice {inv.reference}", name))

    # an issued invoice's PDF may be stored on first use: a (small) write
    return panel.ctx.runner.run(work, parent=panel)


def preview(panel: InvoicesPanel) -> None:
    from app.ui.pdf_preview import show_pdf

    got = invoice_pdf_for(panel)
    if got is not None:
        panel.last_dialog = show_pdf(panel, got[0], got[1], got[2])


def _save(panel: InvoicesPanel, caption: str, *, confirm: bool) -> Path | None:
    got = invoice_pdf_for(panel)
    if got is None:
        return None
    path = save_pdf_as(panel, got[0], got[2], caption=caption, confirm=confirm)
    if path is not None:
        panel.last_pdf_path = path
    return path


def save_pdf(panel: InvoicesPanel) -> None:
    _save(panel, "Save invoice as PDF", confirm=True)


def email(panel: InvoicesPanel) -> None:
    """Saves the PDF, then opens the carer's own email program with a message that says
    where the PDF is."""
    from app.core.invoicing.queries import email_text
    from app.core.profile import get_profile

    d = panel.detail.detail
    if d is None:
        return
    path = _save(panel, "Save the invoice to attach to your email", confirm=False)
    if path is None:
        return
    sender = panel.ctx.runner.read(lambda s: p.carer_name if (p := get_profile(s)) else "")
    subject, body = email_text(d, str(path), sender)
    url = QUrl(f"mailto:{quote(d.payer_email)}?subject={quote(subject)}&body={quote(body)}")
    panel.last_mailto = url
    if not QDesktopServices.openUrl(url):
        QMessageBox.information(
            panel,
            "Email",
            f"Daybook could not open your email program. The invoice is "
            f"saved at {path}: attach it to an email to {d.payer_email or 'the payer'}.",
        )
