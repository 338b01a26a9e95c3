"""The chosen invoice: its facts, lines, payments and credit notes, and the buttons for what
can be done with it (the actions live in draft_actions, payments and pdf_actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.formatting import format_date, format_hours, format_money, format_rate
from app.core.invoicing.models import METHOD_LABELS, InvoiceStatus, LineKind
from app.core.invoicing.queries import InvoiceDetail
from app.ui.invoices import draft_actions, payments, pdf_actions
from app.ui.invoices.listing import status_text
from app.ui.schemes_records.receipts import offer_receipt

if TYPE_CHECKING:
    from app.ui.invoices.panel import InvoicesPanel


def hours(minutes: int | None) -> str:
    """Hours and minutes, as on the invoice PDF: 90 -> '1 h 30 min'."""
    return format_hours(minutes) if minutes else ""


def rate_text(line) -> str:  # type: ignore[no-untyped-def]
    if line.rate_pence is None:
        return ""
    return format_rate(line.rate_pence, "mile" if line.kind == LineKind.MILEAGE else "hour")


class InvoiceDetailView(QWidget):
    """The chosen invoice: facts, lines, payments, credit notes, and the actions on it."""

    def __init__(self, panel: InvoicesPanel) -> None:
        super().__init__()
        self.panel = panel
        self.ctx = panel.ctx
        self.invoice_id: int | None = None
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
        wiring = {
            self.add_line_button: draft_actions.add_line,
            self.remove_line_button: draft_actions.remove_line,
            self.add_visits_button: draft_actions.add_visits,
            self.delete_button: draft_actions.delete_draft,
            self.issue_button: draft_actions.issue,
            self.pay_button: payments.record_payment,
            self.credit_use_button: payments.use_credit,
            self.unpay_button: payments.remove_payment,
            self.credit_button: payments.credit_note,
            self.preview_button: pdf_actions.preview,
            self.save_button: pdf_actions.save_pdf,
            self.email_button: pdf_actions.email,
            self.statement_button: lambda p: p.payer_statement(),
        }
        for button, action in wiring.items():
            button.clicked.connect(lambda _=False, act=action: act(panel))
        self.receipt_button.clicked.connect(
            lambda: offer_receipt(panel.ctx, panel, self.detail.payments if self.detail else ())
        )
        self.show_detail(None)

    def show_invoice(self, invoice_id: int | None) -> None:
        """Loads and shows one invoice (None, or one deleted meanwhile: the hint instead)."""
        from app.core.errors import NotFound
        from app.core.invoicing.queries import invoice_detail

        detail = None
        if invoice_id is not None:
            try:
                detail = self.ctx.runner.read(lambda s: invoice_detail(s, invoice_id))
            except NotFound:
                invoice_id = None
        self.invoice_id = invoice_id
        self.show_detail(detail)

    def refresh(self) -> None:
        self.show_invoice(self.invoice_id)

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
        today = self.ctx.today()
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
                rate_text(ln),
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
