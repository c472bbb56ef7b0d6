"""Targets and realised values are text in the plan; they are read as numbers only where that is honest, and a
qualitative target is met only by the same word."""

from __future__ import annotations

import pytest

from petakan.lib.monitoring import (
    BEHIND,
    MET,
    NO_TARGET,
    NO_VALUE,
    compare,
    lower_is_better,
    parse_value,
    target_for_year,
)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("40", 40.0),
        ("40,5", 40.5),
        ("40 %", 40.0),
        ("40%", 40.0),
        ("40.5", 40.5),
        ("1.250", 1250.0),
        ("1.250.000", 1_250_000.0),
        ("1.250,5", 1250.5),
        ("1,250.5", 1250.5),
        ("1,250,000", 1_250_000.0),
        (" 12 ", 12.0),
        ("-3,2", -3.2),
        (7, 7.0),
    ],
)
def test_it_reads_numbers_as_plans_write_them(text: str, number: float) -> None:
    assert parse_value(text) == pytest.approx(number)


@pytest.mark.parametrize("text", ["WTP", "A", "", None, "12 unit", "baik", "%"])
def test_it_reads_no_number_from_words_or_nothing(text: str | None) -> None:
    assert parse_value(text) is None


def test_a_number_at_or_above_its_target_is_met_and_below_is_behind() -> None:
    assert compare("40", "40,0") == MET
    assert compare("40 %", "41") == MET
    assert compare("40,5", "40,4") == BEHIND


def test_a_target_that_aims_down_is_met_at_or_below_it() -> None:
    assert lower_is_better("12,5", "9")  # poverty from 12.5 % to 9 %
    assert not lower_is_better("40", "60")
    assert compare("9", "8,7", lower_better=True) == MET
    assert compare("9", "9,4", lower_better=True) == BEHIND


def test_a_qualitative_target_is_met_only_by_the_same_word() -> None:
    assert compare("WTP", "wtp") == MET
    assert compare("WTP", " WTP ") == MET
    assert compare("WTP", "WDP") == BEHIND
    assert compare("WTP", "90") == BEHIND
    assert compare("A", "B") == BEHIND


def test_nothing_entered_or_no_target_is_neither_met_nor_behind() -> None:
    assert compare("40", "") == NO_VALUE
    assert compare("", "40") == NO_TARGET
    assert compare(None, None) == NO_TARGET


def test_the_year_target_comes_from_the_yearly_targets_else_from_the_end_target_of_its_year() -> None:
    targets = {"2024": "20", "2025": " "}
    assert target_for_year(targets, "60", 2026, 2024) == "20"
    assert target_for_year(targets, "60", 2026, 2025) == ""
    assert target_for_year(targets, "60", 2026, 2026) == "60"
    assert target_for_year({}, "60", None, 2026) == ""
