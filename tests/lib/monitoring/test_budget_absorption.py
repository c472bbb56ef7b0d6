"""Budget absorption = spent / planned over the same years (and source); a multi-year programme is summed over the
years considered, never averaged; nothing planned → no percentage."""

from __future__ import annotations

import pytest

from petakan.lib.monitoring import Money, absorption

# a hand-made three-year programme: 2024–2026, APBD every year and CSR in 2025
PLANNED = [
    Money(2024, "apbd", 100_000_000),
    Money(2025, "apbd", 200_000_000),
    Money(2025, "csr", 50_000_000),
    Money(2026, "apbd", 300_000_000),
]
SPENT = [
    Money(2024, "apbd", 90_000_000),
    Money(2025, "apbd", 120_000_000),
    Money(2025, "csr", 50_000_000),
]


def test_one_year_absorption_is_that_years_spend_over_that_years_budget() -> None:
    a = absorption(PLANNED, SPENT, [2025])
    assert (a.planned, a.spent) == (250_000_000, 170_000_000)
    assert a.pct == pytest.approx(68.0)


def test_several_years_are_summed_not_averaged() -> None:
    a = absorption(PLANNED, SPENT, [2024, 2025])
    assert (a.planned, a.spent) == (350_000_000, 260_000_000)
    assert a.pct == pytest.approx(100 * 260 / 350)  # 74.3 %, where the mean of 90 % and 68 % would say 79 %


def test_the_whole_programme_counts_its_future_budget_as_not_yet_spent() -> None:
    a = absorption(PLANNED, SPENT)
    assert (a.planned, a.spent) == (650_000_000, 260_000_000)
    assert a.pct == pytest.approx(40.0)


def test_one_source_at_a_time() -> None:
    assert absorption(PLANNED, SPENT, [2025], "csr").pct == pytest.approx(100.0)
    assert absorption(PLANNED, SPENT, None, "apbd").pct == pytest.approx(100 * 210 / 600)


def test_nothing_planned_gives_no_percentage_even_when_money_was_spent() -> None:
    a = absorption([], [Money(2024, "other", 5)], [2024])
    assert a.spent == 5 and a.pct is None
