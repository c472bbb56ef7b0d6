"""Pearson (pairwise complete) and Spearman correlation matrices."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.index.stats import pearson_matrix, spearman_matrix


def test_pearson_uses_the_units_where_both_values_are_present() -> None:
    # pairs (1,2), (2,4), (3,7): Σxy = 5, Σx² = 2, Σy² = 114/9 around the means → r = 5/√(228/9)
    x = np.column_stack([[1.0, 2.0, 3.0, np.nan], [2.0, 4.0, 7.0, 1.0]])
    r = pearson_matrix(x)
    assert r[0, 1] == pytest.approx(5 / np.sqrt(228 / 9), rel=1e-12)
    assert r[1, 0] == r[0, 1]
    assert r[0, 0] == pytest.approx(1.0)


def test_pearson_equals_numpy_on_complete_data() -> None:
    x = np.random.default_rng(1).normal(size=(200, 5))
    assert pearson_matrix(x) == pytest.approx(np.corrcoef(x.T), abs=1e-12)


def test_spearman_uses_average_ranks_for_ties() -> None:
    # ranks of y = 5, 6, 7, 8, 7 are 1, 2, 3.5, 5, 3.5: r = 8/√(10·9.5)
    x = np.column_stack([[1.0, 2, 3, 4, 5], [5.0, 6, 7, 8, 7]])
    assert spearman_matrix(x)[0, 1] == pytest.approx(8 / np.sqrt(95), rel=1e-12)


def test_a_constant_column_has_no_correlation() -> None:
    x = np.column_stack([[1.0, 2, 3, 4], [1.0, 1, 1, 1]])
    assert np.isnan(pearson_matrix(x)[0, 1])
