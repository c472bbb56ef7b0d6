from __future__ import annotations

from petakan.lib.planning import overlapping_programmes
from tests.lib.planning.conftest import NAMES, programme


def test_same_element_and_common_villages_overlap(villages) -> None:  # type: ignore[no-untyped-def]
    a = programme(1, name="A", elements={"living_health"}, villages={"33.24.01.2001", "33.24.01.2002"})
    b = programme(2, name="B", elements={"living_health", "gov_service"}, districts={"33.24.01"})
    result = overlapping_programmes([a, b], villages, names=NAMES)
    assert [(g.programme_id, g.other_programme_id) for g in result.gaps] == [(1, 2)]
    assert "2 desa/kelurahan yang sama" in result.gaps[0].reason_id
    assert "Health" in result.gaps[0].reason_en and "Service" not in result.gaps[0].reason_en


def test_same_element_in_different_villages_does_not_overlap(villages) -> None:  # type: ignore[no-untyped-def]
    a = programme(1, elements={"living_health"}, districts={"33.24.01"})
    b = programme(2, elements={"living_health"}, districts={"33.24.02"})
    assert overlapping_programmes([a, b], villages).gaps == []


def test_same_villages_but_different_elements_do_not_overlap(villages) -> None:  # type: ignore[no-untyped-def]
    a = programme(1, elements={"living_health"}, whole_regency=True)
    b = programme(2, elements={"gov_service"}, whole_regency=True)
    assert overlapping_programmes([a, b], villages).gaps == []


def test_a_whole_regency_programme_overlaps_any_programme_on_its_element(villages) -> None:  # type: ignore[no-untyped-def]
    a = programme(1, elements={"econ_welfare"}, whole_regency=True)
    b = programme(2, elements={"econ_welfare"}, villages={"33.24.02.2003"})
    c = programme(3, elements={"econ_welfare"}, whole_regency=True)
    result = overlapping_programmes([a, b, c], villages)
    assert [(g.programme_id, g.other_programme_id) for g in result.gaps] == [(1, 2), (1, 3), (2, 3)]
    assert "across the whole regency" in result.gaps[1].reason_en


def test_with_no_programmes_at_all_nothing_overlaps(villages) -> None:  # type: ignore[no-untyped-def]
    result = overlapping_programmes([], villages)
    assert result.evaluable and result.gaps == []
