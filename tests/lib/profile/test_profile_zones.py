"""The geographic zone rule and the coast contact computed from Kendal's boundaries."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from petakan.lib.profile import DemoInputs, assign_zone, coast_contact_km, coastline_km


def test_a_village_on_the_coast_is_pesisir() -> None:
    assert list(assign_zone([-6.90], [0.2])) == ["pesisir"]


def test_a_village_touching_less_than_200_m_of_coast_is_not_pesisir() -> None:
    assert list(assign_zone([-6.90], [0.19])) == ["dataran"]


def test_a_village_at_or_south_of_7_04_is_pegunungan() -> None:
    assert list(assign_zone([-7.04, -7.0399, -7.19], [0.0, 0.0, 0.0])) == ["pegunungan", "dataran", "pegunungan"]


def test_sourced_flags_override_the_geometry() -> None:
    zones = assign_zone([-6.95, -6.95], [0.0, np.nan], coastal=[True, False], highland=[False, True])
    assert list(zones) == ["pesisir", "pegunungan"]


def test_it_refuses_a_village_without_latitude() -> None:
    with pytest.raises(ValueError, match="1 village"):
        assign_zone([np.nan, -7.0], [0.0, 0.0])


@pytest.fixture(scope="module")
def coast(data_dir: Path) -> tuple[pd.Series, float]:
    villages = json.loads((data_dir / "kendal_desa_boundaries_bps2024.geojson").read_text(encoding="utf-8"))
    neighbours = json.loads((data_dir / "jawa_tengah_kabkota_boundaries.geojson").read_text(encoding="utf-8"))
    return (
        coast_contact_km(villages, neighbours, exclude_codes=["33.24"]),
        coastline_km(villages, neighbours, exclude_codes=["33.24"]),
    )


def test_it_finds_the_published_24_coastal_villages_along_42_km(coast: tuple[pd.Series, float]) -> None:
    contact, length = coast
    coastal = contact[contact >= 0.2]
    # kendal_regency_facts.csv: coastline ±42.4 km; "kurang lebih 24 desa"; 7 of 20 kecamatan.
    assert len(coastal) == 24
    assert 41.5 <= length <= 44.0
    assert len({code[:8] for code in coastal.index}) == 7


def test_the_sourced_coastal_villages_touch_the_coast(coast: tuple[pd.Series, float]) -> None:
    contact, _ = coast
    for code in ("33.24.08.2015", "33.24.08.2014", "33.24.13.2014", "33.24.13.2013", "33.24.16.2016"):
        assert contact[code] >= 0.2, code


def test_no_village_of_the_southern_kecamatan_touches_the_coast(coast: tuple[pd.Series, float]) -> None:
    contact, _ = coast
    southern = [c for c in contact.index if c[:8] in {"33.24.01", "33.24.03", "33.24.06", "33.24.07"}]
    assert (contact[southern] == 0).all()


def test_kendal_has_99_highland_and_25_coastal_villages(demo_inputs: DemoInputs) -> None:
    from petakan.lib.profile import village_hints

    v = demo_inputs.villages
    hints = village_hints(v, demo_inputs.potential_facts, demo_inputs.village_notes)
    zones = pd.Series(assign_zone(v["lat"], v["coast_km"], coastal=hints["coastal"], highland=hints["highland"]))
    # 24 by geometry + Bandengan (TPI, kendal_potential_facts.csv).
    assert zones.value_counts().to_dict() == {"dataran": 162, "pegunungan": 99, "pesisir": 25}
