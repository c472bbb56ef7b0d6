"""The pipeline configuration: every problem reported at once, every default written out."""

from __future__ import annotations

import pandas as pd
import pytest

from petakan.lib.index import IndexConfigError, build, parse_framework, resolve_config

from .conftest import MINIMAL


def config_problems(cfg: dict[str, object], meta: pd.DataFrame) -> set[tuple[str, str | None]]:
    with pytest.raises(IndexConfigError) as err:
        resolve_config(cfg, parse_framework(meta))
    return {(p.reason, p.field) for p in err.value.problems}


def test_unknown_steps_keys_and_values_are_all_reported(small_meta: pd.DataFrame) -> None:
    cfg = {
        "steps": [
            {"step": "impute", "method": "magic"},
            {"step": "smooth"},
            {"step": "treat", "winmax": -1, "colour": "red"},
            {"step": "normalise", "method": "minmax", "range": [100, 0]},
            {"step": "aggregate", "method": "arithmetic"},
        ]
    }
    assert config_problems(cfg, small_meta) == {
        ("bad_value", "steps[0].method"),
        ("unknown_step", "steps[1].step"),
        ("unknown_key", "steps[2].colour"),
        ("bad_value", "steps[2].winmax"),
        ("bad_value", "steps[3].range"),
    }


def test_normalise_and_aggregate_are_required_and_aggregate_comes_last(small_meta: pd.DataFrame) -> None:
    assert ("missing_step", "steps") in config_problems(
        {"steps": [{"step": "normalise", "method": "rank"}]}, small_meta
    )
    cfg = {
        "steps": [{"step": "normalise", "method": "rank"}, {"step": "aggregate"}, {"step": "impute", "method": "mean"}]
    }
    reasons = config_problems(cfg, small_meta)
    assert ("step_order", "steps") in reasons


def test_codes_in_the_configuration_must_exist(small_meta: pd.DataFrame) -> None:
    cfg = {
        "steps": [
            {"step": "impute", "method": "group_mean", "group": "province"},
            {"step": "normalise", "method": "minmax"},
            {"step": "weight", "overrides": {"zz": 2}},
            {"step": "aggregate"},
        ]
    }
    assert config_problems(cfg, small_meta) == {
        ("unknown_group", "steps[0].group"),
        ("unknown_code", "steps[2].overrides.zz"),
    }


def test_resolution_writes_every_default_into_the_configuration(small_meta: pd.DataFrame) -> None:
    cfg = resolve_config({"steps": [{"step": "treat"}, *MINIMAL["steps"]]}, parse_framework(small_meta))
    treat = cfg["steps"][0]
    assert treat == {
        "step": "treat",
        "method": "winsorise_log",
        "winmax": 5,
        "skew_threshold": 2.0,
        "kurt_threshold": 3.5,
        "transform": "log_ct",
        "combine": False,
        "indicators": {},
    }
    weight = cfg["steps"][2]
    assert weight == {"step": "weight", "method": "meta", "overrides": {}, "implicit": True}
    assert cfg["steps"][3]["levels"] == {
        "2": {"method": "arithmetic", "min_share": 0.0},
        "3": {"method": "arithmetic", "min_share": 0.0},
    }
    assert cfg["ranks"] == {"ties": "min"}


def test_building_without_a_configuration_is_refused(small_meta: pd.DataFrame, small_data: pd.DataFrame) -> None:
    with pytest.raises(TypeError):
        build(small_data, small_meta, None)
