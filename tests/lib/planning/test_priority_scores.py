from __future__ import annotations

import pytest

from petakan.lib.planning import PriorityWeights, VillageTable, priority_scores, quick_win_shortlist
from tests.lib.planning.conftest import programme

SCORES = {"living_health": 40.0, "gov_service": 80.0, "econ_welfare": None}


def test_it_combines_the_four_components_with_the_weights() -> None:
    villages = VillageTable.build(["33.24.01.2001", "33.24.01.2002", "33.24.02.2001", "33.24.02.2002"])
    p = programme(
        1, elements={"living_health", "gov_service"}, districts={"33.24.01"}, rpjmd_programs={5}, feasibility=4
    )
    (result,) = priority_scores(
        [p], SCORES, villages, PriorityWeights(gap=0.4, people=0.2, alignment=0.2, feasibility=0.2)
    )
    # gap = mean(0.6, 0.2) = 0.4; people = 2/4 villages; alignment 1 (RPJMD program); feasibility (4-1)/4
    assert result.components == pytest.approx({"gap": 0.4, "people": 0.5, "alignment": 1.0, "feasibility": 0.75})
    assert result.score == pytest.approx(100 * (0.4 * 0.4 + 0.2 * 0.5 + 0.2 * 1.0 + 0.2 * 0.75))
    assert "share of villages reached" in result.explanation_en


def test_people_affected_uses_population_when_known() -> None:
    villages = VillageTable.build(["33.24.01.2001", "33.24.02.2001"], population=[3000, 1000])
    (result,) = priority_scores([programme(1, villages={"33.24.01.2001"})], {}, villages)
    assert result.components["people"] == pytest.approx(0.75)
    assert "share of villages" not in result.explanation_en


def test_missing_components_are_left_out_and_named() -> None:
    villages = VillageTable.build(["33.24.01.2001"])
    p = programme(1, elements={"econ_welfare"}, sasaran={2}, whole_regency=True)
    (result,) = priority_scores([p], SCORES, villages, PriorityWeights(0.35, 0.25, 0.25, 0.15))
    assert result.components["gap"] is None and result.components["feasibility"] is None
    # only people (1.0 × 0.25) and alignment (0.5 × 0.25) count, divided by 0.5
    assert result.score == pytest.approx(100 * (0.25 + 0.125) / 0.5)
    assert "gap size" in result.explanation_en.split("not evaluable")[1]
    assert "kesenjangan" in result.explanation_id.split("tidak dinilai")[1]


def test_the_quick_win_shortlist_takes_the_best_open_quick_wins() -> None:
    villages = VillageTable.build(["33.24.01.2001"])
    programmes = [
        programme(1, name="a", horizon="quick_win", feasibility=5, rpjmd_programs={1}),
        programme(2, name="b", horizon="quick_win", feasibility=1),
        programme(3, name="c", horizon="quick_win", feasibility=5, status="done"),
        programme(4, name="d", horizon="medium", feasibility=5, rpjmd_programs={1}),
        programme(5, name="e", horizon="quick_win", feasibility=3, sasaran={1}),
    ]
    shortlist = quick_win_shortlist(programmes, priority_scores(programmes, {}, villages), n=2)
    assert [p.id for p, _ in shortlist] == [1, 5]


def test_with_no_programmes_there_are_no_priorities() -> None:
    assert priority_scores([], SCORES, VillageTable.build([])) == []
    assert quick_win_shortlist([], []) == []
