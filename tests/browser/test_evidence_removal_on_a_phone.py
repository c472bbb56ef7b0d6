"""On a phone the analyst removes an evidence file uploaded by mistake: a tap on «Hapus» beside the file, a
confirmation page, and the realisation's page without the file and with the removal in its history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from petakan.monitoring.models import Evidence, Realisation
from petakan.planning.models import Programme
from tests.browser.conftest import log_in, screenshot
from tests.browser.test_realisation_on_a_phone import PDF, YEAR, plan  # noqa: F401  (the programme fixture)
from tests.conftest import make_user

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_the_analyst_removes_a_wrong_file_after_confirming(
    live_server: Any,
    phones: Callable[[], Page],
    plan: Programme,  # noqa: F811
) -> None:
    make_user("analis", "analyst")
    r = Realisation.objects.create(programme=plan, year=YEAR, status="running")
    for name in ("ktp-pribadi.pdf", "laporan-kegiatan.pdf"):
        Evidence.objects.create(realisation=r, name=name, content_type="application/pdf", size=len(PDF), data=PDF)
    wrong = Evidence.objects.get(name="ktp-pribadi.pdf")

    phone = phones()
    log_in(phone, live_server.url, "analis")
    phone.goto(f"{live_server.url}/pemantauan/program/{plan.pk}/{YEAR}/")
    phone.locator(f"#remove-file-{wrong.pk}").scroll_into_view_if_needed()
    screenshot(phone, "evidence-removal-page")
    phone.click(f"#remove-file-{wrong.pk}")
    expect(phone.locator("#confirm-what")).to_contain_text("Berkas bukti «ktp-pribadi.pdf» akan dihapus")
    screenshot(phone, "evidence-removal-confirm")
    phone.click("#confirm-action")
    expect(phone.locator(".messages")).to_contain_text("Berkas bukti «ktp-pribadi.pdf» dihapus.")
    expect(phone.locator("#evidence-files li")).to_have_count(1)
    expect(phone.locator("#evidence-files")).to_contain_text("laporan-kegiatan.pdf")
    phone.locator("#history details").first.click()
    expect(phone.locator("#history")).to_contain_text("Berkas bukti dihapus: — → ktp-pribadi.pdf")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.locator("#history").scroll_into_view_if_needed()
    screenshot(phone, "evidence-removal-history")
