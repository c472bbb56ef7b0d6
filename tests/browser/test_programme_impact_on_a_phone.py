"""On a phone, the council opens a programme and follows its impact link: the estimate with its interval and n,
the modest sentence, the before/after chart, and a map of the index change with the programme's villages outlined."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from petakan.maps import sources
from petakan.planning.models import Period
from tests.browser.conftest import log_in, screenshot
from tests.browser.test_content_security_policy import LISTEN
from tests.conftest import make_user
from tests.planning import impact_world as world

pytestmark = pytest.mark.browser


def test_the_council_reads_a_programmes_impact_and_its_map_on_a_phone(
    kendal_live, live_server, phones, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    series = world.zones_series()
    monkeypatch.setattr(sources, "village_zones", lambda year, status: series)
    reached = {a.code for a in world.reached_villages()}
    world.store_run(2025, effect=5.0, step=0, reached=reached)
    world.store_run(2026, effect=5.0, step=1, reached=reached)
    period = Period.objects.create(name="RPJMD Uji 2024–2026", start_year=2024, end_year=2026, is_current=True)
    programme = world.programme(period)
    make_user("citra-council", "council")

    page = phones()
    page.add_init_script(LISTEN)  # the Content-Security-Policy's violations, collected on every page
    log_in(page, live_server.url, "citra-council")
    page.goto(f"{live_server.url}/rencana/program/{programme.pk}/")
    page.click("#impact-link a")
    expect(page.locator("#modesty")).to_contain_text("Perubahan yang menyertai, bukan bukti sebab.")
    expect(page.locator("#effect")).to_have_text("+5,0")
    expect(page.locator("#interval")).to_contain_text("rentang 95%")
    expect(page.locator("#impact-chart")).to_have_attribute("data-rendered", "1")
    # the page is no wider than the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "programme-impact-phone")
    page.locator("#impact-chart").scroll_into_view_if_needed()
    screenshot(page, "programme-impact-chart-phone")

    page.locator("#impact-map").scroll_into_view_if_needed()
    expect(page.locator("#impact-map")).to_have_attribute("data-ready", "1")
    expect(page.locator("#impact-map path.reached-village")).to_have_count(12)
    expect(page.locator("#impact-legend li")).not_to_have_count(0)
    expect(page.locator("#impact-legend")).to_contain_text("desa sasaran program (12)")
    assert page.evaluate("window.__csp") == []
    # the change colours come from the comparison's diverging legend: the reached villages rose most
    fills = page.evaluate(
        """() => Array.from(document.querySelectorAll('#impact-map path:not(.reached-village)'))
             .map(p => p.getAttribute('fill'))"""
    )
    assert len(fills) >= 286 and len(set(fills)) >= 2
    page.evaluate("document.getElementById('h-map').scrollIntoView()")
    screenshot(page, "programme-impact-map-phone")

    # the regency-wide map of every programme's villages, from the impact page's link
    page.click("text=semua program di peta")
    expect(page.locator("#impact-map")).to_have_attribute("data-ready", "1")
    expect(page.locator("#impact-map path.reached-village")).to_have_count(12)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.evaluate("document.getElementById('impact-map').scrollIntoView()")
    screenshot(page, "programmes-map-phone")
    assert page.evaluate("window.__csp") == []
