"""Classic and Esteban-Marquillas shift-share: the Farhauer/Kröll three-region example (REAT man/shift.Rd)."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.economy import allocation_type, growth_ratio, shift_share

NATION_T = np.array([400.0, 150.0, 150.0, 400.0])
NATION_T1 = np.array([440.0, 210.0, 135.0, 480.0])
REGIONS_T = np.array([[90.0, 20.0, 10.0, 60.0], [60.0, 30.0, 30.0, 40.0], [250.0, 100.0, 110.0, 300.0]])
REGIONS_T1 = np.array([[100.0, 40.0, 10.0, 55.0], [85.0, 55.0, 40.0, 35.0], [255.0, 115.0, 85.0, 390.0]])


@pytest.fixture
def result():
    return shift_share(REGIONS_T, REGIONS_T1, NATION_T, NATION_T1)


def test_it_reproduces_the_published_region_totals(result) -> None:
    totals = result.totals()
    np.testing.assert_allclose(totals["total"], [25, 55, 85], atol=1e-9)
    np.testing.assert_allclose(totals["reference_growth"], [27, 24, 114], atol=1e-9)
    np.testing.assert_allclose(totals["industry_mix"], [1, -1, 0], atol=1e-9)
    np.testing.assert_allclose(totals["competitive"], [-3, 32, -29], atol=1e-9)
    np.testing.assert_allclose(totals["net_shift"], [-2, 31, -29], atol=1e-9)


def test_it_reproduces_the_published_esteban_marquillas_totals(result) -> None:
    totals = result.totals()
    np.testing.assert_allclose(totals["net_competitive"], [-0.6364, 18.4242, -33.5719], atol=5e-5)
    np.testing.assert_allclose(totals["allocation"], [-2.3636, 13.5758, 4.5719], atol=5e-5)


def test_it_reproduces_the_published_per_sector_components(result) -> None:
    np.testing.assert_allclose(result.reference_growth[0], [13.5, 3, 1.5, 9], atol=1e-9)
    np.testing.assert_allclose(result.industry_mix[0], [-4.5, 5, -2.5, 3], atol=1e-9)
    np.testing.assert_allclose(result.competitive[0], [1, 12, 1, -17], atol=1e-9)
    np.testing.assert_allclose(result.reference_growth[1], [9, 4.5, 4.5, 6], atol=1e-9)
    np.testing.assert_allclose(result.industry_mix[1], [-3, 7.5, -7.5, 2], atol=1e-9)
    np.testing.assert_allclose(result.competitive[1], [19, 13, 13, -13], atol=1e-9)
    np.testing.assert_allclose(result.reference_growth[2], [37.5, 15, 16.5, 45], atol=1e-9)
    np.testing.assert_allclose(result.industry_mix[2], [-12.5, 25, -27.5, 15], atol=1e-9)
    np.testing.assert_allclose(result.competitive[2], [-20, -25, -14, 30], atol=1e-9)


def test_it_reproduces_the_published_esteban_marquillas_components_of_region_a(result) -> None:
    np.testing.assert_allclose(result.homothetic[0], [65.4545, 24.5455, 24.5455, 65.4545], atol=5e-5)
    np.testing.assert_allclose(result.net_competitive[0], [0.7273, 14.7273, 2.4545, -18.5455], atol=5e-5)
    np.testing.assert_allclose(result.allocation[0], [0.2727, -2.7273, -1.4545, 1.5455], atol=5e-5)


def test_the_components_add_up(result) -> None:
    np.testing.assert_allclose(
        result.reference_growth + result.industry_mix + result.competitive, REGIONS_T1 - REGIONS_T, atol=1e-9
    )
    np.testing.assert_allclose(result.net_competitive + result.allocation, result.competitive, atol=1e-9)


def test_the_allocation_sign_follows_specialisation_and_competitiveness(result) -> None:
    keys = allocation_type(result).key_array()
    assert list(keys[0]) == [
        "specialised_competitive",
        "not_specialised_competitive",
        "not_specialised_competitive",
        "not_specialised_not_competitive",
    ]
    positive = np.isin(keys, ["specialised_competitive", "not_specialised_not_competitive"])
    assert np.all((result.allocation > 0) == positive)


def test_a_sector_new_in_the_region_is_all_competitive_and_has_no_esteban_marquillas_split() -> None:
    result = shift_share(
        np.array([0.0, 100.0]), np.array([30.0, 110.0]), np.array([50.0, 500.0]), np.array([60.0, 550.0])
    )
    assert result.reference_growth[0] == 0.0
    assert result.industry_mix[0] == 0.0
    assert result.competitive[0] == 30.0
    assert np.isnan(result.net_competitive[0]) and np.isnan(result.allocation[0])
    assert allocation_type(result).key_array()[0] == "undefined"


def test_zero_growth_everywhere_gives_zero_components() -> None:
    values = np.array([10.0, 20.0])
    result = shift_share(values, values, values * 10, values * 10)
    for name in ("reference_growth", "industry_mix", "competitive", "net_competitive", "allocation"):
        np.testing.assert_array_equal(getattr(result, name), [0.0, 0.0])


def test_the_growth_ratio_model_compares_sector_growth_with_the_reference() -> None:
    rps, rpr = growth_ratio(REGIONS_T[0], REGIONS_T1[0], NATION_T, NATION_T1)
    # RPs_1 = (10/90) / (40/400); RPr_1 = (40/400) / (165/1100)
    assert rps[0] == pytest.approx((10 / 90) / 0.1)
    assert rpr[0] == pytest.approx(0.1 / 0.15)
    # Sector 3 does not grow in region A: RPs = 0 / (−0.1) = 0.
    assert rps[2] == pytest.approx(0.0)
