"""Static location quotient."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.economy import location_quotient, location_quotient_parts

# Farhauer/Kröll (2013) via REAT man/shift.Rd: nation X and region A in year t.
NATION_T = np.array([400.0, 150.0, 150.0, 400.0])
REGION_A_T = np.array([90.0, 20.0, 10.0, 60.0])


def test_it_reproduces_the_reat_locq_example() -> None:
    # REAT man/locq.Rd: locq(1714, 79006, 879213, 15593224) returns 0.3847623
    assert location_quotient_parts(1714, 79006, 879213, 15593224) == pytest.approx(0.3847623, abs=5e-8)


def test_it_reproduces_the_lq_of_region_a_in_the_shift_share_example() -> None:
    lq = location_quotient(REGION_A_T, NATION_T, sector_axis=-1)
    np.testing.assert_allclose(lq, [1.375, 0.8148, 0.4074, 0.9167], atol=5e-5)


def test_both_forms_of_the_formula_agree() -> None:
    lq = location_quotient(REGION_A_T, NATION_T, sector_axis=-1)
    parts = location_quotient_parts(REGION_A_T, REGION_A_T.sum(), NATION_T, NATION_T.sum())
    np.testing.assert_allclose(lq, parts, rtol=1e-12)


def test_it_is_vectorised_over_regions_and_years() -> None:
    regions = np.array([[[90.0, 100.0], [20.0, 40.0]], [[60.0, 85.0], [30.0, 55.0]]])  # (2 regions, 2 sectors, 2 years)
    reference = regions.sum(axis=0)
    lq = location_quotient(regions, reference)
    assert lq.shape == (2, 2, 2)
    for r in range(2):
        for y in range(2):
            expected = (regions[r, :, y] / regions[r, :, y].sum()) / (reference[:, y] / reference[:, y].sum())
            np.testing.assert_allclose(lq[r, :, y], expected, rtol=1e-12)


def test_a_sector_absent_from_the_region_has_lq_zero_and_absent_from_the_reference_nan() -> None:
    lq = location_quotient(np.array([0.0, 5.0, 5.0]), np.array([10.0, 10.0, 0.0]), sector_axis=-1)
    assert lq[0] == 0.0
    assert np.isnan(lq[2])
