from __future__ import annotations

from petakan.lib.planning import programmes_without_rpjmd
from tests.lib.planning.conftest import programme


def test_it_lists_a_programme_linked_to_nothing_with_its_reason_and_id() -> None:
    result = programmes_without_rpjmd([programme(1, name="Poskamling Pintar"), programme(2, sasaran={7})])
    assert result.evaluable
    assert [g.programme_id for g in result.gaps] == [1]
    assert "Poskamling Pintar" in result.gaps[0].reason_id
    assert "RPJMD" in result.gaps[0].reason_en and "traced" in result.gaps[0].reason_en


def test_a_link_to_an_rpjmd_program_alone_is_enough() -> None:
    assert programmes_without_rpjmd([programme(1, rpjmd_programs={3})]).gaps == []


def test_with_no_programmes_at_all_there_is_nothing_unlinked() -> None:
    result = programmes_without_rpjmd([])
    assert result.evaluable and result.gaps == []
