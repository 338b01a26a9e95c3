"""Bank statements: the four banks' CSV layouts and OFX read, money in matched to open
invoices (number, then amount and name, then the carer's choice), payments made through the
invoicing services, expenses from known suppliers, and a file imported twice adds nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.core.bank.importing import import_statement, preview_import
from app.core.bank.models import BankLayout, BankTransaction
from app.core.bank.statements import StatementError, parse_pence, read_statement
from app.core.invoicing.balances import balance_pence
from app.core.invoicing.models import Invoice, InvoiceStatus, Payment
from app.core.money.expenses import ExpenseDraft, add_expense
from app.core.money.models import Expense, ExpenseCategory
from tests.conftest import TODAY
from tests.core.test_invoicing import make_business, make_client
from tests.core.test_invoicing_payments import issued

SAMPLES = Path(__file__).parent.parent / "data" / "bank"
IN_LINE = (date(2026, 11, 20), 15000)
OUT_LINE = (date(2026, 11, 21), -4250, "CAREWEAR UNIFORMS LTD")


@pytest.mark.parametrize(
    "name",
    ["barclays.csv", "lloyds.csv", "natwest.csv", "nationwide.csv", "hsbc.csv", "sample.ofx"],
)
def test_each_bank_layout_reads_dates_amounts_and_references(name: str) -> None:
    lines, _, _ = read_statement(None, (SAMPLES / name).read_bytes())
    by_day = {(x.posted_on, x.amount_pence): x.description for x in lines}
    assert "INV" in by_day[IN_LINE] and "0001" in by_day[IN_LINE]
    assert by_day[OUT_LINE[:2]].startswith(OUT_LINE[2])


def test_amounts_and_unreadable_files() -> None:
    assert parse_pence("£1,234.50") == 123450
    assert parse_pence("(12.00)") == -1200 and parse_pence("12.00 DR") == -1200
    assert parse_pence("") is None
    with pytest.raises(StatementError, match="date and amount"):
        read_statement(None, b"name,colour\nA,blue\n")
    with pytest.raises(StatementError, match="OFX"):
        read_statement(None, b"OFXHEADER:100\n<OFX><nonsense")
    bad_amount = (SAMPLES / "sample.ofx").read_bytes().replace(b"150.00", b"abc")
    with pytest.raises(StatementError, match="OFX"):
        read_statement(None, bad_amount)


@pytest.fixture
def world(session):  # type: ignore[no-untyped-def]
    make_business(session)
    cid = make_client(session, "Ann Example", payer="Ann Example", standard_rate_pence=5000)
    first = issued(session, cid, 9, hours=3)  # £150, INV-0001
    other = make_client(session, "Jo Payerson", payer="Jo Payerson")
    second = issued(session, other, 10, hours=4)  # £80
    third = issued(session, other, 11, hours=4)  # £80 again: amount alone is not enough
    return session, first, second, third


def _csv(*rows: str) -> bytes:
    return ("Date,Description,Amount\n" + "\n".join(rows) + "\n").encode()


def test_match_by_number_then_amount_and_name_then_choice(world) -> None:  # type: ignore[no-untyped-def]
    session, first, second, third = world
    data = _csv(
        f"20/11/2026,FASTER PAYMENT A N EXAMPLE {first.number.replace('-', '')},150.00",
        "21/11/2026,PAYERSON J NOV CARE,80.00",
        "22/11/2026,MYSTERY DONOR,80.00",
    )
    plan = preview_import(session, data).lines
    assert [(p.action, p.invoice_number) for p in plan] == [
        ("payment", first.number),
        ("skip", None),  # two open £80 invoices for the same payer: the carer chooses
        ("skip", None),
    ]
    assert {c[1] for c in plan[1].choices} == {second.number, third.number}
    assert session.scalar(select(func.count()).select_from(Payment)) == 0  # preview only


def test_amount_and_name_match_when_only_one_fits(world) -> None:  # type: ignore[no-untyped-def]
    session, first, second, third = world
    [p] = preview_import(session, _csv("21/11/2026,JO PAYERSON,80.00")).lines
    assert p.action == "skip"  # still two £80 invoices for Jo
    [p] = preview_import(session, _csv("21/11/2026,ANN EXAMPLE SEPT,150.00")).lines
    assert (p.action, p.invoice_number) == ("payment", first.number)


def test_import_pays_the_invoice_once(world) -> None:  # type: ignore[no-untyped-def]
    session, first, *_ = world
    data = (SAMPLES / "barclays.csv").read_bytes()
    result = import_statement(session, data, today=TODAY).value
    assert [p.as_json()["action"] for p in result.lines] == ["payment", "skip", "skip"]
    assert balance_pence(session, first) == 0 and first.status == InvoiceStatus.PAID
    [payment] = session.scalars(select(Payment))
    assert payment.amount_pence == 15000 and payment.payer == "Ann Example"
    assert [a.invoice_id for a in payment.allocations] == [first.id]
    again = import_statement(session, data, today=TODAY).value
    assert {p.action for p in again.lines} == {"duplicate"}
    assert session.scalar(select(func.count()).select_from(Payment)) == 1
    assert session.scalar(select(func.count()).select_from(BankTransaction)) == 3
    assert session.scalar(select(func.count()).select_from(BankLayout)) == 1  # remembered


def test_money_out_becomes_an_expense_from_a_known_supplier(world) -> None:  # type: ignore[no-untyped-def]
    session, *_ = world
    add_expense(
        session,
        ExpenseDraft(
            spent_on=date(2026, 5, 1),
            supplier="Carewear Uniforms",
            amount_pence=3000,
            category=ExpenseCategory.CLOTHING,
        ),
        today=TODAY,
    )
    data = (SAMPLES / "sample.ofx").read_bytes()
    result = import_statement(session, data, today=TODAY).value
    assert [p.action for p in result.lines] == ["payment", "expense"]
    new = session.scalars(select(Expense).where(Expense.spent_on == date(2026, 11, 21))).one()
    assert (new.category, new.amount_pence, new.supplier) == ("clothing", 4250, "Carewear Uniforms")
    assert {p.action for p in import_statement(session, data, today=TODAY).value.lines} == {
        "duplicate"
    }


def test_two_identical_lines_in_one_file_are_both_kept(world) -> None:  # type: ignore[no-untyped-def]
    session, *_ = world
    data = _csv("21/11/2026,CAFE,-3.00", "21/11/2026,CAFE,-3.00")
    result = import_statement(session, data, today=TODAY).value
    assert [p.action for p in result.lines] == ["skip", "skip"]
    assert session.scalar(select(func.count()).select_from(BankTransaction)) == 2


def test_bank_import_command_json_and_dry_run(
    demo_store,
    passphrase_env,
    tmp_path,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    with demo_store.reading() as s:
        inv = next(
            i
            for i in s.scalars(select(Invoice).where(Invoice.status == InvoiceStatus.ISSUED))
            if balance_pence(s, i) > 0
        )
        number, owed = inv.number, balance_pence(s, inv)
    data_dir = str(demo_store.data_dir)
    demo_store.close()
    statement = tmp_path / "s.csv"
    statement.write_bytes(_csv(f"{TODAY:%d/%m/%Y},PAYMENT {number},{owed / 100:.2f}"))
    code = main(["--data-dir", data_dir, "bank", "import", str(statement), "--dry-run", "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0 and rows[0]["match"] == number and rows[0]["action"] == "payment"
    assert set(rows[0]) == {"date", "amount_pence", "description", "match", "action"}
    assert main(["--data-dir", data_dir, "bank", "import", str(statement), "--json"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data_dir, "bank", "import", str(statement), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["action"] == "duplicate"
    missing = main(["--data-dir", data_dir, "bank", "import", str(tmp_path / "nope.csv")])
    assert missing == 2 and "could not read" in capsys.readouterr().err


def test_import_names_invoices_and_money(world) -> None:  # type: ignore[no-untyped-def]
    from app.core.changes import Area, changes

    session, *_ = world
    done = import_statement(session, _csv("21/11/2026,CAFE,-3.00"), today=TODAY)
    assert done.changes == changes(Area.INVOICES, Area.MONEY)
