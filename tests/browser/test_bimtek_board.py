"""The live Bimtek board on a projector (a read-only link the admin created) shows a submission made by a village
in another browser within 10 seconds, without reloading (chromium)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from petakan.lib.profile import frame_to_records, generate_demo_profiles, load_demo_inputs, load_schema
from petakan.profiles import services
from petakan.profiles.presentation import edit_text
from petakan.regions.models import Area
from tests.browser.conftest import screenshot
from tests.conftest import KENDAL_VILLAGE, PASSWORD, make_user

pytestmark = pytest.mark.browser

YEAR = 2026
REGENCY_SUBMITTED = 'tfoot td[data-measure="submitted"]'
PLANTUNGAN_SUBMITTED = 'tr[data-district="33.24.01"] td[data-measure="submitted"]'


def fill_every_section(user: Any, data_dir: Path) -> None:
    """Blumah's operator has filled the whole profile (plausible generated values) and not submitted it yet."""
    inputs = load_demo_inputs(data_dir)
    kwargs = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}
    frame = generate_demo_profiles(**kwargs, year=YEAR, seed=1)
    values = frame_to_records(load_schema(), frame.loc[[KENDAL_VILLAGE]])[KENDAL_VILLAGE]
    area = Area.objects.get(code=KENDAL_VILLAGE)
    version = 0
    for section in services.editable_sections():
        raw = {f.code: edit_text(f, values[f.code], "id") for f in services.entered_fields(section)}
        version = services.save_section(area, YEAR, section, raw, user=user, version=version).profile.version


def test_the_projector_shows_a_submission_from_another_browser_without_reloading(
    kendal_live: Any, live_server: Any, browser: Browser, data_dir: Path
) -> None:
    base = live_server.url
    make_user("kominfo", "admin")
    village_user = make_user("operator-blumah", "village", KENDAL_VILLAGE)
    fill_every_section(village_user, data_dir)
    contexts = [browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID") for _ in range(3)]
    admin, projector, village = (c.new_page() for c in contexts)
    for page in (admin, projector, village):
        page.set_default_timeout(20_000)
    try:
        # --- the admin creates a read-only link for the hall's projector
        admin.goto(base + "/akun/masuk/")
        admin.fill("#id_username", "kominfo")
        admin.fill("#id_password", PASSWORD)
        admin.click("main button[type=submit]")
        admin.wait_for_url(base + "/beranda/")
        admin.goto(base + f"/papan/?tahun={YEAR}")
        admin.fill("#link-label", "Aula Bimtek")
        admin.click("#create-link")
        link = admin.locator("a.shared-link").first.get_attribute("href")
        assert link and link.startswith("/papan/t/")

        # --- the projector, without an account
        projector.goto(base + link + f"?tahun={YEAR}")
        expect(projector.locator(REGENCY_SUBMITTED)).to_contain_text("0")
        expect(projector.locator(PLANTUNGAN_SUBMITTED)).to_have_text("0")
        expect(projector.locator('tfoot td[data-measure="started"]')).to_contain_text("1")
        projector.evaluate("window.__notReloaded = true")
        screenshot(projector, "board-01-projector-before")

        # --- meanwhile, in the hall, Blumah's operator submits on their own browser
        village.goto(base + "/akun/masuk/")
        village.fill("#id_username", "operator-blumah")
        village.fill("#id_password", PASSWORD)
        village.click("main button[type=submit]")
        village.wait_for_url(base + "/beranda/")
        village.goto(base + f"/profil/{KENDAL_VILLAGE}/{YEAR}/")
        village.click("#action-submit")
        village.click("#confirm-action")  # submitting asks first
        expect(village.locator("#profile-status")).to_have_text("diajukan")

        # --- the projector shows it within 10 s, by itself
        expect(projector.locator(PLANTUNGAN_SUBMITTED)).to_have_text("1", timeout=10_000)
        expect(projector.locator(REGENCY_SUBMITTED)).to_contain_text("1")
        expect(projector.locator('li[data-total="submitted"] .tile-count')).to_have_text("1")
        expect(projector.locator('tfoot td[data-measure="logged_in"]')).to_contain_text("1")
        assert projector.evaluate("window.__notReloaded") is True
        screenshot(projector, "board-02-projector-after")
        admin.goto(base + f"/papan/?tahun={YEAR}")
        screenshot(admin, "board-03-admin-page")
    finally:
        for context in contexts:
            context.close()
