"""How the reader picks the format: by suffix, else by the file's first bytes, else GeoJSON as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from petakan.lib.geofiles import GeoFileError, read
from tests.lib.geofiles.conftest import square
from tests.lib.geofiles.writers import write_geopackage, write_shapefile, zip_files


def test_a_geopackage_and_a_zip_are_recognised_whatever_their_name(tmp_path: Path) -> None:
    gpkg = write_geopackage(tmp_path / "batas.GPKG", {"b": [square("a")]})
    assert read(gpkg).format == "gpkg"
    assert read(gpkg.rename(tmp_path / "batas.dat")).format == "gpkg"
    archive = zip_files(tmp_path / "batas.bin", write_shapefile(tmp_path, "b", [square("a")]))
    assert read(archive).format == "shapefile"


def test_a_feature_collection_under_another_name_is_still_read_as_geojson(tmp_path: Path) -> None:
    path = tmp_path / "batas.txt"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [square("a")]}))
    assert read(path).features == [square("a")]


def test_layer_is_refused_for_a_geojson_file(tmp_path: Path) -> None:
    path = tmp_path / "batas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    with pytest.raises(GeoFileError) as caught:
        read(path, "kecamatan")
    assert caught.value.problems[0].reason == "layer_not_applicable"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"type": "FeatureCollection", "features": [', "unreadable_geojson"),
        ('{"type": "Feature"}', "not_feature_collection"),
    ],
)
def test_broken_geojson_keeps_its_reasons(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "b.geojson"
    path.write_text(text)
    with pytest.raises(GeoFileError) as caught:
        read(path)
    assert [p.reason for p in caught.value.problems] == [reason]
