"""Reading boundary features from a GeoPackage: layers, attributes, coordinate reference systems, broken files."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import shape

from petakan.lib.geofiles import GeoFileError, read, read_features
from tests.lib.geofiles.conftest import SQUARE_METRES, square
from tests.lib.geofiles.writers import UTM49S_SRS, write_geopackage


def reasons(path: Path, layer: str | None = None) -> list[tuple[str, Any, Any]]:
    with pytest.raises(GeoFileError) as caught:
        read(path, layer)
    return [(p.reason, p.record, p.value) for p in caught.value.problems]


def test_it_reads_every_kecamatan_with_its_attributes_and_exact_geometry(tmp_path: Path, kecamatan) -> None:  # type: ignore[no-untyped-def]
    features = read_features(write_geopackage(tmp_path / "k.gpkg", {"kecamatan": kecamatan}))
    assert [f["properties"] for f in features] == [f["properties"] for f in kecamatan]
    assert all(
        shape(a["geometry"]).equals_exact(shape(b["geometry"]), 0) for a, b in zip(features, kecamatan, strict=True)
    )


def test_the_feature_id_column_is_not_an_attribute_and_booleans_stay_booleans(tmp_path: Path) -> None:
    path = write_geopackage(tmp_path / "b.gpkg", {"b": [square("33.24.01.2001", pesisir=True)]})
    assert read_features(path)[0]["properties"] == {"code": "33.24.01.2001", "pesisir": True}


def test_it_refuses_two_layers_naming_them_and_reads_the_one_chosen(tmp_path: Path) -> None:
    path = write_geopackage(tmp_path / "b.gpkg", {"kecamatan": [square("a")], "desa": [square("b"), square("c")]})
    with pytest.raises(GeoFileError) as caught:
        read(path)
    assert caught.value.problems[0].reason == "several_layers"
    assert caught.value.problems[0].context["choices"] == ["desa", "kecamatan"]
    geofile = read(path, "desa")
    assert (geofile.layer, [f["properties"]["code"] for f in geofile.features]) == ("desa", ["b", "c"])
    assert reasons(path, "batas") == [("unknown_layer", None, "batas")]


def test_it_refuses_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "rusak.gpkg"
    path.write_bytes(b"this is not a database" * 10)
    assert reasons(path) == [("not_sqlite", None, None)]


def test_it_refuses_an_sqlite_database_without_geopackage_tables(tmp_path: Path) -> None:
    path = tmp_path / "plain.gpkg"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (x)")
    con.close()
    assert reasons(path) == [("not_geopackage", None, None)]


def test_broken_geometry_blobs_come_as_features_without_geometry_for_the_importer_to_number(tmp_path: Path) -> None:
    path = write_geopackage(tmp_path / "b.gpkg", {"b": [square("a"), square("b"), square("c")]})
    with sqlite3.connect(path) as con:
        con.execute("UPDATE b SET geom = X'00112233' WHERE fid IN (2, 3)")
    con.close()
    assert [f["geometry"] is None for f in read_features(path)] == [False, True, True]


def test_utm_zone_49s_is_reprojected_to_wgs84_naming_the_crs(tmp_path: Path) -> None:
    path = write_geopackage(
        tmp_path / "b.gpkg", {"b": [square("a", SQUARE_METRES)]}, srs_id=32749, extra_srs=UTM49S_SRS
    )
    geofile = read(path)
    assert geofile.crs == "WGS 84 / UTM zone 49S (EPSG:32749)"
    assert "UTM zone 49S" in geofile.transformation
    assert round(geofile.features[0]["geometry"]["coordinates"][0][0][0], 2) == 110.0


@pytest.mark.parametrize("srs_id", [0, -1])
def test_an_undefined_srs_is_refused_saying_how_to_set_the_crs(tmp_path: Path, srs_id: int) -> None:
    path = write_geopackage(tmp_path / "b.gpkg", {"b": [square("a"), square("b", SQUARE_METRES)]}, srs_id=srs_id)
    assert [reason for reason, _record, _value in reasons(path)] == ["crs_missing"]


def test_a_feature_without_geometry_is_kept_for_the_importer_to_report(tmp_path: Path) -> None:
    path = write_geopackage(tmp_path / "b.gpkg", {"b": [square("a"), {"properties": {"code": "b"}, "geometry": None}]})
    assert [f["geometry"] is None for f in read_features(path)] == [False, True]
