"""Drill-down on the map: from a kecamatan's panel to its villages, zoomed in, the other villages faded, and the
focus kept in the URL so that a link opens the same view."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from petakan.indices.models import Run
from tests.browser.conftest import screenshot
from tests.browser.test_maps import computed, demo_profiles, open_map, run  # noqa: F401

pytestmark = pytest.mark.browser


def opacities(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('#map path.village[data-code]'))
             .map(p => [p.getAttribute('data-code'), p.getAttribute('fill-opacity')]))"""
    )


def zoom(url: str) -> float:
    return float(parse_qs(urlparse(url).query)["v"][0].split("/")[0])


def test_a_kecamatan_opens_onto_its_villages_and_the_link_keeps_the_focus(
    run: Run,  # noqa: F811
    live_server,
    browser: Browser,
    page: Page,
) -> None:
    open_map(page, live_server.url + "/peta/?level=district")
    page.wait_for_url(lambda url: "v=" in url)
    zoom_before = zoom(page.url)
    page.locator('path.kecamatan-area[data-code="33.24.05"]').click(force=True)
    expect(page.locator("#panel")).to_have_attribute("data-loaded", "33.24.05")
    page.locator("#panel-drill").click()

    expect(page.locator("#map")).to_have_attribute("data-level", "village")
    expect(page.locator("#map")).to_have_attribute("data-fokus", "33.24.05")
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    expect(page.locator("#fokus-note")).to_be_visible()
    expect(page.locator("#fokus-text")).to_contain_text("Kecamatan")
    page.wait_for_url(lambda url: "fokus=33.24.05" in url and "level=village" in url)
    shown = opacities(page)
    inside = {c: o for c, o in shown.items() if c.startswith("33.24.05.")}
    outside = {c: o for c, o in shown.items() if not c.startswith("33.24.05.")}
    assert len(shown) == 286 and inside and outside
    assert {o for o in inside.values()} <= {"0.85", "1"} and set(outside.values()) == {"0.15"}
    assert page.locator("#ctl-level").input_value() == "village"
    page.wait_for_url(lambda url: zoom(url) > zoom_before)  # zoomed onto the kecamatan
    screenshot(page, "peta-fokus-kecamatan")

    link = page.url
    other = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    open_map(other, link)
    expect(other.locator("#map")).to_have_attribute("data-fokus", "33.24.05")
    assert opacities(other) == shown

    page.locator("#fokus-clear").click()
    expect(page.locator("#fokus-note")).to_be_hidden()
    page.wait_for_url(lambda url: "fokus=" not in url)
    assert "0.15" not in set(opacities(page).values())
