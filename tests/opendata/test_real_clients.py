"""Real open-data clients against the live test server on 127.0.0.1: the PyPI ``ckanapi`` client (as Satu Data
harvesters read CKAN) and OWSLib's OGC API – Features client (as QGIS-like tools read features)."""

from __future__ import annotations

import pandas as pd
import pytest
from ckanapi import NotFound, RemoteCKAN
from owslib.ogcapi.features import Features

from petakan.indices import services
from petakan.indices.models import Run
from tests.conftest import KENDAL_VILLAGE


@pytest.fixture(scope="module")
def computed(demo_profiles: pd.DataFrame):  # type: ignore[no-untyped-def]
    """The demo year's index, computed once for the module; each test stores it as runs of its own."""
    return services.compute(services.framework("smart-city-v1"), demo_profiles, sensitivity_runs=4)


def store(computed, status: str) -> Run:  # type: ignore[no-untyped-def]
    return services.store(computed, year=2026, profile_status=status, is_demo=True)


@pytest.fixture
def runs(kendal_live, computed) -> tuple[Run, Run]:  # type: ignore[no-untyped-def]
    """A public run (over published profiles) and a private one (over drafts)."""
    return store(computed, "published"), store(computed, "all")


def test_ckanapi_lists_shows_and_searches_the_public_packages(runs, live_server) -> None:
    public_run, draft = runs
    ckan = RemoteCKAN(live_server.url, user_agent="petakan-tests")
    names = ckan.action.package_list()
    assert any(n.endswith(f"-run-{public_run.pk}") for n in names) and "batas-desa" in names
    assert not any(n.endswith(f"-run-{draft.pk}") for n in names)
    shown = ckan.action.package_show(id="batas-desa")
    assert shown["name"] == "batas-desa" and shown["resources"][0]["format"] == "GeoJSON"
    found = ckan.action.package_search(fq="tags:smart-city", rows=10)
    assert [p["name"] for p in found["results"]] == [n for n in names if n.endswith(f"-run-{public_run.pk}")]
    assert found["count"] == 1
    with pytest.raises(NotFound):
        ckan.action.package_show(id=f"indeks-smart-city-v1-2026-run-{draft.pk}")


def test_owslib_lists_the_collections_and_reads_items_in_a_bbox(runs, live_server) -> None:
    public_run, draft = runs
    api = Features(live_server.url + "/ogc/")
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in api.conformance()["conformsTo"]
    ids = api.feature_collections()
    assert {"desa", "kecamatan", f"indeks-{public_run.pk}-desa"} <= set(ids)
    assert f"indeks-{draft.pk}-desa" not in ids
    # a small box around one corner of a village's own outline, read through the client
    village = api.collection_item("desa", KENDAL_VILLAGE)
    coords = village["geometry"]["coordinates"]
    x, y = coords[0][0][0] if village["geometry"]["type"] == "MultiPolygon" else coords[0][0]
    box = [x - 0.002, y - 0.002, x + 0.002, y + 0.002]
    found = api.collection_items(f"indeks-{public_run.pk}-desa", bbox=box, limit=50)
    codes = {f["id"] for f in found["features"]}
    assert KENDAL_VILLAGE in codes and 0 < len(codes) < 10
    assert all(any(k.startswith("skor_") for k in f["properties"]) for f in found["features"])
    whole = api.collection_items("desa", limit=1000)
    assert whole["numberMatched"] == whole["numberReturned"] == 286
