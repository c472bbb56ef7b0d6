"""Cronbach's alpha and the first principal component, against hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.index.stats import cronbach_alpha, first_component


def test_cronbach_alpha_matches_the_hand_computation() -> None:
    # columns (1,2,3) and (2,3,5): variances 1 and 7/3; row sums (3,5,8) variance 19/3
    # alpha = 2/1 · (1 − (1 + 7/3)/(19/3)) = 18/19
    x = np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 5.0]])
    assert cronbach_alpha(x) == pytest.approx(18 / 19, rel=1e-12)


def test_cronbach_alpha_uses_complete_rows_only() -> None:
    x = np.array([[1.0, 2.0], [2.0, 3.0], [np.nan, 9.0], [3.0, 5.0]])
    assert cronbach_alpha(x) == pytest.approx(18 / 19, rel=1e-12)


def test_cronbach_alpha_is_undefined_for_one_column() -> None:
    assert np.isnan(cronbach_alpha(np.array([[1.0], [2.0], [3.0]])))


def test_the_first_component_share_matches_the_correlation_eigenvalues() -> None:
    # x1 and x2 perfectly correlated, x3 uncorrelated with both: eigenvalues 2, 1, 0 → share 2/3
    x = np.column_stack([[1.0, 2, 3, 4], [2.0, 4, 6, 8], [1.0, -1, -1, 1]])
    share, loadings = first_component(x)
    assert share == pytest.approx(2 / 3, rel=1e-12)
    assert loadings == pytest.approx([1 / np.sqrt(2), 1 / np.sqrt(2), 0.0], abs=1e-12)


def test_a_constant_column_makes_the_pca_undefined() -> None:
    share, _ = first_component(np.column_stack([[1.0, 2, 3, 4], [5.0, 5, 5, 5]]))
    assert np.isnan(share)
