"""Fixtures for the maps: a computed demo run (stored per test as published or over drafts) and profiles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.test import Client

from petakan.indices.models import Run
from petakan.maps import sources
from tests.conftest import PASSWORD
from tests.maps import runs


@pytest.fixture(scope="session")
def demo_profiles(data_dir: Path) -> pd.DataFrame:
    return runs.demo_profiles(data_dir)


@pytest.fixture(scope="session")
def computed(demo_profiles: pd.DataFrame) -> Any:
    return runs.compute(demo_profiles)


@pytest.fixture
def published(kendal, computed) -> Run:  # type: ignore[no-untyped-def]
    return runs.store(computed, "published")


@pytest.fixture
def drafts(kendal, computed) -> Run:  # type: ignore[no-untyped-def]
    return runs.store(computed, "all")


@pytest.fixture(scope="session")
def reweighted(demo_profiles: pd.DataFrame) -> Any:
    return runs.compute_reweighted(demo_profiles)


@pytest.fixture
def earlier(kendal, reweighted) -> Run:  # type: ignore[no-untyped-def]
    """A published run of 2025 (other weights) to compare the published 2026 run with."""
    return runs.store(reweighted, "published", year=2025)


@pytest.fixture
def earlier_draft(kendal, reweighted) -> Run:  # type: ignore[no-untyped-def]
    """A 2025 run over draft profiles: only regency-wide roles may compare with it."""
    return runs.store(reweighted, "all", year=2025)


@pytest.fixture
def profiles(monkeypatch, demo_profiles: pd.DataFrame) -> list[tuple[int, str]]:
    """The profiles app answers with the demo profiles; returns the (year, status) of every read, so tests can
    check that a run over published profiles never reads drafts."""
    reads: list[tuple[int, str]] = []

    def frame(year: int, status: str, prefix: str = "") -> pd.DataFrame:
        reads.append((year, status))
        return demo_profiles

    monkeypatch.setattr(sources, "profile_frame", frame)
    monkeypatch.setattr(sources, "profiles_available", lambda: True)
    return reads


@pytest.fixture
def no_profiles_app(monkeypatch) -> None:
    """An installation without the profiles app."""
    real = sources._module
    monkeypatch.setattr(
        sources,
        "_module",
        lambda name, attribute: None if name.startswith("petakan.profiles") else real(name, attribute),
    )


@pytest.fixture
def login(cast) -> Callable[[str], Client]:  # type: ignore[no-untyped-def]
    """``login("council")`` → a client logged in as that member of the cast ("anonymous": not logged in)."""

    def as_role(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            assert client.login(username=cast[role].username, password=PASSWORD)
        return client

    return as_role
