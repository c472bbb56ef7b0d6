"""Demo profiles and index runs for the map tests (shared with the browser tests)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pandas as pd

from petakan.indices import services
from petakan.indices.models import Run
from petakan.lib.profile import generate_demo_profiles, load_demo_inputs

YEAR = 2026


def demo_profiles(data_dir: Path) -> pd.DataFrame:
    """Generated profiles for Kendal's 286 villages (index: village code), as the demo loads them."""
    inputs = load_demo_inputs(data_dir)
    kwargs = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}
    return generate_demo_profiles(**kwargs, year=YEAR, seed=1)


def compute(profiles: pd.DataFrame) -> Any:
    return services.compute(services.framework("smart-city-v1"), profiles, sensitivity_runs=4)


def store(computed: Any, status: str, *, year: int = YEAR, is_demo: bool = True) -> Run:
    return services.store(computed, year=year, profile_status=status, is_demo=is_demo)


def compute_reweighted(profiles: pd.DataFrame) -> Any:
    """The same profiles under a copy of the framework where the economy dimension counts three times: the index
    changes, the dimensions do not (a run "with changed weights" to compare with)."""
    import copy

    from petakan.lib.profile import load_schema
    from petakan.lib.smartcity import parse_framework

    raw = copy.deepcopy(services.framework("smart-city-v1").raw)
    raw["version"] = "1.0-alt"
    raw["dimensions"][2]["weight"] = 3
    alt = parse_framework(raw, [f.code for f in load_schema().fields])
    return services.compute(alt, profiles, sensitivity_runs=0)
