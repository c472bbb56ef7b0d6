"""Absorption on the pages sums a multi-year programme's budget lines and spending over the years considered:
per year, the period up to the chosen year, and the whole programme."""

from __future__ import annotations

import pytest

from petakan.monitoring.models import Realisation, RealisationSpend

MILLION = 1_000_000


@pytest.fixture
def spent(programme):  # type: ignore[no-untyped-def]
    r24 = Realisation.objects.create(programme=programme, year=2024, status="done", review="accepted")
    RealisationSpend.objects.create(realisation=r24, source="apbd", amount=90 * MILLION)
    r25 = Realisation.objects.create(programme=programme, year=2025, status="running")
    RealisationSpend.objects.create(realisation=r25, source="apbd", amount=120 * MILLION)
    RealisationSpend.objects.create(realisation=r25, source="csr", amount=50 * MILLION)
    return programme


def test_the_summary_sums_the_years_of_the_period_up_to_the_chosen_year(login, spent) -> None:  # type: ignore[no-untyped-def]
    response = login("council").get("/pemantauan/?tahun=2025")
    s = response.context["s"]
    assert (s.year_absorption.planned, s.year_absorption.spent) == (250 * MILLION, 170 * MILLION)
    assert s.year_absorption.pct == pytest.approx(68.0)
    assert (s.period_absorption.planned, s.period_absorption.spent) == (350 * MILLION, 260 * MILLION)
    html = response.content.decode()
    assert "68,0 %" in html and "74,3 %" in html


def test_the_programme_page_shows_each_year_source_and_the_whole_programme(login, spent) -> None:  # type: ignore[no-untyped-def]
    response = login("analyst").get(f"/pemantauan/program/{spent.pk}/")
    assert response.status_code == 200
    assert response.context["total"].pct == pytest.approx(40.0)  # 260 of 650 million, 2026 not yet spent
    rows = {row.year: (cells, all_) for row, cells, all_ in response.context["budget_rows"]}
    cells_2025, all_2025 = rows[2025]
    assert [c.pct for c in cells_2025] == [pytest.approx(60.0), pytest.approx(100.0)]  # APBD, CSR
    assert all_2025.pct == pytest.approx(68.0)
    assert rows[2026][1].pct == pytest.approx(0.0)
    assert "40,0 %" in response.content.decode()
