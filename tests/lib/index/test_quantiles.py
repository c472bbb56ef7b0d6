"""The rank intervals' quantiles: a vectorised nanquantile that must agree with numpy's."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.index.stats import nanquantile_columns


def test_it_agrees_with_numpy_nanquantile_on_columns_with_gaps() -> None:
    rng = np.random.default_rng(3)
    a = rng.normal(size=(37, 500))
    a[rng.random(a.shape) < 0.2] = np.nan
    a[:, 7] = np.nan  # a unit screened out in every replication
    a[1:, 8] = np.nan  # one number only
    qs = [0.05, 0.5, 0.95]
    with np.errstate(all="ignore"), pytest.warns(RuntimeWarning):
        expected = np.nanquantile(a, qs, axis=0)
    np.testing.assert_allclose(nanquantile_columns(a, qs), expected, rtol=0, atol=1e-12)


def test_it_gives_nan_for_a_column_without_numbers_and_the_value_for_a_single_one() -> None:
    a = np.array([[np.nan, 4.0, 1.0], [np.nan, np.nan, 3.0]])
    got = nanquantile_columns(a, [0.05, 0.5, 0.95])
    assert np.isnan(got[:, 0]).all()
    assert got[:, 1].tolist() == [4.0, 4.0, 4.0]
    assert got[:, 2].tolist() == pytest.approx([1.1, 2.0, 2.9])


def test_it_gives_whole_ranks_at_the_median_of_an_odd_count() -> None:
    ranks = np.array([[3.0], [1.0], [2.0], [5.0], [4.0]])
    assert nanquantile_columns(ranks, [0.5])[0, 0] == 3.0
