from __future__ import annotations

from petakan.lib.planning import GapSettings, weak_elements_without_programme
from tests.lib.planning.conftest import NAMES, programme

SCORES = {
    "gov_service": 80.0,
    "living_health": 45.0,
    "econ_welfare": 60.0,
    "env_waste": 70.0,
    "brand_tourism": 90.0,
    "society_security": 85.0,
}


def test_an_element_below_the_threshold_without_a_programme_is_listed() -> None:
    result = weak_elements_without_programme(
        SCORES, [], GapSettings(low_threshold=50, element_bottom_share=0), names=NAMES
    )
    assert [g.element for g in result.gaps] == ["living_health"]
    assert "prasarana kesehatan" in result.gaps[0].reason_id and "45,0" in result.gaps[0].reason_id
    assert "below the threshold of 50.0" in result.gaps[0].reason_en


def test_the_bottom_third_is_weak_even_above_the_threshold() -> None:
    # six scored elements: the bottom third are the two lowest, 45 and 60
    result = weak_elements_without_programme(SCORES, [], GapSettings(low_threshold=10))
    assert [g.element for g in result.gaps] == ["living_health", "econ_welfare"]
    assert "rank 2 from the bottom of 6 elements" in result.gaps[1].reason_en


def test_a_programme_addressing_the_element_removes_the_gap() -> None:
    programmes = [programme(1, elements={"living_health"})]
    result = weak_elements_without_programme(SCORES, programmes, GapSettings(low_threshold=10))
    assert [g.element for g in result.gaps] == ["econ_welfare"]


def test_a_programme_addressing_an_indicator_of_the_element_addresses_the_element() -> None:
    programmes = [programme(1, indicators={"puskesmas_per_1000"})]
    result = weak_elements_without_programme(
        SCORES,
        programmes,
        GapSettings(low_threshold=50, element_bottom_share=0),
        indicator_element={"puskesmas_per_1000": "living_health"},
    )
    assert result.gaps == []


def test_without_any_score_the_rule_is_not_evaluable_rather_than_clean() -> None:
    for scores in ({}, {"gov_service": None, "living_health": None}):
        result = weak_elements_without_programme(scores, [])
        assert result.evaluable is False and result.gaps == []
        assert "not evaluable" in result.notes_en[0]


def test_an_element_without_a_score_is_not_low_and_is_named_in_a_note() -> None:
    result = weak_elements_without_programme({"gov_service": None, "living_health": 30.0}, [])
    assert [g.element for g in result.gaps] == ["living_health"]
    assert "gov_service" in result.notes_en[0]


def test_with_no_programmes_at_all_every_weak_element_is_listed() -> None:
    result = weak_elements_without_programme(SCORES, [], GapSettings(low_threshold=75, element_bottom_share=0))
    assert {g.element for g in result.gaps} == {"living_health", "econ_welfare", "env_waste"}
