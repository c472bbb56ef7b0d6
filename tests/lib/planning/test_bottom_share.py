from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.planning import bottom_share_mask


def test_the_bottom_third_of_eighteen_elements_is_the_six_lowest() -> None:
    values = np.arange(18, dtype=float)[::-1]
    assert set(np.flatnonzero(bottom_share_mask(values, 1 / 3))) == set(range(12, 18))


def test_the_bottom_fifth_of_286_villages_is_the_58_lowest() -> None:
    values = np.random.default_rng(9).permutation(286).astype(float)
    mask = bottom_share_mask(values, 0.2)
    assert mask.sum() == 58 and values[mask].max() == 57


def test_ties_are_all_in_and_missing_values_never() -> None:
    values = np.array([5.0, 5.0, 9.0, np.nan, 7.0])
    assert bottom_share_mask(values, 0.2).tolist() == [True, True, False, False, False]


@pytest.mark.parametrize("values", [np.array([]), np.array([np.nan, np.nan])])
def test_nothing_is_in_the_bottom_without_values(values) -> None:  # type: ignore[no-untyped-def]
    assert not bottom_share_mask(values, 0.5).any()
