from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from petakan.indices import services
from petakan.indices.models import Run
from petakan.lib.profile import generate_demo_profiles, load_demo_inputs


@pytest.fixture(scope="session")
def demo_profiles(data_dir: Path) -> pd.DataFrame:
    """Generated profiles for Kendal's 286 villages (index: village code), as the demo loads them."""
    inputs = load_demo_inputs(data_dir)
    kwargs = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}
    return generate_demo_profiles(**kwargs, year=2026, seed=1)


def make_run(demo_profiles: pd.DataFrame, status: str) -> Run:
    fw = services.framework("smart-city-v1")
    return services.store(
        services.compute(fw, demo_profiles, sensitivity_runs=4), year=2026, profile_status=status, is_demo=True
    )


@pytest.fixture
def published(kendal, demo_profiles) -> Run:
    return make_run(demo_profiles, "published")


@pytest.fixture
def drafts(kendal, demo_profiles) -> Run:
    return make_run(demo_profiles, "all")
