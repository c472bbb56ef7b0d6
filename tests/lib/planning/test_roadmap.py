from __future__ import annotations

import pytest

from petakan.lib.planning import BudgetLine, PlanningConfigError, roadmap
from tests.lib.planning.conftest import programme


def test_a_programme_counts_in_every_year_it_runs() -> None:
    programmes = [
        programme(1, dimension="gov", start_year=2023, end_year=2025, budget=(BudgetLine(2024, 10.0),)),
        programme(2, dimension="env", start_year=2024),
        programme(3, dimension="env"),
    ]
    r = roadmap(programmes, ["gov", "env", "living"])
    assert r.years == [2023, 2024, 2025]
    assert r.counts == {"gov": [1, 1, 1], "env": [0, 1, 0], "living": [0, 0, 0]}
    assert r.budget["gov"] == [0.0, 10.0, 0.0]
    assert r.undated == [3]


def test_an_unknown_dimension_is_an_error() -> None:
    with pytest.raises(PlanningConfigError):
        roadmap([programme(1, dimension="smart_mobility", start_year=2024)], ["gov"])


def test_with_no_programmes_the_road_map_is_empty() -> None:
    r = roadmap([], ["gov"])
    assert r.years == [] and r.counts == {"gov": []}
