"""A reader opens a run's methodology on a phone: the run is named, the steps read in words with their formulas,
the sensitivity gives its intervals, and nothing overflows the screen."""

from __future__ import annotations

import dataclasses

import pytest
from playwright.sync_api import Browser, expect

from petakan.indices import services
from petakan.lib.profile import generate_demo_profiles, load_demo_inputs
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_the_methodology_of_a_run_reads_on_a_phone(
    kendal_live, live_server, browser: Browser, data_dir, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_TILE_URL = ""
    inputs = load_demo_inputs(data_dir)
    profiles = generate_demo_profiles(
        **{f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}, year=2026, seed=1
    )
    run = services.store(
        services.compute(services.framework("smart-city-v1"), profiles),
        year=2026,
        profile_status="published",
        is_demo=True,
    )
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/indeks/run/{run.pk}/metodologi/")
    expect(page.locator("h1")).to_contain_text(f"Run #{run.pk}")
    expect(page.locator("#method-steps li")).to_have_count(5)
    expect(page.locator("#method-steps")).to_contain_text("kurang dari 60%")
    expect(page.locator("#sensitivity + ul")).to_contain_text("selang 95%")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "run-methodology-phone")
    page.locator("#sensitivity").scroll_into_view_if_needed()
    screenshot(page, "run-methodology-phone-sensitivity")
    context.close()
