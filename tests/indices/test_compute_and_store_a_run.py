from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from petakan.indices import services
from petakan.indices.models import Run, Score, Unit
from petakan.regions.models import Area


@pytest.fixture
def stored(kendal, demo_profiles: pd.DataFrame) -> Run:
    fw = services.framework("smart-city-v1")
    computed = services.compute(fw, demo_profiles, sensitivity_runs=8)
    return services.store(computed, year=2026, profile_status="all", is_demo=True)


def test_a_run_covers_all_286_villages_and_names_its_framework(stored: Run) -> None:
    assert stored.is_current and stored.framework == "smart-city-v1" and len(stored.framework_hash) == 64
    villages = Score.objects.filter(run=stored, unit=Unit.VILLAGE, node="sci")
    assert villages.count() == 286
    assert stored.n_units == villages.exclude(value=None).count() > 270


def test_a_village_with_too_little_data_gets_no_score(stored: Run, demo_profiles: pd.DataFrame) -> None:
    fw = services.framework("smart-city-v1")
    measured = fw.compute_indicators(demo_profiles).notna().mean(axis=1)
    sparse = measured[measured < 0.6].index
    assert len(sparse) >= 1
    for code in sparse:
        assert Score.objects.get(run=stored, unit=Unit.VILLAGE, node="sci", area__code=code).value is None


def test_kecamatan_and_regency_aggregates_equal_an_independent_recomputation(stored: Run, demo_profiles) -> None:
    rows = Score.objects.filter(run=stored, unit=Unit.VILLAGE, node="gov").values_list("area__code", "value")
    village = pd.Series(dict(rows), dtype=float)
    kec = village.groupby(village.index.str[:8]).mean()
    for code, expected in kec.items():
        got = Score.objects.get(run=stored, unit=Unit.DISTRICT, node="gov", area__code=code).value
        assert got == pytest.approx(expected)
    population = demo_profiles["pop_male"] + demo_profiles["pop_female"]
    valid = village.dropna()
    weighted = (valid * population[valid.index]).groupby(valid.index.str[:8]).sum() / population[valid.index].groupby(
        valid.index.str[:8]
    ).sum()
    for code, expected in weighted.items():
        got = Score.objects.get(run=stored, unit=Unit.DISTRICT_WEIGHTED, node="gov", area__code=code).value
        assert got == pytest.approx(expected)
    regency = Score.objects.get(run=stored, unit=Unit.REGENCY, node="gov")
    assert regency.value == pytest.approx(valid.mean()) and regency.area == Area.objects.get(code="33.24")
    zones = demo_profiles["geo_zone"]
    for zone, expected in valid.groupby(zones[valid.index]).mean().items():
        assert Score.objects.get(run=stored, unit=Unit.ZONE, zone=zone, node="gov").value == pytest.approx(expected)


def test_recomputing_makes_a_new_current_run_and_keeps_the_old_one(stored: Run, demo_profiles) -> None:
    fw = services.framework("smart-city-v1")
    second = services.store(
        services.compute(fw, demo_profiles, sensitivity_runs=0), year=2026, profile_status="all", is_demo=True
    )
    stored.refresh_from_db()
    assert second.is_current and not stored.is_current
    assert Score.objects.filter(run=stored).count() == Score.objects.filter(run=second).count()


def test_index_scores_carry_rank_intervals(stored: Run) -> None:
    rows = Score.objects.filter(run=stored, unit=Unit.VILLAGE, node="sci").exclude(value=None)
    for row in rows[:20]:
        assert row.rank_low <= row.rank_median <= row.rank_high
    assert stored.sensitivity["indices"] and {r["assumption"] for r in stored.sensitivity["indices"]} >= {"weights"}
    ranks = np.array([r.rank for r in rows])
    assert sorted(ranks)[0] == 1
