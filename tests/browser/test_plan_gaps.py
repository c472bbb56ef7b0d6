"""On the demo masterplan with a Smart City run: the gap view lists a programme without an RPJMD link, a weak element
and a low village that no programme reaches, each with a link; following the links and fixing the cause makes each
entry disappear."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from petakan.indices import scores
from petakan.indices.models import Run, UnitScores
from petakan.regions.models import Area
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD, make_user
from tests.planning.conftest import tree

pytestmark = pytest.mark.browser

ELEMENT_SCORES = {
    "gov_service": 72.0,
    "gov_bureaucracy": 66.0,
    "gov_policy": 58.0,
    "brand_tourism": 81.0,
    "brand_business": 63.0,
    "brand_appearance": 70.0,
    "econ_industry": 77.0,
    "econ_welfare": 25.0,
    "econ_transaction": 61.0,
    "living_harmony": 68.0,
    "living_mobility": 55.0,
    "living_health": 52.0,
    "society_community": 49.0,
    "society_learning": 64.0,
    "society_security": 59.0,
    "env_protection": 74.0,
    "env_waste": 41.0,
    "env_energy": 80.0,
}
# Sedayu and Pamriyan (Kec. Gemuh, which no demo programme targets) are the two lowest of ten scored villages
VILLAGE_SCORES = {
    "33.24.11.2001": 12.0,
    "33.24.11.2002": 18.0,
    "33.24.15.1001": 70.0,
    "33.24.15.1002": 65.0,
    "33.24.01.2001": 40.0,
    "33.24.01.2002": 45.0,
    "33.24.08.2003": 60.0,
    "33.24.12.2001": 55.0,
    "33.24.14.2001": 50.0,
    "33.24.13.2001": 48.0,
    "33.24.11.2003": None,
}


def demo_with_scores() -> None:
    call_command("planning", "load-demo", stdout=io.StringIO())
    run = Run.objects.create(
        framework="smart-city-v1",
        framework_version="1",
        framework_hash="x",
        data_hash="y",
        year=2025,
        is_current=True,
        is_demo=True,
        tree=tree(),
        label="uji peramban",
    )
    regency = Area.objects.get(code="33.24")
    areas = {a.code: a for a in Area.objects.filter(code__in=VILLAGE_SCORES)}
    rows = [scores.row(run, "regency", ELEMENT_SCORES, area=regency)]
    rows += [scores.row(run, "village", {"sci": v}, area=areas[c]) for c, v in VILLAGE_SCORES.items()]
    UnitScores.objects.bulk_create(rows)


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/akun/masuk/" not in url)


def open_gaps(page: Page, base: str) -> None:
    page.goto(base + "/rencana/celah/")
    expect(page.locator("h1")).to_contain_text("Celah")


def tick(page: Page, fieldset: str, text: str) -> None:
    page.locator(f"{fieldset} label", has_text=text).first.locator("input").check()


def test_fixing_each_gap_from_its_link_makes_it_disappear(kendal_live, live_server, page: Page) -> None:  # type: ignore[no-untyped-def]
    demo_with_scores()
    analyst = make_user("ana-analis", "analyst")
    base = live_server.url
    log_in(page, base, analyst.username)
    open_gaps(page, base)

    unlinked = page.locator("#programme_without_rpjmd li.gap")
    expect(unlinked).to_have_count(1)
    expect(unlinked.first).to_contain_text("Poskamling Pintar (Pospin)")
    expect(unlinked.first).to_contain_text("tidak terhubung ke sasaran maupun program RPJMD")
    weak = page.locator('#weak_element_without_programme li.gap[data-element="econ_welfare"]')
    expect(weak).to_contain_text("kesejahteraan rakyat")
    expect(weak).to_contain_text("25,0")
    low = page.locator("#low_village_without_programme li.gap")
    expect(low).to_have_count(2)
    expect(page.locator('li.gap[data-village="33.24.11.2001"]')).to_contain_text("Sedayu (Kec. Gemuh)")
    expect(page.locator('li.gap[data-village="33.24.11.2003"]')).to_have_count(0)  # no score: not low
    screenshot(page, "plan-gaps")

    # 1. the programme without an RPJMD link: link it to a sasaran
    unlinked.first.get_by_role("link", name="Tautkan ke RPJMD").click()
    expect(page.locator("h1")).to_contain_text("Poskamling Pintar")
    tick(page, "#rpjmd", "3.1.3")
    page.click("#save")
    expect(page.locator("h1")).to_contain_text("Poskamling Pintar (Pospin)")
    open_gaps(page, base)
    expect(page.locator("#programme_without_rpjmd li.gap")).to_have_count(0)
    expect(page.locator("#programme_without_rpjmd")).to_contain_text("Tidak ada celah")

    # 2. a low village: a new programme prefilled with the village
    page.locator('li.gap[data-village="33.24.11.2001"]').get_by_role(
        "link", name="Tambah program untuk desa ini"
    ).click()
    expect(page.locator("h1")).to_contain_text("Program Smart City baru")
    page.fill("#id_name", "Sekolah Digital Desa Sedayu")
    page.select_option("#id_dimension", "society")
    tick(page, "#elements", "Ekosistem belajar yang efisien")
    page.select_option("#id_horizon", "short")
    page.fill("#id_opd", "Dinas Pendidikan dan Kebudayaan")
    tick(page, "#rpjmd", "2.1.2")
    page.click("#save")
    expect(page.locator("h1")).to_contain_text("Sekolah Digital Desa Sedayu")
    expect(page.locator("dl.facts")).to_contain_text("Sedayu")
    open_gaps(page, base)
    expect(page.locator('li.gap[data-village="33.24.11.2001"]')).to_have_count(0)
    expect(page.locator('li.gap[data-village="33.24.11.2002"]')).to_have_count(1)

    # 3. the weak element: a new programme prefilled with the element, for the whole of Kec. Gemuh
    page.locator('li.gap[data-element="econ_welfare"]').get_by_role(
        "link", name="Tambah program untuk elemen ini"
    ).click()
    expect(page.locator("#id_dimension")).to_have_value("econ")
    page.fill("#id_name", "Kredit Usaha Rakyat Desa")
    page.select_option("#id_horizon", "medium")
    page.fill("#id_start_year", "2022")
    page.fill("#id_end_year", "2026")
    page.fill("#id_opd", "Dinas Koperasi dan UKM")
    tick(page, "#rpjmd", "1.2.1")
    page.locator("details.district summary", has_text="Gemuh").click()
    tick(page, "#targets", "Seluruh kecamatan Gemuh")
    page.click("#save")
    expect(page.locator("h1")).to_contain_text("Kredit Usaha Rakyat Desa")
    open_gaps(page, base)
    expect(page.locator('li.gap[data-element="econ_welfare"]')).to_have_count(0)
    expect(page.locator("#low_village_without_programme li.gap")).to_have_count(0)
    screenshot(page, "plan-gaps-fixed")


def test_the_council_approves_on_a_phone(kendal_live, live_server, browser) -> None:  # type: ignore[no-untyped-def]
    call_command("planning", "load-demo", stdout=io.StringIO())
    council = make_user("dewi-dewan", "council")
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, locale="id-ID")
    page = context.new_page()
    base = live_server.url
    log_in(page, base, council.username)
    page.goto(base + "/rencana/program/")
    page.get_by_role("link", name="Poskamling Pintar (Pospin)").click()
    expect(page.locator(".approval")).to_contain_text("Draf")
    page.click("#approve")
    expect(page.locator(".approval")).to_contain_text("Disetujui Dewan Smart City")
    expect(page.locator(".approval")).to_contain_text("dewi-dewan")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(base + "/rencana/peta-jalan/")
    expect(page.locator("#roadmap-chart svg")).to_have_count(1)
    screenshot(page, "plan-roadmap-phone")
    context.close()
