"""The village layer is compressed once per layer version, stored with its ETags, and served as the client accepts."""

from __future__ import annotations

import gzip
import json

import brotli
import pytest
from django.test import Client

from petakan.regions import precompressed
from petakan.regions.models import Layer, LayerCopy
from petakan.web.http import negotiate_encoding

URL = "/api/v1/areas/33.24.01/villages.geojson"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each compression this process does, with no copy remembered from earlier tests."""
    calls: list[str] = []
    real = precompressed.encode

    def encode(content: str) -> tuple[bytes, bytes, bytes]:
        calls.append(content[:20])
        return real(content)

    monkeypatch.setattr(precompressed, "encode", encode)
    precompressed._memo.clear()
    return calls


def test_each_client_gets_the_encoding_it_accepts_with_the_same_content(kendal, client: Client) -> None:
    plain = client.get(URL)
    gzipped = client.get(URL, HTTP_ACCEPT_ENCODING="gzip, deflate")
    brotlied = client.get(URL, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain and gzipped["Content-Encoding"] == "gzip"
    assert brotlied["Content-Encoding"] == "br"
    assert gzip.decompress(gzipped.content) == brotli.decompress(brotlied.content) == plain.content
    assert len(json.loads(plain.content)["features"]) == 12
    assert len(brotlied.content) < len(gzipped.content) < len(plain.content)
    assert all(r["Vary"] and "Accept-Encoding" in r["Vary"] for r in (plain, gzipped, brotlied))
    assert len({plain["ETag"], gzipped["ETag"], brotlied["ETag"]}) == 3


def test_a_client_that_refuses_brotli_gets_gzip(kendal, client: Client) -> None:
    assert client.get(URL, HTTP_ACCEPT_ENCODING="br;q=0, gzip")["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("accept", ["identity", "gzip", "br"])
def test_a_client_with_the_current_copy_gets_304(kendal, client: Client, accept: str) -> None:
    first = client.get(URL, HTTP_ACCEPT_ENCODING=accept)
    again = client.get(URL, HTTP_ACCEPT_ENCODING=accept, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == first["ETag"]


def test_it_is_compressed_once_and_every_app_server_serves_the_stored_bytes(kendal, client, counted) -> None:  # type: ignore[no-untyped-def]
    first = client.get(URL, HTTP_ACCEPT_ENCODING="br")
    for _request in range(3):
        assert client.get(URL, HTTP_ACCEPT_ENCODING="br").content == first.content
    assert len(counted) == 1 and LayerCopy.objects.filter(code="33.24.01").count() == 1
    precompressed._memo.clear()  # another process: nothing in its memory, the database has the copy
    other = client.get(URL, HTTP_ACCEPT_ENCODING="br")
    assert len(counted) == 1 and other.content == first.content and other["ETag"] == first["ETag"]


def test_a_new_layer_version_gets_a_new_copy_and_the_old_one_goes(kendal, client, counted) -> None:  # type: ignore[no-untyped-def]
    before = client.get(URL, HTTP_ACCEPT_ENCODING="gzip")
    Layer.objects.filter(key="village").update(etag="rebuilt-layer")  # what build_layers does on a new generation
    after = client.get(URL, HTTP_ACCEPT_ENCODING="gzip")
    assert len(counted) == 2 and after["ETag"] != before["ETag"]
    assert list(LayerCopy.objects.filter(code="33.24.01").values_list("source_etag", flat=True)) == ["rebuilt-layer"]


def test_a_made_up_code_is_404_and_stores_nothing(kendal, client: Client) -> None:
    assert client.get("/api/v1/areas/99.99/villages.geojson", HTTP_ACCEPT_ENCODING="br").status_code == 404
    assert not LayerCopy.objects.filter(code="99.99").exists()


def test_a_village_code_gives_that_village(kendal, client: Client) -> None:
    features = json.loads(client.get("/api/v1/areas/33.24.01.2001/villages.geojson").content)["features"]
    assert [f["properties"]["code"] for f in features] == ["33.24.01.2001"]


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("", "identity"),
        ("gzip", "gzip"),
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=0.5, br;q=0.4", "gzip"),
        ("GZIP;Q=1.0", "gzip"),
        ("*", "br"),
        ("*;q=0, gzip", "gzip"),
        ("gzip;q=0, br;q=0", "identity"),
        ("deflate", "identity"),
        ("gzip;q=nonsense", "identity"),
    ],
)
def test_accept_encoding_is_read_with_its_q_values(header: str, chosen: str) -> None:
    assert negotiate_encoding(header) == chosen


def test_threads_asking_at_once_for_a_new_copy_compress_it_once(counted) -> None:  # type: ignore[no-untyped-def]
    import threading
    import time

    barrier = threading.Barrier(8)
    got: list[precompressed.Encoded | None] = []

    def load() -> tuple[str, str]:
        time.sleep(0.05)  # reading the layer takes a while: the other threads arrive meanwhile
        return "etag-1", '{"type":"FeatureCollection","features":[]}'

    def ask() -> None:
        barrier.wait()
        got.append(precompressed.encoded_copy(("source-1", "33.24.02"), load))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(counted) == 1 and len(got) == 8 and len({id(e) for e in got}) == 1
