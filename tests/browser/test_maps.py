"""The thematic map and the dashboard in chromium: 286 villages, recolouring with a matching legend, the side
panel, the view in the URL, the English switch, a 360 px phone, keyboard focus, and the dashboard's charts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

from petakan.indices import scores
from petakan.indices.models import Run, Unit, UnitScores
from petakan.maps import sources
from tests.browser.conftest import screenshot
from tests.maps import runs

pytestmark = pytest.mark.browser

HATCH = "url(#petakan-hatch)"


@pytest.fixture(scope="module")
def demo_profiles(data_dir: Path) -> pd.DataFrame:
    return runs.demo_profiles(data_dir)


@pytest.fixture(scope="module")
def computed(demo_profiles: pd.DataFrame) -> Any:
    return runs.compute(demo_profiles)


@pytest.fixture
def run(kendal_live, computed, demo_profiles, monkeypatch) -> Run:  # type: ignore[no-untyped-def]
    """A published demo run; the profiles app answers with the demo profiles (for the zone overlay)."""
    monkeypatch.setattr(sources, "profile_frame", lambda year, status, prefix="": demo_profiles)
    monkeypatch.setattr(sources, "profiles_available", lambda: True)
    return runs.store(computed, "published")


def open_map(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")


def fills(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('#map path[data-code]'))
             .map(p => [p.getAttribute('data-code'), p.getAttribute('fill')]))"""
    )


def legend(page: Page) -> list[dict[str, str]]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('#legend li[data-class]')).map(li => ({...li.dataset}))"""
    )


def stored(run: Run, node: str, unit: str = Unit.VILLAGE) -> dict[str, float | None]:
    return scores.node_values(run, unit, node)


def test_choosing_a_dimension_recolours_the_286_villages_and_the_legend_matches(run: Run, live_server, page) -> None:
    open_map(page, live_server.url + "/peta/")
    assert page.locator("path.village").count() == 286
    assert page.locator("path.district").count() == 20
    expect(page.locator("#map")).to_have_attribute("data-count", "286")
    before = fills(page)

    page.select_option("#ctl-var", "econ")
    expect(page.locator("#map")).to_have_attribute("data-var", "econ")
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    after = fills(page)
    assert len(after) == 286 and sum(before[c] != after[c] for c in after) > 100
    assert "var=econ" in page.url

    entries = legend(page)
    by_colour = {e["colour"]: e for e in entries if e["class"] != "-1"}
    missing = next(e for e in entries if e["class"] == "-1")
    values = stored(run, "econ")
    for code, fill in after.items():
        value = values[code]
        if value is None:
            assert fill == HATCH, code
            continue
        entry = by_colour[fill]
        lower, upper = float(entry["lower"]), float(entry["upper"])
        assert lower - 1e-6 <= value <= upper + 1e-6, (code, value, entry)
        if entry["class"] != "0":
            assert value > lower - 1e-6
    counts = Counter(after.values())
    for colour, entry in by_colour.items():
        assert counts[colour] == int(entry["count"]), colour
    assert counts[HATCH] == int(missing["count"]) and "data belum cukup" in page.locator("#legend").inner_text()

    page.check("#ctl-zones")
    expect(page.locator("#map")).to_have_attribute("data-zones", "3")
    assert page.locator("path.zone").count() == 3
    screenshot(page, "peta-tematik")


def test_clicking_a_village_opens_its_panel_with_its_values(run: Run, live_server, page: Page) -> None:
    open_map(page, live_server.url + "/peta/?var=gov")
    page.locator('path.village[data-code="33.24.01.2002"]').click(force=True)
    expect(page.locator("#panel")).to_have_attribute("data-loaded", "33.24.01.2002")
    panel = page.locator("#panel")
    expect(panel.locator("#panel-title")).to_have_text("Kediten")
    expect(panel).to_contain_text("Plantungan")
    gov = stored(run, "gov")["33.24.01.2002"]
    expect(panel.locator("#panel-var")).to_contain_text(f"{gov:.1f}".replace(".", ","))
    index = UnitScores.objects.get(run=run, unit=Unit.VILLAGE, area__code="33.24.01.2002")
    expect(panel.locator("#panel-index")).to_contain_text(f"peringkat {index.rank} (antara {index.rank_low}")
    for node in ("gov", "brand", "econ", "living", "society", "env"):
        value = stored(run, node)["33.24.01.2002"]
        expected = "–" if value is None else f"{value:.1f}".replace(".", ",")
        expect(panel.locator(f'#panel-dimensions tr[data-node="{node}"] td')).to_have_text(expected)
    assert "sel=33.24.01.2002" in page.url
    screenshot(page, "peta-panel")
    panel.get_by_role("link").click()
    page.wait_for_url("**/wilayah/33.24.01.2002/")


def test_the_url_reproduces_the_view(run: Run, live_server, browser: Browser, page: Page) -> None:
    open_map(page, live_server.url + "/peta/")
    page.select_option("#ctl-var", "society")
    page.select_option("#ctl-level", "district")
    page.select_option("#ctl-cls", "jenks")
    page.select_option("#ctl-k", "4")
    page.select_option("#ctl-pal", "viridis")
    expect(page.locator("#map")).to_have_attribute("data-level", "district")
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    page.locator("#map .leaflet-control-zoom-in").click()
    # a click during the zoom animation would land where the kecamatan was, not where it is
    page.wait_for_function("() => !document.querySelector('#map.leaflet-zoom-anim')")
    page.wait_for_timeout(300)
    page.locator('path.kecamatan-area[data-code="33.24.05"]').click(force=True)
    expect(page.locator("#panel")).to_have_attribute("data-loaded", "33.24.05")
    page.uncheck("#ctl-outlines")
    page.wait_for_url(lambda url: "outlines=0" in url)
    # the zoom animation ends on its own schedule and writes the view into the URL: wait until it stops changing
    link = ""
    while link != page.url:
        link = page.url
        page.wait_for_timeout(500)
    shown = fills(page)
    for part in ("var=society", "level=district", "cls=jenks", "k=4", "pal=viridis", "sel=33.24.05", "outlines=0"):
        assert part in link, part

    other = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    open_map(other, link)
    expect(other.locator("#panel")).to_have_attribute("data-loaded", "33.24.05")
    assert fills(other) == shown and len(shown) == 20
    for select_id, value in (
        ("#ctl-var", "society"),
        ("#ctl-level", "district"),
        ("#ctl-cls", "jenks"),
        ("#ctl-k", "4"),
        ("#ctl-pal", "viridis"),
    ):
        assert other.locator(select_id).input_value() == value
    assert not other.locator("#ctl-outlines").is_checked() and other.locator("path.district").count() == 0
    assert other.url == link  # the same zoom and centre
    other.context.close()


def test_the_english_switch_keeps_the_view_and_translates_it(run: Run, live_server, page: Page) -> None:
    open_map(page, live_server.url + "/peta/?var=econ&level=district")
    expect(page.locator("#legend")).to_contain_text(",")
    page.click("#lang-en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    assert "var=econ" in page.url and "level=district" in page.url
    expect(page.locator("#ctl-var option[value=sci]")).to_have_text("Smart City Index")
    first_class = page.locator("#legend li[data-class='0']").inner_text()
    assert "." in first_class and "," not in first_class
    screenshot(page, "peta-tematik-en")
    page.click("#lang-id")
    expect(page.locator("html")).to_have_attribute("lang", "id")


def test_a_360px_phone_shows_a_usable_map(run: Run, live_server, browser: Browser, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_TILE_URL = ""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    open_map(page, live_server.url + "/peta/?var=living")
    assert page.locator("path.village").count() == 286
    box = page.locator("#map").bounding_box()
    assert box is not None and box["width"] <= 360 and box["height"] >= 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for control in ("#ctl-var", "#ctl-level", "#ctl-search"):
        control_box = page.locator(control).bounding_box()
        assert control_box is not None and control_box["x"] >= 0 and control_box["x"] + control_box["width"] <= 360
    page.locator('path.village[data-code="33.24.01.2001"]').tap(force=True)
    expect(page.locator("#panel")).to_have_attribute("data-loaded", "33.24.01.2001")
    panel = page.locator("#panel").bounding_box()
    box = page.locator("#map").bounding_box()  # the page may have scrolled to the panel
    assert panel is not None and box is not None
    assert panel["width"] <= 360 and panel["y"] >= box["y"] + box["height"] - 1  # below the map, not over it
    screenshot(page, "peta-tematik-ponsel")
    context.close()


def test_hovering_shows_the_value_and_the_table_behind_the_map_lists_every_village(
    run: Run, live_server, page: Page
) -> None:
    open_map(page, live_server.url + "/peta/?var=env")
    env = stored(run, "env")["33.24.01.2002"]
    page.locator('path.village[data-code="33.24.01.2002"]').hover(force=True)
    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("Kediten (Plantungan)")
    expect(tooltip).to_contain_text(
        "Smart Environment: " + ("data belum cukup" if env is None else f"{env:.1f}".replace(".", ","))
    )
    page.locator("#data-table-box summary").click()
    expect(page.locator("#data-table tbody tr")).to_have_count(286)
    expect(page.locator("#data-table")).to_contain_text("Kediten")


def test_search_finds_a_village_by_name(run: Run, live_server, page: Page) -> None:
    open_map(page, live_server.url + "/peta/")
    page.fill("#ctl-search", "kediten")
    page.keyboard.press("Enter")
    expect(page.locator("#panel")).to_have_attribute("data-loaded", "33.24.01.2002")
    assert "sel=33.24.01.2002" in page.url


def test_keyboard_focus_is_visible_on_the_controls(run: Run, live_server, page: Page) -> None:
    open_map(page, live_server.url + "/peta/")
    page.locator("h1").click()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ctl-var":
            break
    assert page.evaluate("document.activeElement.id") == "ctl-var"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    width = page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
    assert outline != "none" and width >= 2


def test_the_dashboard_draws_the_radar_and_the_zone_boxplots(run: Run, live_server, page: Page) -> None:
    page.goto(live_server.url + "/peta/dasbor/?kecamatan=33.24.01")
    expect(page.locator(".radar")).to_have_attribute("data-rendered", "1")
    expect(page.locator("#zone-chart")).to_have_attribute("data-rendered", "1")
    expect(page.locator("#interval-reading")).to_contain_text("peringkat")
    assert page.locator("#zone-chart svg path").count() > 18
    screenshot(page, "dasbor")


def test_choosing_a_comparison_run_recolours_the_map_with_the_change_and_keeps_it_in_the_url(
    run: Run, computed, demo_profiles, live_server, page: Page
) -> None:
    from petakan.maps import palettes

    earlier = runs.store(runs.compute_reweighted(demo_profiles), "published", year=2025)
    open_map(page, live_server.url + "/peta/?var=sci")
    before = fills(page)
    page.select_option("#ctl-banding", str(earlier.pk))
    page.wait_for_url(lambda url: f"banding={earlier.pk}" in url)
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    assert "pal=RdBu" in page.url
    after = fills(page)
    assert sum(before[c] != after[c] for c in after) > 100
    entries = [e for e in legend(page) if e["class"] != "-1"]
    assert [e["colour"] for e in entries] == list(palettes.colours("RdBu", len(entries)))
    expect(page.locator("#legend h2")).to_contain_text("Perubahan")
    shown, other = stored(run, "sci"), stored(earlier, "sci")
    change = {code: None if a is None or other.get(code) is None else a - other[code] for code, a in shown.items()}
    by_colour = {e["colour"]: e for e in entries}
    for code, fill in after.items():
        if change[code] is None:
            assert fill == HATCH, code
        else:
            entry = by_colour[fill]
            assert float(entry["lower"]) - 1e-5 <= change[code] <= float(entry["upper"]) + 1e-5, code
