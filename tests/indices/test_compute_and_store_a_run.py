from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from petakan.indices import scores, services
from petakan.indices.models import Run, Unit, UnitScores
from petakan.regions.models import Area


@pytest.fixture
def stored(kendal, demo_profiles: pd.DataFrame) -> Run:
    fw = services.framework("smart-city-v1")
    computed = services.compute(fw, demo_profiles, sensitivity_runs=8)
    return services.store(computed, year=2026, profile_status="all", is_demo=True)


def test_a_run_covers_all_286_villages_and_names_its_framework(stored: Run) -> None:
    assert stored.is_current and stored.framework == "smart-city-v1" and len(stored.framework_hash) == 64
    villages = scores.node_values(stored, Unit.VILLAGE, "sci")
    assert len(villages) == 286
    assert stored.n_units == sum(v is not None for v in villages.values()) > 270


def test_a_village_with_too_little_data_gets_no_score(stored: Run, demo_profiles: pd.DataFrame) -> None:
    fw = services.framework("smart-city-v1")
    measured = fw.compute_indicators(demo_profiles).notna().mean(axis=1)
    sparse = measured[measured < 0.6].index
    assert len(sparse) >= 1
    index = scores.node_values(stored, Unit.VILLAGE, "sci")
    for code in sparse:
        assert index[code] is None
        village = scores.unit_scores(stored, Unit.VILLAGE, Area.objects.get(code=code))
        assert all(s.value is None for s in village.values() if s.level != "indicator")


def test_kecamatan_and_regency_aggregates_equal_an_independent_recomputation(stored: Run, demo_profiles) -> None:
    village = pd.Series(scores.node_values(stored, Unit.VILLAGE, "gov"), dtype=float)
    kec = village.groupby(village.index.str[:8]).mean()
    simple = scores.node_values(stored, Unit.DISTRICT, "gov")
    assert set(simple) == set(kec.index)
    for code, expected in kec.items():
        assert simple[code] == pytest.approx(expected)
    population = demo_profiles["pop_male"] + demo_profiles["pop_female"]
    valid = village.dropna()
    weighted = (valid * population[valid.index]).groupby(valid.index.str[:8]).sum() / population[valid.index].groupby(
        valid.index.str[:8]
    ).sum()
    by_population = scores.node_values(stored, Unit.DISTRICT_WEIGHTED, "gov")
    for code, expected in weighted.items():
        assert by_population[code] == pytest.approx(expected)
    assert scores.node_values(stored, Unit.REGENCY, "gov") == {"33.24": pytest.approx(valid.mean())}
    zones = demo_profiles["geo_zone"]
    by_zone = scores.node_values(stored, Unit.ZONE, "gov")
    for zone, expected in valid.groupby(zones[valid.index]).mean().items():
        assert by_zone[zone] == pytest.approx(expected)


def test_recomputing_makes_a_new_current_run_and_keeps_the_old_one(stored: Run, demo_profiles) -> None:
    fw = services.framework("smart-city-v1")
    second = services.store(
        services.compute(fw, demo_profiles, sensitivity_runs=0), year=2026, profile_status="all", is_demo=True
    )
    stored.refresh_from_db()
    assert second.is_current and not stored.is_current
    assert UnitScores.objects.filter(run=stored).count() == UnitScores.objects.filter(run=second).count() > 286


def test_index_scores_carry_rank_intervals(stored: Run) -> None:
    rows = UnitScores.objects.filter(run=stored, unit=Unit.VILLAGE).exclude(value=None)
    for row in rows[:20]:
        assert row.rank_low <= row.rank_median <= row.rank_high
    assert stored.sensitivity["indices"] and {r["assumption"] for r in stored.sensitivity["indices"]} >= {"weights"}
    ranks = np.array([r.rank for r in rows])
    assert sorted(ranks)[0] == 1
