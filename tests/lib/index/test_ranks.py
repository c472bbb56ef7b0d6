"""Ranks with ties: sport ranking (min, COINr's default), max, average and dense."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.index.stats import rank_columns

SCORES = np.array([10.0, 20.0, 20.0, 5.0, np.nan])


@pytest.mark.parametrize(
    ("ties", "expected"),
    [
        ("min", [3, 1, 1, 4]),
        ("max", [3, 2, 2, 4]),
        ("average", [3, 1.5, 1.5, 4]),
        ("dense", [2, 1, 1, 3]),
    ],
)
def test_the_best_score_gets_rank_one_and_ties_follow_the_method(ties: str, expected: list[float]) -> None:
    ranks = rank_columns(SCORES, ties=ties, descending=True)
    assert ranks[:4].tolist() == expected
    assert np.isnan(ranks[4])


def test_ascending_ranks_give_one_to_the_smallest_value() -> None:
    assert rank_columns(np.array([3.0, -1.0, 0.0, -0.0]), ties="min").tolist() == [4, 1, 2, 2]


def test_each_column_is_ranked_separately_and_rows_can_be_ranked_too() -> None:
    x = np.column_stack([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
    assert rank_columns(x, descending=True).tolist() == [[3, 1], [2, 2], [1, 3]]
    assert rank_columns(x.T, descending=True, axis=1).tolist() == [[3, 2, 1], [1, 2, 3]]


def test_large_inputs_rank_like_a_plain_sort() -> None:
    rng = np.random.default_rng(3)
    x = np.round(rng.normal(size=(50_000, 6)), 1)  # many ties
    ranks = rank_columns(x, ties="min")
    for j in range(x.shape[1]):
        srt = np.sort(x[:, j])
        assert np.array_equal(ranks[:, j], np.searchsorted(srt, x[:, j], side="left") + 1)
