"""The OGC API's HTML pages (f=html) on a phone: the site's layout, a readable table of features, links to each
feature, and no Content-Security-Policy violation."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import screenshot
from tests.conftest import KENDAL_VILLAGE

pytestmark = pytest.mark.browser


def test_a_phone_reads_the_village_features_page_and_opens_one(kendal_live, live_server: Any, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    problems: list[str] = []
    # CSP refusals only: chromium also reports the 404 of /favicon.ico, which the site does not serve
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page.goto(live_server.url + "/ogc/collections/desa/items?f=html&limit=20")
        expect(page.locator("h1")).to_contain_text("Batas desa")
        assert page.locator("tbody tr").count() == 20
        expect(page.locator("main")).to_contain_text("20 dari 286 fitur")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways ({width} px)"
        screenshot(page, "ogc-items-phone")
        page.locator(f"a:text-is('{KENDAL_VILLAGE}')").click()
        expect(page.locator("h1")).to_contain_text(KENDAL_VILLAGE)
        expect(page.locator("dl.ogc-properties")).to_contain_text("district_code")
        screenshot(page, "ogc-item-phone")
    finally:
        context.close()
    assert problems == []
