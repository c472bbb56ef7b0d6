"""The run log (JSON, enough to regenerate) and the stable hash of data + methodology."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import pytest

from petakan.lib.index import IndexInputError, Run, build, regenerate


def test_the_log_is_plain_json_with_every_step_and_its_parameters(asem_run: Run) -> None:
    log = json.loads(json.dumps(asem_run.log, allow_nan=False))
    assert [s["step"] for s in log["steps"]] == [
        "denominate",
        "impute",
        "screen",
        "treat",
        "normalise",
        "weight",
        "aggregate",
    ]
    assert [s["dataset"] for s in log["steps"]] == [
        "Denominated",
        "Imputed",
        "Screened",
        "Treated",
        "Normalised",
        None,
        "Aggregated",
    ]
    treat = log["steps"][3]["params"]
    assert treat["winmax"] == 5 and treat["skew_threshold"] == 2.0 and treat["kurt_threshold"] == 3.5
    assert log["data"]["units"] == 51 and log["data"]["ignored_columns"] == ["Time"]
    assert log["hash"] == asem_run.hash
    assert len(log["framework"]) == 49 + 11 + 4 + 4  # indicators, aggregates, groups, denominators


def test_a_run_regenerated_from_its_json_log_is_identical(asem_run: Run, asem_tables: Any) -> None:
    data, _ = asem_tables
    again = regenerate(json.loads(json.dumps(asem_run.log)), data)
    assert again.hash == asem_run.hash
    assert np.array_equal(again.aggregate_scores, asem_run.aggregate_scores)
    assert again.log["steps"] == asem_run.log["steps"]


def test_regenerating_with_other_data_is_refused_unless_asked(asem_run: Run, asem_tables: Any) -> None:
    data, _ = asem_tables
    changed = data.copy()
    changed.loc[0, "LPI"] = 4.5
    with pytest.raises(IndexInputError) as err:
        regenerate(asem_run.log, changed)
    assert err.value.problems[0].reason == "data_changed"
    other = regenerate(asem_run.log, changed, allow_other_data=True)
    assert other.hash != asem_run.hash
    assert other.config["steps"] == asem_run.config["steps"]


def test_the_hash_is_stable_and_changes_with_data_or_methodology(
    asem_run: Run, asem_tables: Any, asem_config: dict[str, Any]
) -> None:
    data, meta = asem_tables
    assert build(data, meta, asem_config).hash == asem_run.hash
    assert build(data, meta, {**asem_config, "name": "renamed"}).hash == asem_run.hash
    assert asem_run.variant("treat", {"winmax": 4}).hash != asem_run.hash
    heavier = meta.copy()
    heavier.loc[heavier["iCode"] == "LPI", "Weight"] = 2.0
    assert build(data, heavier, asem_config).hash != asem_run.hash
    changed = data.copy()
    changed.loc[3, "Goods"] = changed.loc[3, "Goods"] * 1.000001
    assert build(changed, meta, asem_config).hash != asem_run.hash


def test_the_hash_does_not_depend_on_the_column_order_of_the_data(
    small_meta: pd.DataFrame, small_data: pd.DataFrame
) -> None:
    cfg = {"steps": [{"step": "normalise", "method": "minmax"}, {"step": "aggregate"}]}
    a = build(small_data, small_meta, cfg)
    b = build(small_data[list(reversed(small_data.columns))], small_meta, cfg)
    assert a.hash == b.hash
