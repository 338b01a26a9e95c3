"""Dialogs of the Invoices panel. Each keeps itself open until its action succeeds, with any
message beside the field it is about."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError
from app.core.formatting import format_date, format_hours, format_money, parse_money
from app.core.invoicing.models import METHOD_LABELS, PaymentMethod
from app.core.invoicing.payments import MAX_PAYMENT_PENCE
from app.core.invoicing.periods import InvoiceProposal, VisitToInvoice
from app.core.invoicing.queries import InvoiceRow
from app.core.invoicing.reports import BUCKET_LABELS, BUCKETS, AgedDebtor, Statement
from app.ui.forms import DateEdit, FormDialog, MoneyEdit, TextArea, read_all
from app.ui.tables import fill, read_only_table


def last_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _typed_date(edit: DateEdit) -> date | None:
    """The date in the box, or None while it is empty or half typed (no message yet)."""
    try:
        return edit.date_value("period")
    except ValidationError:
        return None


class NewInvoiceDialog(FormDialog):
    """Client and period, with the visits the draft will take listed before it is made.
    Choosing a client fills in the period Daybook proposes (the oldest invoicing period of
    the agreement with uninvoiced visits); changing the dates updates the list."""

    def __init__(
        self,
        clients: list[tuple[int, str]],
        today: date,
        parent: QWidget | None = None,
        *,
        propose: Callable[[int], InvoiceProposal] | None = None,
        list_visits: Callable[[int, date, date], Sequence[VisitToInvoice]] | None = None,
        waiting: dict[int, int] | None = None,
    ) -> None:
        super().__init__(None, "New invoice", "&Make draft", parent)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.set_intro(
            "Daybook gathers the client's delivered visits in the period that are "
            "not on an invoice yet. You can check and change the draft before "
            "issuing it."
        )
        self._today = today
        self._propose = propose
        self._list_visits = list_visits
        self.proposal: InvoiceProposal | None = None
        self.client = QComboBox()
        self.client.addItem("Choose a client…", None)
        waiting = waiting or {}
        for cid, name in clients:
            n = waiting.get(cid, 0)
            self.client.addItem(f"{name}  ({n} to invoice)" if n else name, cid)
        start, end = last_month(today)
        self.period_start = DateEdit()
        self.period_start.set_date(start)
        self.period_end = DateEdit()
        self.period_end.set_date(end)
        self.proposed = QLabel()
        self.proposed.setObjectName("proposed_period")
        self.proposed.setWordWrap(True)
        self.visits = read_only_table(["Date", "Time", "Hours", "Charge"], stretch=1)
        self.visits.setAccessibleName("Visits the draft will include")
        self.visits.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.visits.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # to read, not to choose from
        line = self.fontMetrics().lineSpacing()
        self.visits.verticalHeader().setDefaultSectionSize(int(line * 1.5))  # compact rows
        self.visits.setMinimumHeight(line * 5)
        self.totals = QLabel()
        self.totals.setObjectName("visits_total")
        self.totals.setWordWrap(True)
        self.form.add_field("client_id", "&Client", self.client)
        self.form.add_field("period_start", "&From", self.period_start)
        self.form.add_field("period_end", "&To", self.period_end, help="Both days are included.")
        # The list sits below the (scrolling) form and takes the height left, so on a short
        # screen it shrinks rather than pushing its total out of sight.
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.setStretchFactor(self.scroll, 0)
        for i, w in enumerate((self.proposed, self.visits, self.totals)):
            outer.insertWidget(2 + i, w, 1 if w is self.visits else 0)
        self.client.currentIndexChanged.connect(lambda _i: self.propose_for_client())
        self.period_start.textChanged.connect(lambda _t: self.show_visits())
        self.period_end.textChanged.connect(lambda _t: self.show_visits())
        self.show_visits()

    def propose_for_client(self) -> None:
        """Fills in the proposed period for the chosen client (the dates stay as they are
        when there is nothing to invoice)."""
        cid = self.client.currentData()
        self.proposal = self._propose(cid) if cid is not None and self._propose else None
        first = self.proposal.first if self.proposal else None
        if first is not None:
            self.period_start.set_date(first.start)
            self.period_end.set_date(first.end)
        self.show_visits()

    def _proposal_text(self) -> str:
        if self.proposal is None:
            return ""
        text = self.proposal.message
        first = self.proposal.first
        if first is not None and not first.is_over(self._today):
            text += (
                f" This period runs until {format_date(first.end)}: visits delivered later can "
                "be added to the draft with Add new visits."
            )
        return text

    def show_visits(self) -> None:
        cid = self.client.currentData()
        start, end = _typed_date(self.period_start), _typed_date(self.period_end)
        self.proposed.setText(self._proposal_text())
        self.proposed.setVisible(bool(self.proposed.text()))
        if cid is None or self._list_visits is None:
            self._fill([], "Choose a client to see the visits to invoice.")
        elif start is None or end is None or end < start:
            self._fill([], "Enter both dates (dd/mm/yyyy) to see the visits in the period.")
        else:
            listed = list(self._list_visits(cid, start, end))
            self._fill(
                listed,
                "No delivered visits to invoice in these dates."
                if not listed
                else _total_text(listed),
            )

    def _fill(self, listed: list[VisitToInvoice], total: str) -> None:
        rows = [
            [
                format_date(v.day),
                v.times,
                format_hours(v.minutes) if v.minutes is not None else v.what,
                format_money(v.charge_pence)
                if v.charge_pence is not None
                else "No signed agreement",
            ]
            for v in listed
        ]
        fill(self.visits, rows, [v.visit_id for v in listed])
        for r in range(len(rows)):
            for c in (2, 3):
                self.visits.item(r, c).setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
        self.totals.setText(total)

    def values(self) -> tuple[int | None, date | None, date | None]:
        start, end = read_all(
            lambda: self.period_start.date_value("period_start", required=True),
            lambda: self.period_end.date_value("period_end", required=True),
        )
        return self.client.currentData(), start, end


def _total_text(listed: Sequence[VisitToInvoice]) -> str:
    n = len(listed)
    minutes = sum(v.minutes or 0 for v in listed)
    total = sum(v.charge_pence or 0 for v in listed)
    text = f"{n} visit{'s' if n != 1 else ''}"
    if minutes:
        text += f", {format_hours(minutes)}"
    return text + f": {format_money(total)}"


class ExtraLineDialog(FormDialog):
    def __init__(self, default_day: date, parent: QWidget | None = None) -> None:
        super().__init__(None, "Add a line", "&Add line", parent)
        self.description = QLineEdit()
        self.description.setPlaceholderText("e.g. Shopping bought for the client")
        self.amount = MoneyEdit()
        self.line_date = DateEdit()
        self.line_date.set_date(default_day)
        self.form.add_field("description", "&Description", self.description)
        self.form.add_field(
            "amount_pence",
            "&Amount",
            self.amount,
            help="A minus sign makes it a discount, e.g. -5.00.",
        )
        self.form.add_field("line_date", "D&ate", self.line_date)

    def values(self) -> tuple[str, int, date | None]:
        return (
            self.description.text(),
            parse_money(self.amount.text(), "amount_pence", allow_negative=True),
            self.line_date.date_value("line_date", required=True),
        )


class PaymentDialog(FormDialog):
    """Date, amount, method, reference and which of the payer's unpaid invoices it pays."""

    def __init__(
        self,
        payer: str,
        open_rows: list[InvoiceRow],
        chosen_id: int,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(None, "Record a payment", "&Record payment", parent)
        self.set_intro(f"Money received from {payer}.")
        self.received_on = DateEdit()
        self.received_on.set_date(today)
        self.amount = MoneyEdit()
        self.method = QComboBox()
        for method in PaymentMethod:
            self.method.addItem(METHOD_LABELS[method], method.value)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("e.g. the bank's reference")
        self.invoices = QListWidget()
        self._rows = open_rows
        for row in open_rows:
            item = QListWidgetItem(
                f"{row.reference}  ·  {format_date(row.issue_date)}  ·  "
                f"owes {format_money(row.balance_pence)}"
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if row.id == chosen_id else Qt.CheckState.Unchecked
            )
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.invoices.addItem(item)
        self.invoices.itemChanged.connect(self._suggest_amount)
        self.invoices.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.form.add_field("received_on", "Date &received", self.received_on)
        self.form.add_field("amount_pence", "&Amount", self.amount)
        self.form.add_field("method", "&How paid", self.method)
        self.form.add_field("reference", "Re&ference", self.reference)
        self.form.add_field(
            "invoice_ids",
            "&Pays invoices",
            self.invoices,
            help="Tick every invoice this money covers; the oldest is paid first.",
        )
        self._suggest_amount()

    def chosen_ids(self) -> list[int]:
        return [
            self.invoices.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.invoices.count())
            if self.invoices.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _suggest_amount(self, *_: object) -> None:
        ids = set(self.chosen_ids())
        self.amount.set_pence(sum(r.balance_pence for r in self._rows if r.id in ids) or None)

    def values(self) -> dict[str, object]:
        return {
            "received_on": self.received_on.date_value("received_on", required=True),
            # the ceiling first, so a slip of the keyboard is not offered as credit
            "amount_pence": self.amount.pence("amount_pence", maximum_pence=MAX_PAYMENT_PENCE),
            "method": self.method.currentData(),
            "reference": self.reference.text(),
            "invoice_ids": self.chosen_ids(),
        }


class CreditNoteDialog(FormDialog):
    def __init__(
        self,
        number: str,
        left_pence: int,
        lines: list[tuple[int, str, int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(None, f"Credit note for {number}", "&Make credit note", parent)
        self.set_intro(
            f"An issued invoice is never changed. A credit note, with its own number, "
            f"corrects it. Up to {format_money(left_pence)} can be credited; crediting "
            "all of it cancels the invoice (void) and frees its visits to be "
            "invoiced again."
        )
        self.whole = QRadioButton(f"The &whole amount left ({format_money(left_pence)})")
        self.some_lines = QRadioButton("Chosen &lines")
        self.part = QRadioButton("An a&mount")
        self.whole.setChecked(True)
        choice = QWidget()
        row = QVBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.whole)
        row.addWidget(self.some_lines)
        self.lines = QListWidget()
        for lid, text, amount in lines:
            item = QListWidgetItem(f"{text}  ·  {format_money(amount)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, lid)
            self.lines.addItem(item)
        self.lines.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.lines.itemChanged.connect(lambda *_: self.some_lines.setChecked(True))
        row.addWidget(self.lines)
        row.addWidget(self.part)
        self.amount = MoneyEdit()
        self.amount.textEdited.connect(lambda *_: self.part.setChecked(True))
        self.reason = TextArea(2)
        self.form.add_field("scope", "&Credit", choice)
        self.form.add_field("amount_pence", "Amo&unt", self.amount)
        scope_error = self.form.findChild(QLabel, "error_scope")
        self.form.errors.bind("line_ids", self.lines, scope_error)
        self.form.add_field(
            "reason",
            "&Reason",
            self.reason,
            help="Shown on the credit note, e.g. 'Visit on 07/10 did not happen'.",
        )

    def values(self) -> dict[str, object]:
        if self.part.isChecked():
            return {"reason": self.reason.text(), "amount_pence": self.amount.pence("amount_pence")}
        if self.some_lines.isChecked():
            ids = [
                self.lines.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.lines.count())
                if self.lines.item(i).checkState() == Qt.CheckState.Checked
            ]
            if not ids:
                raise ValidationError("scope", "Tick the lines to credit.")
            return {"reason": self.reason.text(), "line_ids": ids}
        return {"reason": self.reason.text()}


def _table(
    headers: list[str], rows: list[list[str]], right: set[int], stretch: int = 0
) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.setWordWrap(False)
    for c in range(len(headers)):
        table.horizontalHeader().setSectionResizeMode(
            c,
            QHeaderView.ResizeMode.Stretch
            if c == stretch
            else QHeaderView.ResizeMode.ResizeToContents,
        )
    return table


class AgedDebtorsDialog(QDialog):
    def __init__(
        self,
        debtors: list[AgedDebtor],
        totals: dict[str, int],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who owes me")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"What each payer owes on {format_date(today)}, by how many days past the due date."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = [
            [d.payer, *[format_money(d.amounts[b]) for b in BUCKETS], format_money(d.total_pence)]
            for d in debtors
        ]
        rows.append(
            [
                "Total",
                *[format_money(totals[b]) for b in BUCKETS],
                format_money(sum(totals.values())),
            ]
        )
        self.table = _table(
            ["Payer", *[BUCKET_LABELS[b] for b in BUCKETS], "Total"],
            rows,
            set(range(1, len(BUCKETS) + 2)),
        )
        bold = self.table.font()
        bold.setBold(True)
        for c in range(self.table.columnCount()):
            self.table.item(len(rows) - 1, c).setFont(bold)
        layout.addWidget(self.table)
        if not debtors:
            layout.addWidget(QLabel("Nobody owes you anything. Well done."))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(
            self.fontMetrics().averageCharWidth() * 120, self.fontMetrics().lineSpacing() * 20
        )


class StatementDialog(QDialog):
    """Pick a payer; see their invoices, credit notes, payments and running balance."""

    def __init__(
        self,
        payers: list[str],
        load: Callable[[str], Statement],
        parent: QWidget | None = None,
        chosen: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Statement")
        self._load = load
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        label = QLabel("&Payer")
        self.payer = QComboBox()
        self.payer.addItems(payers)
        label.setBuddy(self.payer)
        top.addWidget(label)
        top.addWidget(self.payer, 1)
        layout.addLayout(top)
        self.table = _table(
            ["Date", "Reference", "Details", "Charged", "Paid or credited", "Balance"],
            [],
            {3, 4, 5},
            stretch=2,
        )
        layout.addWidget(self.table, 1)
        self.balance = QLabel()
        layout.addWidget(self.balance)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.payer.currentTextChanged.connect(self.show_payer)
        if chosen and chosen in payers:
            self.payer.setCurrentText(chosen)
        self.show_payer(self.payer.currentText())
        self.resize(
            self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().lineSpacing() * 24
        )

    def show_payer(self, payer: str) -> None:
        if not payer:
            self.balance.setText("No payers yet.")
            return
        st = self._load(payer)
        self.table.setRowCount(len(st.entries))
        for r, e in enumerate(st.entries):
            values = [
                format_date(e.when),
                e.reference,
                e.description,
                format_money(e.debit_pence) if e.debit_pence else "",
                format_money(e.credit_pence) if e.credit_pence else "",
                format_money(e.balance_pence),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c >= 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self.table.scrollToBottom()  # the latest first in view
        if st.balance_pence > 0:
            text = f"{st.payer} owes {format_money(st.balance_pence)}."
        elif st.balance_pence < 0:
            text = f"{st.payer} is in credit by {format_money(-st.balance_pence)}."
        else:
            text = f"{st.payer} owes nothing."
        self.balance.setText(text)
