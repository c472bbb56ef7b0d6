"""OGC API – Features at /ogc/: landing, conformance, collections, items with paging, bbox and code filters."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from petakan.indices.models import Run
from petakan.profiles.models import Status
from tests.conftest import KENDAL_VILLAGE
from tests.opendata.conftest import make_profile


def test_the_landing_page_links_conformance_and_collections(kendal, client: Client) -> None:
    body = client.get("/ogc/").json()
    rels = {link["rel"]: link["href"] for link in body["links"]}
    assert rels["conformance"] == "http://testserver/ogc/conformance"
    assert rels["data"] == "http://testserver/ogc/collections"
    conf = client.get("/ogc/conformance").json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conf


def test_it_lists_boundaries_and_each_public_run_but_no_draft_run(published_run: Run, draft_run: Run, client) -> None:
    ids = [c["id"] for c in client.get("/ogc/collections").json()["collections"]]
    assert ids[:2] == ["kecamatan", "desa"]
    assert f"indeks-{published_run.pk}-desa" in ids and f"indeks-{published_run.pk}-zona" in ids
    assert not any(i.startswith(f"indeks-{draft_run.pk}-") for i in ids)
    assert client.get(f"/ogc/collections/indeks-{draft_run.pk}-desa/items").status_code == 404


def test_items_page_with_limit_offset_and_next_prev_links(kendal, client: Client) -> None:
    first = client.get("/ogc/collections/desa/items", {"limit": 100})
    assert first["Content-Type"] == "application/geo+json"
    body = first.json()
    assert body["numberMatched"] == 286 and body["numberReturned"] == 100 and len(body["features"]) == 100
    rels = {link["rel"]: link["href"] for link in body["links"]}
    assert "offset=100" in rels["next"] and "prev" not in rels
    last = client.get(rels["next"].replace("http://testserver", "")).json()
    last = client.get("/ogc/collections/desa/items", {"limit": 100, "offset": 200}).json()
    assert last["numberReturned"] == 86 and "next" not in {link["rel"] for link in last["links"]}
    assert "offset=100" in {link["rel"]: link["href"] for link in last["links"]}["prev"]


def test_a_bbox_keeps_only_the_features_it_touches(kendal, client: Client) -> None:
    feature = client.get(f"/ogc/collections/desa/items/{KENDAL_VILLAGE}").json()
    ring = feature["geometry"]["coordinates"][0][0] if feature["geometry"]["type"] == "MultiPolygon" else None
    ring = ring or feature["geometry"]["coordinates"][0]
    x, y = ring[0]
    found = client.get("/ogc/collections/desa/items", {"bbox": f"{x - 0.001},{y - 0.001},{x + 0.001},{y + 0.001}"})
    codes = [f["id"] for f in found.json()["features"]]
    assert KENDAL_VILLAGE in codes and 1 <= len(codes) < 10
    outside = client.get("/ogc/collections/desa/items", {"bbox": "100,-1,100.1,-0.9"}).json()
    assert outside["numberMatched"] == 0 and outside["features"] == []


def test_a_code_filter_and_a_single_feature_by_id(kendal, client: Client) -> None:
    body = client.get("/ogc/collections/desa/items", {"code": KENDAL_VILLAGE}).json()
    assert [f["id"] for f in body["features"]] == [KENDAL_VILLAGE]
    district = KENDAL_VILLAGE.rsplit(".", 1)[0]
    in_district = client.get("/ogc/collections/desa/items", {"district_code": district, "limit": 1000}).json()
    assert in_district["numberMatched"] > 1
    assert all(f["properties"]["district_code"] == district for f in in_district["features"])
    one = client.get(f"/ogc/collections/kecamatan/items/{district}")
    assert one.status_code == 200 and one.json()["properties"]["code"] == district
    assert client.get("/ogc/collections/desa/items/99.99").status_code == 404


def test_run_collections_carry_published_scores_and_zones(published_run: Run, client: Client) -> None:
    villages = client.get(f"/ogc/collections/indeks-{published_run.pk}-desa/items", {"limit": 1000}).json()
    assert villages["numberMatched"] == 286
    props = villages["features"][0]["properties"]
    assert props["run"] == published_run.pk and props["is_demo"] is True
    assert any(k.startswith("skor_") and isinstance(v, float) for k, v in props.items())
    # zone outlines follow the published profiles' zones
    make_profile(KENDAL_VILLAGE, Status.PUBLISHED, {"geo_zone": "pesisir"})
    zones = client.get(f"/ogc/collections/indeks-{published_run.pk}-zona/items").json()
    assert [f["id"] for f in zones["features"]] == ["pesisir"]
    assert zones["features"][0]["properties"]["villages"] == 1
    collection = client.get(f"/ogc/collections/indeks-{published_run.pk}-desa").json()
    assert collection["extent"]["temporal"]["interval"][0][0].startswith(str(published_run.year))
    minx, miny, maxx, maxy = collection["extent"]["spatial"]["bbox"][0]
    assert 109.9 < minx < maxx < 110.5 and -7.3 < miny < maxy < -6.8


def test_a_limit_above_the_maximum_is_served_as_the_maximum(kendal, client: Client) -> None:
    body = client.get("/ogc/collections/desa/items", {"limit": 5000}).json()
    assert body["numberReturned"] == 286 and "limit=1000" in body["links"][0]["href"]


def test_bad_parameters_are_answered_with_400_and_a_message(kendal, client: Client) -> None:
    for query in ({"limit": "0"}, {"limit": "abc"}, {"bbox": "1,2,3"}, {"f": "xml"}):
        response = client.get("/ogc/collections/desa/items", query)
        assert response.status_code == 400, query
        assert response.json()["description"], query


def test_items_cost_the_same_few_queries_whatever_the_page_size(published_run: Run, client: Client) -> None:
    url = f"/ogc/collections/indeks-{published_run.pk}-desa/items"
    client.get(url, {"limit": 1})  # fills the per-process encoding
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"limit": 1})
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"limit": 1000})
    assert len(many) == len(few) <= 4


def test_html_pages_sit_in_the_site_layout_without_inline_scripts(published_run: Run, client: Client) -> None:
    for url in (
        "/ogc/",
        "/ogc/collections",
        "/ogc/collections/desa",
        "/ogc/collections/desa/items",
        f"/ogc/collections/desa/items/{KENDAL_VILLAGE}",
    ):
        response = client.get(url, {"f": "html"})
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html"), url
        html = response.content.decode()
        assert 'class="brand"' in html and "<script>" not in html, url
    browser = client.get("/ogc/collections", headers={"Accept": "text/html,application/xhtml+xml"})
    assert browser["Content-Type"].startswith("text/html")


def test_a_repeated_page_is_served_gzipped_and_revalidated_with_304(kendal, client: Client) -> None:
    import gzip
    import json

    plain = client.get("/ogc/collections/desa/items", {"limit": 1000})
    zipped = client.get("/ogc/collections/desa/items", {"limit": 1000}, headers={"Accept-Encoding": "gzip"})
    assert zipped["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
    assert json.loads(gzip.decompress(zipped.content)) == plain.json()
    again = client.get("/ogc/collections/desa/items", {"limit": 1000}, headers={"If-None-Match": plain["ETag"]})
    assert again.status_code == 304
