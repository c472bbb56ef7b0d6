"""Each role starts from its own work on a phone (chromium, 390 × 844).

The village lands on its home, reaches its profile in one tap, fills a section, submits after confirming, is refused
(in Indonesian, inside the site) another village's form, and asks Kominfo to reopen its published profile; Kominfo
sees the request on its home. The kecamatan lands on its worklist, returns a profile (first without a comment: the
error sits beside the box), verifies another, and Kominfo's home counts the change.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from petakan.lib.profile import frame_to_records, generate_demo_profiles, load_demo_inputs, load_schema
from petakan.profiles import services
from petakan.profiles.models import Profile
from petakan.profiles.presentation import edit_text, status_label
from petakan.regions.models import Area
from tests.browser.conftest import log_in, screenshot
from tests.conftest import (
    KENDAL_DISTRICT,
    KENDAL_VILLAGE,
    OTHER_VILLAGE,
    SAME_DISTRICT_OTHER_VILLAGE,
    make_user,
)

pytestmark = pytest.mark.browser

YEAR = timezone.localdate().year  # the homes show the current year
PHONE = {"width": 390, "height": 844}
LEFT_FOR_THE_BROWSER = "connectivity"


@pytest.fixture
def people(kendal_live: Any) -> dict[str, Any]:
    return {
        "village": make_user("operator-blumah", "village", KENDAL_VILLAGE),
        "district": make_user("staf-plantungan", "district", KENDAL_DISTRICT),
        "admin": make_user("kominfo", "admin"),
    }


@pytest.fixture
def generated(data_dir: Path) -> dict[str, dict[str, Any]]:
    inputs = load_demo_inputs(data_dir)
    kwargs = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}
    frame = generate_demo_profiles(**kwargs, year=YEAR, seed=1)
    codes = [KENDAL_VILLAGE, SAME_DISTRICT_OTHER_VILLAGE]
    return frame_to_records(load_schema(), frame.loc[codes])


def fill_sections(code: str, values: dict[str, Any], user: Any, skip: str = "") -> Profile:
    """Save every section of a village's profile as its operator would (all but ``skip``)."""
    area = Area.objects.get(code=code)
    version = 0
    for section in services.editable_sections():
        if section == skip:
            continue
        raw = {f.code: edit_text(f, values[f.code], "id") for f in services.entered_fields(section)}
        version = services.save_section(area, YEAR, section, raw, user=user, version=version).profile.version
    return Profile.objects.get(area=area, year=YEAR)


def fits_the_phone(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def progress_row(page: Page, kecamatan: str) -> list[str]:
    """not started, draft, submitted, returned, verified, published of one kecamatan on the admin's home."""
    return page.locator(f'#progress tr[data-kecamatan="{kecamatan}"] td').all_text_contents()


def test_the_village_works_from_its_home_and_asks_kominfo_to_reopen(
    people: dict[str, Any], generated: dict[str, dict[str, Any]], live_server: Any, phones: Any
) -> None:
    base = live_server.url
    fill_sections(KENDAL_VILLAGE, generated[KENDAL_VILLAGE], people["village"], skip=LEFT_FOR_THE_BROWSER)

    village = phones()
    log_in(village, base, "operator-blumah")
    expect(village.locator("#home-status")).to_have_text(status_label("draft", "id"))
    expect(village.locator("#home-next")).to_have_text("Lanjutkan mengisi: Telekomunikasi dan internet")
    assert fits_the_phone(village)
    screenshot(village, "home-village")  # docs/home-village.png is a copy of it

    # one tap from the landing page to the section that is missing
    village.click("#home-next")
    village.wait_for_url(f"**/profil/{KENDAL_VILLAGE}/{YEAR}/ubah/{LEFT_FOR_THE_BROWSER}/")
    village.select_option("#id_conn_signal", "strong")
    village.select_option("#id_conn_4g", "ya")
    village.select_option("#id_conn_internet", "mobile")
    village.fill("#id_conn_households_internet_pct", "45,5")
    village.click("#save")
    village.wait_for_url(f"**/profil/{KENDAL_VILLAGE}/{YEAR}/")

    # submitting asks first, in one sentence, then locks the profile
    village.click("#action-submit")
    expect(village.locator("#confirm-what")).to_contain_text("akan diajukan ke Kecamatan Plantungan")
    screenshot(village, "home-village-confirm-submit")
    village.click("#confirm-action")
    expect(village.locator("#profile-status")).to_have_text("diajukan")
    expect(village.locator("#lock-reason")).to_contain_text("petugas Kecamatan Plantungan")

    # another village's form: refused in Indonesian, inside the site, with the way home
    response = village.goto(f"{base}/profil/{OTHER_VILLAGE}/{YEAR}/ubah/population/")
    assert response is not None and response.status == 403
    expect(village.locator("h1")).to_have_text("Anda tidak berhak membuka halaman ini")
    expect(village.locator("#error-text")).to_contain_text("Blumah")
    expect(village.locator("#menu-my-home")).to_be_visible()
    assert fits_the_phone(village)
    screenshot(village, "home-village-refused")

    # the kecamatan verifies and Kominfo publishes; then the village finds a mistake and asks to reopen
    p = Profile.objects.get(area__code=KENDAL_VILLAGE, year=YEAR)
    p = services.transition(p, "verify", user=people["district"], version=p.version)
    services.transition(p, "publish", user=people["admin"], version=p.version)
    village.click("#menu-my-home")
    expect(village.locator("#home-status")).to_have_text("dipublikasikan")
    expect(village.locator("#home-lock")).to_contain_text("Kominfo")
    village.click("#home-reopen")
    village.fill("#reopen-reason", "Jumlah KK berubah setelah pemutakhiran DTKS.")
    village.click("#action-request-reopen")
    expect(village.locator("#reopen-state")).to_contain_text("menunggu Kominfo")

    admin = phones()
    log_in(admin, base, "kominfo")
    expect(admin.locator("#reopen-requests")).to_contain_text("Blumah")
    expect(admin.locator("#reopen-requests")).to_contain_text("pemutakhiran DTKS")
    admin.locator("#reopen-requests").scroll_into_view_if_needed()
    screenshot(admin, "home-admin-reopen-request")


def test_the_kecamatan_works_from_its_worklist_and_kominfo_sees_the_counts_change(
    people: dict[str, Any], generated: dict[str, dict[str, Any]], live_server: Any, phones: Any
) -> None:
    base = live_server.url
    for code in (KENDAL_VILLAGE, SAME_DISTRICT_OTHER_VILLAGE):
        p = fill_sections(code, generated[code], people["admin"])
        services.transition(p, "submit", user=people["admin"], version=p.version)
    n_villages = Area.objects.filter(parent__code=KENDAL_DISTRICT).count()

    admin = phones()
    log_in(admin, base, "kominfo")
    assert progress_row(admin, KENDAL_DISTRICT) == [str(n_villages - 2), "0", "2", "0", "0", "0"]

    district = phones()
    log_in(district, base, "staf-plantungan")
    expect(district.locator('#worklist-counts [data-status="submitted"]')).to_contain_text("2 Perlu diverifikasi")
    assert fits_the_phone(district)
    screenshot(district, "home-district")

    # return Blumah: first without a comment (the error sits beside the box), then with one, confirmed
    district.click(f'ul[data-status="submitted"] li[data-village="{KENDAL_VILLAGE}"] a')
    district.wait_for_url(f"**/profil/{KENDAL_VILLAGE}/{YEAR}/")
    district.click("#action-return")
    error = district.locator("#return-error")
    expect(error).to_contain_text("Profil belum dapat dikembalikan")
    box, message = district.locator("#comment-kembalikan").bounding_box(), error.bounding_box()
    assert box and message and 0 <= box["y"] - (message["y"] + message["height"]) < 40  # right above the box
    expect(district.locator("#submit-problems")).to_have_count(0)
    error.scroll_into_view_if_needed()
    screenshot(district, "home-district-return-without-comment")
    district.fill("#comment-kembalikan", "Jumlah KK tidak sesuai data Dukcapil: 902 KK.")
    district.click("#action-return")
    expect(district.locator("#confirm-comment")).to_contain_text("902 KK")
    district.click("#confirm-action")
    expect(district.locator("#profile-status")).to_have_text("dikembalikan")

    # verify Kediten from the worklist
    district.click("#menu-my-home")
    expect(district.locator('#worklist-counts [data-status="returned"]')).to_contain_text("1 Dikembalikan")
    district.click(f'ul[data-status="submitted"] li[data-village="{SAME_DISTRICT_OTHER_VILLAGE}"] a')
    district.click("#action-verify")
    expect(district.locator("#profile-status")).to_have_text("diverifikasi")

    admin.reload()
    assert progress_row(admin, KENDAL_DISTRICT) == [str(n_villages - 2), "0", "0", "1", "1", "0"]
    expect(admin.locator("#to-publish")).to_contain_text("Kediten")
    assert fits_the_phone(admin)
    # the progress table itself fits too: all six counts of a kecamatan are seen without scrolling sideways
    assert admin.evaluate(
        "(() => { const w = document.querySelector('#progress').parentElement; "
        "return w.scrollWidth <= w.clientWidth; })()"
    )
    screenshot(admin, "home-admin")
