"""Invoices: a lazy list (filter by status), the chosen invoice's detail and what can be
done with it (edit a draft, issue, record a payment, credit note, preview, print, save,
email), aged debtors and statements; and an Invoices tab on each client."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Area, Changes
from app.core.clients import client_choices
from app.core.formatting import format_date, format_hours, format_money, format_rate
from app.core.invoicing.models import METHOD_LABELS, STATUS_LABELS, InvoiceStatus, LineKind
from app.core.invoicing.queries import InvoiceDetail, InvoiceRow
from app.ui.clients.tabs import register_client_tab
from app.ui.invoices.dialogs import (
    AgedDebtorsDialog,
    CreditNoteDialog,
    ExtraLineDialog,
    NewInvoiceDialog,
    PaymentDialog,
    StatementDialog,
    last_month,
)
from app.ui.layout import FlowLayout, labelled
from app.ui.lazy_model import LazyTableModel
from app.ui.registry import Panel, register_panel
from app.ui.schemes_records.receipts import offer_receipt

WATCHED = {Area.INVOICES, Area.VISITS, Area.CLIENTS, Area.CONTRACTS, Area.PROFILE}
FILTERS = [
    ("All invoices", None),
    ("Drafts", "draft"),
    ("Unpaid", "unpaid"),
    ("Overdue", "overdue"),
    ("Issued, nothing paid yet", "issued"),
    ("Part paid", "part_paid"),
    ("Paid", "paid"),
    ("Credited in full (void)", "void"),
]


def status_text(row: InvoiceRow, today: date) -> str:
    days = row.days_overdue(today)
    if days <= 0:
        return STATUS_LABELS[row.status]
    late = f"overdue {days} day{'s' if days != 1 else ''}"
    return f"Part paid, {late}" if row.status == InvoiceStatus.PART_PAID else late.capitalize()


def _columns(today_fn):  # type: ignore[no-untyped-def]
    return [
        ("Number", lambda r: r.reference),
        ("Status", lambda r: status_text(r, today_fn())),
        ("Issued", lambda r: format_date(r.issue_date)),
        ("Due", lambda r: format_date(r.due_date)),
        ("Total", lambda r: format_money(r.total_pence)),
        ("Owed", lambda r: format_money(r.balance_pence) if r.balance_pence else ""),
        ("Payer", lambda r: r.payer),
    ]


MONEY_COLUMNS = {4, 5}


class InvoiceListModel(LazyTableModel[InvoiceRow]):
    """The lazy list, with money right-aligned and the period as a tooltip."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            row = self.row_at(index.row())
            if row is not None:
                return (
                    f"{row.reference} to {row.payer}: care from "
                    f"{format_date(row.period_start)} to {format_date(row.period_end)} "
                    f"for {row.person or row.payer}"
                )
        return super().data(index, role)


def _fit_columns(table: QTableView) -> None:
    """Short columns fit their contents; the payer (last) takes what is left, shortened
    with '…' when narrow (the full name is in the tooltip)."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(header.count() - 1, QHeaderView.ResizeMode.Stretch)


def _render(doc):  # type: ignore[no-untyped-def]
    from app.documents.invoice_pdf import render_invoice

    return render_invoice(doc)


def hours(minutes: int | None) -> str:
    """Hours and minutes, as on the invoice PDF: 90 -> '1 h 30 min'."""
    return format_hours(minutes) if minutes else ""


def _rate(line) -> str:  # type: ignore[no-untyped-def]
    if line.rate_pence is None:
        return ""
    return format_rate(line.rate_pence, "mile" if line.kind == LineKind.MILEAGE else "hour")


class InvoiceDetailView(QWidget):
    """The chosen invoice: facts, lines, payments, credit notes, and the actions on it."""

    def __init__(self, panel: InvoicesPanel) -> None:
        super().__init__()
        self.panel = panel
        self.detail: InvoiceDetail | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel("Choose an invoice in the list, or make a new one.")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.facts = QLabel()
        self.facts.setAccessibleName("Invoice details")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.facts)
        self.lines = QTableWidget(0, 6)
        self.lines.setAccessibleName("Invoice lines")
        self.lines.setHorizontalHeaderLabels(
            ["Date", "Times", "Hours", "Details", "Rate", "Amount"]
        )
        self.lines.verticalHeader().hide()
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.lines.horizontalHeader()
        for c in range(6):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.money = QLabel()
        self.money.setAccessibleName("Invoice totals")
        self.money.setWordWrap(True)
        self.money.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.money)
        body = QHBoxLayout()
        body.addWidget(self.lines, 1)
        side = QVBoxLayout()
        body.addLayout(side)
        layout.addLayout(body, 1)

        self.add_line_button = QPushButton("Add &line…")
        self.remove_line_button = QPushButton("Re&move line")
        self.add_visits_button = QPushButton("Add ne&w visits")
        self.delete_button = QPushButton("&Delete draft")
        self.issue_button = QPushButton("&Issue…")
        self.pay_button = QPushButton("Record &payment…")
        self.credit_use_button = QPushButton("&Use credit held")
        self.unpay_button = QPushButton("&Remove a payment…")
        self.receipt_button = QPushButton("Re&ceipt for a payment…")
        self.credit_button = QPushButton("Cre&dit note…")
        self.preview_button = QPushButton("Pre&view or print…")
        self.save_button = QPushButton("&Save PDF…")
        self.email_button = QPushButton("E&mail…")
        self.statement_button = QPushButton("Pa&yer's statement…")
        for b in (
            self.issue_button,
            self.add_line_button,
            self.remove_line_button,
            self.add_visits_button,
            self.delete_button,  # a draft
            self.pay_button,
            self.credit_use_button,
            self.unpay_button,
            self.receipt_button,
            self.credit_button,
            self.statement_button,  # money
            self.preview_button,
            self.save_button,
            self.email_button,
        ):  # the PDF
            side.addWidget(b)
        side.addStretch(1)
        self.issue_button.setDefault(True)
        self.add_line_button.clicked.connect(panel.add_line)
        self.remove_line_button.clicked.connect(panel.remove_line)
        self.add_visits_button.clicked.connect(panel.add_visits)
        self.delete_button.clicked.connect(panel.delete_draft)
        self.issue_button.clicked.connect(panel.issue)
        self.pay_button.clicked.connect(panel.record_payment)
        self.credit_use_button.clicked.connect(panel.use_credit)
        self.unpay_button.clicked.connect(panel.remove_payment)
        self.receipt_button.clicked.connect(
            lambda: offer_receipt(panel.ctx, panel, self.detail.payments if self.detail else ())
        )
        self.credit_button.clicked.connect(panel.credit_note)
        self.preview_button.clicked.connect(panel.preview)
        self.save_button.clicked.connect(panel.save_pdf)
        self.email_button.clicked.connect(panel.email)
        self.statement_button.clicked.connect(panel.payer_statement)
        self.show_detail(None)

    def show_detail(self, detail: InvoiceDetail | None) -> None:
        self.detail = detail
        self.receipt_button.setVisible(bool(detail and detail.payments))
        draft_buttons = [
            self.add_line_button,
            self.remove_line_button,
            self.add_visits_button,
            self.delete_button,
            self.issue_button,
        ]
        for b in (
            *draft_buttons,
            self.pay_button,
            self.credit_use_button,
            self.unpay_button,
            self.credit_button,
            self.preview_button,
            self.save_button,
            self.email_button,
            self.statement_button,
        ):
            b.setVisible(detail is not None)
        if detail is None:
            self.heading.setText("Choose an invoice in the list, or make a new one.")
            self.facts.clear()
            self.money.clear()
            self.lines.setRowCount(0)
            return
        r = detail.row
        today = self.panel.ctx.today()
        draft = r.status == InvoiceStatus.DRAFT
        open_ = r.status in (InvoiceStatus.ISSUED, InvoiceStatus.PART_PAID)
        for b in draft_buttons:
            b.setVisible(draft)
        self.pay_button.setVisible(open_)
        self.credit_use_button.setVisible(open_ and detail.payer_credit_pence > 0)
        self.unpay_button.setVisible(bool(detail.payments))
        self.credit_use_button.setText(
            f"&Use credit held ({format_money(detail.payer_credit_pence)})"
        )
        self.credit_button.setVisible(not draft and r.status != InvoiceStatus.VOID)
        self.email_button.setVisible(not draft)
        self.statement_button.setVisible(not draft)
        self.heading.setText(
            f"Draft invoice for {r.payer}"
            if draft
            else f"Invoice {r.number} · {status_text(r, today)}"
        )
        facts = [
            f"To: {r.payer}"
            + (f" — care for {detail.person_name}" if not detail.payer_is_client else ""),
            f"Care from {format_date(r.period_start)} to {format_date(r.period_end)}",
        ]
        if r.issue_date:
            facts.append(f"Issued {format_date(r.issue_date)}, due {format_date(r.due_date)}")
        else:
            facts.append(
                "Not issued yet: check the lines, then Issue. Until then you can "
                "add or remove lines."
            )
        self.facts.setText("\n".join(facts))
        self.lines.setRowCount(len(detail.lines))
        for i, ln in enumerate(detail.lines):
            description = ln.description + (" (credited)" if ln.credited else "")
            values = [
                format_date(ln.line_date),
                ln.times,
                hours(ln.minutes) if ln.kind == LineKind.VISIT else "",
                description,
                _rate(ln),
                format_money(ln.amount_pence),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in (2, 4, 5):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, ln.id)
                self.lines.setItem(i, c, item)
        money = [
            f"Total {format_money(r.total_pence)} for "
            f"{format_hours(detail.visit_minutes or 0)} of care"
        ]
        for p in detail.payments:
            money.append(
                f"Paid {format_money(p.amount_pence)} on {format_date(p.received_on)} "
                f"({METHOD_LABELS.get(p.method, p.method)}"
                + (f", {p.reference}" if p.reference else "")
                + ")"
            )
        for n in detail.credit_notes:
            money.append(
                f"Credit note {n.number} on {format_date(n.issue_date)}: "
                f"{format_money(n.total_pence)}"
            )
        if open_:
            money.append(f"Still owed: {format_money(r.balance_pence)}")
        self.money.setText("\n".join(money))

    def chosen_line_id(self) -> int | None:
        row = self.lines.currentRow()
        if row < 0 or self.lines.item(row, 0) is None:
            return None
        return self.lines.item(row, 0).data(Qt.ItemDataRole.UserRole)


@register_panel
class InvoicesPanel(Panel):
    AREA = Area.INVOICES
    WATCHES = frozenset(WATCHED)

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.current_id: int | None = None
        self.last_pdf_path: Path | None = None
        self.last_dialog = None
        top = FlowLayout()  # wraps onto a second row on a small screen
        self.new_button = QPushButton("&New invoice…")
        self.everyone_button = QPushButton("Invoice &everyone for last month")
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

        self.model = InvoiceListModel(_columns(ctx.today), self._fetch, self)
        self.table = QTableView()
        self.table.setAccessibleName("Invoices")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        _fit_columns(self.table)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.detail = InvoiceDetailView(self)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        # The list above, the chosen invoice below: both get the full width.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        title = QLabel("Invoices")
        f = QFont(title.font())
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        title.setFont(f)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.new_button.clicked.connect(self.new_invoice)
        self.everyone_button.clicked.connect(self.invoice_everyone)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.aged_button.clicked.connect(self.aged_debtors)
        self.statement_button.clicked.connect(lambda: self.statements())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.refresh()

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
        if keep is not None and not self.select_invoice(keep):
            self.show_invoice(keep)  # filtered out of the list, still shown on the right

    def select_invoice(self, invoice_id: int) -> bool:
        for i, row in enumerate(self.model.rows()):
            if row.id == invoice_id:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
                self.show_invoice(invoice_id)
                return True
        return False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        if row is not None:
            self.show_invoice(row.id)

    def show_invoice(self, invoice_id: int | None) -> None:
        from app.core.errors import NotFound
        from app.core.invoicing.queries import invoice_detail

        self.current_id = invoice_id
        if invoice_id is None:
            self.detail.show_detail(None)
            return
        try:
            detail = self.ctx.runner.read(lambda s: invoice_detail(s, invoice_id))
        except NotFound:
            self.current_id = None
            detail = None
        self.detail.show_detail(detail)

    # ------------------------------------------------------------ making drafts
    def new_invoice(self, client_id: int | None = None) -> None:
        from app.core.invoicing.drafts import draft_invoice

        clients = self.ctx.runner.read(client_choices)
        dialog = NewInvoiceDialog(clients, self.ctx.today(), self)
        if client_id is not None:
            dialog.client.setCurrentIndex(max(0, dialog.client.findData(client_id)))

        def submit() -> bool:
            cid, start, end = dialog.values()
            made = self.ctx.runner.run(
                lambda s: draft_invoice(s, cid, start, end).map(lambda inv: inv.id),
                errors=dialog.form.errors,
                parent=dialog,
            )
            if made is None:
                return False
            self.current_id = made
            self.filter.setCurrentIndex(0)
            self.refresh()
            return True

        dialog.on_submit = submit
        self.last_dialog = dialog
        dialog.open()

    def invoice_everyone(self) -> None:
        from app.core.invoicing.drafts import invoice_everyone

        start, end = last_month(self.ctx.today())
        answer = QMessageBox.question(
            self,
            "Invoice everyone",
            f"Make a draft invoice for every client with delivered visits from "
            f"{format_date(start)} to {format_date(end)} that are not invoiced yet?\n\n"
            "Nothing is sent: you check each draft, then issue it.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run = self.ctx.runner.run(lambda s: invoice_everyone(s, start, end), parent=self)
        if run is None:
            return
        text = (
            f"{run.summary}." if run.created else "There was nothing new to invoice for that month."
        )
        if run.skipped:
            text += "\n\nSkipped:\n" + "\n".join(f"• {s}" for s in run.skipped)
        if run.created:
            self.filter.setCurrentIndex(self.filter.findData("draft"))
            self.select_invoice(run.created[0])
        QMessageBox.information(self, "Invoice everyone", text)

    # ------------------------------------------------------------ editing a draft
    def add_line(self) -> None:
        from app.core.invoicing.drafts import add_extra_line

        if self.current_id is None or self.detail.detail is None:
            return
        invoice_id = self.current_id
        dialog = ExtraLineDialog(self.detail.detail.row.period_end, self)

        def submit() -> bool:
            text, amount, day = dialog.values()
            return (
                self.ctx.runner.run(
                    lambda s: add_extra_line(s, invoice_id, text, amount, day),
                    errors=dialog.form.errors,
                    parent=dialog,
                )
                is not None
            )

        dialog.on_submit = submit
        self.last_dialog = dialog
        dialog.open()

    def remove_line(self) -> None:
        from app.core.invoicing.drafts import remove_line

        line_id = self.detail.chosen_line_id()
        if line_id is None:
            QMessageBox.information(self, "Remove line", "Click the line to take off first.")
            return
        answer = QMessageBox.question(
            self,
            "Remove line",
            "Take this line off the draft? A visit taken off (with its "
            "mileage) can go on a later invoice.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.runner.run(lambda s: remove_line(s, line_id), parent=self)

    def add_visits(self) -> None:
        from app.core.invoicing.drafts import add_visits_to_draft

        invoice_id = self.current_id
        if invoice_id is None:
            return
        added = self.ctx.runner.run(lambda s: add_visits_to_draft(s, invoice_id), parent=self)
        if added == 0:
            QMessageBox.information(
                self, "Add new visits", "No other delivered visits in this period to add."
            )

    def delete_draft(self) -> None:
        from app.core.invoicing.drafts import delete_draft

        invoice_id = self.current_id
        if invoice_id is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete draft",
            "Delete this draft invoice? Its visits stay as they are and can be invoiced again.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.ctx.runner.run(lambda s: delete_draft(s, invoice_id), parent=self) is not None:
            self.current_id = None
            self.detail.show_detail(None)
            self.refresh()

    # ------------------------------------------------------------ issuing
    def issue(self) -> None:
        from app.core.invoicing.issuing import issue_invoice

        invoice_id = self.current_id
        if invoice_id is None or self.detail.detail is None:
            return
        total = format_money(self.detail.detail.row.total_pence)
        answer = QMessageBox.question(
            self,
            "Issue invoice",
            f"Issue this invoice for {total}?\n\nIt gets the next number and its PDF is kept "
            "exactly as issued. After that it cannot be changed: a mistake is put right with "
            "a credit note.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        today = self.ctx.today()
        number = self.ctx.runner.run(
            lambda s: issue_invoice(s, invoice_id, today=today, render=_render).map(
                lambda inv: inv.number
            ),
            parent=self,
        )
        if number:
            self.filter.setCurrentIndex(0)
            self.select_invoice(invoice_id)

    # ------------------------------------------------------------ payments and credit
    def record_payment(self) -> None:
        from app.core.invoicing.payments import Overpayment, PaymentDraft
        from app.core.invoicing.payments import record_payment as record
        from app.core.invoicing.reports import unpaid_invoices

        if self.detail.detail is None:
            return
        row = self.detail.detail.row
        payer_key = row.payer.strip().casefold()
        open_rows = [
            r
            for r in self.ctx.runner.read(unpaid_invoices)
            if r.payer.strip().casefold() == payer_key
        ]
        open_rows.sort(key=lambda r: (r.due_date or date.max, r.number or ""))
        today = self.ctx.today()
        dialog = PaymentDialog(row.payer, open_rows, row.id, today, self)

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
                self.ctx.runner.run(
                    lambda s: record(s, draft, today=today, allow_overpayment=allow).map(
                        lambda p: p.id
                    ),
                    errors=dialog.form.errors,
                    parent=dialog,
                )
                is not None
            )

        dialog.on_submit = submit
        self.last_dialog = dialog
        dialog.open()

    def use_credit(self) -> None:
        from app.core.invoicing.payments import apply_payer_credit

        invoice_id = self.current_id
        if invoice_id is None:
            return
        used = self.ctx.runner.run(lambda s: apply_payer_credit(s, invoice_id), parent=self)
        if used:
            QMessageBox.information(
                self, "Credit used", f"{format_money(used)} of credit held went on this invoice."
            )

    def remove_payment(self) -> None:
        """Takes off a payment recorded by mistake (from every invoice it paid)."""
        from app.core.invoicing.payments import delete_payment

        d = self.detail.detail
        if d is None or not d.payments:
            return
        labels = [
            f"{format_money(p.amount_pence)} received {format_date(p.received_on)}"
            + (f" ({p.reference})" if p.reference else "")
            for p in d.payments
        ]
        label, ok = QInputDialog.getItem(
            self,
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
        self.ctx.runner.run(lambda s: delete_payment(s, payment_id), parent=self)

    def credit_note(self) -> None:
        from app.core.invoicing.credit_notes import create_credit_note

        d = self.detail.detail
        if d is None or d.row.number is None:
            return
        invoice_id = d.row.id
        left = d.row.total_pence - d.row.credited_pence
        lines = [
            (ln.id, f"{format_date(ln.line_date)} {ln.description}", ln.amount_pence)
            for ln in d.lines
            if not ln.credited and ln.amount_pence > 0
        ]
        dialog = CreditNoteDialog(d.row.number, left, lines, self)
        today = self.ctx.today()

        def submit() -> bool:
            values = dialog.values()
            note = self.ctx.runner.run(
                lambda s: create_credit_note(
                    s, invoice_id, today=today, render=_render, **values
                ).map(lambda n: n.number),  # type: ignore[arg-type]
                errors=dialog.form.errors,
                parent=dialog,
            )
            if note is None:
                return False
            self.last_credit_note = note
            return True

        dialog.on_submit = submit
        self.last_dialog = dialog
        dialog.open()

    # ------------------------------------------------------------ the PDF
    def _pdf(self) -> tuple[bytes, str, str] | None:
        from app.core.invoicing.issuing import invoice_pdf
        from app.core.invoicing.queries import get_invoice

        invoice_id = self.current_id
        if invoice_id is None:
            return None

        def work(session):  # type: ignore[no-untyped-def]
            pdf = invoice_pdf(session, invoice_id, _render)
            inv = get_invoice(session, invoice_id)
            safe = "".join(c for c in inv.payer_name if c.isalnum() or c in " -")[:40].strip()
            name = f"Invoice {inv.number} {safe}.pdf" if inv.number else f"Draft invoice {safe}.pdf"
            return pdf.map(lambda data: (data, f"Invoice {inv.reference}", name))

        # an issued invoice's PDF may be stored on first use: a (small) write
        return self.ctx.runner.run(work, parent=self)

    def preview(self) -> None:
        from app.ui.pdf_preview import show_pdf

        got = self._pdf()
        if got is not None:
            self.last_dialog = show_pdf(self, got[0], got[1], got[2])

    def _save(self, caption: str) -> Path | None:
        got = self._pdf()
        if got is None:
            return None
        pdf, _title, filename = got
        name, _ = QFileDialog.getSaveFileName(
            self, caption, str(Path.home() / filename), "PDF files (*.pdf)"
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            path.write_bytes(pdf)
        except OSError as exc:
            QMessageBox.warning(
                self,
                "Could not save",
                f"Daybook could not save the PDF there ({exc.strerror}). Choose another folder.",
            )
            return None
        self.last_pdf_path = path
        return path

    def save_pdf(self) -> None:
        path = self._save("Save invoice as PDF")
        if path is not None:
            QMessageBox.information(self, "Saved", f"Saved as {path}.")

    def email(self) -> None:
        """Saves the PDF, then opens the carer's own email program with a message that says
        where the PDF is (Daybook sends nothing itself)."""
        from app.core.invoicing.queries import email_text
        from app.core.profile import get_profile

        d = self.detail.detail
        if d is None:
            return
        path = self._save("Save the invoice to attach to your email")
        if path is None:
            return
        sender = self.ctx.runner.read(lambda s: p.carer_name if (p := get_profile(s)) else "")
        subject, body = email_text(d, str(path), sender)
        url = QUrl(f"mailto:{quote(d.payer_email)}?subject={quote(subject)}&body={quote(body)}")
        self.last_mailto = url
        if not QDesktopServices.openUrl(url):
            QMessageBox.information(
                self,
                "Email",
                f"Daybook could not open your email program. The invoice is "
                f"saved at {path}: attach it to an email to {d.payer_email or 'the payer'}.",
            )

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


# ---------------------------------------------------------------- the client's tab


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
        self.model = InvoiceListModel(_columns(ctx.today), self._fetch, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        _fit_columns(self.table)
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
        from app.ui.pdf_preview import show_pdf

        row = self.model.row_at(self.table.currentIndex().row())
        if row is None:
            QMessageBox.information(self, "Invoices", "Click an invoice first.")
            return
        pdf = self.ctx.runner.run(lambda s: invoice_pdf(s, row.id, _render), parent=self)
        if pdf is not None:
            self.last_dialog = show_pdf(
                self, pdf, f"Invoice {row.reference}", f"Invoice {row.reference}.pdf"
            )


@register_client_tab("Invoices", order=40)
def _invoices_tab(ctx, client_id: int) -> QWidget:  # type: ignore[no-untyped-def]
    return ClientInvoicesTab(ctx, client_id)
