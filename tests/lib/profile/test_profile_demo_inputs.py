"""The demo reads the real Kendal facts: village hints and kecamatan population targets."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from petakan.lib.profile import DemoInputs, kecamatan_population, village_hints


@pytest.fixture(scope="module")
def hints(demo_inputs: DemoInputs) -> pd.DataFrame:
    v = demo_inputs.villages
    return village_hints(v, demo_inputs.potential_facts, demo_inputs.village_notes).set_index(v["code"])


def test_it_loads_all_286_villages_with_location_area_and_coast(demo_inputs: DemoInputs) -> None:
    v = demo_inputs.villages
    assert len(v) == 286 and v["code"].is_unique
    assert v[["lat", "lng", "area_km2", "coast_km"]].notna().all().all()
    assert (v["type"] == "kelurahan").sum() == 20


def test_desa_wisata_gondang_and_bendosari_are_tourism_villages(hints: pd.DataFrame) -> None:
    assert hints.loc["33.24.06.2003", "tourism"] and hints.loc["33.24.01.2011", "tourism"]
    assert hints.loc["33.24.06.2003", "highland"]
    assert hints.loc["33.24.01.2011", "attraction"] == "Curug Jeglong"


def test_the_kek_covers_kaliwungu_and_brangsong_with_mororejo_and_wonorejo_as_sites(hints: pd.DataFrame) -> None:
    kek = hints.index[hints["kek"]]
    assert {c[:8] for c in kek} == {"33.24.08", "33.24.09"} and len(kek) == 9 + 12
    assert set(hints.index[hints["industry_site"]]) == {"33.24.08.2015", "33.24.08.2014"}


def test_fish_auction_villages_are_coastal_fishing_hubs(hints: pd.DataFrame) -> None:
    hubs = set(hints.index[hints["fishing_hub"]])
    assert hubs == {"33.24.16.2016", "33.24.15.1019"}
    assert hints.loc[list(hubs), "coastal"].all()


def test_durian_and_bandeng_facts_reach_their_villages(hints: pd.DataFrame) -> None:
    assert set(hints.index[hints["durian"]]) == {"33.24.02.2012", "33.24.05.2013"}
    # Korowelanganyar (komoditas unggulan bandeng) and Bandengan ("tambak bandeng and udang").
    assert set(hints.index[hints["bandeng"]]) == {"33.24.13.2014", "33.24.15.1019"}
    assert {c[:8] for c in hints.index[hints["durian_kecamatan"]]} == {"33.24.04"}


def test_kecamatan_targets_follow_the_census_grown_to_the_year(demo_inputs: DemoInputs) -> None:
    n = demo_inputs.villages["kecamatan_code"].value_counts().sort_index()
    y2020 = kecamatan_population(demo_inputs.kecamatan_stats, demo_inputs.regency_facts, n, 2020)
    y2030 = kecamatan_population(demo_inputs.kecamatan_stats, demo_inputs.regency_facts, n, 2030)
    assert y2020.loc["33.24.01", "pop"] == pytest.approx(32586)
    assert y2020["pop"].sum() == pytest.approx(1018505)
    # Ten more years at the 2010-2020 census growth factor: ×1,018,505/900,313.
    assert y2030["pop"].sum() == pytest.approx(1018505 * 1018505 / 900313)
    assert y2020.loc["33.24.01", "male_share"] == pytest.approx(105.2 / 205.2)


def test_kecamatan_without_a_census_figure_share_the_remainder_by_village_count_with_a_warning(
    demo_inputs: DemoInputs, caplog: pytest.LogCaptureFixture
) -> None:
    n = demo_inputs.villages["kecamatan_code"].value_counts().sort_index()
    with caplog.at_level(logging.WARNING, logger="petakan.lib.profile.demo"):
        targets = kecamatan_population(demo_inputs.kecamatan_stats, demo_inputs.regency_facts, n, 2020)
    # 335,905 persons over Weleri 16, Cepiring 15, Patebon 18, Kendal 20, Rowosari 16, Kangkung 15 villages.
    assert targets.loc["33.24.15", "pop"] == pytest.approx(335905 * 20 / 100)
    assert "split by village count" in caplog.text and "33.24.15" in caplog.text
    assert "Dukcapil ratio" in caplog.text


def test_it_refuses_to_fill_missing_kecamatan_without_the_regency_total(demo_inputs: DemoInputs) -> None:
    n = demo_inputs.villages["kecamatan_code"].value_counts().sort_index()
    facts = demo_inputs.regency_facts[demo_inputs.regency_facts["indicator"] != "pop_census_2020"]
    with pytest.raises(ValueError, match="pop_census_2020"):
        kecamatan_population(demo_inputs.kecamatan_stats, facts, n, 2024)
