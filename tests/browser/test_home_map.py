"""A visitor opens the home page, sees Kendal's 286 villages, hovers, switches language, opens a village."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_the_home_map_shows_286_villages_and_switches_language(kendal_live, live_server, page: Page) -> None:
    page.goto(live_server.url + "/")
    expect(page.locator("#map")).to_have_attribute("data-count", "286")
    assert page.locator("path.village").count() == 286
    assert page.locator("path.district").count() == 20
    assert page.locator("html").get_attribute("lang") == "id"
    screenshot(page, "home-map")

    page.locator("path.village").nth(0).hover(force=True)
    expect(page.locator(".leaflet-tooltip")).to_contain_text("(")

    page.click("#lang-en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#map")).to_have_attribute("data-count", "286")
    screenshot(page, "home-map-en")
    page.click("#lang-id")
    expect(page.locator("html")).to_have_attribute("lang", "id")


def test_clicking_a_village_opens_its_page(kendal_live, live_server, page: Page) -> None:
    page.goto(live_server.url + "/wilayah/33.24.01/")
    expect(page.locator("#map")).to_have_attribute("data-count", "12")
    page.locator("path.village").first.click(force=True)
    page.wait_for_url("**/wilayah/33.24.01.*/")
    expect(page.locator("h1")).to_contain_text("Desa")
    expect(page.locator("dl.facts")).to_contain_text("Plantungan")


def test_the_map_is_usable_on_a_phone(kendal_live, live_server, browser, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_TILE_URL = ""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.locator("#map")).to_have_attribute("data-count", "286")
    box = page.locator("#map").bounding_box()
    assert box is not None and box["width"] <= 360 and box["height"] > 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "home-map-phone")
    context.close()
