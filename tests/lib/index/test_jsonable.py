"""jsonable: plain JSON types out, NaN and infinity as None, flat containers converted without a call per value."""

from __future__ import annotations

import numpy as np

from petakan.lib.index import jsonable


def test_flat_containers_come_back_equal_with_text_keys() -> None:
    units = {f"33.24.{i:02d}": i / 7 for i in range(50)}
    assert jsonable(units) == units
    assert jsonable({1: "a", 2: None, 3: True}) == {"1": "a", "2": None, "3": True}
    assert jsonable((1, 2.5, "x")) == [1, 2.5, "x"]
    assert jsonable({}) == {} and jsonable(()) == []


def test_a_nan_or_infinity_in_a_flat_container_becomes_none() -> None:
    assert jsonable({"a": 1.0, "b": float("nan")}) == {"a": 1.0, "b": None}
    assert jsonable([1.0, float("inf"), "x", float("-inf")]) == [1.0, None, "x", None]
    assert jsonable([1e308, 1e308]) == [1e308, 1e308]  # the sum overflows; the values are finite


def test_numpy_values_become_python_values() -> None:
    out = jsonable({"a": np.float64(0.5), "b": np.arange(3), "c": [np.int64(2), np.nan]})
    assert out == {"a": 0.5, "b": [0, 1, 2], "c": [2, None]}
    assert type(out["c"][0]) is int
