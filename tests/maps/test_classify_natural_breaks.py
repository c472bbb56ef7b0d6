"""Jenks natural breaks: Fisher's optimal partition, checked against hand computation and exhaustive search."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import petakan.lib.classify as classify_module
from petakan.lib.classify import classify, natural_breaks


def sdcm(sorted_values: np.ndarray, cuts: tuple[int, ...]) -> float:
    """Sum of squared deviations from the class means for classes cut before the given positions."""
    parts = np.split(sorted_values, list(cuts))
    return float(sum(((p - p.mean()) ** 2).sum() for p in parts))


def test_three_obvious_groups_are_found() -> None:
    values = np.array([21.0, 1.0, 12.0, 2.0, 22.0, 3.0, 10.0, 20.0, 11.0])
    assert natural_breaks(values, 3).tolist() == [1.0, 3.0, 12.0, 22.0]


def test_it_reproduces_the_hand_computed_two_and_three_class_breaks() -> None:
    # 1 2 4 5 7 9 10 | 20: SDCM 276 − 38²/7 = 69.71, the least of the seven two-class splits
    # 1 2 4 5 | 7 9 10 | 20: SDCM (46 − 12²/4) + (230 − 26²/3) = 10 + 4.67 = 14.67, the least three-class split
    values = np.array([1.0, 2.0, 4.0, 5.0, 7.0, 9.0, 10.0, 20.0])
    assert natural_breaks(values, 2).tolist() == [1.0, 10.0, 20.0]
    assert natural_breaks(values, 3).tolist() == [1.0, 5.0, 10.0, 20.0]


@pytest.mark.parametrize("seed", range(6))
def test_it_finds_the_partition_an_exhaustive_search_finds(seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = np.sort(np.round(rng.lognormal(2.0, 0.8, 11), 2))
    k = 4
    best = min(itertools.combinations(range(1, len(values)), k - 1), key=lambda cuts: sdcm(values, cuts))
    expected = [values[0], *(values[c - 1] for c in best), values[-1]]
    assert natural_breaks(values, k).tolist() == pytest.approx(expected)


def test_ties_never_straddle_a_break() -> None:
    values = np.array([1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 9.0, 9.0, 10.0])
    result = classify(values, "jenks", 3)
    for v in np.unique(values):
        assert len(set(result.classes[values == v].tolist())) == 1


def test_fewer_distinct_values_than_classes_give_one_class_per_value() -> None:
    result = classify(np.array([3.0, 1.0, 1.0, 2.0]), "jenks", 5)
    assert result.breaks.tolist() == [1.0, 1.0, 2.0, 3.0]
    assert result.classes.tolist() == [2, 0, 0, 1] and result.k == 3


def test_many_distinct_values_are_grouped_and_misplace_at_most_one_group_per_break(monkeypatch) -> None:
    values = np.concatenate([np.linspace(0, 10, 400), np.linspace(50, 60, 400), np.linspace(100, 110, 400)])
    monkeypatch.setattr(classify_module, "JENKS_EXACT_LIMIT", 2000)
    exact = classify(values, "jenks", 3)
    assert exact.breaks.tolist() == [0.0, 10.0, 60.0, 110.0]
    monkeypatch.setattr(classify_module, "JENKS_EXACT_LIMIT", 50)
    grouped = classify(values, "jenks", 3)
    group_size = len(values) / 50
    assert grouped.breaks[0] == 0.0 and grouped.breaks[-1] == 110.0
    assert (grouped.classes != exact.classes).sum() <= 2 * group_size
