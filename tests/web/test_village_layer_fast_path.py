"""Anonymous repeats of the village layer are replayed before Django, per negotiated encoding."""

from __future__ import annotations

import gzip

import brotli

from tests.maps.test_map_data_fast_path import Server, server  # noqa: F401  (the fixture)

PATH = "/api/v1/areas/33.24/villages.geojson"


def test_a_repeated_anonymous_request_is_replayed_in_the_encoding_the_client_accepts(kendal, server: Server) -> None:  # noqa: F811
    br = server.get(PATH, HTTP_ACCEPT_ENCODING="gzip, br")
    assert br.status == 200 and br.header("Content-Encoding") == "br"
    assert server.get(PATH, HTTP_ACCEPT_ENCODING="gzip, br") == br
    assert server.django.calls == 1
    # a client that refuses brotli is a different key: never the brotli bytes
    gz = server.get(PATH, HTTP_ACCEPT_ENCODING="gzip, br;q=0")
    assert gz.header("Content-Encoding") == "gzip" and server.django.calls == 2
    assert gzip.decompress(gz.body) == brotli.decompress(br.body)


def test_a_revalidation_is_replayed_as_304(kendal, server: Server) -> None:  # noqa: F811
    first = server.get(PATH, HTTP_ACCEPT_ENCODING="br")
    etag = first.header("ETag") or ""
    assert server.get(PATH, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etag).status == 304
    assert server.get(PATH, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etag).status == 304
    assert server.django.calls == 2
