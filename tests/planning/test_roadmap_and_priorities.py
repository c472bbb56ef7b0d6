"""The road map (programmes per year and dimension, with the table behind the chart) and the priority page."""

from __future__ import annotations

import json
import re

from django.utils import timezone

from petakan.planning.models import ProgrammeBudget, RpjmdProgram
from tests.planning.conftest import make_programme


def chart_data(page: str) -> dict:
    match = re.search(r'<script id="roadmap-data" type="application/json">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_the_road_map_counts_programmes_per_year_and_dimension(period, login) -> None:  # type: ignore[no-untyped-def]
    a = make_programme(period, name="A", start_year=2024, end_year=2026)
    make_programme(period, name="B", dimension="env", elements=["env_waste"], start_year=2025, end_year=2025)
    ProgrammeBudget.objects.create(programme=a, year=2025, source="apbd", amount=5_000_000)
    page = login("analyst").get("/rencana/peta-jalan/").content.decode()
    data = chart_data(page)
    assert data["years"] == [2024, 2025, 2026]
    series = {s["code"]: s["counts"] for s in data["series"]}
    assert series["gov"] == [1, 1, 1] and series["env"] == [0, 1, 0] and series["econ"] == [0, 0, 0]
    assert 'id="roadmap-table"' in page and "npm/echarts/echarts.min.js" in page
    assert "5.000.000" in page


def test_the_public_road_map_counts_approved_programmes_only(period, login) -> None:  # type: ignore[no-untyped-def]
    make_programme(period, name="Draf", start_year=2024, end_year=2024)
    make_programme(period, name="Disetujui", start_year=2025, end_year=2025, approved_at=timezone.now())
    data = chart_data(login("anonymous").get("/rencana/peta-jalan/").content.decode())
    assert data["years"] == [2025]


def test_the_priority_page_explains_each_score_and_lists_quick_wins(period, login, make_run) -> None:  # type: ignore[no-untyped-def]
    make_run({"gov_service": 40.0})
    program = RpjmdProgram.objects.get()
    make_programme(
        period,
        name="Cepat",
        horizon="quick_win",
        start_year=2024,
        end_year=2024,
        feasibility=5,
        rpjmd_programs=[program],
    )
    make_programme(period, name="Lambat", horizon="long", end_year=2030, feasibility=1)
    page = login("council").get("/rencana/prioritas/").content.decode()
    shortlist = page.split('<ol class="shortlist">')[1].split("</ol>")[0]
    assert "Cepat" in shortlist and "Lambat" not in shortlist
    # Cepat: gap 0.6, people 1, alignment 1, feasibility 1 with the default weights → 86.0
    assert "86,0" in shortlist
    assert "kesenjangan 0,60 × 0,35" in page
