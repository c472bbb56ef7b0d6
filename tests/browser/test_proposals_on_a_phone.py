"""Done when (issue 20, proposals): on phones, a village submits two proposals, its kecamatan ranks them, the analyst
links one to a programme and declines the other with a reason, and the village sees both outcomes."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from petakan.monitoring.models import Proposal
from petakan.planning.models import Period
from tests.browser.conftest import log_in, screenshot
from tests.conftest import KENDAL_DISTRICT, KENDAL_VILLAGE, make_user
from tests.planning.conftest import make_programme

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def people(kendal_live: Any) -> dict[str, Any]:
    period = Period.objects.create(name="RPJMD Uji", start_year=2025, end_year=2030, is_current=True)
    programme = make_programme(
        period, name="Kampung Bebas Sampah", dimension="env", elements=["env_waste"], approved_at=timezone.now()
    )
    make_programme(period, name="Layanan Desa Digital", dimension="gov", elements=["gov_service"])
    return {
        "village": make_user("kades-blumah", "village", KENDAL_VILLAGE),
        "district": make_user("camat-plantungan", "district", KENDAL_DISTRICT),
        "analyst": make_user("ana-bappeda", "analyst"),
        "programme": programme,
    }


def add(page: Page, title: str, dimension: str, element: str, cost: str, description: str) -> None:
    page.fill("#id_title", title)
    page.select_option("#id_dimension", dimension)
    page.select_option("#id_element", element)
    page.fill("#id_location", "Dusun Krajan")
    page.fill("#id_estimated_cost", cost)
    page.fill("#id_description", description)
    page.click("#submit-proposal")
    expect(page.locator(".messages")).to_contain_text(f"Usulan “{title}” diajukan.")


def test_a_village_proposal_goes_from_the_village_to_a_programme_and_back(  # type: ignore[no-untyped-def]
    people, live_server, phones
) -> None:
    base = live_server.url

    # the village head, on a phone: one tap from the home, two proposals
    village = phones()
    log_in(village, base, people["village"].username)
    village.click("#home-proposals-link")
    expect(village.locator("h1")).to_contain_text("Usulan program")
    add(village, "Bank sampah dusun", "env", "env_waste", "25000000", "Tempat pilah sampah untuk 3 RW.")
    add(village, "Pos ronda pintar", "society", "society_security", "12000000", "Kamera dan kentongan digital.")
    expect(village.locator("article.proposal")).to_have_count(2)
    screenshot(village, "proposals-village-submitted")

    # the kecamatan clerk ranks them (the second first)
    clerk = phones()
    log_in(clerk, base, people["district"].username)
    clerk.click("#home-rank-proposals")
    a, b = (Proposal.objects.get(title=t) for t in ("Bank sampah dusun", "Pos ronda pintar"))
    clerk.fill(f'input[name="rank-{a.pk}"]', "1")
    clerk.fill(f'input[name="rank-{b.pk}"]', "1")
    clerk.click("#save-ranks")
    expect(clerk.locator("#rank-errors")).to_contain_text("Peringkat 1 dipakai lebih dari satu usulan")
    clerk.fill(f'input[name="rank-{a.pk}"]', "2")
    clerk.click("#save-ranks")
    expect(clerk.locator(".messages")).to_contain_text("Peringkat disimpan.")
    expect(clerk.locator("ol.ranked > li").first).to_contain_text("Pos ronda pintar")
    screenshot(clerk, "proposals-kecamatan-ranked")

    # the analyst links the first to a programme and declines the other with a reason
    analyst = phones()
    log_in(analyst, base, people["analyst"].username)
    analyst.click("#home-all-proposals")
    row = analyst.locator(f'tr[data-proposal="{a.pk}"]')
    expect(row.locator("td.num").first).to_have_text("2")
    row.get_by_role("link", name="Putuskan").click()
    analyst.check('input[name="decision"][value="link"]')
    expect(analyst.locator("#id_programme option").nth(1)).to_have_text("Kampung Bebas Sampah (elemen sama)")
    analyst.select_option("#id_programme", str(people["programme"].pk))
    analyst.click("#save-decision")
    expect(analyst.locator(".messages")).to_contain_text("dimasukkan ke program")
    analyst.locator(f'tr[data-proposal="{b.pk}"]').get_by_role("link", name="Putuskan").click()
    analyst.check('input[name="decision"][value="decline"]')
    analyst.click("#save-decision")
    expect(analyst.locator(".errorlist")).to_contain_text("Alasan penolakan wajib diisi")
    analyst.fill("#id_reason", "Sudah dibiayai Dana Desa 2026 lewat Babinsa.")
    analyst.click("#save-decision")
    expect(analyst.locator(f'tr[data-proposal="{b.pk}"]')).to_contain_text("Ditolak")
    screenshot(analyst, "proposals-analyst-decided")

    # the village sees both outcomes
    village.goto(base + "/beranda/")
    expect(village.locator("#home-proposals")).to_contain_text("0 menunggu, 1 masuk program, 1 ditolak")
    village.click("#home-proposals-link")
    linked = village.locator(f"#p-{a.pk}")
    expect(linked.locator(".outcome")).to_contain_text("Masuk program: Kampung Bebas Sampah")
    expect(linked.locator("a.programme-link")).to_have_attribute("href", f"/rencana/program/{people['programme'].pk}/")
    expect(village.locator(f"#p-{b.pk} .decline-reason")).to_have_text("Sudah dibiayai Dana Desa 2026 lewat Babinsa.")
    expect(village.locator(f"#p-{a.pk}").get_by_role("link", name="Ubah")).to_have_count(0)  # decided: no edit
    village.locator(f"#p-{b.pk}").scroll_into_view_if_needed()
    screenshot(village, "proposals-village-outcomes")
