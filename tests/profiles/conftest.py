"""Fixtures of the profiles app tests: a valid complete profile, stored profiles in any status, logins."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.test import Client
from django.utils import timezone

from petakan.lib.profile import Value, frame_to_records, generate_demo_profiles, load_demo_inputs, load_schema
from petakan.profiles.models import Profile
from petakan.regions.models import Area
from tests.conftest import KENDAL_VILLAGE, PASSWORD

YEAR = 2026


@pytest.fixture(scope="session")
def demo_frame(data_dir: Path) -> pd.DataFrame:
    """Generated profiles of Kendal's 286 villages (index: village code)."""
    inputs = load_demo_inputs(data_dir)
    kwargs = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}
    return generate_demo_profiles(**kwargs, year=YEAR, seed=1)


@pytest.fixture(scope="session")
def demo_records(demo_frame: pd.DataFrame) -> dict[str, dict[str, Value]]:
    """The generated profiles as stored: empty fields left out."""
    records = frame_to_records(load_schema(), demo_frame)
    return {code: {k: v for k, v in values.items() if v is not None} for code, values in records.items()}


@pytest.fixture
def complete_values(demo_records: dict[str, dict[str, Value]]) -> dict[str, Value]:
    """A complete, valid profile of Blumah (passes validation with partial=False)."""
    return dict(demo_records[KENDAL_VILLAGE])


@pytest.fixture
def make_profile(kendal) -> Callable[..., Profile]:  # type: ignore[no-untyped-def]
    def make(code: str = KENDAL_VILLAGE, status: str = "draft", values: dict[str, Any] | None = None, **kw: Any):
        return Profile.objects.create(
            area=Area.objects.get(code=code),
            year=kw.pop("year", YEAR),
            schema=load_schema().code,
            values=values or {},
            status=status,
            version=kw.pop("version", 1),
            changed_at=timezone.now(),
            **kw,
        )

    return make


@pytest.fixture
def login(cast) -> Callable[[Client, str], Client]:  # type: ignore[no-untyped-def]
    """Log ``client`` in as a member of the cast (``"anonymous"`` leaves it logged out)."""

    def do(client: Client, role: str) -> Client:
        if role != "anonymous":
            assert client.login(username=cast[role].username, password=PASSWORD)
        return client

    return do
