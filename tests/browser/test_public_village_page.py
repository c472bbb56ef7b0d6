"""An anonymous visitor's village page, served from its cached public part, still draws its map and radar (phone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import Browser, expect

from petakan.indices.models import Run
from tests.browser.conftest import screenshot
from tests.conftest import KENDAL_VILLAGE
from tests.maps import runs

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_profiles(data_dir: Path) -> pd.DataFrame:
    return runs.demo_profiles(data_dir)


@pytest.fixture(scope="module")
def computed(demo_profiles: pd.DataFrame) -> Any:
    return runs.compute(demo_profiles)


@pytest.fixture
def run(kendal_live, computed) -> Run:  # type: ignore[no-untyped-def]
    return runs.store(computed, "published")


def test_a_cached_village_page_draws_its_map_and_radar_for_every_visitor(
    run: Run, live_server, browser: Browser, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_TILE_URL = ""
    for visitor in ("first", "second"):  # the second visitor gets the cached main part
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{live_server.url}/wilayah/{KENDAL_VILLAGE}/")
        expect(page.locator("#map path").first).to_be_visible()
        expect(page.locator(".radar")).to_have_attribute("data-rendered", "1")
        if visitor == "second":
            page.locator(".radar").scroll_into_view_if_needed()
            screenshot(page, "public-village-page-phone")
        context.close()
