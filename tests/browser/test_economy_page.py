"""A visitor opens /ekonomi/ after `petakan economy load-demo`: three charts, their tables, the demo label."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

CHARTS = ("chart-lq", "chart-shift", "chart-klassen")
TABLES = ("table-lq", "table-shift", "table-klassen")


def test_the_economy_page_draws_three_charts_with_their_tables(
    kendal_live, live_server, page: Page, data_dir, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_DATA_DIR = data_dir
    call_command("economy", "load-demo", stdout=StringIO())
    page.goto(live_server.url + "/ekonomi/")
    expect(page.locator(".demo-badge").first).to_contain_text("DATA CONTOH")
    for chart in CHARTS:
        expect(page.locator(f"#{chart}")).to_have_attribute("data-rendered", "1")
        assert page.locator(f"#{chart} canvas").count() >= 1, chart
        box = page.locator(f"#{chart} canvas").first.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 200
    for table in TABLES:
        assert page.locator(f"#{table} tbody tr").count() == 17, table
    assert page.locator("#leading-table tbody tr").count() == 17
    expect(page.locator("#leading-table")).to_contain_text("Industri pengolahan: sektor basis")
    page.locator("#h-lq").scroll_into_view_if_needed()
    screenshot(page, "economy-charts")
    page.goto(live_server.url + "/ekonomi/")
    screenshot(page, "economy-top")

    # The same page on a 360 px phone: nothing wider than the screen, the charts still drawn.
    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    for chart in CHARTS:
        expect(page.locator(f"#{chart}")).to_have_attribute("data-rendered", "1")
        box = page.locator(f"#{chart}").bounding_box()
        assert box is not None and box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "economy-phone")
    page.locator("#sektor").scroll_into_view_if_needed()
    screenshot(page, "economy-phone-table")
