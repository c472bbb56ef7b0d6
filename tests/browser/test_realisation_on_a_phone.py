"""Done-when of the yearly realisation, on phones (chromium, 390 × 844): the analyst enters a programme's realisation
of this year from the home's worklist (status, spend, an indicator value, evidence text and a PDF) and submits it;
the admin accepts it from the home; the council's summary shows the target beside the realisation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from petakan.monitoring.models import Realisation
from petakan.planning.models import Period, Programme, ProgrammeBudget, ProgrammeIndicator
from tests.browser.conftest import log_in, screenshot
from tests.conftest import make_user

pytestmark = pytest.mark.browser

YEAR = timezone.localdate().year  # the homes list the realisations of the current year
PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def plan(kendal_live: Any) -> Programme:
    period = Period.objects.create(name="RPJMD Uji", start_year=YEAR - 1, end_year=YEAR + 1, is_current=True)
    p = Programme.objects.create(
        period=period,
        name="Layanan Desa Daring",
        dimension="gov",
        elements=["gov_service"],
        horizon="medium",
        start_year=YEAR - 1,
        end_year=YEAR + 1,
        opd="Diskominfo",
        whole_regency=True,
    )
    ProgrammeBudget.objects.create(programme=p, year=YEAR, source="apbd", amount=200_000_000)
    ProgrammeIndicator.objects.create(
        programme=p, kind="output", name="Desa dengan layanan daring", unit="desa", baseline="0", target="30",
        target_year=YEAR + 1, targets={str(YEAR): "20"},
    )  # fmt: skip
    return p


def test_the_analyst_enters_the_admin_accepts_and_the_council_reads_target_vs_realisation(
    live_server: Any, phones: Callable[[], Page], plan: Programme
) -> None:
    base = live_server.url
    make_user("analis", "analyst")
    make_user("kominfo", "admin")
    make_user("dewan", "council")

    analyst = phones()
    log_in(analyst, base, "analis")
    analyst.locator("#realisations-to-enter a", has_text="Layanan Desa Daring").click()
    expect(analyst.locator("h1")).to_contain_text(f"Isi realisasi Layanan Desa Daring {YEAR}")
    expect(analyst.locator("#realisation-form")).to_contain_text("rencana 200.000.000")
    analyst.select_option("#id_status", "running")
    analyst.fill("#id_spend_apbd", "150.000.000")
    measure = plan.measures.get()
    expect(analyst.locator(f"#id_target_{measure.pk}")).to_have_value("20")
    analyst.fill(f"#id_value_{measure.pk}", "22")
    analyst.fill("#id_evidence_text", "22 desa melayani surat daring; berita acara terlampir.")
    analyst.set_input_files(
        "#id_evidence_files", files=[{"name": "berita-acara.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    analyst.locator("#id_evidence_files").scroll_into_view_if_needed()
    screenshot(analyst, "realisation-1-analyst-form")
    analyst.click("#save-submit")
    expect(analyst.locator("#review-state")).to_contain_text("Menunggu tinjauan")
    expect(analyst.locator("#evidence-files")).to_contain_text("berita-acara.pdf")
    expect(analyst.locator("#measure-results")).to_contain_text("✓ tercapai")
    screenshot(analyst, "realisation-2-analyst-submitted")

    admin = phones()
    log_in(admin, base, "kominfo")
    admin.locator("#realisations-to-review a", has_text="Layanan Desa Daring").click()
    admin.locator("#accept").scroll_into_view_if_needed()
    screenshot(admin, "realisation-3-admin-review")
    admin.click("#accept")
    expect(admin.locator("#review-state")).to_contain_text("Diterima")
    expect(admin.locator("#history")).to_contain_text("menerima realisasi program")
    assert Realisation.objects.get(programme=plan, year=YEAR).review == "accepted"

    council = phones()
    log_in(council, base, "dewan")
    council.click("#monitoring-summary-link")
    expect(council.locator("h1")).to_contain_text(f"Pemantauan masterplan {YEAR}")
    expect(council.locator("#absorption")).to_contain_text("75,0 %")
    item = council.locator("#progress-list > li", has_text="Layanan Desa Daring")
    item.scroll_into_view_if_needed()
    expect(item).to_contain_text("target 20, realisasi 22")
    expect(item).to_contain_text("✓ tercapai")
    expect(item).to_contain_text("Diterima")
    screenshot(council, "realisation-4-council-summary-list")
    council.evaluate("window.scrollTo(0, 0)")
    screenshot(council, "realisation-4-council-summary")
    council.locator("#progress-list a", has_text="Layanan Desa Daring").click()
    expect(council.locator("#progress-chart")).to_have_attribute("data-ready", "1")
    expect(council.locator("#budget-table")).to_contain_text("150.000.000 / 200.000.000")
    council.locator("#progress-chart").scroll_into_view_if_needed()
    screenshot(council, "realisation-5-council-programme")
