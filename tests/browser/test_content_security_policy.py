"""Every page type, as the public and as the admin, loads and runs its scripts under the Content-Security-Policy
without a single violation: no inline script, no eval, no inline style, nothing from another host."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import ConsoleMessage, Page, expect

from petakan.indices.models import Run
from petakan.planning.models import Programme
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "petakan-demo-2026"
VILLAGE = "33.24.01.2001"
DISTRICT = "33.24.01"

# Collects every violation the page reports; added before any page script runs.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" +
    e.lineNumber + " " + (e.sample || ""));
});
"""


@pytest.fixture
def demo(kendal_live: Any) -> dict[str, Any]:
    """The whole demo (profiles, a published run, IDM, economy, masterplan, accounts): every page has content."""
    call_command("demo", stdout=StringIO())
    return {
        "run": Run.objects.get(is_current=True, year=2026, profile_status="published"),
        "programme": Programme.objects.filter(approved_at__isnull=False).order_by("pk").first(),
    }


def public_pages(demo: dict[str, Any]) -> list[str]:
    run, programme = demo["run"], demo["programme"]
    return [
        "/",
        "/wilayah/33.24/",
        f"/wilayah/{DISTRICT}/",
        f"/wilayah/{VILLAGE}/",
        "/peta/",
        f"/peta/?run={run.pk}&level=district&zones=1",
        "/peta/dasbor/",
        f"/peta/dasbor/?run={run.pk}&kecamatan={DISTRICT}",
        "/indeks/",
        f"/indeks/run/{run.pk}/",
        "/indeks/metodologi/smart-city-v1/",
        "/idm/",
        f"/idm/kecamatan/{DISTRICT}/",
        f"/idm/desa/{VILLAGE}/2026/",
        "/ekonomi/",
        "/ekonomi/data/",
        "/ekonomi/komoditas/",
        "/rencana/",
        "/rencana/rpjmd/",
        "/rencana/program/",
        f"/rencana/program/{programme.pk}/",
        "/rencana/keselarasan/",
        "/rencana/peta-jalan/",
        "/rencana/buku/",
        f"/profil/{VILLAGE}/2026/",
        "/akun/masuk/",
        "/api/v1/docs",
    ]


def admin_pages(demo: dict[str, Any]) -> list[str]:
    programme = demo["programme"]
    return [
        *[p for p in public_pages(demo) if p != "/akun/masuk/"],
        "/rencana/celah/",
        "/rencana/prioritas/",
        "/rencana/kesiapan/",
        "/rencana/visi-smart-city/",
        f"/idm/desa/{VILLAGE}/2026/isi/",
        "/idm/impor/skor/",
        "/idm/impor/resmi/",
        "/ekonomi/unggah/",
        "/rencana/rpjmd/impor/",
        "/rencana/rpjmd/periode/baru/",
        "/rencana/program/baru/",
        f"/rencana/program/{programme.pk}/ubah/",
        "/rencana/kesiapan/rubrik/",
        "/rencana/pengaturan/",
        "/rencana/riwayat/",
        "/profil/kelengkapan/",
        "/profil/excel/",
        "/akun/pengguna/",
        "/akun/pengguna/baru/",
        "/akun/kata-sandi/",
    ]


def visit_all(page: Page, base: str, paths: list[str], who: str) -> list[str]:
    """Opens each page, lets its scripts run (charts drawn, map loaded), hovers what has a tooltip, and returns the
    violations and refusals seen."""
    refused: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Refused to" in message.text or "Content Security Policy" in message.text:
            refused.append(f"{who} {page.url}: {message.text}")

    page.on("console", on_console)
    for path in paths:
        response = page.goto(base + path)
        if response is None or response.status != 200:
            refused.append(f"{who} {path}: HTTP {response and response.status}, so not checked")
            continue
        if "frame-ancestors 'none'" not in response.headers.get("content-security-policy", ""):
            refused.append(f"{who} {path}: no Content-Security-Policy")
        page.wait_for_load_state("networkidle")
        hover_what_has_tooltips(page)
        found = page.evaluate("window.__csp")
        refused += [f"{who} {path}: {v}" for v in found]
    page.remove_listener("console", on_console)
    return refused


def hover_what_has_tooltips(page: Page) -> None:
    """ECharts and Leaflet build their tooltips only on hover: move over each chart and over the map."""
    if page.locator("#map").count():
        expect(page.locator("#map path").first).to_be_visible()
        box = page.locator("#map").bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.move(box["x"] + box["width"] / 2 + 3, box["y"] + box["height"] / 2 + 3)
    charts = page.locator("[_echarts_instance_]")
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        if box is None:
            continue
        for fx, fy in ((0.5, 0.5), (0.35, 0.4), (0.6, 0.3)):
            page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            page.wait_for_timeout(50)


def test_no_page_violates_the_content_security_policy_for_the_public_or_the_admin(
    demo: dict[str, Any], live_server: Any, page: Page
) -> None:
    page.add_init_script(LISTEN)
    refused = visit_all(page, live_server.url, public_pages(demo), "anonymous")
    log_in(page, live_server.url, "admin", DEMO_PASSWORD)
    refused += visit_all(page, live_server.url, admin_pages(demo), "admin")
    page.goto(live_server.url + "/peta/dasbor/")
    page.locator(".chart[data-rendered]").first.scroll_into_view_if_needed()
    screenshot(page, "csp-dashboard-admin")  # the charts are drawn and styled under the policy
    assert refused == []


def test_an_inline_script_is_refused_so_the_policy_is_really_enforced(
    demo: dict[str, Any], live_server: Any, page: Page
) -> None:
    """The listener works and the policy bites: code injected as an inline script does not run and is reported."""
    page.add_init_script(LISTEN)
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                   document.body.appendChild(s); }"""
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
