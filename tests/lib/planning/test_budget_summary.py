from __future__ import annotations

from petakan.lib.planning import BudgetLine, budget_summary
from tests.lib.planning.conftest import programme


def test_it_sums_by_dimension_horizon_year_and_source() -> None:
    a = programme(
        1, dimension="gov", horizon="quick_win", budget=(BudgetLine(2024, 100.0, "apbd"), BudgetLine(2025, 50.0, "csr"))
    )
    b = programme(2, dimension="living", horizon="medium", budget=(BudgetLine(2024, 30.0, "apbd"),))
    c = programme(3, dimension="living", horizon="long")
    s = budget_summary([a, b, c])
    assert s.total == 180.0
    assert s.by_dimension == {"gov": 150.0, "living": 30.0}
    assert s.by_horizon == {"quick_win": 150.0, "medium": 30.0, "long": 0.0}
    assert s.by_year == {2024: 130.0, 2025: 50.0}
    assert s.by_source == {"apbd": 130.0, "csr": 50.0}
    assert s.by_dimension_year == {"gov": {2024: 100.0, 2025: 50.0}, "living": {2024: 30.0}}
    assert s.unbudgeted == [3]


def test_with_no_programmes_the_budget_is_empty() -> None:
    s = budget_summary([])
    assert s.total == 0 and s.by_dimension == {} and s.by_year == {}
