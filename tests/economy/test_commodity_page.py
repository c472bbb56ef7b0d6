"""Each village's leading commodities, per kecamatan, from the published profiles."""

from __future__ import annotations

import pandas as pd
import pytest
from django.test import Client

from petakan.economy.commodities import leaders
from petakan.profiles.services import load_demo


def test_the_lq_is_weighted_by_population_and_the_best_comes_first() -> None:
    frame = pd.DataFrame(
        {
            "pop_male": [500, 500, 1000],
            "pop_female": [500, 500, 1000],
            "com_kopi_ton": [30.0, 0.0, 10.0],
            "com_padi_ton": [0.0, 100.0, 100.0],
        },
        index=["a.1", "a.2", "b.1"],
    )
    villages = pd.DataFrame(
        {"name": ["A1", "A2", "B1"], "district_code": ["a", "a", "b"], "district_name": ["A", "A", "B"]},
        index=frame.index,
    )
    result = {d.code: d for d in leaders(frame, villages, "id")}
    a1 = result["a"].villages[0]
    # kopi: village share 30/40 = 0.75 of the regency's coffee, 1000/4000 = 0.25 of its people → LQ 3
    assert a1.name == "A1" and a1.leaders[0][0].startswith("Kopi") and a1.leaders[0][1] == pytest.approx(3.0)
    assert result["b"].villages[0].leaders == []  # kopi 0.5, padi 1.0: nothing above 1
    # kecamatan a: kopi (30/40) / (2000/4000) = 1.5, padi (100/200) / 0.5 = 1.0
    assert [(name[:4], round(q, 3)) for name, q in result["a"].leaders] == [("Kopi", 1.5)]


def test_the_page_lists_every_kecamatan_and_labels_demo_data(kendal, client: Client) -> None:
    load_demo(2026)
    html = client.get("/ekonomi/komoditas/?tahun=2026").content.decode()
    assert "DATA CONTOH" in html and html.count("<h2 ") == 20 and "Plantungan" in html and "LQ" in html


def test_without_published_profiles_the_page_says_so(kendal, client: Client) -> None:
    html = client.get("/ekonomi/komoditas/?tahun=2030").content.decode()
    assert "Belum ada profil desa yang dipublikasikan" in html
