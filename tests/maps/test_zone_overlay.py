"""/peta/zona.geojson: pesisir / dataran / pegunungan outlines dissolved from the villages by their profile zone."""

from __future__ import annotations

import json

import pandas as pd
import shapely
from django.test import Client
from shapely.geometry import shape

from petakan.indices.models import Run


def test_the_three_zones_are_dissolved_from_their_villages(
    published: Run, profiles, demo_profiles: pd.DataFrame, client: Client
) -> None:
    response = client.get("/peta/zona.geojson", {"run": published.pk})
    collection = json.loads(response.content)
    counts = {f["properties"]["group"]: f["properties"]["count"] for f in collection["features"]}
    assert counts == demo_profiles["geo_zone"].value_counts().to_dict()
    villages = json.loads(client.get("/peta/village.geojson").content)["features"]
    zone_of = demo_profiles["geo_zone"]
    for feature in collection["features"]:
        zone = shape(feature["geometry"])
        members = [
            shape(v["geometry"]) for v in villages if zone_of[v["properties"]["code"]] == feature["properties"]["group"]
        ]
        assert abs(zone.area - shapely.union_all(members).area) / zone.area < 1e-3


def test_the_overlay_is_cached_by_etag(published: Run, profiles, client: Client) -> None:
    etag = client.get("/peta/zona.geojson", {"run": published.pk})["ETag"]
    assert client.get("/peta/zona.geojson", {"run": published.pk}, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_without_the_profiles_app_there_is_no_overlay_and_the_page_says_why(
    published: Run, no_profiles_app, client: Client
) -> None:
    assert client.get("/peta/zona.geojson", {"run": published.pk}).status_code == 404
    html = client.get("/peta/").content.decode()
    assert "Zona belum tersedia: profil desa belum dimuat." in html
    assert 'id="ctl-zones" disabled' in html


def test_it_reads_the_zones_from_the_stored_published_profiles(published: Run, client: Client) -> None:
    from petakan.profiles.services import load_demo

    assert client.get("/peta/zona.geojson", {"run": published.pk}).status_code == 404  # no profiles stored yet
    load_demo(published.year)
    collection = json.loads(client.get("/peta/zona.geojson", {"run": published.pk}).content)
    assert sorted(f["properties"]["group"] for f in collection["features"]) == ["dataran", "pegunungan", "pesisir"]
    assert sum(f["properties"]["count"] for f in collection["features"]) == 286
