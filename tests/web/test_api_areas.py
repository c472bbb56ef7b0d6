from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

from django.test import Client


def test_healthz_answers_ok_when_the_database_answers(db, client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_an_area_lists_its_codes_and_children(kendal, client: Client) -> None:
    body = client.get("/api/v1/areas/33.24.01.2001").json()
    assert body["code"] == "33.24.01.2001" and body["bps_code"] == "3324010001"
    assert body["level"] == "village" and body["kind"] == "desa" and body["parent_code"] == "33.24.01"
    assert round(body["area_km2"], 2) == 4.90 and len(body["centroid"]) == 2 and body["children"] == []
    kecamatan = client.get("/api/v1/areas/33.24.01").json()
    assert len(kecamatan["children"]) == 12 and kecamatan["children"][0] == "33.24.01.2001"


def test_an_unknown_area_is_404(kendal, client: Client) -> None:
    assert client.get("/api/v1/areas/99.99").status_code == 404


def test_the_regency_geojson_has_the_286_villages_of_the_kemendagri_list(
    kendal, client: Client, data_dir: Path
) -> None:
    response = client.get("/api/v1/areas/33.24/villages.geojson")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    features = json.loads(response.content)["features"]
    with open(data_dir / "kendal_desa_kelurahan.csv", encoding="utf-8") as f:
        official = sorted(row["code"] for row in csv.DictReader(f))
    assert sorted(f["properties"]["code"] for f in features) == official
    props = features[0]["properties"]
    assert set(props) >= {"code", "bps_code", "name", "kind", "district_code", "district_name"}


def test_a_kecamatan_geojson_has_only_its_villages(kendal, client: Client) -> None:
    features = json.loads(client.get("/api/v1/areas/33.24.01/villages.geojson").content)["features"]
    assert len(features) == 12 and {f["properties"]["district_name"] for f in features} == {"Plantungan"}


def test_the_village_layer_is_at_most_400_kb_gzipped(kendal, client: Client) -> None:
    content = client.get("/api/v1/areas/33.24/villages.geojson").content
    assert len(gzip.compress(content)) <= 400 * 1024


def test_the_village_layer_is_cached_with_an_etag(kendal, client: Client) -> None:
    first = client.get("/api/v1/areas/33.24/villages.geojson")
    etag = first["ETag"]
    again = client.get("/api/v1/areas/33.24/villages.geojson", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    other = client.get("/api/v1/areas/33.24.01/villages.geojson")
    assert other["ETag"] != etag


def test_coordinates_are_rounded_to_five_decimals(kendal, client: Client) -> None:
    geometry = json.loads(client.get("/api/v1/areas/33.24.01/villages.geojson").content)["features"][0]["geometry"]
    ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
    assert all(round(x, 5) == x and round(y, 5) == y for x, y in ring)
