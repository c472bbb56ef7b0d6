"""The evaluation document on the web (/pemantauan/evaluasi/): who may download it (realisation.view: admin,
analyst, council), in which language, and a clear refusal of a bad request."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from django.test import Client
from django.utils import timezone

from petakan.monitoring.models import Realisation, RealisationSpend
from petakan.planning.models import Period, Programme, ProgrammeBudget
from tests.conftest import PASSWORD

URL = "/pemantauan/evaluasi/"


@pytest.fixture
def plan(kendal):  # type: ignore[no-untyped-def]
    year = timezone.localdate().year
    period = Period.objects.create(name="RPJMD Uji", start_year=year - 1, end_year=year + 1, is_current=True)
    p = Programme.objects.create(
        period=period, name="Layanan Desa Daring", dimension="gov", horizon="medium", start_year=year - 1,
        end_year=year, opd="Diskominfo",
    )  # fmt: skip
    ProgrammeBudget.objects.create(programme=p, year=year - 1, source="apbd", amount=100_000_000)
    r = Realisation.objects.create(programme=p, year=year - 1, status="running")
    RealisationSpend.objects.create(realisation=r, source="apbd", amount=40_000_000)
    return period, year - 1


def client_for(cast, role: str) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if role != "anonymous":
        assert client.login(username=cast[role].username, password=PASSWORD)
    return client


@pytest.mark.parametrize("role", ["admin", "analyst", "council"])
def test_roles_that_see_realisation_download_the_docx_and_the_xlsx(plan, cast, role: str) -> None:  # type: ignore[no-untyped-def]
    _period, year = plan
    client = client_for(cast, role)
    page = client.get(URL)
    assert page.status_code == 200
    assert f"?tahun={year}&amp;format=docx&amp;bahasa=id" in page.content.decode()
    response = client.get(URL, {"tahun": year, "format": "docx", "bahasa": "id"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert f"evaluasi-smart-city-{year}-id.docx" in response["Content-Disposition"]
    doc = docx.Document(io.BytesIO(response.content))
    assert any(p.text == "Layanan Desa Daring" for p in doc.paragraphs)
    xlsx = client.get(URL, {"tahun": year, "format": "xlsx", "bahasa": "id"})
    assert xlsx.status_code == 200
    row = next(
        r for r in openpyxl.load_workbook(io.BytesIO(xlsx.content))["Program"].iter_rows(min_row=4, values_only=True)
    )
    assert row[0] == "Layanan Desa Daring" and row[4:7] == (100_000_000, 40_000_000, 40.0)


@pytest.mark.parametrize("role", ["district", "village"])
def test_district_and_village_accounts_are_refused(plan, cast, role: str) -> None:  # type: ignore[no-untyped-def]
    _period, year = plan
    client = client_for(cast, role)
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"tahun": year, "format": "docx"}).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(plan) -> None:  # type: ignore[no-untyped-def]
    _period, year = plan
    response = Client().get(URL, {"tahun": year, "format": "xlsx"})
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_the_english_document_is_downloaded_with_bahasa_en(plan, cast) -> None:  # type: ignore[no-untyped-def]
    _period, year = plan
    response = client_for(cast, "council").get(URL, {"tahun": year, "format": "docx", "bahasa": "en"})
    headings = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Identity of the regency"


def test_a_year_outside_the_period_or_an_unknown_format_is_refused_in_words(plan, cast) -> None:  # type: ignore[no-untyped-def]
    period, year = plan
    client = client_for(cast, "admin")
    for query in (
        {"tahun": period.start_year - 5, "format": "docx"},
        {"tahun": year, "format": "pdf"},
        {"tahun": year, "format": "docx", "bahasa": "fr"},
        {"tahun": "dua ribu", "format": "docx"},
    ):
        response = client.get(URL, query)
        assert response.status_code == 400, query
        assert "tahun" in response.content.decode().lower()


def test_the_monitoring_pages_link_to_the_evaluation_page(plan, cast) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    page = client_for(cast, "council").get(reverse("monitoring:summary"))
    assert page.status_code == 200
    assert f'href="{URL}"' in page.content.decode()
