"""A village fills its profile on a phone, the kecamatan returns it, the village fixes it, it is verified and
published, and the public village page shows it with every step in the history (360 × 740, chromium)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from petakan.lib.profile import frame_to_records, generate_demo_profiles, load_demo_inputs, load_schema
from petakan.profiles import services
from petakan.profiles.presentation import edit_text
from petakan.regions.models import Area
from tests.browser.conftest import log_in, screenshot
from tests.conftest import KENDAL_DISTRICT, KENDAL_VILLAGE, make_user

pytestmark = pytest.mark.browser

YEAR = 2026
PHONE = {"width": 360, "height": 740}
FILLED_IN_BROWSER = ("population", "connectivity")
PROFILE = f"/profil/{KENDAL_VILLAGE}/{YEAR}/"
VILLAGE_PAGE = f"/wilayah/{KENDAL_VILLAGE}/"


@pytest.fixture
def people(kendal_live: Any) -> dict[str, Any]:
    return {
        "village": make_user("operator-blumah", "village", KENDAL_VILLAGE),
        "district": make_user("staf-plantungan", "district", KENDAL_DISTRICT),
        "admin": make_user("kominfo", "admin"),
    }


@pytest.fixture
def earlier_sessions(people: dict[str, Any], data_dir: Path) -> None:
    """Blumah's operator already saved every section but two in earlier sessions (plausible generated values)."""
    inputs = load_demo_inputs(data_dir)
    kwargs = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}
    frame = generate_demo_profiles(**kwargs, year=YEAR, seed=1)
    values = frame_to_records(load_schema(), frame.loc[[KENDAL_VILLAGE]])[KENDAL_VILLAGE]
    area = Area.objects.get(code=KENDAL_VILLAGE)
    version = 0
    for section in services.editable_sections():
        if section in FILLED_IN_BROWSER:
            continue
        raw = {f.code: edit_text(f, values[f.code], "id") for f in services.entered_fields(section)}
        result = services.save_section(area, YEAR, section, raw, user=people["village"], version=version)
        version = result.profile.version


def assert_fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_profile_goes_from_the_village_to_the_public_page(
    earlier_sessions: None, people: dict[str, Any], live_server: Any, phones: Any
) -> None:
    base = live_server.url

    # --- the village operator: two sections on the phone, then leaves
    village = phones()
    log_in(village, base, "operator-blumah")
    village.goto(base + VILLAGE_PAGE)
    expect(village.locator("#profile-status")).to_have_text("draf")
    screenshot(village, "profile-01-village-page-draft")
    village.click("#edit-profile")
    village.wait_for_url(f"**{PROFILE}ubah/population/")
    assert_fits_the_phone(village)
    village.fill("#id_pop_male", "1.612")
    village.fill("#id_pop_female", "1527")
    village.fill("#id_households", "888")
    village.fill("#id_poor_households", "2000")  # more poor households than households: refused, field named
    village.click("#save-next")
    expect(village.locator("#row-poor_households .field-error")).to_contain_text("KK miskin")
    village.locator("#row-poor_households").scroll_into_view_if_needed()
    screenshot(village, "profile-02-validation-message")
    village.fill("#id_poor_households", "205")
    village.click("#save-next")
    village.wait_for_url(f"**{PROFILE}ubah/geography/")
    expect(village.locator(".messages")).to_contain_text("Kependudukan")
    village.click("text=Telekomunikasi dan internet")
    village.wait_for_url(f"**{PROFILE}ubah/connectivity/")
    village.select_option("#id_conn_signal", "strong")
    village.select_option("#id_conn_4g", "ya")
    village.select_option("#id_conn_internet", "mobile")
    village.fill("#id_conn_households_internet_pct", "45,5")
    screenshot(village, "profile-03-connectivity-form")
    village.click("#save")
    village.wait_for_url(f"**{PROFILE}")
    village.context.close()

    # --- back later, in a new session: the values are kept, submit
    village = phones()
    log_in(village, base, "operator-blumah")
    village.goto(base + VILLAGE_PAGE)
    expect(village.locator('dd[data-field="pop_male"]')).to_have_text("1.612 jiwa")
    expect(village.locator('dd[data-field="conn_households_internet_pct"]')).to_have_text("45,5 %")
    village.click("#action-submit")
    village.click("#confirm-action")  # the confirmation step says what submitting does
    village.wait_for_url(f"**{PROFILE}")
    expect(village.locator("#profile-status")).to_have_text("diajukan")
    expect(village.locator("#edit-profile")).to_have_count(0)
    screenshot(village, "profile-04-submitted")

    # --- the kecamatan returns it with a comment
    district = phones()
    log_in(district, base, "staf-plantungan")
    district.goto(base + "/profil/kelengkapan/")
    expect(district.locator(f'tr[data-village="{KENDAL_VILLAGE}"]')).to_contain_text("diajukan")
    screenshot(district, "profile-05-completeness")
    district.click(f'tr[data-village="{KENDAL_VILLAGE}"] a')
    district.wait_for_url(f"**{PROFILE}")
    district.fill("#comment-kembalikan", "Jumlah KK tidak sesuai data Dukcapil: 902 KK.")
    district.click("#action-return")
    district.click("#confirm-action")
    expect(district.locator("#profile-status")).to_have_text("dikembalikan")

    # --- the village fixes it and submits again
    village.goto(base + VILLAGE_PAGE)
    expect(village.locator("#return-comment")).to_contain_text("902 KK")
    village.locator("#return-comment").scroll_into_view_if_needed()
    screenshot(village, "profile-06-returned-with-comment")
    village.click(f'a[href="{PROFILE}ubah/population/"]')
    village.fill("#id_households", "902")
    village.click("#save")
    village.wait_for_url(f"**{PROFILE}")
    village.click("#action-submit")
    village.click("#confirm-action")
    expect(village.locator("#profile-status")).to_have_text("diajukan")

    # --- the kecamatan verifies, the admin publishes
    district.goto(base + PROFILE)
    district.click("#action-verify")
    expect(district.locator("#profile-status")).to_have_text("diverifikasi")
    admin = phones()
    log_in(admin, base, "kominfo")
    admin.goto(base + PROFILE)
    admin.click("#action-publish")
    admin.click("#confirm-action")
    expect(admin.locator("#profile-status")).to_have_text("dipublikasikan")

    # --- the public village page shows it, with every step in the history
    public = phones()
    public.goto(base + VILLAGE_PAGE)
    expect(public.locator("#profile-status")).to_have_text("dipublikasikan")
    expect(public.locator('dd[data-field="households"]')).to_have_text("902 KK")
    expect(public.locator("#edit-profile")).to_have_count(0)
    assert_fits_the_phone(public)
    steps = public.locator("#history .step").all_text_contents()
    submitted = "mengajukan profil untuk diverifikasi"
    assert steps == [
        "mempublikasikan profil",
        "memverifikasi profil",
        submitted,
        "mengembalikan profil untuk diperbaiki",
        submitted,
    ]
    history = public.locator("#history")
    expect(history).to_contain_text("Jumlah KK tidak sesuai data Dukcapil: 902 KK.")
    expect(history).to_contain_text("Kecamatan Plantungan mengembalikan profil")
    expect(history).to_contain_text("Admin (Kominfo) mempublikasikan profil")
    history.locator("details").first.click()
    expect(history.locator("details").first).to_contain_text("Jumlah kepala keluarga: 888 KK → 902 KK")
    public.locator("#history-title").scroll_into_view_if_needed()
    screenshot(public, "profile-07-public-history")
    public.goto(base + VILLAGE_PAGE)
    public.locator("#profil").scroll_into_view_if_needed()
    screenshot(public, "profile-08-public-profile")
