"""Unit screening by data availability and zeros, with forced inclusion / exclusion."""

from __future__ import annotations

import numpy as np
import pandas as pd

from petakan.lib.index import build

from .conftest import tree

META = tree([(1, c, "I", 1, 1, "Indicator") for c in "abcd"] + [(2, "I", None, 1, 1, "Aggregate")])
DATA = pd.DataFrame(
    {
        "uCode": ["full", "three", "two", "zeros", "other"],
        "a": [1.0, 1.0, 1.0, 0.0, 2.0],
        "b": [2.0, 2.0, np.nan, 0.0, 3.0],
        "c": [3.0, np.nan, np.nan, 0.0, 1.0],
        "d": [4.0, 4.0, 4.0, 1.0, 5.0],
    }
)


def kept(**screen: object) -> list[str]:
    cfg = {
        "steps": [
            {"step": "screen", **screen},
            {"step": "normalise", "method": "minmax"},
            {"step": "aggregate", "method": "arithmetic"},
        ]
    }
    return build(DATA, META, cfg).unit_codes.tolist()


def test_units_below_the_availability_threshold_are_removed() -> None:
    assert kept(by="na", min_availability=0.75) == ["full", "three", "zeros", "other"]
    assert kept(by="na", min_availability=0.5) == ["full", "three", "two", "zeros", "other"]


def test_units_with_too_few_non_zero_values_are_removed() -> None:
    # "zeros" has 1 non-zero value out of 4 present
    assert kept(by="zeros", min_nonzero=0.3) == ["full", "three", "two", "other"]
    assert kept(by="na_and_zeros", min_availability=0.75, min_nonzero=0.3) == ["full", "three", "other"]


def test_forced_units_override_the_rule() -> None:
    assert kept(by="na", min_availability=0.75, force_include=["two"], force_exclude=["other"]) == [
        "full",
        "three",
        "two",
        "zeros",
    ]


def test_removed_units_are_listed_in_the_log() -> None:
    cfg = {
        "steps": [
            {"step": "screen", "by": "na", "min_availability": 0.75},
            {"step": "normalise", "method": "minmax"},
            {"step": "aggregate", "method": "arithmetic"},
        ]
    }
    run = build(DATA, META, cfg)
    step = next(s for s in run.log["steps"] if s["step"] == "screen")
    assert step["summary"]["removed"] == ["two"]
    assert "two" not in run.results_table()["unit_code"].tolist()
