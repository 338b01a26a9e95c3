"""Money records in a real encrypted database: expenses with receipts, mileage, use of home,
other income, the tax-year summary, deadlines and Today's reminders."""

from __future__ import annotations

import io
import sys
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from app.core.clients import ClientDraft, add_client
from app.core.errors import ValidationError
from app.core.money.deadlines import mtd_status, upcoming
from app.core.money.expenses import (
    ExpenseDraft,
    Receipt,
    add_expense,
    delete_expense,
    list_expenses,
    receipt_of,
    sniff_receipt,
    update_expense,
)
from app.core.money.income import OtherIncomeDraft, add_other_income, income_for_year
from app.core.money.mileage import JourneyDraft, add_journey, mileage_log, parse_miles
from app.core.money.models import AllowanceChoice, ExpenseCategory
from app.core.money.summary import tax_year_summary
from app.core.money.tax_rates import rates_for
from app.core.money.tax_settings import TaxSettingsDraft, get_tax_settings, save_tax_settings
from app.core.money.tax_year import TaxYear
from app.core.money.use_of_home import set_use_of_home, use_of_home_for_year
from app.core.reminders import due_items
from tests.conftest import TODAY

Y = TaxYear(2026)
P = 100


def png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, format="PNG")
    return buf.getvalue()


def jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, format="JPEG")
    return buf.getvalue()


HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 32
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def expense(session: Session, **kw) -> int:  # type: ignore[no-untyped-def]
    draft = ExpenseDraft(
        spent_on=kw.pop("spent_on", date(2026, 5, 1)),
        supplier="Medisupplies",
        category=kw.pop("category", ExpenseCategory.CLOTHING),
        amount_pence=kw.pop("amount_pence", 1250),
        **kw,
    )
    return add_expense(session, draft, today=TODAY).id


def income(session: Session, when: date, pence: int) -> None:
    add_other_income(session, OtherIncomeDraft(when, "Care paid in cash", pence), today=TODAY)


# --- expenses and receipts -------------------------------------------------------------


def test_expense_with_a_receipt_is_kept_inside_the_database(session: Session) -> None:
    data = png()
    eid = expense(session, receipt=Receipt("C:\\Users\\sam\\Pictures\\till slip.png", data))
    session.flush()
    name, mime, stored = receipt_of(session, eid)  # type: ignore[misc]
    assert (name, mime, stored) == ("till slip.png", "image/png", data)
    [row] = list_expenses(session, Y)
    assert row.category_label == "Clothing (uniform, PPE)" and row.amount_pence == 1250
    # updating without a new receipt keeps the one there
    update_expense(
        session,
        eid,
        ExpenseDraft(date(2026, 5, 2), "Medisupplies Ltd", ExpenseCategory.CLOTHING, "", 1300),
        today=TODAY,
    )
    assert receipt_of(session, eid)[2] == data  # type: ignore[index]
    delete_expense(session, eid)
    assert list_expenses(session, Y) == []


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (png(), "image/png"),
        (jpeg(), "image/jpeg"),
        (HEIC, "image/heic"),
        (PDF, "application/pdf"),
    ],
)
def test_receipt_types_come_from_the_content(data: bytes, mime: str) -> None:
    assert sniff_receipt(data) == mime


def test_a_heic_receipt_is_refused_with_advice_when_it_cannot_be_read(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "pi_heif", None)  # as if pi-heif were not installed
    with pytest.raises(ValidationError) as e:
        sniff_receipt(HEIC)
    assert e.value.field == "receipt"
    assert e.value.message.startswith("The receipt is in Apple's HEIC photo format")
    assert "Most Compatible" in e.value.message
    assert sniff_receipt(jpeg()) == "image/jpeg"  # other photos are unaffected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The receipt file is empty."),
        (
            b"Just some text pretending to be receipt.png",
            "must be a photo (PNG, JPEG or HEIC) or a PDF",
        ),
        (b"MZ\x90\x00" + b"\x00" * 100, "must be a photo (PNG, JPEG or HEIC) or a PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (20 * 1024 * 1024), "larger than 20 MB"),
    ],
)
def test_bad_receipts_are_refused_and_nothing_is_saved(
    session: Session, data: bytes, message: str
) -> None:
    with pytest.raises(ValidationError) as err:
        expense(session, receipt=Receipt("receipt.png", data))
    assert err.value.field == "receipt" and message in err.value.message
    assert list_expenses(session, Y) == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"spent_on": None}, "spent_on", "Enter the date"),
        ({"spent_on": date(2026, 11, 26)}, "spent_on", "cannot be in the future"),
        ({"spent_on": date(2024, 4, 5)}, "spent_on", "before 06/04/2024"),
        ({"amount_pence": 0}, "amount_pence", "more than £0.00"),
        ({"amount_pence": -500}, "amount_pence", "more than £0.00"),
        ({"amount_pence": None}, "amount_pence", "Enter the amount"),
        ({"amount_pence": 10**12}, "amount_pence", "looks too high"),
        ({"category": "sweets"}, "category", "Choose a category"),
        ({"description": "x" * 501}, "description", "too long"),
    ],
)
def test_bad_expenses_name_the_field(session: Session, changes, field, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        expense(session, **changes)
    assert err.value.field == field and message in err.value.message


def test_supplier_required_and_unicode_kept(session: Session) -> None:
    with pytest.raises(ValidationError) as err:
        add_expense(session, ExpenseDraft(date(2026, 5, 1), "   ", "other", "", 100), today=TODAY)
    assert err.value.field == "supplier"
    add_expense(
        session,
        ExpenseDraft(date(2026, 5, 1), "Łódź Café – Siobhán's", "other", "", 100),
        today=TODAY,
    )
    assert list_expenses(session, Y)[0].supplier == "Łódź Café – Siobhán's"


# --- mileage ---------------------------------------------------------------------------


def test_mileage_across_10000_miles_is_split_exactly(session: Session) -> None:
    # 11 journeys of 900 miles (9,900), then 80 + 40 miles (crossing 10,000), then 10.5 miles
    trips = [(date(2026, 4, 10 + i), 9_000) for i in range(11)]
    trips += [(date(2026, 9, 1), 800), (date(2026, 9, 2), 400), (date(2026, 10, 1), 105)]
    for when, tenths in trips:
        add_journey(
            session,
            JourneyDraft(when, "Home", "Taunton", "Shopping for a client", tenths),
            today=TODAY,
        )
    log = mileage_log(session, Y, rates_for(Y))
    # 900 miles at 45p = £405; the 80 miles all at 45p; the 40 miles: 20 at 45p, 20 at 25p
    assert [r.allowance_pence for r in log] == [405_00] * 11 + [36_00, 9_00 + 5_00, 2_63]
    assert sum(r.allowance_pence for r in log) == 4_500_00 + (20 * 25 + 105 * 25 // 10 + 1)
    assert tax_year_summary(session, Y).mileage_allowance_pence == 4_507_63


def test_delivered_visits_flow_into_the_mileage_log(session: Session) -> None:
    from app.core.visits.models import Visit, VisitStatus

    client = add_client(session, ClientDraft(name="Margaret Ellis"), today=TODAY)
    start = datetime(2026, 6, 1, 9, tzinfo=UTC)
    end = datetime(2026, 6, 1, 10, tzinfo=UTC)
    session.add_all(
        [
            Visit(
                client_id=client.id,
                planned_start=start,
                planned_end=end,
                actual_start=start,
                actual_end=end,
                status=VisitStatus.DELIVERED,
                miles_tenths=125,
            ),
            Visit(
                client_id=client.id,
                planned_start=start,
                planned_end=end,
                status=VisitStatus.PLANNED,
                miles_tenths=80,
            ),
        ]
    )
    add_journey(
        session,
        JourneyDraft(date(2026, 6, 1), "Home", "Boots", "Prescription", 40, client.id),
        today=TODAY,
    )
    log = mileage_log(session, Y, rates_for(Y))
    assert [(r.source, r.miles_tenths, r.read_only) for r in log] == [
        ("journey", 40, False),
        ("visit", 125, True),
    ]
    assert log[1].client_name == "Margaret Ellis"
    assert [r.allowance_pence for r in log] == [1_80, 7_43 - 1_80]  # 4 miles, then 16.5 in all
    assert sum(r.allowance_pence for r in log) == (165 * 45 + 5) // 10


@pytest.mark.parametrize(("text", "tenths"), [("12.5", 125), ("3", 30), (" 1,200.0 miles", 12000)])
def test_parse_miles(text: str, tenths: int) -> None:
    assert parse_miles(text) == tenths


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter the miles"),
        ("ten", "not a number of miles"),
        ("-4", "more than 0"),
        ("1.25", "one decimal place"),
    ],
)
def test_parse_miles_refuses(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_miles(text)
    assert message in err.value.message


def test_bad_journeys(session: Session) -> None:
    good = dict(
        travelled_on=date(2026, 6, 1),
        from_place="Home",
        to_place="Co-op",
        purpose="Shopping",
        miles_tenths=25,
    )
    for change, field in [
        ({"from_place": ""}, "from_place"),
        ({"purpose": " "}, "purpose"),
        ({"miles_tenths": 0}, "miles_tenths"),
        ({"miles_tenths": 20_000}, "miles_tenths"),
        ({"client_id": 999}, "client_id"),
        ({"travelled_on": date(2030, 1, 1)}, "travelled_on"),
    ]:
        with pytest.raises(ValidationError) as err:
            add_journey(session, JourneyDraft(**{**good, **change}), today=TODAY)
        assert err.value.field == field


# --- use of home -----------------------------------------------------------------------


def test_use_of_home_flat_rates(session: Session) -> None:
    set_use_of_home(session, 2026, 4, 24)
    set_use_of_home(session, 2026, 5, 25)
    set_use_of_home(session, 2026, 6, 51)
    set_use_of_home(session, 2027, 3, 120)
    set_use_of_home(session, 2027, 4, 120)  # next tax year
    months = use_of_home_for_year(session, Y, rates_for(Y))
    assert len(months) == 12
    assert [m.amount_pence for m in months if m.hours] == [0, 10_00, 18_00, 26_00]
    set_use_of_home(session, 2026, 6, 0)  # cleared
    assert sum(m.amount_pence for m in use_of_home_for_year(session, Y, rates_for(Y))) == 36_00
    with pytest.raises(ValidationError) as err:
        set_use_of_home(session, 2026, 7, 800)
    assert err.value.field == "hours"


# --- the year's summary ----------------------------------------------------------------


def test_summary_with_expenses_claims_them_and_gives_sa103s_figures(session: Session) -> None:
    income(session, date(2026, 4, 20), 15_000 * P)
    income(session, date(2026, 9, 1), 15_000 * P)
    expense(session, amount_pence=900 * P, category=ExpenseCategory.PREMISES_INSURANCE)
    expense(
        session,
        amount_pence=200 * P,
        category=ExpenseCategory.PROFESSIONAL,
        spent_on=date(2026, 9, 9),
    )
    add_journey(
        session, JourneyDraft(date(2026, 5, 3), "Home", "Taunton", "Shopping", 1000), today=TODAY
    )
    set_use_of_home(session, 2026, 5, 30)
    s = tax_year_summary(session, Y)
    assert s.turnover_pence == 30_000 * P
    assert s.actual_expenses_pence == 1_100 * P + 45 * P + 10 * P
    assert s.better == AllowanceChoice.EXPENSES == s.used
    assert s.profit_pence == 30_000 * P - 1_155 * P
    assert s.estimate.profit_pence == s.profit_pence
    boxes = {b.box: b.amount_pence for b in s.sa103s}
    assert boxes == {
        "9": 30_000 * P,
        "12": 45 * P,
        "14": 910 * P,
        "16": 200 * P,
        "20": 1_155 * P,
        "21": 28_845 * P,
        "28": 28_845 * P,
        "31": 28_845 * P,
    }
    may = next(m for m in s.months if (m.year, m.month) == (2026, 5))
    assert (may.income_pence, may.expenses_pence) == (0, 900 * P + 45 * P + 10 * P)
    assert [m.label for m in s.months][:2] == ["Apr 26", "May 26"]
    assert "better than the £1,000.00 trading allowance" in s.advice
    assert s.as_json()["income_tax_pence"] == s.estimate.income_tax_pence


def test_summary_prefers_the_trading_allowance_when_expenses_are_small(session: Session) -> None:
    income(session, date(2026, 6, 1), 5_000 * P)
    expense(session, amount_pence=300 * P)
    s = tax_year_summary(session, Y)
    assert s.better == AllowanceChoice.TRADING_ALLOWANCE == s.used
    assert s.profit_pence == 4_000 * P
    # issue 21 item 8: the allowance is named as such, with the expenses it beat
    assert s.advice == "Trading allowance used: £1,000.00 (better than your £300.00 expenses)."
    assert {b.box: b.amount_pence for b in s.sa103s} == {
        "9": 5_000 * P,
        "10.1": 1_000 * P,
        "21": 5_000 * P,
        "28": 4_000 * P,
        "31": 4_000 * P,
    }
    save_tax_settings(session, Y, TaxSettingsDraft(allowance_choice=AllowanceChoice.EXPENSES))
    s = tax_year_summary(session, Y)
    assert s.used == AllowanceChoice.EXPENSES and s.profit_pence == 4_700 * P
    assert "You chose the other way" in s.advice


def test_other_income_in_settings_reaches_the_estimate(session: Session) -> None:
    income(session, date(2026, 6, 1), 30_000 * P)
    save_tax_settings(
        session,
        Y,
        TaxSettingsDraft(other_income_pence=20_000 * P, allowance_choice=AllowanceChoice.EXPENSES),
    )
    assert get_tax_settings(session, Y).other_income_pence == 20_000 * P
    e = tax_year_summary(session, Y).estimate
    assert e.income_tax_pence == 7_486_00 and e.to_pay_pence == 7_045_80
    with pytest.raises(ValidationError) as err:
        save_tax_settings(session, Y, TaxSettingsDraft(other_income_pence=-1))
    assert err.value.field == "other_income_pence"


def test_income_first_days_of_april_belong_to_the_old_year(session: Session) -> None:
    income(session, date(2026, 4, 5), 100 * P)
    income(session, date(2026, 4, 6), 200 * P)
    assert [r.amount_pence for r in income_for_year(session, Y)] == [200 * P]
    assert tax_year_summary(session, Y.previous()).turnover_pence == 100 * P


def test_first_year_registration_and_the_payment_dates(session: Session) -> None:
    save_tax_settings(session, Y, TaxSettingsDraft(first_year_of_trading=True))
    s = tax_year_summary(session, Y)
    dates = {d.when: d.what for d in s.deadlines}
    assert "Register for Self Assessment" in dates[date(2027, 10, 5)]
    assert "Online tax return for 2026-27" in dates[date(2028, 1, 31)]


def test_mtd_starts_from_turnover_two_years_before(session: Session) -> None:
    income(session, date(2024, 6, 1), 55_000 * P)  # 2024-25: over £50,000 -> MTD from 2026-27
    s = tax_year_summary(session, Y)
    assert s.mtd.applies and s.mtd.starts == Y
    assert "over the £50,000.00 threshold for 2026-27" in s.mtd.text
    mtd_dates = [d.when for d in s.deadlines if d.kind == "mtd"]
    assert mtd_dates == [date(2026, 8, 7), date(2026, 11, 7), date(2027, 2, 7), date(2027, 5, 7)]
    # under MTD the year ends with a final declaration, not the online return
    dates = {d.when: d.what for d in s.deadlines}
    assert dates[date(2028, 1, 31)] == "Final declaration for 2026-27 and the balancing payment"
    assert not any("Online tax return" in d.what for d in s.deadlines)
    assert "final declaration due the same day" in s.estimate.payments[0].what


def test_mtd_will_start_in_2028_for_turnover_over_20000(session: Session) -> None:
    income(session, date(2026, 6, 1), 25_000 * P)
    status = mtd_status(session, Y)
    assert not status.applies and status.starts == TaxYear(2028)
    assert "6 April 2028" in status.text and "£20,000.00" in status.text
    assert "does not apply to you yet" in mtd_status(session, TaxYear(2025)).text


def test_vat_warning_as_turnover_nears_90000(session: Session) -> None:
    income(session, date(2026, 6, 1), 75_000 * P)
    assert "approaching the £90,000.00" in tax_year_summary(session, Y).vat_warning
    income(session, date(2026, 7, 1), 16_000 * P)
    assert "must register for VAT" in tax_year_summary(session, Y).vat_warning


def test_empty_year_is_calm(session: Session) -> None:
    s = tax_year_summary(session, Y)
    assert s.turnover_pence == 0 and s.estimate.total_pence == 0
    assert s.advice == "No income recorded yet for this year."
    assert s.vat_warning == ""


# --- Today -----------------------------------------------------------------------------


def test_today_shows_tax_deadlines_within_90_days(session: Session) -> None:
    assert upcoming(session, date(2026, 10, 31)) == []  # 31 January 2027 is 92 days away
    assert [d.when for d in upcoming(session, TODAY)] == [date(2027, 1, 31)] * 2  # 67 days
    soon = upcoming(session, date(2027, 1, 1))
    assert [d.when for d in soon] == [date(2027, 1, 31), date(2027, 1, 31)]
    items = [i for i in due_items(session, date(2027, 1, 20)) if i.area.value == "money"]
    assert any("Online tax return for 2025-26" in i.text and "31/01/2027" in i.text for i in items)
    save_tax_settings(session, TaxYear(2025), TaxSettingsDraft(first_year_of_trading=True))
    assert any("Register" in d.what for d in upcoming(session, date(2026, 9, 1)))


def test_invoice_payments_count_by_the_date_received(session: Session) -> None:
    from app.core.invoicing.models import Payment

    session.add_all(
        [
            Payment(received_on=date(2026, 4, 5), amount_pence=100_00, payer="A"),
            Payment(
                received_on=date(2026, 4, 6),
                amount_pence=250_00,
                payer="Linda",
                reference="INV-2026-0001",
            ),
            Payment(received_on=date(2027, 4, 5), amount_pence=50_00, payer="B"),
        ]
    )
    session.flush()
    income(session, date(2026, 7, 1), 20_00)
    s = tax_year_summary(session, Y)
    assert (s.invoice_income_pence, s.other_business_income_pence) == (300_00, 20_00)
    assert s.turnover_pence == 320_00
    assert [(r.source, r.description) for r in income_for_year(session, Y)][0] == (
        "invoice",
        "Linda – INV-2026-0001",
    )
    march = s.months[-1]
    assert (march.year, march.month, march.income_pence) == (2027, 3, 50_00)  # 5 April counts
