"""Numbers on the economy pages: Indonesian decimal comma and dot groups, rounded rather than cut off."""

from __future__ import annotations

import math

from django.utils import translation

from petakan.economy.formatting import format_number


def test_indonesian_numbers_use_a_decimal_comma_and_dot_groups() -> None:
    with translation.override("id"):
        assert format_number(35286233.79, 2) == "35.286.233,79"
        assert format_number(1.2649, 2) == "1,26"


def test_english_numbers_use_a_decimal_point_and_comma_groups() -> None:
    with translation.override("en"):
        assert format_number(35286233.79, 2) == "35,286,233.79"


def test_numbers_are_rounded_not_truncated() -> None:
    with translation.override("id"):
        assert format_number(-1234.5599999998137, 2) == "-1.234,56"
        assert format_number(2.999, 1) == "3,0"
        assert format_number(-0.0001, 2) == "0,00"


def test_an_undefined_number_is_a_dash() -> None:
    assert format_number(None) == "–"
    assert format_number(math.nan) == "–"
