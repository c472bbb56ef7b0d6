"""A village operator opens the village's IDM page on a phone: status, values and the improvement list fit."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from petakan.idm.models import ItemScores
from petakan.lib.idm import load_edition
from petakan.regions.models import Area
from tests.browser.conftest import screenshot
from tests.conftest import KENDAL_VILLAGE, PASSWORD, make_user

pytestmark = pytest.mark.browser

YEAR = 2024


def _pakisrejo_scores() -> dict[str, int]:
    """IKS 127, IKE 32, IKL 10 (Desa Pakisrejo 2018): IDM 0.6419, Berkembang."""
    remaining = {"iks": 127, "ike": 32, "ikl": 10}
    scores = {}
    for item in load_edition().items:
        scores[item.code] = min(item.max_score, remaining[item.index])
        remaining[item.index] -= scores[item.code]
    return scores


def test_a_village_account_sees_its_status_and_improvement_list_on_a_phone(
    kendal_live, live_server, browser: Browser, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_TILE_URL = ""
    user = make_user("operator-blumah", "village", KENDAL_VILLAGE)
    ItemScores.objects.create(
        village=Area.objects.get(code=KENDAL_VILLAGE),
        year=YEAR,
        scores=_pakisrejo_scores(),
        status="submitted",
        source="entered",
    )
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(live_server.url + "/akun/masuk/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/idm/desa/{KENDAL_VILLAGE}/{YEAR}/")

    expect(page.locator("#result .st")).to_have_text("Berkembang")
    expect(page.locator("#v-idm")).to_have_text("0,6419")
    expect(page.locator("#improvement-list li")).to_have_count(1)
    expect(page.locator("#improvement-list li").first).to_contain_text("ikl_03")
    expect(page.locator("#plan-method")).to_contain_text("greedy")
    expect(page.locator("#review-state")).to_be_visible()
    expect(page.locator("#edit-link")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "idm-village-phone")
    page.locator("#plan").scroll_into_view_if_needed()
    screenshot(page, "idm-village-phone-plan")
    context.close()
