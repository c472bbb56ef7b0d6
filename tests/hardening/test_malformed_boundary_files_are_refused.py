"""``petakan regions import-boundaries --commit`` refuses deeply nested JSON without recursing, an empty
FeatureCollection without creating a generation, an unclosed ring naming its feature, and zip bombs, truncated zips
and images, in words, within 300 MB, writing nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from petakan.regions.models import Generation
from tests.hardening import corpus
from tests.hardening.conftest import KECAMATAN, Feed, assert_refused, entries

(BOUNDARIES,) = entries("geojson")
CASES: dict[str, tuple[str, Callable[[], bytes], tuple[str, ...]]] = {
    "100,000 levels of nesting": (
        "batas.geojson",
        corpus.deep_json,
        ("bersarang lebih dari 64", "nested more than 64"),
    ),
    "PNG named .geojson": ("batas.geojson", lambda: corpus.PNG, ("PNG",)),
    "zip bomb": ("batas.zip", lambda: corpus.zip_bomb("kec.shp"), ("bom zip", "zip bomb")),
    "truncated zip": ("batas.zip", corpus.truncated_zip, ("terpotong", "truncated")),
    "PNG named .zip": ("batas.zip", lambda: corpus.PNG, ("PNG",)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_it_refuses_the_file_in_words_and_writes_nothing(feed: Feed, case: str) -> None:
    name, build, phrases = CASES[case]
    assert_refused(feed(BOUNDARIES, name, build(), commit=True), *phrases)


def test_an_empty_feature_collection_creates_no_generation(feed: Feed) -> None:
    outcome = feed(BOUNDARIES, "kosong.geojson", corpus.empty_collection(), commit=True)
    assert_refused(outcome, "tidak berisi satu fitur pun")
    assert not Generation.objects.filter(name="Uji").exists()


def test_an_unclosed_ring_is_refused_naming_the_feature(feed: Feed) -> None:
    outcome = feed(BOUNDARIES, "cincin.geojson", corpus.unclosed_ring(KECAMATAN), commit=True)
    assert_refused(outcome, "not closed", "a closed ring needs at least 4")
    assert f"fitur 1 [{KECAMATAN}]" in outcome.text, outcome.text
    assert not Generation.objects.filter(name="Uji").exists()


def test_a_closed_ring_with_the_same_points_passes_the_ring_check(feed: Feed) -> None:
    import json

    data = json.loads(corpus.unclosed_ring(KECAMATAN))
    ring = data["features"][0]["geometry"]["coordinates"][0]
    ring.append(ring[0])
    outcome = feed(BOUNDARIES, "cincin.geojson", json.dumps(data).encode())  # a dry run
    assert "0 masalah" in outcome.text and "1 baru" in outcome.text, outcome.text
