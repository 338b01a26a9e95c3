"""The first-run wizard and the main window."""

from __future__ import annotations

from app.core.errors import ValidationError
from app.ui.main_window import MainWindow
from app.ui.registry import PAGES, Panel
from app.ui.wizard import BANK_PAGE, BUSINESS, PASSPHRASE, SCHEME_PAGE, FirstRunWizard


def fill_business(qtbot, wizard: FirstRunWizard) -> None:  # type: ignore[no-untyped-def]
    f = wizard.business.form
    qtbot.keyClicks(f.trading_name, "Sam Carter Home Care")
    qtbot.keyClicks(f.carer_name, "Sam Carter")
    qtbot.keyClicks(f.email, "sam@example.org")


def test_wizard_walks_through_and_checks_each_page(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(needs_passphrase=True)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentId() == PASSPHRASE
    qtbot.keyClicks(wizard.passphrase_page.passphrase, "short")
    qtbot.keyClicks(wizard.passphrase_page.repeat, "short")
    wizard.next()
    assert wizard.currentId() == PASSPHRASE
    assert "at least 8" in wizard.passphrase_page.error.text()
    wizard.passphrase_page.passphrase.setText("a long passphrase")
    wizard.passphrase_page.repeat.setText("a long passphrase")
    wizard.next()
    assert wizard.currentId() == BUSINESS
    wizard.next()  # empty trading name
    assert wizard.currentId() == BUSINESS
    assert "trading name" in wizard.business.form.errors.message("trading_name")
    fill_business(qtbot, wizard)
    wizard.next()
    assert wizard.currentId() == BANK_PAGE
    qtbot.keyClicks(wizard.bank.form.sort_code, "12-34")
    qtbot.keyClicks(wizard.bank.form.account_number, "12345678")
    wizard.next()
    assert wizard.currentId() == BANK_PAGE
    assert "6 digits" in wizard.bank.form.errors.message("sort_code")
    wizard.bank.form.sort_code.setText("12-34-56")
    qtbot.keyClicks(wizard.bank.form.ni_number, "QQ123456Q")
    wizard.next()
    assert "National Insurance" in wizard.bank.form.errors.message("ni_number")
    wizard.bank.form.ni_number.setText("AB123456C")
    wizard.next()
    assert wizard.currentId() == SCHEME_PAGE
    somerset = wizard.scheme.form.scheme.findData("somerset")
    wizard.scheme.form.scheme.setCurrentIndex(somerset)
    assert wizard.scheme.form.safeguarding_phone.text() == "0300 123 2224"
    draft = wizard.profile_draft()
    assert (draft.trading_name, draft.sort_code, draft.scheme) == (
        "Sam Carter Home Care",
        "12-34-56",
        "somerset",
    )
    assert wizard.passphrase == "a long passphrase"


def test_demo_choice_skips_the_profile(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(needs_passphrase=False)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome.demo.setChecked(True)
    assert wizard.welcome.nextId() == -1
    assert wizard.wants_demo


def test_main_window_has_every_area_and_today_first(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles == [
        "Today",
        "Clients",
        "Agreements",
        "Visits",
        "Invoices",
        "Money",
        "Portfolio",
        "Safeguarding",
        "Settings",
    ]
    assert window.windowTitle() == "Daybook — Helping Hands Home Care"
    today = window.stack.currentWidget()
    assert "Hello, Sam" in today.greeting.text()
    for p in PAGES:
        page = window.go_to(str(p.key))
        assert window.stack.currentWidget() is page
        assert isinstance(page, Panel) and page.AREA == p.key  # a real panel, never a stand-in


def test_settings_saves_profile_with_field_messages(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    settings = window.go_to("settings")
    settings.profile_form.utr.setText("123")
    settings.save_button.click()
    assert "10 digits" in settings.profile_form.errors.message("utr")
    settings.profile_form.utr.setText("")
    settings.profile_form.trading_name.setText("Carter Care")
    settings.save_button.click()
    assert settings.saved_label.text() == "Saved."
    assert window.windowTitle() == "Daybook — Carter Care"


def test_validation_error_is_typed() -> None:
    e = ValidationError("name", "Enter the client's name.")
    assert (e.field, e.message) == ("name", "Enter the client's name.")
