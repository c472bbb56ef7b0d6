"""Geometry per zoom level: a light village layer for the regency view and a detailed one for zoom ≥ 13, both
simplified as one coverage (shared borders stay shared), quantised, and within the size budget."""

from __future__ import annotations

import gzip
import json

import shapely
from django.test import Client
from shapely.geometry import shape

from petakan.regions import layers
from petakan.regions.models import Boundary, Generation

BUDGET_GZIP_BYTES = 400 * 1024


def features(client: Client, key: str) -> list[dict]:
    response = client.get(f"/peta/{key}.geojson")
    assert response.status_code == 200 and response["ETag"]
    return json.loads(response.content)["features"]


def test_both_village_layers_hold_the_same_286_villages(kendal, client: Client) -> None:
    coarse, detail = features(client, "village"), features(client, "village-detail")
    assert len(coarse) == len(detail) == 286
    assert [f["properties"] for f in coarse] == [f["properties"] for f in detail]
    assert len(features(client, "district-detail")) == 20


def test_the_detailed_layer_has_more_vertices_and_both_fit_the_gzip_budget(kendal) -> None:
    sizes, vertices = {}, {}
    for key in ("village", "village-detail"):
        layer = layers.get_layer(key)
        sizes[key] = len(gzip.compress(layer.content.encode()))
        geometries = [shape(f["geometry"]) for f in json.loads(layer.content)["features"]]
        vertices[key] = sum(len(shapely.get_coordinates(g)) for g in geometries)
    assert vertices["village-detail"] > 2 * vertices["village"]
    assert sizes["village"] <= BUDGET_GZIP_BYTES and sizes["village-detail"] <= BUDGET_GZIP_BYTES


def test_coordinates_are_quantised_to_five_decimals(kendal) -> None:
    content = json.loads(layers.get_layer("village-detail").content)
    coordinates = shapely.get_coordinates(shape(content["features"][0]["geometry"]))
    assert (abs(coordinates * 1e5 - (coordinates * 1e5).round()) < 1e-6).all()


def test_the_detailed_layer_opens_no_gaps_between_neighbours(kendal) -> None:
    simplified = [
        shape(f["geometry"]).buffer(0) for f in json.loads(layers.get_layer("village-detail").content)["features"]
    ]
    original = [
        shape(b.geometry) for b in Boundary.objects.filter(generation=Generation.current(), area__level="village")
    ]

    def holes(union) -> float:  # type: ignore[no-untyped-def]
        return sum(shapely.Polygon(r).area for p in getattr(union, "geoms", [union]) for r in p.interiors)

    union_simplified, union_original = shapely.union_all(simplified), shapely.union_all(original)
    assert holes(union_simplified) <= holes(union_original) + 1e-9
    overlap = sum(s.area for s in simplified) - union_simplified.area
    assert overlap <= sum(o.area for o in original) - union_original.area + 1e-9
    assert abs(union_simplified.area - union_original.area) / union_original.area < 0.001


def test_kecamatan_outlines_follow_the_detailed_villages(kendal) -> None:
    villages = json.loads(layers.get_layer("village-detail").content)["features"]
    districts = json.loads(layers.get_layer("district-detail").content)["features"]
    plantungan = next(shape(d["geometry"]) for d in districts if d["properties"]["code"] == "33.24.01")
    members = shapely.union_all(
        [shape(v["geometry"]) for v in villages if v["properties"]["district_code"] == "33.24.01"]
    )
    assert plantungan.symmetric_difference(members).area / plantungan.area < 1e-6


def test_grouped_outlines_dissolve_villages_per_label_and_are_cached(kendal) -> None:
    codes = [f["properties"]["code"] for f in layers.layer_features(layers.get_layer("village"))]
    groups = {code: ("utara" if code < "33.24.10" else "selatan") for code in codes[:200]}
    etag, content = layers.grouped_outlines(groups)
    collection = json.loads(content)
    assert {f["properties"]["group"]: f["properties"]["count"] for f in collection["features"]} == {
        "utara": sum(v == "utara" for v in groups.values()),
        "selatan": sum(v == "selatan" for v in groups.values()),
    }
    assert layers.grouped_outlines(groups) == (etag, content)
    assert layers.grouped_outlines({**groups, codes[0]: "selatan"})[0] != etag
