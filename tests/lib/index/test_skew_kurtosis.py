"""Type-2 sample skewness and excess kurtosis (e1071 type 2, Excel, COINr skew()/kurt())."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.index.stats import skew_kurt


def test_it_matches_the_hand_computed_skew_and_kurtosis() -> None:
    # x = 1, 2, 3, 4, 10: mean 4, d = -3 -2 -1 0 6, Σd² = 50, Σd³ = 180, Σd⁴ = 1394, n = 5
    # skew = √5·180/50^1.5 · √(5·4)/3 = 600/50^1.5 ; r = 5·1394/50² = 2.788 ; kurt = (6·(r−3)+6)·4/6 = 3.152
    skew, kurt = skew_kurt(np.array([1.0, 2.0, 3.0, 4.0, 10.0]))
    assert skew[0] == pytest.approx(600 / 50**1.5, rel=1e-12)
    assert kurt[0] == pytest.approx(3.152, rel=1e-12)


def test_missing_values_are_ignored() -> None:
    with_nan = skew_kurt(np.array([np.nan, 1.0, 2.0, 3.0, np.nan, 4.0, 10.0]))
    without = skew_kurt(np.array([1.0, 2.0, 3.0, 4.0, 10.0]))
    assert with_nan[0][0] == pytest.approx(without[0][0])
    assert with_nan[1][0] == pytest.approx(without[1][0])


def test_it_is_undefined_for_a_constant_column_or_too_few_values() -> None:
    skew, kurt = skew_kurt(np.array([[5.0, 1.0], [5.0, 2.0], [5.0, np.nan], [5.0, np.nan]]))
    assert np.isnan(skew).all()
    assert np.isnan(kurt).all()


def test_each_column_is_computed_on_its_own() -> None:
    x = np.column_stack([[1.0, 2.0, 3.0, 4.0, 10.0], [-1.0, -2.0, -3.0, -4.0, -10.0]])
    skew, kurt = skew_kurt(x)
    assert skew[1] == pytest.approx(-skew[0])
    assert kurt[1] == pytest.approx(kurt[0])
