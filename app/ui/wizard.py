"""First start: a short wizard for the business profile, or demo data to look around first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core.errors import ValidationError
from app.core.profile import ProfileDraft, validate_profile
from app.storage.keys import MIN_PASSPHRASE, DatabaseKey, validate_new_passphrase
from app.ui.forms import error_label
from app.ui.profile_form import BANK, IDENTITY, SCHEME, ProfileForm
from app.ui.wizard_restore import RestorePage

WELCOME, PASSPHRASE, BUSINESS, BANK_PAGE, SCHEME_PAGE, RESTORE = range(6)


class WelcomePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Welcome to Daybook")
        self.setSubTitle(
            "Daybook keeps the business side of your care work in one safe place "
            "on this computer: clients, contracts, visits, invoices, tax, your "
            "portfolio and safeguarding notes."
        )
        self.own = QRadioButton("&Set up my business (about two minutes)")
        self.demo = QRadioButton(
            "&Look around with demo data first (a made-up business; "
            "you can start for real later in a new folder)"
        )
        self.restore = QRadioButton("&Open my records from a backup")
        self.restore_note = QLabel(
            "On a new computer, or when Daybook no longer has the key. You need a backup file "
            "and your recovery sheet."
        )
        self.restore_note.setWordWrap(True)
        self.restore_note.setIndent(self.restore.iconSize().width() + 8)
        self.own.setChecked(True)
        group = QButtonGroup(self)
        v = QVBoxLayout(self)
        for button in (self.own, self.demo, self.restore):
            group.addButton(button)
            v.addWidget(button)
        v.addWidget(self.restore_note)
        v.addStretch(1)

    def nextId(self) -> int:  # noqa: N802
        wizard = self.wizard()
        if self.restore.isChecked():
            return RESTORE
        if wizard.needs_passphrase:
            return PASSPHRASE
        return -1 if self.demo.isChecked() else BUSINESS


class PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Protect your data")
        self.setSubTitle(
            "Your records are encrypted. This computer has no password store "
            "Daybook can use, so choose a passphrase. You will type it each time "
            "Daybook opens. Write it down somewhere safe: without it, nobody — "
            "not even support — can open your records."
        )
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(f"at least {MIN_PASSPHRASE} characters")
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        v = QVBoxLayout(self)
        for caption, w in (("&Passphrase", self.passphrase), ("The same &again", self.repeat)):
            label = QLabel(caption)
            label.setBuddy(w)
            v.addWidget(label)
            v.addWidget(w)
        v.addWidget(self.error)
        v.addStretch(1)

    def validatePage(self) -> bool:  # noqa: N802
        problem = validate_new_passphrase(self.passphrase.text(), self.repeat.text())
        self.error.setText(problem or "")
        self.error.setVisible(bool(problem))
        return problem is None

    def nextId(self) -> int:  # noqa: N802
        return -1 if self.wizard().welcome.demo.isChecked() else BUSINESS


class ProfilePage(QWizardPage):
    def __init__(
        self,
        title: str,
        subtitle: str,
        parts: tuple[str, ...],
        fields: tuple[str, ...],
        next_id: int,
    ) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = ProfileForm(parts)
        self.form_parts = parts
        self.fields = fields
        self._next = next_id
        QVBoxLayout(self).addWidget(self.form)

    def validatePage(self) -> bool:  # noqa: N802
        self.form.errors.clear()
        try:
            validate_profile(self.wizard().profile_draft())
        except ValidationError as exc:
            if exc.field in self.fields:
                self.form.errors.show(exc.field, exc.message)
                return False
        return True

    def nextId(self) -> int:  # noqa: N802
        return self._next

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        if "scheme" in self.form_parts:
            self.form.suggest_scheme(self.wizard().business.form.address.text())


class FirstRunWizard(QWizard):
    def __init__(
        self,
        *,
        needs_passphrase: bool,
        parent: QWidget | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.needs_passphrase = needs_passphrase
        self.setWindowTitle("Daybook — getting started")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.welcome = WelcomePage()
        self.passphrase_page = PassphrasePage()
        self.business = ProfilePage(
            "Your business",
            "How your business appears on contracts and invoices.",
            ("identity",),
            IDENTITY,
            BANK_PAGE,
        )
        self.bank = ProfilePage(
            "Getting paid",
            "Printed on invoices so clients can pay you. "
            "UTR and National Insurance number are optional and stay "
            "private.",
            ("bank",),
            BANK,
            SCHEME_PAGE,
        )
        self.scheme = ProfilePage(
            "Your scheme", "Which micro-provider scheme you work in.", ("scheme",), SCHEME, -1
        )
        self.setPage(WELCOME, self.welcome)
        self.setPage(PASSPHRASE, self.passphrase_page)
        self.setPage(BUSINESS, self.business)
        self.setPage(BANK_PAGE, self.bank)
        self.setPage(SCHEME_PAGE, self.scheme)
        self.restore_page = RestorePage(data_dir)
        self.setPage(RESTORE, self.restore_page)
        self.welcome.restore.setVisible(data_dir is not None)  # a new folder only
        self.welcome.restore_note.setVisible(data_dir is not None)
        self.setStartId(WELCOME)
        self.scheme.form._scheme_changed()
        self.resize(720, 620)

    @property
    def wants_demo(self) -> bool:
        return self.welcome.demo.isChecked()

    @property
    def restored_key(self) -> DatabaseKey | None:
        """The key of the records brought back from a backup (None: set up or demo)."""
        return self.restore_page.key if self.welcome.restore.isChecked() else None

    @property
    def passphrase(self) -> str | None:
        return self.passphrase_page.passphrase.text() if self.needs_passphrase else None

    def profile_draft(self) -> ProfileDraft:
        a, b, c = self.business.form.draft(), self.bank.form.draft(), self.scheme.form.draft()
        return ProfileDraft(
            trading_name=a.trading_name,
            carer_name=a.carer_name,
            address=a.address,
            phone=a.phone,
            email=a.email,
            bank_account_name=b.bank_account_name,
            sort_code=b.sort_code,
            account_number=b.account_number,
            utr=b.utr,
            ni_number=b.ni_number,
            scheme=c.scheme,
            safeguarding_phone=c.safeguarding_phone,
        )
