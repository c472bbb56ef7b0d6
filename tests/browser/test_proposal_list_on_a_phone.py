"""The analyst's list of village proposals reads on a 390 px phone without sideways scrolling (one card per
proposal, each value named), and stays a table with its column heads on a desktop."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from petakan.planning.models import Period
from tests.browser.conftest import log_in, screenshot
from tests.conftest import OTHER_VILLAGE, make_user
from tests.monitoring.proposal_helpers import make_proposal

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def proposals(kendal_live: Any) -> list[Any]:
    Period.objects.create(name="RPJMD Uji", start_year=2025, end_year=2030, is_current=True)
    make_user("ana-bappeda", "analyst")
    return [
        make_proposal(
            title="Jaringan internet desa untuk balai, sekolah dasar, posyandu, dan kantor BUMDes sekaligus",
            dimension="gov",
            element="gov_service",
            location="Balai desa, SD Negeri 1, Posyandu Melati, kantor BUMDes Sejahtera",
            estimated_cost=1_250_000_000,
            district_rank=1,
        ),
        make_proposal(title="Bank sampah dusun", district_rank=2),
        make_proposal(OTHER_VILLAGE, title="Pos ronda pintar", dimension="society", element="society_security"),
    ]


def test_the_proposal_list_fits_a_phone_without_sideways_scrolling(proposals, live_server, phones) -> None:  # type: ignore[no-untyped-def]
    phone = phones()
    log_in(phone, live_server.url, "ana-bappeda")
    phone.goto(live_server.url + "/usulan/")
    rows = phone.locator("#proposal-table tbody tr")
    expect(rows).to_have_count(3)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"
    # the table's wrapper scrolls on its own (overflow-x: auto): the page's width alone would not show it
    inner, shown = phone.locator(".table-wrap").evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert inner <= shown, f"the proposal table is {inner} px wide in a {shown} px box"
    first = phone.locator(f'tr[data-proposal="{proposals[0].pk}"]')
    # a card: the title on top, every other value under its column's name
    assert first.locator("td.title").bounding_box()["y"] < first.locator("td").first.bounding_box()["y"]  # type: ignore[index]
    label = first.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Kecamatan: "'
    expect(first.get_by_role("link", name="Putuskan")).to_be_visible()
    screenshot(phone, "proposal-list-phone")


def test_the_desktop_keeps_the_table_with_its_column_heads(proposals, live_server, page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server.url, "ana-bappeda")
    page.goto(live_server.url + "/usulan/")
    expect(page.locator("#proposal-table thead th").first).to_be_visible()
    expect(page.locator("#proposal-table thead th").first).to_have_text("Kecamatan")
    assert page.locator("#proposal-table tbody tr").first.evaluate("tr => getComputedStyle(tr).display") == "table-row"
    screenshot(page, "proposal-list-desktop")
