from __future__ import annotations

from petakan.lib.planning import Sasaran, sasaran_without_programme
from tests.lib.planning.conftest import programme

SASARAN = [Sasaran(1, "1.1.1", "Meningkatnya investasi"), Sasaran(2, "1.1.2", "Menurunnya kemiskinan")]


def test_a_sasaran_no_programme_serves_is_listed() -> None:
    result = sasaran_without_programme(SASARAN, [programme(1, sasaran={1})])
    assert [g.sasaran_id for g in result.gaps] == [2]
    assert "1.1.2" in result.gaps[0].reason_id and "Menurunnya kemiskinan" in result.gaps[0].reason_en


def test_a_link_to_an_rpjmd_program_serves_its_sasaran() -> None:
    result = sasaran_without_programme(SASARAN, [programme(1, rpjmd_programs={10})], program_sasaran={10: 2})
    assert [g.sasaran_id for g in result.gaps] == [1]


def test_with_no_programmes_at_all_every_sasaran_is_listed() -> None:
    assert [g.sasaran_id for g in sasaran_without_programme(SASARAN, []).gaps] == [1, 2]


def test_without_a_cascade_the_rule_is_not_evaluable() -> None:
    result = sasaran_without_programme([], [programme(1)])
    assert result.evaluable is False and result.gaps == []
