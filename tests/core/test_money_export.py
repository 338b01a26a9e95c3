"""CSV export, the one-page PDF summary, the `daybook tax` and `daybook export` commands,
and the demo's money records."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.core.money.expenses import ExpenseDraft, add_expense, list_expenses, receipt_of
from app.core.money.export import FILES, export_year
from app.core.money.income import OtherIncomeDraft, add_other_income
from app.core.money.mileage import JourneyDraft, add_journey
from app.core.money.models import ExpenseCategory
from app.core.money.summary import tax_year_summary
from app.core.money.tax_year import TaxYear
from app.documents.tax_summary_pdf import render_tax_summary
from app.storage.database import Store
from tests.conftest import TODAY

Y = TaxYear(2026)


def fill(store: Store) -> None:
    with store.unit_of_work() as s:
        add_other_income(
            s, OtherIncomeDraft(date(2026, 5, 2), "Sitting service, cash", 24_000_00), today=TODAY
        )
        add_expense(
            s,
            ExpenseDraft(
                date(2026, 6, 3),
                "Simply Business",
                ExpenseCategory.PREMISES_INSURANCE,
                "Public liability",
                95_40,
            ),
            today=TODAY,
        )
        add_expense(
            s,
            ExpenseDraft(
                date(2026, 7, 9), "DBS Update Service", ExpenseCategory.PROFESSIONAL, "", 16_00
            ),
            today=TODAY,
        )
        add_expense(
            s,
            ExpenseDraft(
                date(2026, 8, 1), "Medisupplies", ExpenseCategory.CLOTHING, "Gloves", 1_000_00
            ),
            today=TODAY,
        )
        add_journey(
            s,
            JourneyDraft(date(2026, 6, 4), "Home", "Tesco, Taunton", "Shopping for a client", 155),
            today=TODAY,
        )


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_export_writes_four_csv_files_in_en_gb(store: Store, tmp_path: Path) -> None:
    fill(store)
    with store.reading() as s:
        paths = export_year(s, Y, tmp_path / "out")
    assert [p.name for p in paths] == list(FILES)
    income = read_csv(tmp_path / "out" / "income.csv")
    assert income[1] == ["02/05/2026", "Other business income", "Sitting service, cash", "24000.00"]
    expenses = read_csv(tmp_path / "out" / "expenses.csv")
    assert expenses[1][:5] == [
        "03/06/2026",
        "Simply Business",
        "Rent, rates, power and insurance",
        "Public liability",
        "95.40",
    ]
    mileage = read_csv(tmp_path / "out" / "mileage.csv")
    assert mileage[1] == [
        "04/06/2026",
        "Home",
        "Tesco, Taunton",
        "Shopping for a client",
        "15.5",
        "6.98",
        "Journey",
    ]
    rows = read_csv(tmp_path / "out" / "summary.csv")
    summary = {r[0]: r[1] for r in rows}
    assert summary["Turnover (cash basis)"] == "24000.00"
    assert summary["SA103S box 9: Your turnover (takings, fees, money earned)"] == "24000.00"
    # the boxes in the form's order, each with the form year the numbers were checked on
    boxes = [(r[0].split(":")[0], r[1]) for r in rows if r[0].startswith("SA103S box")]
    assert boxes == [
        ("SA103S box 9", "24000.00"),
        ("SA103S box 12", "6.98"),
        ("SA103S box 14", "95.40"),
        ("SA103S box 16", "16.00"),
        ("SA103S box 19", "1000.00"),
        ("SA103S box 20", "1118.38"),
        ("SA103S box 21", "22881.62"),
        ("SA103S box 28", "22881.62"),
        ("SA103S box 31", "22881.62"),
    ]
    notes = {r[2] for r in rows if r[0].startswith("SA103S box")}
    assert notes == {
        "Box numbers as on the SA103S form for 2023-24; to be checked on the form for 2026-27."
    }
    assert summary["Income Tax (estimate)"] == tax_amount(store)


def tax_amount(store: Store) -> str:
    with store.reading() as s:
        pence = tax_year_summary(s, Y).estimate.income_tax_pence
    return f"{pence // 100}.{pence % 100:02d}"


def test_pdf_summary_is_one_page_with_the_figures(store: Store) -> None:
    fill(store)
    with store.reading() as s:
        summary = tax_year_summary(s, Y)
    pdf = render_tax_summary(summary, trading_name="Helping Hands – Siobhán", carer_name="Sam")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for must in (
        "Tax year 2026-27",
        "£24,000.00",
        "Siobhán",
        "Income Tax",
        "Class 4",
        "Box 9",
        "Box 28",
        "to be checked on the form for 2026-27",
        "Page 1 of 1",
        "31/01/2028",
        "Making Tax Digital",
    ):
        assert must in text, must
    Path("/tmp/money-summary.pdf").write_bytes(pdf)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_estimate_needs_no_data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "nothing-here"
    code, out, _ = run(
        [
            "--data-dir",
            str(empty),
            "tax",
            "estimate",
            "--year",
            "2026-27",
            "--profit",
            "30000",
            "--json",
        ],
        capsys,
    )
    assert code == 0
    d = json.loads(out)
    assert (
        d["income_tax_pence"],
        d["class4_nic_pence"],
        d["total_pence"],
        d["personal_allowance_pence"],
    ) == (348600, 104580, 453180, 1257000)
    assert not (empty / "daybook.db").exists()
    code, out, _ = run(
        [
            "--data-dir",
            str(empty),
            "tax",
            "estimate",
            "--year",
            "2026-27",
            "--profit",
            "£60,000",
            "--other-income",
            "5000",
        ],
        capsys,
    )
    assert code == 0 and "Income Tax" in out and "£" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2026-27", "--profit", "-5"], "--profit: The amount cannot be negative."),
        (["--year", "2026-27", "--profit", "abc"], "--profit: “abc” is not an amount of money."),
        (["--year", "1999-00", "--profit", "30000"], "rates for 1999-00 are not in this version"),
        (["--year", "2031-32", "--profit", "30000"], "rates for 2031-32 are not in this version"),
        (["--year", "nonsense", "--profit", "30000"], "--year: “nonsense” is not a tax year"),
        (["--year", "2026-27", "--profit", "30000", "--other-income", "x"], "--other-income:"),
        (["--year", "2026-27"], "required: --profit"),
    ],
)
def test_cli_estimate_bad_arguments_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(["--data-dir", str(tmp_path), "tax", "estimate", *args], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_cli_summary_and_export(
    store: Store,
    data_dir: Path,
    passphrase_env: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    fill(store)
    store.close()
    code, out, err = run(
        ["--data-dir", str(data_dir), "tax", "summary", "--year", "2026-27", "--json"], capsys
    )
    assert code == 0, err
    d = json.loads(out)
    assert d["turnover_pence"] == 24_000_00 and d["year"] == "2026-27"
    assert {"income_tax_pence", "class4_nic_pence", "sa103s", "months", "deadlines"} <= set(d)
    code, out, err = run(
        ["--data-dir", str(data_dir), "tax", "summary", "--year", "2026-27"], capsys
    )
    assert code == 0 and "Turnover" in out
    dest = tmp_path / "for accountant"
    code, out, err = run(
        ["--data-dir", str(data_dir), "export", "csv", "--year", "2026-27", "--out", str(dest)],
        capsys,
    )
    assert code == 0, err
    assert sorted(p.name for p in dest.iterdir()) == sorted([*FILES, "tax-summary-2026-27.pdf"])
    code, out, err = run(
        ["--data-dir", str(data_dir), "export", "csv", "--year", "2031-32", "--out", str(dest)],
        capsys,
    )
    assert code == 2 and "rates for 2031-32 are not in this version" in err


def test_cli_summary_without_data_says_so(
    tmp_path: Path, passphrase_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        ["--data-dir", str(tmp_path / "none"), "tax", "summary", "--year", "2026-27"], capsys
    )
    assert code == 2 and "there is no Daybook data" in err


def test_demo_has_a_year_of_expenses_with_receipts(demo_store: Store) -> None:
    with demo_store.reading() as s:
        rows = list_expenses(s, Y) + list_expenses(s, Y.previous())
        with_receipt = [r for r in rows if r.receipt_mime]
        assert len(rows) >= 30 and len(with_receipt) >= 3
        assert {r.category for r in rows} >= {
            ExpenseCategory.CLOTHING,
            ExpenseCategory.OFFICE,
            ExpenseCategory.PREMISES_INSURANCE,
            ExpenseCategory.PROFESSIONAL,
        }
        _, mime, data = receipt_of(s, with_receipt[0].id)  # type: ignore[misc]
        assert mime == "image/png" and data.startswith(b"\x89PNG")
        summary = tax_year_summary(s, Y)
        assert summary.mileage_allowance_pence > 0 and summary.use_of_home_pence > 0
        assert summary.estimate.other_income_pence == 6_240_00
