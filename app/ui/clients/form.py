"""The client form: every field of a client, with messages beside the fields."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.clients import (
    MAX_RATE_PENCE,
    PAYER_LABELS,
    STATUS_LABELS,
    ClientDraft,
    ClientStatus,
    ContactDraft,
    PayerType,
)
from app.ui.forms import DateEdit, FormGrid, MoneyEdit, TextArea


class ContactsTable(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Name", "Relationship", "Phone"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        add = QPushButton("Add contact")
        remove = QPushButton("Remove contact")
        add.clicked.connect(lambda: self.add_row())
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, contact: ContactDraft | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        c = contact or ContactDraft()
        for col, value in enumerate((c.name, c.relationship, c.phone)):
            self.table.setItem(row, col, QTableWidgetItem(value))

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def contacts(self) -> list[ContactDraft]:
        out = []
        for row in range(self.table.rowCount()):
            cells = [
                (self.table.item(row, c).text() if self.table.item(row, c) else "")
                for c in range(3)
            ]
            out.append(ContactDraft(*cells))
        return out

    def set_contacts(self, contacts: list[ContactDraft]) -> None:
        self.table.setRowCount(0)
        for c in contacts:
            self.add_row(c)


class ClientForm(FormGrid):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = self.add_field("name", "&Name", QLineEdit())
        self.preferred_name = self.add_field("preferred_name", "Prefers to be &called", QLineEdit())
        self.date_of_birth = self.add_field("date_of_birth", "Date of &birth", DateEdit())
        self.address = self.add_field("address", "&Address", TextArea(3))
        self.phone = self.add_field("phone", "&Phone", QLineEdit())
        self.email = self.add_field("email", "&Email", QLineEdit())
        self.status = self.add_field("status", "S&tatus", QComboBox())
        for s in ClientStatus:
            self.status.addItem(STATUS_LABELS[s], s)
        self.start_date = self.add_field("start_date", "&Start date", DateEdit())
        self.payer_type = self.add_field("payer_type", "&Who pays", QComboBox())
        for p in PayerType:
            self.payer_type.addItem(PAYER_LABELS[p], p)
        self.payer_name = self.add_field("payer_name", "Payer's na&me", QLineEdit())
        self.payer_address = self.add_field("payer_address", "Billing a&ddress", TextArea(3))
        self.payer_email = self.add_field("payer_email", "Payer's email", QLineEdit())
        self.payer_phone = self.add_field("payer_phone", "Payer's phone", QLineEdit())
        self.dp_rate = self.add_field(
            "dp_rate_pence",
            "Direct Payment &rate (£/h)",
            MoneyEdit(),
            help="If you know it: Daybook warns when a contract's rate is below it.",
        )
        self.contacts = self.add_field("emergency_contacts", "Emergency contacts", ContactsTable())
        self.care_notes = self.add_field(
            "care_notes",
            "Care &notes",
            TextArea(4),
            help="Private health information: kept encrypted, never printed on invoices.",
        )
        self.key_safe_box = QWidget()
        ks_layout = QHBoxLayout(self.key_safe_box)
        ks_layout.setContentsMargins(0, 0, 0, 0)
        self.key_safe = QLineEdit()
        self.key_safe.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_safe_toggle = QPushButton("Show")
        self.key_safe_toggle.setCheckable(True)
        self.key_safe_toggle.toggled.connect(self._toggle_key_safe)
        ks_layout.addWidget(self.key_safe, 1)
        ks_layout.addWidget(self.key_safe_toggle)
        self.add_field(
            "key_safe", "&Key-safe details", self.key_safe_box, help="Hidden until you press Show."
        )
        self.payer_type.currentIndexChanged.connect(self._payer_changed)
        self._payer_changed()

    def _toggle_key_safe(self, shown: bool) -> None:
        self.key_safe.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )
        self.key_safe_toggle.setText("Hide" if shown else "Show")

    def _payer_changed(self) -> None:
        other = self.payer_type.currentData() != PayerType.CLIENT
        for w in (self.payer_name, self.payer_address, self.payer_email, self.payer_phone):
            w.setEnabled(other)

    def hide_key_safe(self) -> None:
        self.key_safe_toggle.setChecked(False)

    def draft(self) -> ClientDraft:
        """Reads the form. Raises ValidationError for a field that cannot be read."""
        return ClientDraft(
            name=self.name.text(),
            preferred_name=self.preferred_name.text(),
            date_of_birth=self.date_of_birth.date_value("date_of_birth"),
            address=self.address.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            payer_type=self.payer_type.currentData(),
            payer_name=self.payer_name.text(),
            payer_address=self.payer_address.text(),
            payer_email=self.payer_email.text(),
            payer_phone=self.payer_phone.text(),
            dp_rate_pence=self.dp_rate.pence(
                "dp_rate_pence", required=False, maximum_pence=MAX_RATE_PENCE
            ),
            care_notes=self.care_notes.text(),
            key_safe=self.key_safe.text(),
            status=self.status.currentData(),
            start_date=self.start_date.date_value("start_date"),
            emergency_contacts=self.contacts.contacts(),
        )

    def load(self, d: ClientDraft) -> None:
        self.errors.clear()
        self.name.setText(d.name)
        self.preferred_name.setText(d.preferred_name)
        self.date_of_birth.set_date(d.date_of_birth)
        self.address.setText(d.address)
        self.phone.setText(d.phone)
        self.email.setText(d.email)
        self.status.setCurrentIndex(self.status.findData(ClientStatus(d.status)))
        self.start_date.set_date(d.start_date)
        self.payer_type.setCurrentIndex(self.payer_type.findData(PayerType(d.payer_type)))
        self.payer_name.setText(d.payer_name)
        self.payer_address.setText(d.payer_address)
        self.payer_email.setText(d.payer_email)
        self.payer_phone.setText(d.payer_phone)
        self.dp_rate.set_pence(d.dp_rate_pence)
        self.contacts.set_contacts(d.emergency_contacts)
        self.care_notes.setText(d.care_notes)
        self.key_safe.setText(d.key_safe)
        self.hide_key_safe()


def sensitive_caption() -> QLabel:
    label = QLabel(
        "Care notes and key-safe details are private: they stay in this encrypted "
        "file and never appear on invoices or in logs."
    )
    label.setWordWrap(True)
    return label
