"""Boundary imports from a zipped Shapefile or a .shp with its sidecar files, checked against the GeoJSON import."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import shape

from petakan.regions.importers import import_boundaries
from petakan.regions.models import Boundary
from tests.lib.geofiles.writers import write_shapefile, zip_files
from tests.regions.conftest import GEOJSON, stored


def district_import(path: Path, generation: str = "Uji", code_field: str = "kemendagri", **options: Any) -> Any:
    # .dbf field names have at most 10 characters: kemendagri_code is written as "kemendagri"
    return import_boundaries(path, generation=generation, code_field=code_field, level="district", **options)


def assert_same_as_geojson(generation: str, data_dir: Path) -> None:
    assert district_import(data_dir / GEOJSON, "Uji GeoJSON", "kemendagri_code", commit=True).created == 20
    from_geojson = {
        b.area.code: b for b in Boundary.objects.filter(generation__name="Uji GeoJSON").select_related("area")
    }
    imported = {b.area.code: b for b in Boundary.objects.filter(generation__name=generation).select_related("area")}
    assert sorted(imported) == sorted(from_geojson) and len(imported) == 20
    for code, boundary in imported.items():
        # a Shapefile winds outer rings clockwise and has no single-part MultiPolygon: same shape, other JSON
        assert shape(boundary.geometry).equals(shape(from_geojson[code].geometry)), code
        assert boundary.area_km2 == pytest.approx(from_geojson[code].area_km2, rel=1e-9)
        assert (boundary.min_lng, boundary.max_lat) == (from_geojson[code].min_lng, from_geojson[code].max_lat)


def test_a_zipped_shapefile_stores_the_shapes_and_areas_the_geojson_stores(  # type: ignore[no-untyped-def]
    kendal, kecamatan, data_dir: Path, tmp_path: Path
) -> None:
    path = zip_files(tmp_path / "kendal.zip", write_shapefile(tmp_path, "kecamatan", kecamatan))
    report = district_import(path, "Uji SHP", commit=True)
    assert report.ok and not report.warnings and report.created == 20
    assert_same_as_geojson("Uji SHP", data_dir)


def test_a_bare_shp_with_its_sidecar_files_stores_the_same(kendal, kecamatan, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_shapefile(tmp_path, "kecamatan", kecamatan)
    assert district_import(tmp_path / "kecamatan.shp", "Uji SHP", commit=True).created == 20
    assert_same_as_geojson("Uji SHP", data_dir)


def test_it_refuses_a_zip_without_a_shapefile_naming_what_it_holds(kendal, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = zip_files(tmp_path / "batas.zip", [data_dir / GEOJSON])
    before = stored()
    (problem,) = district_import(path, commit=True).problems
    assert (problem.where, problem.message) == ("batas.zip", f"arsip zip tidak berisi berkas .shp (isinya: {GEOJSON})")
    assert stored() == before


def test_it_refuses_a_shapefile_without_prj_saying_how_to_set_the_crs_and_writes_nothing(  # type: ignore[no-untyped-def]
    kendal, kecamatan, tmp_path: Path
) -> None:
    write_shapefile(tmp_path, "kecamatan", kecamatan, prj=None)
    before = stored()
    (problem,) = district_import(tmp_path / "kecamatan.shp", commit=True).problems
    assert "tetapkan CRS di QGIS: Layer › Set CRS" in problem.message and "ekspor ulang" in problem.message
    assert stored() == before


def test_it_reports_a_feature_whose_code_is_not_in_the_code_list_and_writes_nothing(  # type: ignore[no-untyped-def]
    kendal, kecamatan, tmp_path: Path
) -> None:
    features = copy.deepcopy(kecamatan)
    features[4]["properties"]["kemendagri_code"] = "33.24.99"
    path = zip_files(tmp_path / "b.zip", write_shapefile(tmp_path, "b", features))
    before = stored()
    report = district_import(path, commit=True)
    assert [(p.where, p.code) for p in report.problems] == [("fitur 5", "33.24.99")]
    assert stored() == before
