"""The one-call analysis over regions × sectors × years equals the single-purpose functions per region."""

from __future__ import annotations

import numpy as np

from petakan.lib.economy import (
    analyse_sectors,
    dynamic_location_quotient,
    klassen_sector,
    location_quotient,
    shift_share,
)

YEARS = list(range(2010, 2016))


def test_all_regions_in_one_call_equal_each_region_alone() -> None:
    rng = np.random.default_rng(3324)
    regions = rng.uniform(0, 100, size=(4, 17, len(YEARS)))
    regions[2, 1, :] = 0.0  # a sector absent throughout
    reference = regions.sum(axis=0)
    result = analyse_sectors(regions, reference, YEARS, 2011, 2015)
    assert result.lq.shape == (4, 17, 6)
    assert result.dlq.shape == result.shift.competitive.shape == result.klassen.quadrants.codes.shape == (4, 17)
    for r in range(4):
        np.testing.assert_allclose(result.lq[r], location_quotient(regions[r], reference))
        np.testing.assert_allclose(result.lq_end[r], location_quotient(regions[r], reference)[:, 5])
        np.testing.assert_allclose(
            result.dlq[r], dynamic_location_quotient(regions[r], reference, YEARS, 2011, 2015), equal_nan=True
        )
        single = shift_share(regions[r, :, 1], regions[r, :, 5], reference[:, 1], reference[:, 5])
        np.testing.assert_allclose(result.shift.competitive[r], single.competitive)
        np.testing.assert_allclose(result.shift.allocation[r], single.allocation, equal_nan=True)
        np.testing.assert_array_equal(
            result.klassen.quadrants.codes[r], klassen_sector(regions[r], reference, YEARS, 2011, 2015).quadrants.codes
        )
    assert result.klassen.quadrants.key_array()[2, 1] == "undefined"
    assert np.isnan(result.dlq[2, 1])
