"""Quantile classes: edges at the i/k quantiles (linear interpolation), upper-inclusive classes."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.classify import classify, quantile_breaks


def test_it_puts_the_edges_of_one_to_ten_at_the_hand_computed_quartiles() -> None:
    # h = 9·i/4 → x(2.25) = 3.25, x(4.5) = 5.5, x(6.75) = 7.75
    assert quantile_breaks(np.arange(1.0, 11.0), 4).tolist() == [1.0, 3.25, 5.5, 7.75, 10.0]


def test_it_counts_three_two_two_three_values_per_quartile_class() -> None:
    result = classify(np.arange(1.0, 11.0), "quantile", 4)
    assert result.classes.tolist() == [0, 0, 0, 1, 1, 2, 2, 3, 3, 3]
    assert result.counts.tolist() == [3, 2, 2, 3] and result.k == 4


def test_a_value_equal_to_an_edge_belongs_to_the_lower_class() -> None:
    values = np.array([0.0, 10.0, 20.0, 30.0, 40.0])  # quartile edges 0, 10, 20, 30, 40 fall on the values
    assert classify(values, "quantile", 4).classes.tolist() == [0, 0, 1, 2, 3]


def test_missing_values_get_no_class_and_do_not_move_the_edges() -> None:
    values = np.array([1.0, np.nan, 2.0, 3.0, np.nan, 4.0, 5.0])
    result = classify(values, "quantile", 4)
    assert result.breaks.tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert result.classes.tolist() == [0, -1, 0, 1, -1, 2, 3] and result.missing == 2


def test_ties_merge_quantile_edges_into_fewer_classes_and_keep_a_class_for_the_minimum() -> None:
    values = np.array([0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 3.0, 10.0])
    result = classify(values, "quantile", 4)
    # quantiles 0, 0, 0, 1.5, 10 (h = 5.25 → 1 + 0.25·2): the repeated 0 edges collapse to one class of zeros
    assert result.breaks.tolist() == [0.0, 0.0, 1.5, 10.0]
    assert result.k == 3 and result.requested_k == 4
    assert result.counts.tolist() == [5, 1, 2]


@pytest.mark.parametrize("k", [3, 5, 7])
def test_quantile_classes_hold_nearly_equal_numbers_of_286_villages(k: int) -> None:
    values = np.random.default_rng(7).normal(50, 12, 286)
    counts = classify(values, "quantile", k).counts
    assert counts.sum() == 286 and counts.max() - counts.min() <= 1
