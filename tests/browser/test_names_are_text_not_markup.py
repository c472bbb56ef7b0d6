"""A village and a kecamatan whose names carry markup (`<img src=x onerror=…>`, as an import once let through) show
that markup as text in every tooltip, panel, table and chart on the home map, the thematic map and the dashboard:
no element is made from it and its handler never runs."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from petakan.indices.models import Run
from petakan.profiles.services import public_profiles
from petakan.regions.layers import build_layers
from petakan.regions.models import Area, Generation
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=window.__xss=1>"
VILLAGE, DISTRICT = "33.24.01.2001", "33.24.01"
VILLAGE_NAME, DISTRICT_NAME = f"Blumah {PAYLOAD}", f"Plantungan {PAYLOAD}"
# Blumah is the demo village account's own village, left in draft by the demo: a published village elsewhere gets a
# hostile name too, for the ranking of the published run
RANKED_NAME = f"Ranked {PAYLOAD}"


@pytest.fixture
def hostile_names(kendal_live: Any) -> Run:
    """The demo, then the two names changed and the map layers rebuilt (as after an import of codes and names)."""
    call_command("demo", stdout=StringIO())
    Area.objects.filter(code=VILLAGE).update(name=VILLAGE_NAME)
    Area.objects.filter(code=DISTRICT).update(name=DISTRICT_NAME)
    ranked = public_profiles(2026).exclude(area__parent__code=DISTRICT).order_by("area__code").first()
    assert ranked is not None
    Area.objects.filter(pk=ranked.area_id).update(name=RANKED_NAME)
    build_layers(Generation.objects.get(active=True))
    return Run.objects.get(is_current=True, year=2026, profile_status="published")


def assert_nothing_was_made_of_the_markup(page: Page) -> None:
    assert page.locator('img[src="x"]').count() == 0
    assert page.evaluate("window.__xss") is None


def test_hostile_names_show_as_text_in_every_tooltip_and_panel(
    hostile_names: Run, live_server: Any, page: Page
) -> None:
    base = live_server.url

    page.goto(base + "/")
    expect(page.locator("#map")).to_have_attribute("data-count", "286")
    # the home map's tooltip: "village (kecamatan)"; the first village drawn is Blumah (codes are sorted)
    page.locator("path.village").first.hover(force=True)
    expect(page.locator(".leaflet-tooltip").last).to_have_text(f"{VILLAGE_NAME} ({DISTRICT_NAME})")
    assert_nothing_was_made_of_the_markup(page)

    page.goto(base + f"/wilayah/{DISTRICT}/")
    expect(page.locator("#map")).to_have_attribute("data-count", "12")
    page.locator("path.village").first.hover(force=True)
    expect(page.locator(".leaflet-tooltip").last).to_contain_text(DISTRICT_NAME)
    expect(page.locator("h1")).to_contain_text(PAYLOAD)
    assert_nothing_was_made_of_the_markup(page)

    # the thematic map, village level: tooltip, side panel, search list and the table behind the map
    page.goto(base + f"/peta/?run={hostile_names.pk}&sel={VILLAGE}")
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    expect(page.locator("#panel")).to_have_attribute("data-loaded", VILLAGE)
    expect(page.locator("#panel-title")).to_have_text(VILLAGE_NAME)
    expect(page.locator("#panel-body")).to_contain_text(DISTRICT_NAME)
    page.locator(f'path.village[data-code="{VILLAGE}"]').hover(force=True)
    expect(page.locator(".leaflet-tooltip").last).to_contain_text(f"{VILLAGE_NAME} ({DISTRICT_NAME})")
    options = page.eval_on_selector_all("#village-names option", "os => os.map(o => o.value)")
    assert f"{VILLAGE_NAME} — {DISTRICT_NAME}" in options
    page.locator("#data-table-box summary").click()
    expect(page.locator("#data-table-box tbody")).to_contain_text(VILLAGE_NAME)
    screenshot(page, "hostile-name-thematic-map")
    assert_nothing_was_made_of_the_markup(page)

    # kecamatan level: tooltip and panel of the kecamatan
    page.goto(base + f"/peta/?run={hostile_names.pk}&level=district&sel={DISTRICT}")
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    expect(page.locator("#panel")).to_have_attribute("data-loaded", DISTRICT)
    expect(page.locator("#panel-title")).to_have_text(DISTRICT_NAME)
    page.locator(f'path.kecamatan-area[data-code="{DISTRICT}"]').hover(force=True)
    expect(page.locator(".leaflet-tooltip").last).to_contain_text(DISTRICT_NAME)
    assert_nothing_was_made_of_the_markup(page)

    # the dashboard: the kecamatan as the radar's comparison (legend and tooltip) and the village in the ranking
    page.goto(base + f"/peta/dasbor/?run={hostile_names.pk}&kecamatan={DISTRICT}")
    radar = page.locator(".radar[data-rendered]").first
    radar.scroll_into_view_if_needed()
    expect(radar).to_contain_text(DISTRICT_NAME)  # the legend, drawn as SVG text
    box = radar.bounding_box()
    assert box is not None
    for fx, fy in ((0.5, 0.45), (0.5, 0.3), (0.6, 0.45), (0.4, 0.5)):
        page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
        page.wait_for_timeout(100)
    assert_nothing_was_made_of_the_markup(page)
    page.goto(base + f"/peta/dasbor/?run={hostile_names.pk}&cari=Ranked")
    expect(page.locator("#ranking")).to_contain_text(RANKED_NAME)
    assert_nothing_was_made_of_the_markup(page)
