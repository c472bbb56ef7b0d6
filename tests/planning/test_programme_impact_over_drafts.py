"""Runs over draft profiles in the impact views: only for roles that may read unpublished results, on request."""

from __future__ import annotations

import pytest

from petakan.maps import sources
from tests.planning import impact_world as world


@pytest.fixture
def runs(kendal, monkeypatch):  # type: ignore[no-untyped-def]
    series = world.zones_series()
    monkeypatch.setattr(sources, "village_zones", lambda year, status: series)
    reached = {a.code for a in world.reached_villages()}
    world.store_run(2025, effect=5.0, step=0, reached=reached)
    world.store_run(2025, effect=3.0, step=0, reached=reached, status="all")
    world.store_run(2026, effect=3.0, step=1, reached=reached, status="all")


def test_an_analyst_may_ask_for_the_runs_over_all_profiles(period, runs, login) -> None:  # type: ignore[no-untyped-def]
    p = world.programme(period)
    client = login("analyst")
    public = client.get(f"/rencana/program/{p.pk}/dampak/").content.decode()
    assert 'id="no-estimate"' in public and "?periode=" in public and 'id="profiles-toggle"' in public
    drafts = client.get(f"/rencana/program/{p.pk}/dampak/?profil=semua").content.decode()
    assert 'id="effect">+3,0</strong>' in drafts and 'id="drafts-note"' in drafts


def test_the_public_asking_for_drafts_still_gets_the_public_runs(period, runs, login) -> None:  # type: ignore[no-untyped-def]
    p = world.programme(period, approved_at="2025-01-01T00:00:00Z")
    for role in ("anonymous", "village", "district"):
        page = login(role).get(f"/rencana/program/{p.pk}/dampak/?profil=semua").content.decode()
        assert 'id="no-estimate"' in page and 'id="effect"' not in page, role
        assert 'id="profiles-toggle"' not in page and 'id="drafts-note"' not in page, role
        mapped = login(role).get(f"/rencana/program/peta/?periode={period.pk}&profil=semua").content.decode()
        assert 'id="no-map"' in mapped, role
