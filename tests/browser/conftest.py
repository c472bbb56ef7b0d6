"""Playwright driving Debian's chromium (/usr/bin/chromium) against the live test server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# Without these, chromium keeps trying to reach Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian chromium is missing: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, settings) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    settings.PETAKAN_TILE_URL = ""  # no internet in tests: the map must work without background tiles
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phones(browser: Browser, settings, request) -> Iterator[Callable[[], Page]]:  # type: ignore[no-untyped-def]
    """A fresh phone-sized browser session per person (a new context is a new visit: no cookies), in the test
    module's ``PHONE`` viewport if it sets one."""
    settings.PETAKAN_TILE_URL = ""
    viewport = getattr(request.module, "PHONE", PHONE)
    contexts: list[BrowserContext] = []

    def new_phone() -> Page:
        context = browser.new_context(viewport=viewport, device_scale_factor=2, is_mobile=True, locale="id-ID")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        return page

    yield new_phone
    for context in contexts:
        context.close()


def log_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would, and land on the home of one's role."""
    page.goto(base + "/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/beranda/")
