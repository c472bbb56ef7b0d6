"""On a phone (390 × 844, chromium): next year's profile opens pre-filled from last year's published one, and a
section saved without a connection waits on the phone, survives a reload, and is sent when the signal returns —
or, when someone else changed the section meanwhile, shows both values and loses nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from petakan.lib.profile import frame_to_records, generate_demo_profiles, load_demo_inputs, load_schema
from petakan.profiles.models import Profile
from petakan.regions.models import Area
from tests.browser.conftest import log_in, screenshot
from tests.conftest import KENDAL_VILLAGE, make_user

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SECTION = "ubah/population/"


@pytest.fixture
def people(kendal_live: Any) -> dict[str, Any]:
    return {"village": make_user("operator-blumah", "village", KENDAL_VILLAGE), "admin": make_user("kominfo", "admin")}


@pytest.fixture
def blumah_values(data_dir: Path) -> dict[str, Any]:
    inputs = load_demo_inputs(data_dir)
    kwargs = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}
    frame = generate_demo_profiles(**kwargs, year=2026, seed=1)
    values = frame_to_records(load_schema(), frame.loc[[KENDAL_VILLAGE]])[KENDAL_VILLAGE]
    return {k: v for k, v in values.items() if v is not None}


def _profile(year: int, status: str, values: dict[str, Any]) -> Profile:
    return Profile.objects.create(
        area=Area.objects.get(code=KENDAL_VILLAGE),
        year=year,
        schema=load_schema().code,
        values=values,
        status=status,
        version=1,
        changed_at=timezone.now(),
    )


def open_for_offline_use(page: Page, url: str) -> None:
    """Open the section once the service worker controls the page, so that Workbox keeps a copy of it."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    expect(page.locator("#section-form")).to_be_visible()


def test_next_years_profile_opens_prefilled_and_a_confirmed_section_counts_complete(
    people: dict[str, Any], blumah_values: dict[str, Any], live_server: Any, phones: Any
) -> None:
    _profile(2026, "published", blumah_values)
    base = live_server.url
    phone = phones()
    log_in(phone, base, "operator-blumah")
    phone.goto(f"{base}/profil/{KENDAL_VILLAGE}/2027/{SECTION}")
    expect(phone.locator("#id_pop_male")).to_have_value(str(blumah_values["pop_male"]))
    expect(phone.locator("#row-pop_male .carried-mark")).to_have_text("dari 2026 — periksa")
    expect(phone.locator(".carried-mark")).to_have_count(5)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "next-year-01-prefilled-marked")

    phone.click("#confirm-section")
    phone.wait_for_url(f"**/profil/{KENDAL_VILLAGE}/2027/")
    population = phone.locator("details", has_text="Kependudukan").first
    expect(population.locator("summary small")).to_have_text("5/5")
    screenshot(phone, "next-year-02-section-confirmed")
    stored = Profile.objects.get(year=2027)
    assert stored.values == {
        k: blumah_values[k]
        for k in ("pop_male", "pop_female", "households", "poor_households", "unemployed")
        if k in blumah_values
    }
    assert "pop_male" not in stored.carried["values"] and "elevation_m" in stored.carried["values"]
    # the other sections are still only carried: marked, and not counted
    phone.goto(f"{base}/profil/{KENDAL_VILLAGE}/2027/ubah/geography/")
    expect(phone.locator(".carried-mark").first).to_have_text("dari 2026 — periksa")


def test_a_section_saved_offline_waits_on_the_phone_and_is_sent_when_the_signal_returns(
    people: dict[str, Any], live_server: Any, phones: Any
) -> None:
    _profile(2026, "draft", {"pop_male": 1000, "pop_female": 1010, "households": 600})
    base = live_server.url
    url = f"{base}/profil/{KENDAL_VILLAGE}/2026/{SECTION}"
    phone = phones()
    log_in(phone, base, "operator-blumah")
    open_for_offline_use(phone, f"{base}/profil/{KENDAL_VILLAGE}/2026/ubah/geography/")
    open_for_offline_use(phone, url)

    phone.context.set_offline(True)
    phone.fill("#id_pop_male", "1.234")
    phone.fill("#id_households", "655")
    phone.click("#save")
    expect(phone.locator("#queue-status")).to_contain_text("Tersimpan di HP, belum terkirim")
    screenshot(phone, "offline-01-kept-on-the-phone")
    assert Profile.objects.get().values["pop_male"] == 1000

    phone.reload()  # still offline: the service worker's copy of the page, the values from IndexedDB
    expect(phone.locator("#id_pop_male")).to_have_value("1.234")
    expect(phone.locator("#id_households")).to_have_value("655")
    expect(phone.locator("#queue-status")).to_contain_text("belum terkirim")
    screenshot(phone, "offline-02-reloaded-offline")

    phone.goto(f"{base}/peta/")  # a page never opened: says so instead of the browser's error
    expect(phone.locator("#offline-title")).to_have_text("Tidak ada koneksi")

    # another section opened before the signal went: filled and kept on the phone too
    phone.goto(f"{base}/profil/{KENDAL_VILLAGE}/2026/ubah/geography/")
    phone.fill("#id_elevation_m", "735")
    phone.click("#save")
    expect(phone.locator("#queue-status")).to_contain_text("belum terkirim")

    phone.context.set_offline(False)  # both go out from the page that is open
    expect(phone.locator("#queue-status")).to_contain_text("sudah terkirim dan tersimpan")
    # the two saves were prepared against the same version: the phone's own first save does not make a conflict
    expect(phone.locator("#queue-others li.sent")).to_contain_text("Kependudukan")
    screenshot(phone, "offline-03-sent")
    stored = Profile.objects.get()
    assert (stored.values["pop_male"], stored.values["households"], stored.values["elevation_m"]) == (1234, 655, 735)
    assert stored.version == 3
    assert phone.evaluate("window.idb.openDB('petakan', 1).then(d => d.count('queued-sections'))") == 0


def test_a_section_changed_elsewhere_meanwhile_shows_both_values_and_loses_none(
    people: dict[str, Any], live_server: Any, phones: Any
) -> None:
    _profile(2026, "draft", {"pop_male": 1000, "pop_female": 1010, "households": 600})
    base = live_server.url
    url = f"{base}/profil/{KENDAL_VILLAGE}/2026/{SECTION}"
    phone = phones()
    log_in(phone, base, "operator-blumah")
    open_for_offline_use(phone, url)
    phone.context.set_offline(True)
    phone.fill("#id_pop_male", "1.700")
    phone.click("#save")
    expect(phone.locator("#queue-status")).to_contain_text("belum terkirim")

    # meanwhile Kominfo, online, corrects the same section
    other = phones()
    log_in(other, base, "kominfo")
    other.goto(url)
    other.fill("#id_pop_male", "1650")
    other.click("#save")
    other.wait_for_url(f"**/profil/{KENDAL_VILLAGE}/2026/")
    assert Profile.objects.get().values["pop_male"] == 1650

    phone.context.set_offline(False)
    conflict = phone.locator("#queue-conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator("tbody tr").first).to_contain_text("1.650")
    expect(conflict.locator("tbody tr").first).to_contain_text("1.700")
    expect(conflict.locator("tbody tr").first).to_contain_text("Admin (Kominfo)")  # who, named as on the page
    expect(phone.locator("#id_pop_male")).to_have_value("1.700")  # what was typed is still there
    conflict.scroll_into_view_if_needed()
    screenshot(phone, "offline-04-conflict-both-values")
    assert Profile.objects.get().values["pop_male"] == 1650  # never silently overwritten

    phone.reload()  # the phone still holds the typed value and the conflict
    expect(phone.locator("#id_pop_male")).to_have_value("1.700")
    expect(conflict).to_be_visible()

    phone.click("#save")  # having seen both, the village keeps its own value
    expect(phone.locator("#queue-status")).to_contain_text("sudah terkirim dan tersimpan")
    stored = Profile.objects.get()
    assert stored.values["pop_male"] == 1700 and stored.version == 3
