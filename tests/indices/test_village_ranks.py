"""Village ranks per node are computed column by column with a sort and a binary search
(services.descending_min_ranks): they must be pandas' rank(ascending=False, method="min") exactly."""

from __future__ import annotations

import numpy as np
import pandas as pd

from petakan.indices.services import descending_min_ranks


def test_ties_share_the_lowest_rank_and_missing_values_stay_unranked() -> None:
    matrix = np.array(
        [[1.0, np.nan, 5.0], [2.0, 3.0, np.nan], [2.0, 3.0, np.nan], [np.nan, 1.0, np.nan], [0.0, 3.0, -0.0]]
    )
    expected = [[3.0, np.nan, 1.0], [1.0, 1.0, np.nan], [1.0, 1.0, np.nan], [np.nan, 4.0, np.nan], [4.0, 1.0, 2.0]]
    assert np.array_equal(descending_min_ranks(matrix), np.array(expected), equal_nan=True)


def test_it_ranks_as_pandas_does_on_a_large_matrix_with_ties_and_gaps() -> None:
    rng = np.random.default_rng(3)
    matrix = np.round(rng.uniform(0, 100, (5000, 12)), 1)  # rounded: many ties
    matrix[rng.random(matrix.shape) < 0.1] = np.nan
    matrix[:, 5] = np.nan  # a node nobody has
    expected = pd.DataFrame(matrix).rank(ascending=False, method="min").to_numpy()
    assert np.array_equal(descending_min_ranks(matrix), expected, equal_nan=True)


def test_no_villages_give_no_ranks() -> None:
    assert descending_min_ranks(np.empty((0, 4))).shape == (0, 4)
