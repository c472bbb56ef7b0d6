"""Village × commodity LQ against the regency, leading commodities, and the kecamatan list."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.economy import commodity_location_quotient, group_sum, leading_commodities

VOLUMES = np.array([[10.0, 0.0], [5.0, 5.0], [0.0, 10.0]])  # 3 villages × (padi, bandeng)


def test_it_matches_the_hand_computed_village_lq() -> None:
    # LQ_vk = (x_vk / x_v) / (X_k / X): village 1 padi = (10/10) / (15/30) = 2
    lq = commodity_location_quotient(VOLUMES)
    np.testing.assert_allclose(lq, [[2.0, 0.0], [1.0, 1.0], [0.0, 2.0]])


def test_weights_make_the_lq_free_of_commodity_units() -> None:
    # LQ_vk = (x_vk / X_k) / (w_v / W): village 1 padi = (10/15) / (1/4)
    lq = commodity_location_quotient(VOLUMES, weights=np.array([1.0, 1.0, 2.0]))
    assert lq[0, 0] == pytest.approx((10 / 15) / 0.25)
    assert lq[2, 1] == pytest.approx((10 / 15) / 0.5)
    rescaled = VOLUMES * np.array([1.0, 1000.0])  # bandeng in kg instead of tonnes
    np.testing.assert_allclose(commodity_location_quotient(rescaled, weights=np.array([1.0, 1.0, 2.0])), lq)


def test_leading_commodities_are_those_above_one_best_first() -> None:
    lq = np.array([[2.0, 0.5, 3.0], [1.0, 1.0, 1.0], [np.nan, 1.2, 0.0]])
    leading = leading_commodities(lq)
    assert leading.for_unit(0) == [(2, 3.0), (0, 2.0)]
    assert leading.for_unit(1) == []  # LQ exactly 1 is not leading
    assert leading.for_unit(2) == [(1, 1.2)]
    assert list(leading.rank) == [1, 2, 1]
    assert leading_commodities(lq, limit=1).for_unit(0) == [(2, 3.0)]


def test_kecamatan_volumes_are_summed_and_get_their_own_lq() -> None:
    codes, volumes = group_sum(VOLUMES, ["33.24.02", "33.24.02", "33.24.01"])
    assert list(codes) == ["33.24.01", "33.24.02"]
    np.testing.assert_array_equal(volumes, [[0.0, 10.0], [15.0, 5.0]])
    lq = commodity_location_quotient(volumes)
    np.testing.assert_allclose(lq, [[0.0, 2.0], [1.5, 0.5]])


def test_a_village_without_any_volume_has_no_lq() -> None:
    lq = commodity_location_quotient(np.array([[0.0, 0.0], [1.0, 3.0]]))
    assert np.isnan(lq[0]).all()


def test_missing_or_negative_volumes_are_refused_with_their_positions() -> None:
    with pytest.raises(ValueError, match=r"\(0, 1\), \(2, 0\)"):
        commodity_location_quotient(np.array([[1.0, np.nan], [1.0, 1.0], [-1.0, 1.0]]))
