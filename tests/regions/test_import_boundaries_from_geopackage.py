"""Boundary imports from a GeoPackage give what the same boundaries as GeoJSON give, and refuse what they must."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from petakan.regions.importers import import_boundaries
from petakan.regions.models import Boundary, Generation
from tests.lib.geofiles.conftest import SQUARE_METRES
from tests.lib.geofiles.writers import write_geopackage
from tests.regions.conftest import GEOJSON, stored


def district_import(path: Path, generation: str = "Uji", **options: Any) -> Any:
    return import_boundaries(path, generation=generation, code_field="kemendagri_code", level="district", **options)


def test_reimporting_the_bps_kecamatan_from_a_geopackage_changes_nothing(kendal, kecamatan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_geopackage(tmp_path / "kendal.gpkg", {"kecamatan": kecamatan})
    report = district_import(path, "BPS 2024", bps_code_field="bps_code", area_field="luas_km2_bps", commit=True)
    # "unchanged" means the same geometry JSON, area and BPS code as the GeoJSON import stored
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 0, 20)


def test_a_geopackage_stores_the_geometries_and_areas_the_geojson_stores(  # type: ignore[no-untyped-def]
    kendal, kecamatan, data_dir: Path, tmp_path: Path
) -> None:
    assert district_import(data_dir / GEOJSON, "Uji GeoJSON", commit=True).created == 20
    path = write_geopackage(tmp_path / "kendal.gpkg", {"kecamatan": kecamatan})
    assert district_import(path, "Uji GPKG", commit=True).created == 20
    from_geojson = {
        b.area.code: b for b in Boundary.objects.filter(generation__name="Uji GeoJSON").select_related("area")
    }
    from_gpkg = {b.area.code: b for b in Boundary.objects.filter(generation__name="Uji GPKG").select_related("area")}
    assert sorted(from_gpkg) == sorted(from_geojson) and len(from_gpkg) == 20
    for code, boundary in from_gpkg.items():
        assert boundary.geometry == from_geojson[code].geometry
        assert boundary.area_km2 == pytest.approx(from_geojson[code].area_km2, rel=1e-9)


def test_it_refuses_two_layers_naming_them_and_writes_nothing(kendal, kecamatan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_geopackage(tmp_path / "b.gpkg", {"kecamatan": kecamatan, "kecamatan_lama": kecamatan[:3]})
    before = stored()
    report = district_import(path, commit=True)
    assert [p.where for p in report.problems] == ["b.gpkg"]
    assert "kecamatan, kecamatan_lama" in report.problems[0].message and "--layer" in report.problems[0].message
    assert stored() == before
    chosen = district_import(path, commit=True, layer="kecamatan_lama")
    assert chosen.ok and chosen.created == 3


def test_it_refuses_a_corrupt_geopackage_and_writes_nothing(kendal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rusak.gpkg"
    path.write_bytes(b"\x00" * 4096)
    before = stored()
    report = district_import(path, commit=True)
    assert [(p.where, p.message) for p in report.problems] == [
        ("rusak.gpkg", "bukan GeoPackage: bukan basis data SQLite")
    ]
    assert stored() == before


def test_it_refuses_a_geopackage_with_an_undefined_srs_saying_how_to_fix_it(kendal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    feature = {"type": "Feature", "properties": {"kemendagri_code": "33.24.01"}, "geometry": SQUARE_METRES}
    path = write_geopackage(tmp_path / "utm.gpkg", {"kecamatan": [feature]}, srs_id=-1)
    (problem,) = district_import(path, commit=True).problems
    assert "Layer › Set CRS" in problem.message
    assert not Generation.objects.filter(name="Uji").exists()


def test_it_reports_a_feature_whose_code_is_not_in_the_code_list_and_writes_nothing(  # type: ignore[no-untyped-def]
    kendal, kecamatan, tmp_path: Path
) -> None:
    features = copy.deepcopy(kecamatan)
    features[2]["properties"]["kemendagri_code"] = "33.24.99"
    path = write_geopackage(tmp_path / "b.gpkg", {"kecamatan": features})
    before = stored()
    report = district_import(path, commit=True)
    assert [(p.where, p.code) for p in report.problems] == [("fitur 3", "33.24.99")]
    assert stored() == before
