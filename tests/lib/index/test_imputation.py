"""Imputation: indicator mean / median, group mean / median, and what cannot be imputed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from petakan.lib.index import build

from .conftest import tree

META = tree(
    [
        (1, "a", "I", 1, 1, "Indicator"),
        (1, "b", "I", 1, 1, "Indicator"),
        (2, "I", None, 1, 1, "Aggregate"),
        (None, "grp", None, None, None, "Group"),
    ]
)
DATA = pd.DataFrame(
    {
        "uCode": list("pqrstuv"),
        "grp": ["g1", "g1", "g1", "g1", "g2", "g2", "g2"],
        "a": [1.0, 5.0, 6.0, np.nan, 2.0, 4.0, np.nan],
        "b": [np.nan, 2.0, 4.0, np.nan, 1.0, 3.0, 5.0],
    }
)


def imputed(method: str, data: pd.DataFrame = DATA, **kw: str) -> tuple[pd.DataFrame, list[str]]:
    cfg = {
        "steps": [
            {"step": "impute", "method": method, **kw},
            {"step": "normalise", "method": "minmax"},
            {"step": "aggregate", "method": "arithmetic"},
        ]
    }
    run = build(data, META, cfg)
    return run.dataset("Imputed"), run.warnings


def test_mean_and_median_of_the_indicator() -> None:
    mean, _ = imputed("mean")
    assert mean.loc[["s", "v"], "a"].tolist() == [18 / 5, 18 / 5]  # (1+5+6+2+4)/5
    median, _ = imputed("median")
    assert median.loc[["s", "v"], "a"].tolist() == [4.0, 4.0]
    assert median.loc["p", "b"] == 3.0


def test_group_mean_and_group_median_use_the_units_group() -> None:
    mean, _ = imputed("group_mean", group="grp")
    assert mean.loc["s", "a"] == 4.0  # g1: 1, 5, 6
    assert mean.loc["v", "a"] == 3.0  # g2: 2, 4
    assert mean.loc["p", "b"] == 3.0  # g1: 2, 4
    median, _ = imputed("group_median", group="grp")
    assert median.loc["s", "a"] == 5.0
    assert median.loc["v", "a"] == 3.0


def test_observed_values_are_never_changed() -> None:
    mean, _ = imputed("group_mean", group="grp")
    raw = DATA.set_index("uCode")[["a", "b"]].to_numpy()
    present = ~np.isnan(raw)
    assert np.array_equal(mean.to_numpy()[present], raw[present])


def test_a_group_without_any_value_leaves_the_cell_missing_with_a_warning() -> None:
    data = DATA.copy()
    data.loc[data["grp"] == "g2", "a"] = np.nan
    result, warnings = imputed("group_mean", data=data, group="grp")
    assert result.loc[["t", "u", "v"], "a"].isna().all()
    assert any("could not be imputed" in w and "a" in w for w in warnings)


def test_units_without_a_group_label_are_reported() -> None:
    data = DATA.copy()
    data.loc[3, "grp"] = None
    result, warnings = imputed("group_mean", data=data, group="grp")
    assert np.isnan(result.loc["s", "a"])
    assert any("no group label" in w for w in warnings)


def test_the_log_counts_imputed_values_per_indicator() -> None:
    cfg = {
        "steps": [
            {"step": "impute", "method": "mean"},
            {"step": "normalise", "method": "minmax"},
            {"step": "aggregate", "method": "arithmetic"},
        ]
    }
    log = build(DATA, META, cfg).log
    step = next(s for s in log["steps"] if s["step"] == "impute")
    assert step["summary"]["by_indicator"] == {"a": 2, "b": 2}
    assert step["dataset"] == "Imputed"


@pytest.mark.parametrize("method", ["mean", "group_mean"])
def test_row_order_does_not_change_the_imputation(method: str) -> None:
    shuffled = DATA.sample(frac=1.0, random_state=4)
    kw = {"group": "grp"} if method == "group_mean" else {}
    a, _ = imputed(method, **kw)
    b, _ = imputed(method, data=shuffled, **kw)
    assert b.loc[a.index].equals(a)
