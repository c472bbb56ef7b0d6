"""/peta/unduh.csv and .geojson: the shown data, with its classes, run and the DATA CONTOH mark."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from petakan.indices.models import Run

QUERY = {"var": "living", "level": "village", "cls": "equal", "k": "4", "pal": "YlOrRd"}


def shown(client: Client, run: Run) -> dict:
    return json.loads(client.get("/peta/data.json", {"run": run.pk, **QUERY}).content)


def test_the_csv_has_one_row_per_village_with_the_shown_value_and_class(published: Run, client: Client) -> None:
    response = client.get("/peta/unduh.csv", {"run": published.pk, **QUERY})
    assert response["Content-Type"].startswith("text/csv")
    assert f"petakan-peta-2026-run{published.pk}-village-living.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    data = shown(client, published)
    assert len(rows) == 286
    for row in rows:
        value, cls = data["values"][row["code"]], data["classes"][row["code"]]
        assert (row["value"] == "") == (value is None)
        if value is not None:
            assert float(row["value"]) == pytest.approx(value) and int(row["class"]) == cls + 1
        assert row["data"] == "DATA CONTOH" and row["run"] == str(published.pk) and row["classification"] == "equal"
    blumah = next(r for r in rows if r["code"] == "33.24.01.2001")
    assert blumah["name"] == "Blumah" and blumah["kecamatan"] == "Plantungan"


def test_the_geojson_joins_the_values_to_the_layer_geometry(published: Run, client: Client) -> None:
    response = client.get("/peta/unduh.geojson", {"run": published.pk, **QUERY})
    collection = json.loads(response.content)
    data = shown(client, published)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 286
    assert collection["petakan"]["run"] == published.pk and collection["petakan"]["data"] == "DATA CONTOH"
    assert collection["petakan"]["breaks"] == data["breaks"]
    colours = {e["class"]: e["colour"] for e in data["legend"]}
    for feature in collection["features"]:
        p = feature["properties"]
        assert p["value"] == data["values"][p["code"]]
        assert p["colour"] == colours[data["classes"][p["code"]]]
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_the_kecamatan_geojson_has_20_features(published: Run, client: Client) -> None:
    collection = json.loads(client.get("/peta/unduh.geojson", {"run": published.pk, "level": "district"}).content)
    assert len(collection["features"]) == 20 and all(
        f["properties"]["value"] is not None for f in collection["features"]
    )


def test_a_bad_parameter_is_a_400_not_a_file(published: Run, client: Client) -> None:
    assert client.get("/peta/unduh.csv", {"run": published.pk, "k": "99"}).status_code == 400
