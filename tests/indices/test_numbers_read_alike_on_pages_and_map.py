"""One number format for pages and map: half away from zero on the exact binary value, as the browser's
Intl.NumberFormat rounds the map's tooltips, so a score reads the same in a table and on the map."""

from __future__ import annotations

import math

import pytest
from django.utils import translation

from petakan.indices import reading
from petakan.maps import data


@pytest.mark.parametrize(
    ("value", "digits", "indonesian", "english"),
    [
        (52.25, 1, "52,3", "52.3"),  # exactly halfway in binary: Python's round() would give 52,2
        (0.125, 2, "0,13", "0.13"),
        (-0.25, 1, "-0,3", "-0.3"),
        (0.99, 1, "1,0", "1.0"),  # number_format alone would cut it to 0,9
        (2.675, 2, "2,67", "2.67"),  # 2.675 is 2.67499999… in binary: not halfway
        (1234.5, 0, "1235", "1235"),
    ],
)
def test_it_rounds_half_away_from_zero_on_the_exact_value(
    value: float, digits: int, indonesian: str, english: str
) -> None:
    with translation.override("id"):
        assert reading.fmt(value, digits) == indonesian
    with translation.override("en"):
        assert reading.fmt(value, digits) == english


@pytest.mark.parametrize("missing", [None, math.nan, math.inf])
def test_a_missing_value_is_a_dash(missing: float | None) -> None:
    assert reading.fmt(missing) == "–"


def test_the_map_uses_the_same_format_as_the_pages() -> None:
    assert data.fmt is reading.fmt
