"""The Invoices tab on each client: their invoices (newest first) and what they owe."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, Changes
from app.core.formatting import format_money
from app.core.invoicing.queries import InvoiceRow
from app.ui.clients.tabs import register_client_tab
from app.ui.invoices.listing import InvoiceListModel, columns, fit_columns

WATCHED = {Area.INVOICES, Area.VISITS, Area.CLIENTS, Area.CONTRACTS, Area.PROFILE}


class ClientInvoicesTab(QWidget):
    """A client's invoices (newest first) and what they owe."""

    def __init__(self, ctx, client_id: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ctx = ctx
        self.client_id = client_id
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = InvoiceListModel(columns(ctx.today), self._fetch, self)
        self.table = QTableView()
        self.table.setAccessibleName("The client's invoices")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        fit_columns(self.table)
        layout.addWidget(self.table, 1)
        self.preview_button = QPushButton("Pre&view invoice…")
        self.preview_button.clicked.connect(self.preview)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.preview_button)
        layout.addLayout(row)
        ctx.runner.changed.connect(self._changed)
        self.refresh()

    def _fetch(self, offset: int, limit: int) -> list[InvoiceRow]:
        from app.core.invoicing.queries import list_invoices

        cid = self.client_id
        return self.ctx.runner.read(
            lambda s: list_invoices(s, client_id=cid, limit=limit, offset=offset)
        )

    def refresh(self) -> None:
        from app.core.invoicing.queries import list_invoices

        self.model.reset()
        cid = self.client_id
        today = self.ctx.today()
        unpaid = self.ctx.runner.read(lambda s: list_invoices(s, client_id=cid, status="unpaid"))
        owed = sum(r.balance_pence for r in unpaid)
        overdue = sum(r.balance_pence for r in unpaid if r.days_overdue(today) > 0)
        if self.model.rowCount() == 0:
            self.summary.setText("No invoices for this client yet.")
        elif owed == 0:
            self.summary.setText("Nothing owed: every issued invoice is paid.")
        else:
            self.summary.setText(
                f"Owed: {format_money(owed)}"
                + (f", of which {format_money(overdue)} is overdue." if overdue else ".")
            )

    def _changed(self, changed: Changes) -> None:
        if WATCHED & set(changed):
            try:
                self.refresh()
            except RuntimeError:  # the tab was closed
                pass

    def preview(self) -> None:
        from app.core.invoicing.issuing import invoice_pdf
        from app.ui.invoices.pdf_actions import render
        from app.ui.pdf_preview import show_pdf

        row = self.model.row_at(self.table.currentIndex().row())
        if row is None:
            QMessageBox.information(self, "Invoices", "Click an invoice first.")
            return
        pdf = self.ctx.runner.run(lambda s: invoice_pdf(s, row.id, render), parent=self)
        if pdf is not None:
            self.last_dialog = show_pdf(
                self, pdf, f"Invoice {row.reference}", f"Invoice {row.reference}.pdf"
            )


@register_client_tab("Invoices", order=40)
def _invoices_tab(ctx, client_id: int) -> QWidget:  # type: ignore[no-untyped-def]
    return ClientInvoicesTab(ctx, client_id)
