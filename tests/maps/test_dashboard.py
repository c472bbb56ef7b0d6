"""/peta/dasbor/: radar with a kecamatan, dimensions by zone, ranking with intervals, strengths, completeness."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from django.test import Client

from petakan.indices import scores
from petakan.indices.models import Run, Unit, UnitScores
from petakan.maps.data import fmt
from petakan.regions.models import Area


def script_json(html: str, element_id: str) -> dict:
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, element_id
    return json.loads(found.group(1))


def test_it_shows_every_section_and_the_demo_label(published: Run, client: Client) -> None:
    html = client.get("/peta/dasbor/").content.decode()
    assert "DATA CONTOH" in html
    for section in (
        "Enam dimensi",
        "Sebaran tiap dimensi per zona",
        "Kekuatan dan kelemahan per kecamatan",
        "Peringkat desa dan rentangnya",
        "Kelengkapan data",
    ):
        assert section in html, section
    assert "echarts.min.js" in html and "maps/dashboard.js" in html


def test_the_radar_compares_the_regency_with_the_chosen_kecamatan(published: Run, client: Client) -> None:
    html = client.get("/peta/dasbor/", {"kecamatan": "33.24.01"}).content.decode()
    radar = script_json(html, "radar-dashboard")
    assert [s["name"] for s in radar["series"]] == ["Kabupaten", "Plantungan"]
    district = scores.unit_scores(published, Unit.DISTRICT, Area.objects.get(code="33.24.01"))
    stored = {code: s.value for code, s in district.items() if s.level == "dimension"}
    assert radar["series"][1]["value"] == [
        round(stored[c], 1) for c in ("gov", "brand", "econ", "living", "society", "env")
    ]
    assert len(radar["axes"]) == 6


def test_an_unknown_kecamatan_is_reported(published: Run, client: Client) -> None:
    html = client.get("/peta/dasbor/", {"kecamatan": "33.24.99"}).content.decode()
    assert "Kecamatan 33.24.99 tidak dikenal." in html
    assert len(script_json(html, "radar-dashboard")["series"]) == 1


def test_the_boxplots_are_the_five_numbers_of_each_zones_village_scores(
    published: Run, profiles, demo_profiles: pd.DataFrame, client: Client
) -> None:
    html = client.get("/peta/dasbor/").content.decode()
    boxes = script_json(html, "zone-boxes")
    econ = pd.Series(
        scores.node_values(published, Unit.VILLAGE, "econ"),
        dtype=float,
    )
    zone = demo_profiles["geo_zone"].reindex(econ.index)
    position = boxes["dimensions"].index("Smart Economy")
    for z in ("pesisir", "dataran", "pegunungan"):
        values = econ[zone == z].dropna().to_numpy()
        expected = [round(float(np.quantile(values, q)), 1) for q in (0, 0.25, 0.5, 0.75, 1)]
        assert boxes["boxes"][z][position] == pytest.approx(expected, abs=0.051)
    assert 'id="zone-table"' in html  # the table behind the chart
    assert html.count("<tr><th>Smart Economy</th>") == 3


def test_without_village_zones_it_falls_back_to_the_zone_means_and_says_so(
    published: Run, no_profiles_app, client: Client
) -> None:
    html = client.get("/peta/dasbor/").content.decode()
    assert 'id="zone-boxes"' not in html
    assert "Zona desa belum tersedia" in html and 'id="zone-means"' in html


def test_the_ranking_has_rank_intervals_and_a_plain_reading(published: Run, client: Client) -> None:
    pages = [client.get(f"/peta/dasbor/?hal={n}").content.decode() for n in (1, 2, 3)]
    assert re.search(r"peringkat 1 \(antara \d+ dan \d+\)", pages[0])
    assert "separuh desa bergeser paling banyak" in pages[0]
    assert (
        sum(html.count('class="interval"') for html in pages)
        == UnitScores.objects.filter(run=published, unit=Unit.VILLAGE, rank_low__isnull=False)
        .exclude(value=None)
        .count()
    )


def test_completeness_counts_scored_villages_per_kecamatan(published: Run, profiles, client: Client) -> None:
    html = client.get("/peta/dasbor/").content.decode()
    scored = UnitScores.objects.filter(run=published, unit=Unit.VILLAGE).exclude(value=None).count()
    assert f"{scored} dari 286 desa/kelurahan punya skor indeks ({fmt(100 * scored / 286, 0)} %)" in html
    assert "Isian profil" in html
    plantungan = re.search(r"<tr><td>Plantungan</td><td>(\d+)</td><td>(\d+)", html)
    assert plantungan and plantungan.group(1) == "12"


def test_without_a_run_the_dashboard_says_there_is_nothing_yet(kendal, client: Client) -> None:
    html = client.get("/peta/dasbor/").content.decode()
    assert "Belum ada hasil indeks" in html and "radar" not in html
