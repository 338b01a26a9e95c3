from datetime import date

import pytest

from app.core import validators as v
from app.core.errors import ValidationError
from app.core.formatting import format_money, parse_date, parse_money


@pytest.mark.parametrize(
    "raw, clean", [("12-34-56", "12-34-56"), ("123456", "12-34-56"), (" 12 34 56 ", "12-34-56")]
)
def test_sort_code_accepts_common_forms(raw: str, clean: str) -> None:
    assert v.sort_code(raw) == clean


@pytest.mark.parametrize("raw", ["12-34-5", "ab-cd-ef", "1234567"])
def test_sort_code_refuses_wrong_forms(raw: str) -> None:
    with pytest.raises(ValidationError) as e:
        v.sort_code(raw)
    assert e.value.field == "sort_code"


@pytest.mark.parametrize(
    "raw, ok",
    [
        ("AB123456C", True),
        ("ab 12 34 56 c", True),
        ("QQ123456C", False),
        ("AB123456E", False),
        ("GB123456A", False),
        ("A1234567C", False),
    ],
)
def test_ni_number(raw: str, ok: bool) -> None:
    if ok:
        assert v.ni_number(raw) == raw.replace(" ", "").upper()
    else:
        with pytest.raises(ValidationError, match="National Insurance"):
            v.ni_number(raw)


def test_utr_is_ten_digits() -> None:
    assert v.utr("12345 67890") == "1234567890"
    assert v.utr("1234567890K") == "1234567890"
    with pytest.raises(ValidationError):
        v.utr("12345")


@pytest.mark.parametrize("raw", ["no-at-sign", "a@b", "two@@example.com", "sp ace@example.com"])
def test_email_refuses(raw: str) -> None:
    with pytest.raises(ValidationError):
        v.email(raw)


def test_birth_date_in_future_refused() -> None:
    with pytest.raises(ValidationError, match="future"):
        v.past_date(date(2030, 1, 1), "date_of_birth", "date of birth", today=date(2026, 1, 1))


@pytest.mark.parametrize(
    "pence, text",
    [(0, "£0.00"), (123456, "£1,234.56"), (-5, "-£0.05"), (100000000, "£1,000,000.00")],
)
def test_format_money(pence: int, text: str) -> None:
    assert format_money(pence) == text


@pytest.mark.parametrize("text, pence", [("18.50", 1850), ("£1,234.565", 123457), ("0.005", 1)])
def test_parse_money_rounds_half_up(text: str, pence: int) -> None:
    assert parse_money(text, "amount") == pence


@pytest.mark.parametrize("text", ["", "abc", "-5", "nan", "inf"])
def test_parse_money_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_money(text, "amount")
    assert e.value.field == "amount"


def test_parse_date_en_gb() -> None:
    assert parse_date("05/04/2027", "d") == date(2027, 4, 5)
    with pytest.raises(ValidationError, match="dd/mm/yyyy"):
        parse_date("31/02/2027", "d")
