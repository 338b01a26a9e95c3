"""The business profile form, used by the first-run wizard and by Settings."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.core.profile import ProfileDraft, default_safeguarding_phone
from app.core.schemes import SCHEMES, Scheme, scheme_for_address
from app.ui.forms import FormGrid, TextArea

IDENTITY = ("trading_name", "carer_name", "address", "phone", "email")
BANK = ("bank_account_name", "sort_code", "account_number", "utr", "ni_number")
SCHEME = ("scheme", "safeguarding_phone")


class ProfileForm(FormGrid):
    def __init__(
        self, parts: tuple[str, ...] = ("identity", "bank", "scheme"), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.trading_name = QLineEdit()
        self.carer_name = QLineEdit()
        self.address = TextArea(4)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.bank_account_name = QLineEdit()
        self.sort_code = QLineEdit()
        self.sort_code.setPlaceholderText("12-34-56")
        self.account_number = QLineEdit()
        self.account_number.setPlaceholderText("8 digits")
        self.utr = QLineEdit()
        self.utr.setPlaceholderText("10 digits (optional)")
        self.ni_number = QLineEdit()
        self.ni_number.setPlaceholderText("AB 12 34 56 C (optional)")
        self.scheme = QComboBox()
        for s in Scheme:
            self.scheme.addItem(SCHEMES[s].name, s)
        self.safeguarding_phone = QLineEdit()
        if "identity" in parts:
            self.add_field(
                "trading_name",
                "&Trading name",
                self.trading_name,
                help="The name on your invoices, e.g. “Sam Carter Home Care”.",
            )
            self.add_field("carer_name", "Your &name", self.carer_name)
            self.add_field("address", "&Address", self.address)
            self.add_field("phone", "&Phone", self.phone)
            self.add_field("email", "&Email", self.email)
        if "bank" in parts:
            self.add_field("bank_account_name", "Name on the &bank account", self.bank_account_name)
            self.add_field("sort_code", "&Sort code", self.sort_code)
            self.add_field(
                "account_number",
                "Account n&umber",
                self.account_number,
                help="Printed on invoices so clients can pay you.",
            )
            self.add_field(
                "utr",
                "&UTR",
                self.utr,
                help="Your Self Assessment Unique Taxpayer Reference, if you have one.",
            )
            self.add_field("ni_number", "National &Insurance number", self.ni_number)
        if "scheme" in parts:
            self.add_field("scheme", "Your sche&me", self.scheme)
            self.add_field(
                "safeguarding_phone",
                "Adult safe&guarding phone",
                self.safeguarding_phone,
                help="Your council's adult safeguarding team: shown whenever you record a concern.",
            )
        # a new business starts at "another scheme or none", never at one council's scheme;
        # the wizard then suggests one from the address until the carer picks (activated)
        self.scheme.setCurrentIndex(self.scheme.findData(Scheme.OTHER))
        self.scheme_chosen = False
        self.scheme.activated.connect(self._scheme_picked)
        self.scheme.currentIndexChanged.connect(self._scheme_changed)

    def _scheme_picked(self) -> None:
        self.scheme_chosen = True

    def suggest_scheme(self, address: str) -> None:
        """The scheme the address points to, unless the carer has chosen one already."""
        if not self.scheme_chosen:
            self.scheme.setCurrentIndex(self.scheme.findData(scheme_for_address(address)))

    def _scheme_changed(self) -> None:
        suggested = default_safeguarding_phone(self.scheme.currentData())
        known = {info.safeguarding_phone for info in SCHEMES.values()}
        if suggested and (
            not self.safeguarding_phone.text().strip() or self.safeguarding_phone.text() in known
        ):
            self.safeguarding_phone.setText(suggested)

    def draft(self) -> ProfileDraft:
        return ProfileDraft(
            trading_name=self.trading_name.text(),
            carer_name=self.carer_name.text(),
            address=self.address.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            bank_account_name=self.bank_account_name.text(),
            sort_code=self.sort_code.text(),
            account_number=self.account_number.text(),
            utr=self.utr.text(),
            ni_number=self.ni_number.text(),
            scheme=self.scheme.currentData(),
            safeguarding_phone=self.safeguarding_phone.text(),
        )

    def load(self, d: ProfileDraft) -> None:
        self.errors.clear()
        self.trading_name.setText(d.trading_name)
        self.carer_name.setText(d.carer_name)
        self.address.setText(d.address)
        self.phone.setText(d.phone)
        self.email.setText(d.email)
        self.bank_account_name.setText(d.bank_account_name)
        self.sort_code.setText(d.sort_code)
        self.account_number.setText(d.account_number)
        self.utr.setText(d.utr)
        self.ni_number.setText(d.ni_number)
        self.scheme.setCurrentIndex(self.scheme.findData(Scheme(d.scheme)))
        self.safeguarding_phone.setText(d.safeguarding_phone)
