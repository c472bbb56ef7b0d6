"""/peta/: the map page renders its controls from the URL, offers every variable, and works without a run."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from petakan.idm.services import load_demo as load_idm_demo
from petakan.indices.models import Run


def config(html: str) -> dict:
    found = re.search(r'<script id="map-config" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no map-config"
    return json.loads(found.group(1))


def selected(html: str, select_id: str) -> str:
    block = re.search(rf'<select[^>]*id="{select_id}".*?</select>', html, re.S)
    assert block, select_id
    value = re.search(r'<option value="([^"]*)"[^>]*selected', block.group(0))
    assert value, f"nothing selected in {select_id}"
    return value.group(1)


def test_it_shows_the_current_published_run_with_the_demo_label(published: Run, client: Client) -> None:
    html = client.get("/peta/").content.decode()
    assert "DATA CONTOH" in html and 'id="map"' in html and "maps/map.js" in html and "leaflet.js" in html
    assert "echarts" not in html  # the map page stays light: charts live on the dashboard
    state = config(html)["state"]
    assert state["run"] == str(published.pk) and state["var"] == "sci" and state["level"] == "village"


def test_the_controls_and_the_script_state_come_from_the_url(published: Run, client: Client) -> None:
    html = client.get(
        "/peta/",
        {
            "run": published.pk,
            "var": "econ",
            "level": "district",
            "cls": "jenks",
            "k": "7",
            "pal": "viridis",
            "zones": "1",
            "outlines": "0",
            "sel": "33.24.01",
            "v": "12/-7.1/110.2",
        },
    ).content.decode()
    for select_id, value in (
        ("ctl-var", "econ"),
        ("ctl-level", "district"),
        ("ctl-cls", "jenks"),
        ("ctl-k", "7"),
        ("ctl-pal", "viridis"),
        ("ctl-run", str(published.pk)),
    ):
        assert selected(html, select_id) == value, select_id
    state = config(html)["state"]
    assert state == {
        "run": str(published.pk),
        "level": "district",
        "var": "econ",
        "cls": "jenks",
        "k": "7",
        "pal": "viridis",
        "zones": True,
        "outlines": False,
        "sel": "33.24.01",
        "fokus": "",
        "v": "12/-7.1/110.2",
    }


def test_a_bad_parameter_is_reported_and_the_default_view_shown(published: Run, client: Client) -> None:
    html = client.get("/peta/", {"var": "no_such_node"}).content.decode()
    assert "Variabel no_such_node tidak ada pada run ini." in html
    assert selected(html, "ctl-var") == "sci"


def test_a_malformed_selection_is_dropped(published: Run, client: Client) -> None:
    html = client.get("/peta/", {"sel": "<script>"}).content.decode()
    assert config(html)["state"]["sel"] == ""


@pytest.mark.parametrize(("fokus", "kept"), [("33.24.05", "33.24.05"), ("33.24.05.2001", ""), ("<b>", ""), ("33", "")])
def test_only_a_kecamatan_code_is_kept_as_the_drill_down_focus(
    fokus: str, kept: str, published: Run, client: Client
) -> None:
    html = client.get("/peta/", {"level": "village", "fokus": fokus}).content.decode()
    assert config(html)["state"]["fokus"] == kept


def test_it_offers_the_tree_idm_and_commodities_by_group(published: Run, profiles, client: Client) -> None:
    load_idm_demo(published.year)
    html = client.get("/peta/").content.decode()
    for group in (
        "Indeks",
        "Dimensi",
        "Elemen",
        "Indikator",
        "Indeks Desa Membangun (IDM)",
        "Spesialisasi komoditas (LQ)",
    ):
        assert f'<optgroup label="{group}">' in html, group
    assert re.search(r'value="idm:status" data-levels="village" data-kind="category"', html)
    assert 'value="lq:com_padi_ton" data-levels="village district"' in html
    assert html.count("<option value=") > 53 + 18 + 6 + 1


def test_without_a_run_the_map_still_shows_the_boundaries(kendal, client: Client) -> None:
    response = client.get("/peta/")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="map"' in html
    assert "Belum ada hasil indeks" in html and 'id="ctl-var"' not in html
    assert config(html)["urls"]["villages"] == "/peta/village.geojson"


def test_the_page_speaks_english_when_asked(published: Run, client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/peta/"})
    html = client.get("/peta/").content.decode()
    assert '<html lang="en">' in html and "Smart City Index" in html
    assert config(html)["lang"] == "en"
