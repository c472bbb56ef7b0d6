"""Normalisation methods against hand-computed values (x = 2, 4, 6, 10 unless stated)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from petakan.lib.index import IndexConfigError, build

X = [2.0, 4.0, 6.0, 10.0]


def normalised(
    values: list[float],
    spec: dict[str, Any],
    direction: int = 1,
    target: float | None = None,
    extra: dict[str, Any] | None = None,
) -> tuple[np.ndarray, list[str]]:
    meta = pd.DataFrame(
        [
            {
                "Level": 1,
                "iCode": "x",
                "Parent": "I",
                "Direction": direction,
                "Weight": 1,
                "Type": "Indicator",
                "Target": target,
            },
            {"Level": 1, "iCode": "y", "Parent": "I", "Direction": 1, "Weight": 1, "Type": "Indicator", "Target": None},
            {
                "Level": 2,
                "iCode": "I",
                "Parent": None,
                "Direction": 1,
                "Weight": 1,
                "Type": "Aggregate",
                "Target": None,
            },
        ]
    )
    data = pd.DataFrame(
        {"uCode": [f"u{i}" for i in range(len(values))], "x": values, "y": [float(i) for i in range(len(values))]}
    )
    step = {"step": "normalise", **spec}
    if extra:
        step.update(extra)
    run = build(data, meta, {"steps": [step, {"step": "aggregate", "method": "arithmetic"}]})
    return run.scores(level=1)["x"].to_numpy(), run.warnings


def test_minmax_maps_the_range_onto_0_100() -> None:
    assert normalised(X, {"method": "minmax"})[0] == pytest.approx([0, 25, 50, 100])


def test_minmax_reverses_indicators_where_lower_is_better() -> None:
    assert normalised(X, {"method": "minmax"}, direction=-1)[0] == pytest.approx([100, 75, 50, 0])


def test_minmax_to_another_range() -> None:
    assert normalised(X, {"method": "minmax", "range": [1, 100]})[0] == pytest.approx([1, 25.75, 50.5, 100])


def test_zscore_with_mean_and_standard_deviation() -> None:
    sd = np.sqrt(35 / 3)  # deviations −3.5 −1.5 −0.5 4.5, n − 1 = 3
    z = (np.array(X) - 5.5) / sd
    assert normalised(X, {"method": "zscore"})[0] == pytest.approx(z)
    assert normalised(X, {"method": "zscore", "mean_sd": [10, 2]})[0] == pytest.approx(10 + 2 * z)


def test_rank_gives_tied_values_the_lowest_rank() -> None:
    assert normalised([2.0, 4.0, 4.0, 10.0], {"method": "rank"})[0].tolist() == [1, 2, 2, 4]


def test_percentile_rank() -> None:
    assert normalised([2.0, 4.0, 4.0, 10.0], {"method": "prank"})[0] == pytest.approx([0, 100 / 3, 100 / 3, 100])


def test_goalposts_truncate_outside_the_posts() -> None:
    spec = {"method": "goalposts", "goalposts": {"x": [0, 8], "y": [0, 3]}}
    assert normalised(X, spec)[0] == pytest.approx([25, 50, 75, 100])
    assert normalised(X, spec, direction=-1)[0] == pytest.approx([75, 50, 25, 0])


def test_distance_to_target_with_and_without_cap() -> None:
    spec = {"method": "dist2target", "targets": {"y": 3}}
    assert normalised(X, spec, target=8)[0] == pytest.approx([0, 100 / 3, 200 / 3, 400 / 3])
    assert normalised(X, {**spec, "cap": True}, target=8)[0] == pytest.approx([0, 100 / 3, 200 / 3, 100])
    # lower is better, target 3: (−x + 10)/(−3 + 10)
    assert normalised(X, spec, direction=-1, target=3)[0] == pytest.approx(np.array([8, 6, 4, 0]) / 7 * 100)


def test_distance_to_frontier_and_fraction_of_max() -> None:
    assert normalised(X, {"method": "dist2frontier"})[0] == pytest.approx([0, 25, 50, 100])
    assert normalised(X, {"method": "fracmax"})[0] == pytest.approx([20, 40, 60, 100])


def test_a_constant_indicator_becomes_missing_with_a_warning() -> None:
    values, warnings = normalised([3.0, 3.0, 3.0, 3.0], {"method": "minmax"})
    assert np.isnan(values).all()
    assert any("constant indicator(s) x" in w for w in warnings)


def test_indicators_can_have_their_own_method() -> None:
    values, _ = normalised(
        X, {"method": "minmax"}, extra={"indicators": {"x": {"method": "goalposts", "goalposts": {"x": [0, 8]}}}}
    )
    assert values == pytest.approx([25, 50, 75, 100])


def test_missing_goalposts_and_targets_are_reported_before_computing() -> None:
    with pytest.raises(IndexConfigError) as err:
        normalised(X, {"method": "goalposts", "goalposts": {"x": [0, 8]}})
    assert [p.reason for p in err.value.problems] == ["missing_goalposts"]
    assert err.value.problems[0].code == "y"
    with pytest.raises(IndexConfigError) as err:
        normalised(X, {"method": "dist2target"})
    assert {p.code for p in err.value.problems} == {"x", "y"}
