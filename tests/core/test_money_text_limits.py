"""parse_money never faults, whatever is typed (the window's money fields and the commands)."""

from __future__ import annotations

import pytest

from app.core.errors import ValidationError
from app.core.formatting import parse_money


@pytest.mark.parametrize(
    "text", ["1e309", "1E+400", "9" * 40, "-1e309", "1e999999999", "1000000000000000"]
)
def test_absurd_amounts_are_a_message_naming_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_money(text, "amount", allow_negative=True)
    assert caught.value.field == "amount"
    assert "large" in caught.value.message


@pytest.mark.parametrize(
    ("text", "pence"),
    [("1e3", 100000), ("£1,234.565", 123457), ("1e-400", 0), ("999999999999.99", 99999999999999)],
)
def test_ordinary_and_tiny_amounts_still_parse(text: str, pence: int) -> None:
    assert parse_money(text, "amount") == pence
