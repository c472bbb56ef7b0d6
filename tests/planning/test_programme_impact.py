"""Did the programme move the needle? The impact page: runs before and after, matched comparison villages, the
estimate with its interval and n, stated modestly; nothing but a sentence when there is only one run."""

from __future__ import annotations

import pytest

from petakan.maps import sources
from petakan.planning.impact import impact, runs_around
from tests.planning import impact_world as world


@pytest.fixture
def zones(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    series = world.zones_series()
    monkeypatch.setattr(sources, "village_zones", lambda year, status: series)


@pytest.fixture
def reached_codes(kendal) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.code for a in world.reached_villages()}


def test_the_run_before_is_the_latest_up_to_the_start_year_and_the_run_after_the_latest_after_it(kendal) -> None:  # type: ignore[no-untyped-def]
    runs = [world.store_run(y, effect=0, step=i, reached=set()) for i, y in enumerate((2023, 2024, 2026, 2027))]
    before, after = runs_around(2025)
    assert (before.year, after.year) == (2024, 2027)
    assert runs_around(2027) == (runs[-1], None)


def test_it_recovers_the_programmes_effect_in_its_villages(period, zones, reached_codes) -> None:  # type: ignore[no-untyped-def]
    world.store_run(2025, effect=5.0, step=0, reached=reached_codes)
    world.store_run(2026, effect=5.0, step=1, reached=reached_codes)
    result = impact(world.programme(period))
    assert result.before.year == 2025 and result.after.year == 2026
    e = result.estimate
    assert e.has_estimate and e.effect == pytest.approx(5.0)
    assert e.n_reached == 12 and e.n_comparison > 12
    assert {r.code for r in result.reached} == reached_codes
    assert all(r.change == pytest.approx(7.0) for r in result.reached)
    assert all(r.change == pytest.approx(2.0) for r in result.comparison)
    # matching respects the zone: every comparison village lies in its reached village's zone
    zone = {r.code: r.zone for r in result.reached + result.comparison}
    assert all(zone[c] == zone[r] for r, matched in e.pairs.items() for c in matched)


def test_runs_over_drafts_are_not_used(period, zones, reached_codes) -> None:  # type: ignore[no-untyped-def]
    world.store_run(2025, effect=5.0, step=0, reached=reached_codes)
    world.store_run(2026, effect=5.0, step=1, reached=reached_codes, status="all")
    result = impact(world.programme(period))
    assert result.after is None and result.estimate is None
    assert "Belum ada dua hasil indeks" in result.reason("id")


def test_the_page_shows_the_estimate_modestly_with_n_chart_map_and_villages(
    period, zones, reached_codes, client
) -> None:  # type: ignore[no-untyped-def]
    world.store_run(2025, effect=5.0, step=0, reached=reached_codes)
    world.store_run(2026, effect=5.0, step=1, reached=reached_codes)
    p = world.programme(period, approved_at="2025-01-01T00:00:00Z")
    page = client.get(f"/rencana/program/{p.pk}/dampak/").content.decode()
    assert "Perubahan yang menyertai, bukan bukti sebab." in page
    assert 'id="effect">+5,0</strong>' in page
    assert "12 desa sasaran dibandingkan dengan" in page
    assert 'id="impact-chart"' in page and 'id="impact-map"' in page
    assert page.count('<tr data-code="') >= 24
    assert "DATA CONTOH" in page


def test_the_page_speaks_english_too(period, zones, reached_codes, client) -> None:  # type: ignore[no-untyped-def]
    world.store_run(2025, effect=5.0, step=0, reached=reached_codes)
    world.store_run(2026, effect=5.0, step=1, reached=reached_codes)
    p = world.programme(period, approved_at="2025-01-01T00:00:00Z")
    client.cookies["django_language"] = "en"
    page = client.get(f"/rencana/program/{p.pk}/dampak/").content.decode()
    assert "Accompanying change, not proof of cause." in page


def test_with_only_one_run_the_page_says_so_and_shows_nothing_else(period, zones, reached_codes, client) -> None:  # type: ignore[no-untyped-def]
    world.store_run(2025, effect=5.0, step=0, reached=reached_codes)
    p = world.programme(period, approved_at="2025-01-01T00:00:00Z")
    page = client.get(f"/rencana/program/{p.pk}/dampak/").content.decode()
    assert 'id="no-estimate"' in page and "Belum ada dua hasil indeks" in page
    assert 'id="effect"' not in page and 'id="impact-map"' not in page and 'id="impact-chart"' not in page


def test_a_draft_programmes_impact_does_not_exist_for_the_public_but_does_for_the_council(period, login) -> None:  # type: ignore[no-untyped-def]
    p = world.programme(period)
    assert login("anonymous").get(f"/rencana/program/{p.pk}/dampak/").status_code == 404
    assert login("council").get(f"/rencana/program/{p.pk}/dampak/").status_code == 200


def test_the_programme_page_links_to_its_impact(period, login) -> None:  # type: ignore[no-untyped-def]
    p = world.programme(period)
    page = login("analyst").get(f"/rencana/program/{p.pk}/").content.decode()
    assert f'href="/rencana/program/{p.pk}/dampak/"' in page


def test_the_villages_of_a_target_kecamatan_count_as_reached(period, zones) -> None:  # type: ignore[no-untyped-def]
    from petakan.planning.impact import reached_villages
    from petakan.regions.models import Area

    district = Area.objects.get(code="33.24.01")
    p = world.programme(period, districts=[district])
    codes = reached_villages(p)
    assert set(district.children.values_list("code", flat=True)) <= codes
    assert {a.code for a in world.reached_villages()} <= codes


def test_a_programme_for_the_whole_regency_has_nobody_to_compare_with(period, zones, reached_codes) -> None:  # type: ignore[no-untyped-def]
    world.store_run(2025, effect=5.0, step=0, reached=reached_codes)
    world.store_run(2026, effect=5.0, step=1, reached=reached_codes)
    result = impact(world.programme(period, whole_regency=True))
    assert result.estimate is None and "seluruh kabupaten" in result.reason("id")
