"""The dashboard fits a 360 px phone: nothing makes the page scroll sideways (wide tables scroll inside their box)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import Browser, expect

from petakan.indices.models import Run
from petakan.maps import sources
from tests.browser.conftest import screenshot
from tests.maps import runs

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_profiles(data_dir: Path) -> pd.DataFrame:
    return runs.demo_profiles(data_dir)


@pytest.fixture(scope="module")
def computed(demo_profiles: pd.DataFrame) -> Any:
    return runs.compute(demo_profiles)


@pytest.fixture
def run(kendal_live, computed, demo_profiles, monkeypatch) -> Run:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sources, "profile_frame", lambda year, status, prefix="": demo_profiles)
    monkeypatch.setattr(sources, "profiles_available", lambda: True)
    return runs.store(computed, "published")


@pytest.mark.parametrize("query", ["", "?kecamatan=33.24.01"])
def test_the_dashboard_fits_a_360_px_screen_without_scrolling_sideways(
    run: Run, live_server, browser: Browser, settings, query: str
) -> None:
    settings.PETAKAN_TILE_URL = ""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(live_server.url + "/peta/dasbor/" + query)
    expect(page.locator(".radar").first).to_have_attribute("data-rendered", "1")
    expect(page.locator("#zone-chart")).to_have_attribute("data-rendered", "1")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 361 && !e.closest('.table-wrap'))
            .slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + e.getBoundingClientRect().right)"""
    )
    # the axis names of the radar and of the zone chart stay on the screen
    names = page.evaluate(
        """() => [...document.querySelectorAll('.radar svg text, #zone-chart svg text')].map(t => {
            const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right]; })"""
    )
    screenshot(page, "dasbor-360" + ("-kecamatan" if query else ""))
    full = screenshot(page, "dasbor-360-full" + ("-kecamatan" if query else ""))
    page.screenshot(path=str(full), full_page=True)
    page.evaluate("window.scrollTo(0, 700)")
    screenshot(page, "dasbor-360-lower" + ("-kecamatan" if query else ""))
    context.close()
    assert width <= 360, wide
    assert any("Governance" in n for n, _left, _right in names)
    assert all(left >= 0 and right <= 360 for _n, left, right in names), names
