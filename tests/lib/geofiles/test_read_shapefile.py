"""Reading boundary features from a Shapefile, zipped or with its sidecar files: members, encodings, CRS."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import shape

from petakan.lib.geofiles import GeoFileError, read, read_features
from tests.lib.geofiles.conftest import SQUARE_METRES, square
from tests.lib.geofiles.writers import UTM49S_ESRI_PRJ, write_shapefile, zip_files


def problems(path: Path, layer: str | None = None) -> list[Any]:
    with pytest.raises(GeoFileError) as caught:
        read(path, layer)
    return caught.value.problems


def test_a_zipped_shapefile_gives_the_geojson_polygons_and_attributes(tmp_path: Path, kecamatan) -> None:  # type: ignore[no-untyped-def]
    path = zip_files(tmp_path / "kec.zip", write_shapefile(tmp_path, "kec", kecamatan), prefix="batas/")
    geofile = read(path)
    assert (geofile.format, geofile.layer, geofile.crs, geofile.warnings) == (
        "shapefile",
        "kec",
        "WGS 84 (EPSG:4326)",
        [],
    )
    assert [f["properties"]["kemendagri"] for f in geofile.features] == [
        f["properties"]["kemendagri_code"] for f in kecamatan
    ]
    assert all(
        shape(a["geometry"]).equals(shape(b["geometry"])) for a, b in zip(geofile.features, kecamatan, strict=True)
    )


def test_a_bare_shp_reads_its_sidecar_files_whatever_their_case(tmp_path: Path) -> None:
    write_shapefile(tmp_path, "Batas", [square("33.24.01.2001", nama="Blumah")])
    (tmp_path / "Batas.dbf").rename(tmp_path / "Batas.DBF")
    assert read_features(tmp_path / "Batas.shp")[0]["properties"] == {"code": "33.24.01.2001", "nama": "Blumah"}


def test_it_refuses_a_zip_without_a_shapefile_naming_what_it_holds(tmp_path: Path) -> None:
    (tmp_path / "batas.geojson").write_text("{}")
    (found,) = problems(zip_files(tmp_path / "b.zip", [tmp_path / "batas.geojson"]))
    assert (found.reason, found.context["choices"]) == ("no_shapefile", ["batas.geojson"])


def test_it_refuses_a_zip_with_two_shapefiles_unless_one_is_chosen(tmp_path: Path) -> None:
    files = write_shapefile(tmp_path, "desa", [square("a")]) + write_shapefile(tmp_path, "kec", [square("b")])
    path = zip_files(tmp_path / "b.zip", files)
    (found,) = problems(path)
    assert (found.reason, found.context["choices"]) == ("several_shapefiles", ["desa.shp", "kec.shp"])
    assert read_features(path, "kec")[0]["properties"]["code"] == "b"


def test_it_refuses_a_shapefile_without_its_dbf(tmp_path: Path) -> None:
    files = [f for f in write_shapefile(tmp_path, "b", [square("a")]) if f.suffix != ".dbf"]
    assert [(p.reason, p.value) for p in problems(zip_files(tmp_path / "b.zip", files))] == [
        ("missing_sidecar", ".dbf")
    ]


def test_utm_zone_49s_is_reprojected_to_wgs84_naming_the_crs_and_the_transformation(tmp_path: Path) -> None:
    write_shapefile(tmp_path, "b", [square("a", SQUARE_METRES)], prj=UTM49S_ESRI_PRJ)
    geofile = read(tmp_path / "b.shp")
    assert "UTM" in geofile.crs and "49S" in geofile.crs
    assert "UTM zone 49S" in geofile.transformation
    lng, lat = shape(geofile.features[0]["geometry"]).exterior.coords[0]
    assert (round(lng, 2), round(lat, 2)) == (110.0, -7.0)


@pytest.mark.parametrize("features", [[square("a")], [square("a"), square("b", SQUARE_METRES)]])
def test_without_prj_it_is_refused_saying_how_to_set_the_crs_in_qgis(tmp_path: Path, features: list[Any]) -> None:
    write_shapefile(tmp_path, "b", features, prj=None)
    (found,) = problems(tmp_path / "b.shp")
    assert found.reason == "crs_missing"
    assert "Layer > Set CRS" in found.message


def test_without_cpg_latin1_attributes_are_read_as_gdal_reads_a_dbf(tmp_path: Path) -> None:
    write_shapefile(
        tmp_path, "b", [square("a", nama="Plantungan"), square("b", nama="Ngampél")], cpg=None, encoding="ISO-8859-1"
    )
    assert [f["properties"]["nama"] for f in read_features(tmp_path / "b.shp")] == ["Plantungan", "Ngampél"]


def test_with_cpg_the_named_encoding_is_used(tmp_path: Path) -> None:
    write_shapefile(tmp_path, "b", [square("a", nama="Ngampél")], cpg="1252", encoding="cp1252")
    assert read_features(tmp_path / "b.shp")[0]["properties"]["nama"] == "Ngampél"


def test_it_refuses_a_broken_zip(tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    assert [p.reason for p in problems(path)] == ["unreadable_file"]


def test_records_marked_deleted_in_the_dbf_are_skipped(tmp_path: Path) -> None:
    write_shapefile(tmp_path, "b", [square("a"), square("b"), square("c")])
    dbf = bytearray((tmp_path / "b.dbf").read_bytes())
    header, length = int.from_bytes(dbf[8:10], "little"), int.from_bytes(dbf[10:12], "little")
    dbf[header + length] = ord("*")  # the deletion flag of the second record
    (tmp_path / "b.dbf").write_bytes(bytes(dbf))
    geofile = read(tmp_path / "b.shp")
    assert [f["properties"]["code"] for f in geofile.features] == ["a", "c"]
