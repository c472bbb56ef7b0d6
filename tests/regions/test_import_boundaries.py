"""Boundary imports: crosswalks, broken GeoJSON, invalid polygons, codes that are not in the code list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from petakan.regions.importers import Crosswalk, activate_generation, import_boundaries
from petakan.regions.models import Area, Boundary, Generation, Layer

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[110.0, -7.0], [110.01, -7.0], [110.01, -7.01], [110.0, -7.01], [110.0, -7.0]]],
}
BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[110.0, -7.0], [110.01, -7.01], [110.01, -7.0], [110.0, -7.01], [110.0, -7.0]]],
}


def collection(tmp_path: Path, features: list[dict[str, Any]]) -> Path:
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def feature(code: str, geometry: dict[str, Any] | None = None, **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"code": code, **props}, "geometry": geometry or SQUARE}


def test_it_imports_into_a_new_inactive_generation_and_keeps_the_old_one_active(kendal, tmp_path: Path) -> None:
    report = import_boundaries(
        collection(tmp_path, [feature("33.24.01.2001")]),
        generation="Uji",
        code_field="code",
        level="village",
        commit=True,
    )
    assert report.ok and report.created == 1
    assert Generation.current().name == "BPS 2024"
    assert Boundary.objects.filter(generation__name="Uji").count() == 1
    assert Area.objects.get(code="33.24.01.2001").area_km2 > 4  # still the BPS 2024 area, not the test square


def test_switching_generations_keeps_the_old_boundaries_and_rebuilds_the_map(kendal, tmp_path: Path) -> None:
    import_boundaries(
        collection(tmp_path, [feature("33.24.01.2001")]),
        generation="Uji",
        code_field="code",
        level="village",
        commit=True,
    )
    activate_generation(Generation.objects.get(name="Uji"))
    assert Generation.current().name == "Uji"
    assert Boundary.objects.filter(generation__name="BPS 2024", area__level="village").count() == 286
    layer = json.loads(Layer.objects.get(generation__name="Uji", key="village").content)
    assert [f["properties"]["code"] for f in layer["features"]] == ["33.24.01.2001"]
    # 0.01° of longitude = 1.11195 km; 0.01° of latitude at -7° = 1.10366 km on the sphere
    assert Area.objects.get(code="33.24.01.2001").area_km2 == pytest.approx(1.11195 * 1.10366, abs=2e-4)


def test_it_translates_codes_through_a_crosswalk(kendal, data_dir: Path, tmp_path: Path) -> None:
    crosswalk = Crosswalk.read(data_dir / "kendal_bps_kemendagri_crosswalk.csv", "bps_code", "kemendagri_code")
    path = collection(tmp_path, [feature("x", bps="3324030001")])
    report = import_boundaries(path, generation="Uji", code_field="bps", level="village", crosswalk=crosswalk)
    assert report.ok and report.created == 1
    # BPS 030 is Pageruyung, Kemendagri 33.24.02: the orders differ, so only the crosswalk gets this right
    assert crosswalk.mapping["3324030001"].startswith("33.24.02.")


def test_it_reports_a_code_missing_from_the_crosswalk(kendal, data_dir: Path, tmp_path: Path) -> None:
    crosswalk = Crosswalk.read(data_dir / "kendal_bps_kemendagri_crosswalk.csv", "bps_code", "kemendagri_code")
    report = import_boundaries(
        collection(tmp_path, [feature("x", bps="3324999999")]),
        generation="Uji",
        code_field="bps",
        level="village",
        crosswalk=crosswalk,
    )
    assert [p.code for p in report.problems] == ["3324999999"]


def test_it_reports_a_feature_whose_code_is_not_in_the_code_list(kendal, tmp_path: Path) -> None:
    report = import_boundaries(
        collection(tmp_path, [feature("33.24.01.2001"), feature("33.24.01.2999")]),
        generation="Uji",
        code_field="code",
        level="village",
        commit=True,
    )
    assert [(p.where, p.code) for p in report.problems] == [("fitur 2", "33.24.01.2999")]
    assert not Generation.objects.filter(name="Uji").exists()


def test_it_refuses_a_self_intersecting_polygon_unless_asked_to_repair(kendal, tmp_path: Path) -> None:
    path = collection(tmp_path, [feature("33.24.01.2001", BOWTIE)])
    refused = import_boundaries(path, generation="Uji", code_field="code", level="village", commit=True)
    assert "Self-intersection" in refused.problems[0].message and refused.problems[0].where == "fitur 1"
    assert not Boundary.objects.filter(generation__name="Uji").exists()
    repaired = import_boundaries(path, generation="Uji", code_field="code", level="village", commit=True, repair=True)
    assert repaired.ok and "diperbaiki" in repaired.source
    assert Boundary.objects.get(generation__name="Uji").geometry["type"] == "MultiPolygon"


def test_it_rejects_broken_geojson(kendal, tmp_path: Path) -> None:
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [')
    report = import_boundaries(path, generation="Uji", code_field="code", level="village")
    assert not report.ok and "GeoJSON" in report.problems[0].message


def test_it_rejects_a_feature_without_polygon_geometry(kendal, tmp_path: Path) -> None:
    point = {"type": "Point", "coordinates": [110.0, -7.0]}
    report = import_boundaries(
        collection(tmp_path, [feature("33.24.01.2001", point)]), generation="Uji", code_field="code", level="village"
    )
    assert "Point" in report.problems[0].message


def test_it_reports_duplicate_features_for_one_code(kendal, tmp_path: Path) -> None:
    report = import_boundaries(
        collection(tmp_path, [feature("33.24.01.2001"), feature("33.24.01.2001")]),
        generation="Uji",
        code_field="code",
        level="village",
    )
    assert [p.where for p in report.problems] == ["fitur 2"]


def test_reimporting_the_same_boundaries_changes_nothing(kendal, data_dir: Path) -> None:
    report = import_boundaries(
        data_dir / "kendal_desa_boundaries_bps2024.geojson",
        generation="BPS 2024",
        code_field="kemendagri_code",
        level="village",
        bps_code_field="bps_code",
        area_field="luas_km2_bps",
        commit=True,
    )
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 0, 286)
