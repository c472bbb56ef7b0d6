"""Numbers as Indonesian and English tables write them, decided for a whole file, never guessed per cell."""

from __future__ import annotations

import pytest

from petakan.lib.pdrb import CATEGORY_CODES, parse_number, parse_pdrb_grid


def _long_grid(values: list[str]) -> list[list[str]]:
    return [
        ["year", "category", "value"],
        *([["2020", code, v] for code, v in zip(CATEGORY_CODES, values, strict=True)]),
    ]


def test_it_reads_indonesian_thousands_dots_and_decimal_comma() -> None:
    assert parse_number("1.234.567,89", "id") == pytest.approx(1234567.89)
    assert parse_number("1234567,89", "id") == pytest.approx(1234567.89)
    assert parse_number("1.234", "id") == 1234.0


def test_it_reads_english_numbers() -> None:
    assert parse_number("1,234,567.89", "en") == pytest.approx(1234567.89)
    assert parse_number("1234567.89", "en") == pytest.approx(1234567.89)
    assert parse_number("1,234", "en") == 1234.0


@pytest.mark.parametrize(("text", "fmt"), [("1234.56", "id"), ("1.23,4", "id"), ("1,5", "en"), ("12a", "en")])
def test_it_rejects_a_number_not_valid_in_the_given_format(text: str, fmt: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text, fmt)  # type: ignore[arg-type]


def test_auto_applies_the_convention_of_the_unambiguous_cells_to_the_ambiguous_ones() -> None:
    # "2.000" alone could be 2 or 2000; "1.234,5" settles that the file is Indonesian.
    values = ["1.234,5", "2.000", *["10"] * 15]
    result = parse_pdrb_grid(_long_grid(values), layout="long")
    assert result.report.ok, result.report.issues
    assert result.report.number_format == "id"
    assert result.table is not None
    assert result.table.values[0, 0] == pytest.approx(1234.5)
    assert result.table.values[1, 0] == 2000.0


def test_a_file_mixing_indonesian_and_english_numbers_is_an_error() -> None:
    values = ["1.234,5", "1,234.5", *["10"] * 15]
    result = parse_pdrb_grid(_long_grid(values), layout="long")
    (issue,) = result.report.of_kind("mixed_number_formats")
    assert "C2" in issue.message and "C3" in issue.message
    assert result.table is None


def test_an_ambiguous_number_that_nothing_settles_is_an_error_naming_the_cell() -> None:
    values = ["2.000", *["10"] * 16]
    result = parse_pdrb_grid(_long_grid(values), layout="long")
    (issue,) = result.report.of_kind("ambiguous_number")
    assert issue.cell == "C2"
    assert issue.row == 2
    assert issue.category == "A"
    assert issue.value == "2.000"
    assert parse_pdrb_grid(_long_grid(values), layout="long", number_format="id").table is not None


def test_bps_nil_dash_is_zero_and_not_available_marks_are_reported() -> None:
    values = ["-", "...", "x", *["10"] * 14]
    result = parse_pdrb_grid(_long_grid(values), layout="long")
    missing = result.report.of_kind("missing_value")
    assert [(i.category, i.value) for i in missing] == [("B", "..."), ("C", "x")]
    fixed = parse_pdrb_grid(_long_grid(["-", "5", "5", *["10"] * 14]), layout="long")
    assert fixed.table is not None
    assert fixed.table.values[0, 0] == 0.0
