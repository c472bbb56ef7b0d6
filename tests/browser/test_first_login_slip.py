"""A village head logs in with the one-time password from the slip and is made to choose their own password before
anything else opens (chromium, phone 390 × 844)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from petakan.accounts import services
from petakan.accounts.models import User
from petakan.regions.models import Area
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
OWN = "sawah-dan-kopi-blumah-2026"


def test_a_one_time_password_must_be_replaced_at_first_login(
    kendal_live: Any, live_server: Any, browser: Browser
) -> None:
    [account] = services.create_area_accounts([Area.objects.get(code="33.24.01.2001")])
    base = live_server.url
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(base + "/akun/masuk/")
        page.fill("#id_username", account.user.username)
        page.fill("#id_password", account.password)
        page.click("main button[type=submit]")
        page.wait_for_url("**/akun/kata-sandi/baru/**")
        expect(page.locator("#first-login-note")).to_contain_text("kata sandi sekali pakai")
        screenshot(page, "first-login-01-set-password")

        # nothing else opens: the map, the village's own profile
        for path in ("/peta/", "/profil/33.24.01.2001/2026/"):
            page.goto(base + path)
            page.wait_for_url("**/akun/kata-sandi/baru/**")

        page.fill("#id_new_password1", OWN)
        page.fill("#id_new_password2", OWN + "x")  # a typo in the repeat: refused, still held
        page.click("#set-password button[type=submit]")
        expect(page.locator("#set-password .errorlist")).to_be_visible()
        page.fill("#id_new_password1", OWN)
        page.fill("#id_new_password2", OWN)
        page.click("#set-password button[type=submit]")
        page.wait_for_url(base + "/profil/33.24.01.2001/2026/")
        expect(page.locator(".messages")).to_contain_text("Kata sandi Anda sudah disimpan")
        screenshot(page, "first-login-02-own-password-set")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
    user = User.objects.get(username=account.user.username)
    assert not user.must_set_password and user.check_password(OWN) and not user.check_password(account.password)
