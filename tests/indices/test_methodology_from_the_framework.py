"""The methodology is generated from the framework: screening threshold, imputation, normalisation, aggregation at
each level (the framework chooses unweighted or population-weighted areas), formulas in words."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from petakan.indices import method, services
from petakan.indices.models import Unit
from petakan.indices.scores import unit_scores
from petakan.lib.profile import load_schema
from petakan.lib.smartcity import FrameworkError, parse_framework


def variant(**changes) -> object:
    raw = copy.deepcopy(services.framework("smart-city-v1").raw)
    for key, value in changes.items():
        raw[key] = value
    return parse_framework(raw, [f.code for f in load_schema().fields])


def test_the_screening_threshold_is_read_from_the_framework() -> None:
    fw = services.framework("smart-city-v1")
    assert "60%" in method.screen_rule(fw)["text"]
    pipeline = copy.deepcopy(fw.raw["pipeline"])
    pipeline[0]["min_availability"] = 0.75
    assert "75%" in method.screen_rule(variant(pipeline=pipeline))["text"]


def test_the_steps_say_imputation_normalisation_and_how_areas_are_aggregated() -> None:
    texts = " ".join(
        f"{s['title']} {s['text']} {s['formula']}" for s in method.steps(services.framework("smart-city-v1"), "id")
    )
    assert "median indikator itu di desa lain dalam zona" in texts
    assert "(x − terburuk) / (terbaik − terburuk) × 100" in texts
    assert "rata-rata sederhana (tanpa bobot)" in texts and "50%" in texts
    assert "min_availability" not in texts and "group_median" not in texts


def test_formulas_are_spelled_out_with_field_names() -> None:
    assert method.formula_words("share(poor_households, households)", "id") == (
        "KK miskin (DTKS) / Jumlah kepala keluarga × 100"
    )
    assert method.formula_words("mean(min(waste_bank, 2) * 50, level(waste_tps3r))", "id") == (
        "rata-rata dari (yang terkecil dari Bank sampah aktif dan 2) × 50; tingkat «TPS3R»"
    )
    words = method.formula_words("per1000(fin_banks + fin_bank_agents)", "en")
    assert "per 1,000 population" in words and "fin_banks" not in words


def test_a_framework_may_weight_zone_and_regency_by_population(kendal, demo_profiles) -> None:
    assert services.framework("smart-city-v1").area_weighting == "unweighted"
    weighted = variant(areas={"weighting": "population"})
    assert "tertimbang penduduk" in method.area_aggregation(weighted)["text"]
    plain = services.store(
        services.compute(services.framework("smart-city-v1"), demo_profiles, sensitivity_runs=0),
        year=2026,
        profile_status="published",
        is_demo=True,
    )
    by_pop = services.store(
        services.compute(weighted, demo_profiles, sensitivity_runs=0),
        year=2025,
        profile_status="published",
        is_demo=True,
    )
    a = unit_scores(plain, Unit.REGENCY, plain.units.get(unit=Unit.REGENCY).area)["sci"].value
    b = unit_scores(by_pop, Unit.REGENCY, by_pop.units.get(unit=Unit.REGENCY).area)["sci"].value
    assert a is not None and b is not None and not np.isclose(a, b)
    with pytest.raises(FrameworkError, match=r"areas\.weighting"):
        variant(areas={"weighting": "median"})


def test_the_steps_read_in_english_too() -> None:
    from django.utils import translation

    with translation.override("en"):
        texts = " ".join(f"{s['title']} {s['text']}" for s in method.steps(services.framework("smart-city-v1"), "en"))
    assert "Screening of villages" in texts and "goalposts" in texts and "zone (coast, plain, mountain)" in texts
    assert "Desa yang" not in texts


def test_the_xlsx_methodology_sheet_has_the_steps_in_words(published) -> None:  # type: ignore[no-untyped-def]
    from petakan.indices.reading import methodology_frame

    frame = methodology_frame(published)
    steps = frame[frame["kode"].astype(str).str.startswith("langkah ")]["nama"].tolist()
    assert len(steps) == 5 and steps[0].startswith("Penyaringan desa: ") and "60%" in steps[0]
