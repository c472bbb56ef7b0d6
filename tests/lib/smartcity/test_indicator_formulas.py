"""Indicator formulas, checked by hand on three villages."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from petakan.lib.profile import load_schema
from petakan.lib.smartcity import load_framework, weighted_group_means

FIELDS = [f.code for f in load_schema().fields]


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    fw = load_framework("smart-city-v1", FIELDS)
    profiles = pd.DataFrame(
        {
            "pop_male": [1000, 500, None],
            "pop_female": [1000, 500, 800],
            "tour_visitors_year": [4000, 0, 100],
            "fin_banks": [1, 0, 0],
            "fin_bank_agents": [3, 1, 2],
            "conn_signal": ["strong", "weak", None],
            "conn_4g": [True, False, None],
            "risk_flood": ["high", "none", "low"],
            "risk_landslide": ["none", "none", None],
            "risk_abrasion": ["medium", "none", None],
            "risk_drought": ["low", "none", None],
            "health_posyandu": [4, 0, 2],
            "health_posyandu_active": [3, 0, 2],
        },
        index=["a", "b", "c"],
    )
    return fw.compute_indicators(profiles)


def test_per_1000_inhabitants(values: pd.DataFrame) -> None:
    assert values.at["a", "brand_visitors"] == pytest.approx(2000.0)  # 4000 / 2000 × 1000
    assert values.at["a", "econ_bank_agents"] == pytest.approx(2.0)  # (1 + 3) / 2000 × 1000
    assert math.isnan(values.at["c", "brand_visitors"])  # population unknown


def test_choice_levels_and_the_mean_of_present_parts(values: pd.DataFrame) -> None:
    assert values.at["a", "society_signal"] == pytest.approx(100.0)  # strong (100) and 4G (100)
    assert values.at["b", "society_signal"] == pytest.approx(25.0)  # weak (50) and no 4G (0)
    assert values.at["a", "env_hazard"] == pytest.approx((3 + 0 + 2 + 1) / 4)
    assert values.at["c", "env_hazard"] == pytest.approx(1.0)  # only flood is known


def test_a_share_of_zero_is_missing_not_zero(values: pd.DataFrame) -> None:
    assert values.at["a", "living_posyandu_active"] == pytest.approx(75.0)
    assert math.isnan(values.at["b", "living_posyandu_active"])


def test_weighted_group_means_ignore_missing_values() -> None:
    x = np.array([[10.0, np.nan], [20.0, 4.0], [30.0, 6.0]])
    labels, means = weighted_group_means(x, np.array(["p", "p", "q"]), np.array([1.0, 3.0, 1.0]))
    assert list(labels) == ["p", "q"]
    assert means[0, 0] == pytest.approx((10 * 1 + 20 * 3) / 4) and means[0, 1] == pytest.approx(4.0)
    assert means[1].tolist() == [30.0, 6.0]
