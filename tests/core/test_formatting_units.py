"""Hours, miles and rates are written one way on every screen, PDF and command."""

from __future__ import annotations

from app.core.formatting import format_hours, format_miles, format_rate


def test_hours_and_minutes_never_decimal_hours() -> None:
    got = [format_hours(m) for m in (65, 90, 60, 120, 45, 5, 0, 605, 6005, -30)]
    assert got == [
        "1 h 05 min",
        "1 h 30 min",
        "1 h",
        "2 h",
        "45 min",
        "5 min",
        "0 min",
        "10 h 05 min",
        "100 h 05 min",
        "-30 min",
    ]


def test_miles_in_tenths_with_one_decimal() -> None:
    assert [format_miles(t) for t in (125, 120, 3, 0, 12340, -5)] == [
        "12.5",
        "12.0",
        "0.3",
        "0.0",
        "1,234.0",
        "-0.5",
    ]


def test_rates_per_hour_and_per_mile() -> None:
    assert format_rate(2400, "hour") == "£24.00/h"
    assert format_rate(45, "mile") == "45p/mile"
    assert format_rate(99, "mile") == "99p/mile"
    assert format_rate(100, "mile") == "£1.00/mile"
    assert format_rate(125, "mile") == "£1.25/mile"
