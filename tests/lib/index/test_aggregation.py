"""Aggregation means, missing children and the minimum share of children present."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from petakan.lib.index import IndexMethodError, build
from petakan.lib.index.aggregate import aggregate_level

from .conftest import tree

ONE_PARENT = np.array([[1.0], [1.0]])
W = np.array([1.0, 3.0])  # children scores 1 and 4 with weights 1 and 3


@pytest.mark.parametrize(
    ("method", "p", "expected"),
    [
        ("arithmetic", None, (1 + 3 * 4) / 4),  # 3.25
        ("geometric", None, 4 ** (3 / 4)),  # exp((ln 1 + 3 ln 4)/4) = 2.8284
        ("harmonic", None, 4 / (1 + 3 / 4)),  # 2.2857
        ("generalised", 2.0, np.sqrt((1 + 3 * 16) / 4)),  # 3.5
        ("generalised", -1.0, 4 / (1 + 3 / 4)),  # p = −1 is the harmonic mean
    ],
)
def test_each_weighted_mean_matches_the_hand_computation(method: str, p: float | None, expected: float) -> None:
    y = aggregate_level(np.array([[1.0, 4.0]]), W, ONE_PARENT, method, p, 0.0, ["a", "b"], 1)
    assert y[0, 0] == pytest.approx(expected, rel=1e-12)


def test_weights_are_renormalised_over_the_children_present() -> None:
    c = np.array([[np.nan, 4.0], [2.0, np.nan], [np.nan, np.nan]])
    y = aggregate_level(c, W, ONE_PARENT, "arithmetic", None, 0.0, ["a", "b"], 1)
    assert y[0, 0] == 4.0
    assert y[1, 0] == 2.0
    assert np.isnan(y[2, 0])


def test_a_parent_with_too_few_children_present_is_missing() -> None:
    c = np.array([[np.nan, 4.0], [2.0, 6.0]])
    y = aggregate_level(c, W, ONE_PARENT, "arithmetic", None, 0.6, ["a", "b"], 1)
    assert np.isnan(y[0, 0])
    assert y[1, 0] == pytest.approx(5.0)


def test_a_batch_of_weight_sets_gives_the_same_scores_as_one_at_a_time() -> None:
    rng = np.random.default_rng(0)
    c = rng.uniform(1, 100, size=(30, 6))
    c[3, 2] = np.nan
    memb = np.zeros((6, 2))
    memb[[0, 1, 2], 0] = 1
    memb[[3, 4, 5], 1] = 1
    ws = rng.uniform(0.5, 2, size=(4, 6))
    for method in ("arithmetic", "geometric", "harmonic"):
        batch = aggregate_level(c, ws, memb, method, None, 0.0, list("abcdef"), 1)
        for r in range(4):
            single = aggregate_level(c, ws[r], memb, method, None, 0.0, list("abcdef"), 1)
            assert batch[r] == pytest.approx(single, rel=1e-12)


def test_the_geometric_mean_refuses_zeros_and_names_the_indicators() -> None:
    with pytest.raises(IndexMethodError) as err:
        aggregate_level(np.array([[0.0, 4.0]]), W, ONE_PARENT, "geometric", None, 0.0, ["a", "b"], 1)
    assert err.value.codes == ["a"]
    assert "minmax [1, 100]" in err.value.message


def test_aggregation_runs_up_every_level_with_the_meta_weights(
    small_meta: pd.DataFrame, small_data: pd.DataFrame
) -> None:
    cfg = {"steps": [{"step": "normalise", "method": "minmax"}, {"step": "aggregate", "method": "arithmetic"}]}
    run = build(small_data, small_meta, cfg)
    n = run.scores(level=1)
    s = run.scores()
    assert s["P"].to_numpy() == pytest.approx(((n["a"] + n["b"]) / 2).to_numpy())
    assert s["Q"].to_numpy() == pytest.approx(((n["c"] + 3 * n["d"]) / 4).to_numpy())
    assert s["I"].to_numpy() == pytest.approx(((s["P"] + s["Q"]) / 2).to_numpy())
    assert list(s.columns) == ["I", "P", "Q"]


def test_each_level_can_use_its_own_method(small_meta: pd.DataFrame, small_data: pd.DataFrame) -> None:
    cfg = {
        "steps": [
            {"step": "normalise", "method": "minmax", "range": [1, 100]},
            {"step": "aggregate", "method": "arithmetic", "levels": {3: {"method": "geometric"}}},
        ]
    }
    s = build(small_data, small_meta, cfg).scores()
    assert s["I"].to_numpy() == pytest.approx(np.sqrt(s["P"] * s["Q"]).to_numpy())


def test_pca_weights_are_squared_loadings_scaled_to_one() -> None:
    meta = tree([(1, "a", "P", 1, 1, "Indicator"), (1, "b", "P", 1, 1, "Indicator"), (2, "P", None, 1, 1, "Aggregate")])
    data = pd.DataFrame({"uCode": list("uvwxy"), "a": [1.0, 2, 3, 4, 5], "b": [2.0, 1, 4, 3, 6]})
    cfg = {
        "steps": [
            {"step": "normalise", "method": "minmax"},
            {"step": "weight", "method": "pca"},
            {"step": "aggregate", "method": "arithmetic"},
        ]
    }
    run = build(data, meta, cfg)
    # two standardised columns: PC1 loadings are ±1/√2 whatever their correlation → equal weights 1/2
    assert run.weights[0] == pytest.approx([0.5, 0.5])
    n = run.scores(level=1)
    assert run.scores()["P"].to_numpy() == pytest.approx(((n["a"] + n["b"]) / 2).to_numpy())
