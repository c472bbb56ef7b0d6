"""Open-data fixtures: a run over published profiles, a run over drafts, and profiles in each status."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from django.utils import timezone

from petakan.indices import services
from petakan.indices.models import Run
from petakan.lib.profile import generate_demo_profiles, load_demo_inputs
from petakan.profiles.models import Profile, Status
from petakan.profiles.services import schema
from petakan.regions.models import Area
from tests.conftest import KENDAL_VILLAGE, OTHER_VILLAGE, SAME_DISTRICT_OTHER_VILLAGE

YEAR = 2026


@pytest.fixture(scope="session")
def demo_profiles(data_dir: Path) -> pd.DataFrame:
    """Generated profiles for Kendal's 286 villages (index: village code), as the demo loads them."""
    inputs = load_demo_inputs(data_dir)
    kwargs = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}
    return generate_demo_profiles(**kwargs, year=YEAR, seed=1)


def make_run(demo_profiles: pd.DataFrame, status: str) -> Run:
    fw = services.framework("smart-city-v1")
    return services.store(
        services.compute(fw, demo_profiles, sensitivity_runs=4), year=YEAR, profile_status=status, is_demo=True
    )


@pytest.fixture
def published_run(kendal, demo_profiles) -> Run:
    return make_run(demo_profiles, "published")


@pytest.fixture
def draft_run(kendal, demo_profiles) -> Run:
    return make_run(demo_profiles, "all")


def make_profile(code: str, status: str, values: dict, *, is_demo: bool = False) -> Profile:
    return Profile.objects.create(
        area=Area.objects.get(code=code),
        year=YEAR,
        schema=schema().code,
        values=values,
        status=status,
        version=1,
        is_demo=is_demo,
        changed_at=timezone.now(),
    )


@pytest.fixture
def profiles(kendal) -> dict[str, Profile]:
    """Blumah published (demo), Kediten published (real), Getasblawong a draft with a tell-tale value."""
    return {
        "published_demo": make_profile(KENDAL_VILLAGE, Status.PUBLISHED, {"pop_male": 1200}, is_demo=True),
        "published": make_profile(SAME_DISTRICT_OTHER_VILLAGE, Status.PUBLISHED, {"pop_male": 800, "households": 500}),
        "draft": make_profile(OTHER_VILLAGE, Status.DRAFT, {"pop_male": 424242}),
    }
