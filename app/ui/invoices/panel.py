"""Invoices: a lazy list (filter by status) above the chosen invoice's detail, with New
invoice, Invoice everyone, Who owes me and Statements. The parts live beside it: the list
model (listing), the detail and its buttons (detail), what is done to a draft
(draft_actions), money on an invoice (payments), its PDF (pdf_actions), making drafts
(new_invoice) and the tab on each client (client_tab)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area
from app.core.invoicing.queries import InvoiceRow
from app.ui.invoices import client_tab  # noqa: F401  (registers the client's Invoices tab)
from app.ui.invoices import new_invoice as making
from app.ui.invoices.detail import InvoiceDetailView
from app.ui.invoices.dialogs import AgedDebtorsDialog, StatementDialog
from app.ui.invoices.listing import FILTERS, InvoiceListModel, columns, fit_columns
from app.ui.layout import FlowLayout, labelled, side_by_side
from app.ui.registry import Panel, register_panel


@register_panel
class InvoicesPanel(Panel):
    AREA = Area.INVOICES
    WATCHES = frozenset(client_tab.WATCHED)

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.last_pdf_path: Path | None = None
        self.last_dialog = None
        top = FlowLayout()  # wraps onto a second row on a small screen
        self.new_button = QPushButton("&New invoice…")
        self.everyone_button = QPushButton("Invoice &everyone…")
        self.everyone_button.setToolTip(
            "A draft for every client's ended invoicing period with visits not invoiced yet"
        )
        self.filter = QComboBox()
        for text, value in FILTERS:
            self.filter.addItem(text, value)
        filter_label = QLabel("S&how")
        filter_label.setBuddy(self.filter)
        self.aged_button = QPushButton("Who &owes me")
        self.statement_button = QPushButton("Statemen&ts…")
        for w in (self.new_button, self.everyone_button, labelled(filter_label, self.filter)):
            top.addWidget(w)
        for w in (self.aged_button, self.statement_button):
            top.addWidget(w)

        self.model = InvoiceListModel(columns(ctx.today), self._fetch, self)
        self.table = QTableView()
        self.table.setAccessibleName("Invoices")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        fit_columns(self.table)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.detail = InvoiceDetailView(self)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        # The list above, the chosen invoice below: both get the full width.
        self.list_detail = side_by_side(left, self.detail, noun="invoices", always_stacked=True)
        layout = QVBoxLayout(self)
        title = QLabel("Invoices")
        f = QFont(title.font())
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        title.setFont(f)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.list_detail, 1)

        self.new_button.clicked.connect(lambda: making.new_invoice(self))
        self.everyone_button.clicked.connect(lambda: making.invoice_everyone(self))
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.aged_button.clicked.connect(self.aged_debtors)
        self.statement_button.clicked.connect(lambda: self.statements())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.refresh()

    @property
    def current_id(self) -> int | None:
        """The invoice shown below the list (it may be filtered out of the list)."""
        return self.detail.invoice_id

    @current_id.setter
    def current_id(self, invoice_id: int | None) -> None:
        self.detail.invoice_id = invoice_id

    # ------------------------------------------------------------ list
    def _fetch(self, offset: int, limit: int) -> list[InvoiceRow]:
        from app.core.invoicing.queries import list_invoices

        status = self.filter.currentData()
        today = self.ctx.today()
        return self.ctx.runner.read(
            lambda s: list_invoices(s, status=status, today=today, limit=limit, offset=offset)
        )

    def refresh(self) -> None:
        keep = self.current_id
        self.model.reset()
        self.empty_label.setVisible(self.model.rowCount() == 0)
        if self.model.rowCount() == 0:
            self.empty_label.setText(
                "No invoices here yet. Mark visits as delivered, then use New invoice or "
                "Invoice everyone."
                if self.filter.currentData() is None
                else "No invoices in this list."
            )
        if keep is not None and not self.select_invoice(keep, reveal=False):
            self.show_invoice(keep)  # filtered out of the list, still shown below

    def select_invoice(self, invoice_id: int, *, reveal: bool = True) -> bool:
        """Chooses the invoice in the list and shows it (on a short window, in the height the
        list had, unless `reveal` is False: a refresh keeps what is on screen)."""
        for i, row in enumerate(self.model.rows()):
            if row.id == invoice_id:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
                self.show_invoice(invoice_id)
                if reveal:
                    self.list_detail.show_detail()
                return True
        return False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        if row is not None:
            self.show_invoice(row.id)

    def show_invoice(self, invoice_id: int | None) -> None:
        self.detail.show_invoice(invoice_id)
        if self.current_id is None:  # nothing to show (a draft deleted): the list instead
            self.list_detail.show_list()

    def new_invoice(self, client_id: int | None = None) -> None:
        making.new_invoice(self, client_id)

    # ------------------------------------------------------------ what is owed
    def aged_debtors(self) -> None:
        from app.core.invoicing.reports import aged_debtors, aged_totals

        today = self.ctx.today()
        debtors = self.ctx.runner.read(lambda s: aged_debtors(s, today))
        dialog = AgedDebtorsDialog(debtors, aged_totals(debtors), today, self)
        self.last_dialog = dialog
        dialog.open()

    def statements(self, payer: str = "") -> None:
        from app.core.invoicing.reports import payers, statement

        names = self.ctx.runner.read(payers)
        dialog = StatementDialog(
            names, lambda p: self.ctx.runner.read(lambda s: statement(s, p)), self, chosen=payer
        )
        self.last_dialog = dialog
        dialog.open()

    def payer_statement(self) -> None:
        if self.detail.detail is not None:
            self.statements(self.detail.detail.row.payer)
