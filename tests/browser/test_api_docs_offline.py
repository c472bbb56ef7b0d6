"""/api/v1/docs works with no internet: Swagger UI comes from our own static files (npm swagger-ui-dist)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_the_api_docs_render_their_operations_with_every_other_host_blocked(live_server: Any, page: Page) -> None:
    own = urlsplit(live_server.url).netloc
    blocked: list[str] = []

    def only_our_server(route: Route) -> None:
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_our_server)
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() >= 3
    expect(page.locator(".opblock-summary-path").first).to_contain_text("/api/v1/")
    screenshot(page, "api-docs-offline")
    assert blocked == []  # nothing was even asked of another host (no CDN, no validator badge)
