"""Equal-interval classes: edges min + i·(max − min)/k."""

from __future__ import annotations

import numpy as np

from petakan.lib.classify import classify, equal_interval_breaks


def test_it_cuts_zero_to_ten_into_five_intervals_of_two() -> None:
    result = classify(np.array([0.0, 2.0, 5.0, 7.0, 10.0]), "equal", 5)
    assert result.breaks.tolist() == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    assert result.classes.tolist() == [0, 0, 2, 3, 4]
    assert result.counts.tolist() == [2, 0, 1, 1, 1]  # equal intervals may leave a class empty


def test_the_last_edge_is_exactly_the_maximum_despite_rounding() -> None:
    values = np.array([0.1, 0.7, 0.3])
    edges = equal_interval_breaks(values, 3)
    assert edges[0] == 0.1 and edges[-1] == 0.7
    assert np.allclose(edges, [0.1, 0.3, 0.5, 0.7])


def test_a_single_distinct_value_makes_one_class() -> None:
    result = classify(np.array([4.0, 4.0, np.nan]), "equal", 5)
    assert result.breaks.tolist() == [4.0, 4.0] and result.k == 1
    assert result.classes.tolist() == [0, 0, -1]


def test_no_finite_value_gives_no_class_at_all() -> None:
    result = classify(np.array([np.nan, np.nan]), "equal", 4)
    assert result.k == 0 and result.classes.tolist() == [-1, -1] and result.counts.tolist() == []
