from __future__ import annotations

from petakan.lib.planning import GapSettings, VillageTable, low_villages_without_programme
from tests.lib.planning.conftest import programme


def test_the_bottom_fifth_without_a_programme_is_listed_lowest_first(villages) -> None:  # type: ignore[no-untyped-def]
    # 9 scored villages; the bottom fifth are those with fewer than 1.8 villages below them: scores 10 and 20
    result = low_villages_without_programme(villages, [])
    assert result.evaluable
    assert [g.village for g in result.gaps] == ["33.24.01.2001", "33.24.01.2002"]
    assert "Desa 1 (Kec. Plantungan)" in result.gaps[0].reason_id
    assert "rank 1 from the bottom of 9 villages" in result.gaps[0].reason_en


def test_a_village_with_no_score_is_not_low(villages) -> None:  # type: ignore[no-untyped-def]
    result = low_villages_without_programme(villages, [], GapSettings(village_bottom_share=1.0))
    assert "33.24.02.2005" not in {g.village for g in result.gaps}
    assert len(result.gaps) == 9


def test_a_village_without_a_score_but_idm_tertinggal_is_low() -> None:
    table = VillageTable.build(
        ["33.24.01.2001", "33.24.01.2002", "33.24.01.2003"],
        index=[None, 55.0, 60.0],
        idm=["Sangat Tertinggal", "Maju", "Berkembang"],
    )
    result = low_villages_without_programme(table, [], GapSettings(village_bottom_share=0.2))
    assert [g.village for g in result.gaps] == ["33.24.01.2002", "33.24.01.2001"]
    assert "IDM Sangat Tertinggal" in result.gaps[1].reason_id


def test_a_programme_for_the_whole_regency_reaches_every_village(villages) -> None:  # type: ignore[no-untyped-def]
    result = low_villages_without_programme(villages, [programme(1, whole_regency=True)])
    assert result.evaluable and result.gaps == []


def test_a_programme_targeting_the_kecamatan_reaches_its_villages(villages) -> None:  # type: ignore[no-untyped-def]
    result = low_villages_without_programme(
        villages, [programme(1, districts={"33.24.01"})], GapSettings(village_bottom_share=1.0)
    )
    assert {g.village[:8] for g in result.gaps} == {"33.24.02"}


def test_a_programme_targeting_one_village_reaches_only_that_village(villages) -> None:  # type: ignore[no-untyped-def]
    result = low_villages_without_programme(villages, [programme(1, villages={"33.24.01.2001"})])
    assert [g.village for g in result.gaps] == ["33.24.01.2002"]


def test_with_neither_scores_nor_idm_the_rule_is_not_evaluable() -> None:
    table = VillageTable.build(["33.24.01.2001"], index=[None])
    result = low_villages_without_programme(table, [])
    assert result.evaluable is False and result.gaps == []


def test_idm_only_is_evaluable_with_a_note() -> None:
    table = VillageTable.build(["33.24.01.2001", "33.24.01.2002"], idm=["Tertinggal", "Mandiri"])
    result = low_villages_without_programme(table, [])
    assert [g.village for g in result.gaps] == ["33.24.01.2001"]
    assert "only IDM statuses" in result.notes_en[0]
