"""Kendal's BPS village boundaries as a GIS office sends them (GeoPackage in UTM 49S, Shapefile in DGN95 / TM-3)
are stored in WGS 84 within 1 m of the originals; a file without CRS is refused."""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio.raw
import pyproj
import pytest
import shapely
from shapely.geometry import shape

from petakan.regions.importers import import_boundaries
from petakan.regions.models import Boundary
from tests.regions.conftest import stored

DESA = "kendal_desa_boundaries_bps2024.geojson"
UTM49S = 32749
# Kendal lies at ~110.0-110.5° E: TM-3 zone 49.1 (108-111° E), looked up in PROJ's database rather than remembered.
TM3 = next(
    int(info.code)
    for info in pyproj.database.query_crs_info(auth_name="EPSG")
    if info.name.startswith("DGN95 / Indonesia TM-3 zone")
    and info.area_of_use is not None
    and info.area_of_use.west <= 110.0
    and info.area_of_use.east >= 110.6
)


def project(geoms: np.ndarray, source: int | str, target: int) -> np.ndarray:
    transformer = pyproj.Transformer.from_crs(source, target, always_xy=True)
    return shapely.transform(geoms, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> dict[str, Any]:
    """The BPS GeoJSON written once per module with pyogrio: a GeoPackage in EPSG:32749, a zipped Shapefile in
    TM-3 and a GeoPackage without CRS; with the WGS 84 originals by Kemendagri code."""
    source = data_dir / DESA
    meta, _fids, wkb, columns = pyogrio.raw.read(source)
    geoms = shapely.from_wkb(wkb)
    folder = tmp_path_factory.mktemp("converted")
    out: dict[str, Any] = {}
    for name, crs, driver in (("utm.gpkg", UTM49S, "GPKG"), ("tm3.shp", TM3, "ESRI Shapefile")):
        pyogrio.raw.write(
            folder / name,
            shapely.to_wkb(project(geoms, 4326, crs)),
            field_data=columns,
            fields=meta["fields"],
            geometry_type="MultiPolygon",
            promote_to_multi=True,
            crs=f"EPSG:{crs}",
            driver=driver,
            encoding="UTF-8",
        )
    with zipfile.ZipFile(folder / "tm3.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for part in folder.glob("tm3.*"):
            if part.suffix != ".zip":
                archive.write(part, part.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pyogrio warns that the file will have no CRS: the point
        pyogrio.raw.write(
            folder / "nocrs.gpkg",
            shapely.to_wkb(project(geoms, 4326, UTM49S)),
            field_data=columns,
            fields=meta["fields"],
            geometry_type="MultiPolygon",
            promote_to_multi=True,
            driver="GPKG",
        )
    features = json.loads(source.read_text())["features"]
    out["originals"] = {f["properties"]["kemendagri_code"]: shape(f["geometry"]) for f in features}
    out["gpkg"], out["zip"], out["nocrs"] = folder / "utm.gpkg", folder / "tm3.zip", folder / "nocrs.gpkg"
    return out


def village_import(path: Path, code_field: str) -> Any:
    return import_boundaries(path, generation="Uji", code_field=code_field, level="village", commit=True)


def max_distance_metres(originals: dict[str, Any]) -> float:
    """The largest Hausdorff distance between a stored boundary and its WGS 84 original, both in UTM 49S metres."""
    boundaries = list(Boundary.objects.filter(generation__name="Uji").select_related("area"))
    assert len(boundaries) == 286
    codes = [b.area.code for b in boundaries]
    ours = project(np.array([shape(b.geometry) for b in boundaries], dtype=object), 4326, UTM49S)
    theirs = project(np.array([originals[c] for c in codes], dtype=object), 4326, UTM49S)
    return float(shapely.hausdorff_distance(ours, theirs).max())


def test_a_geopackage_in_utm_49s_is_stored_in_wgs84_within_a_metre(kendal, converted) -> None:  # type: ignore[no-untyped-def]
    report = village_import(converted["gpkg"], "kemendagri_code")
    assert report.ok and report.created == 286, report.problems[:3]
    (said,) = [w.message for w in report.warnings if "transformasi" in w.message]
    assert "WGS 84 / UTM zone 49S (EPSG:32749)" in said and "UTM zone 49S" in said.split("transformasi:")[1]
    assert max_distance_metres(converted["originals"]) < 1.0


def test_a_zipped_shapefile_in_dgn95_tm3_is_stored_in_wgs84_within_a_metre(kendal, converted) -> None:  # type: ignore[no-untyped-def]
    report = village_import(converted["zip"], "kemendagri")  # .dbf names are cut to 10 characters
    assert report.ok and report.created == 286, report.problems[:3]
    (said,) = [w.message for w in report.warnings if "transformasi" in w.message]
    assert f"DGN95 / Indonesia TM-3 zone 49.1 (EPSG:{TM3})" in said and "DGN95 to WGS 84" in said
    assert max_distance_metres(converted["originals"]) < 1.0


def test_a_geopackage_without_crs_is_refused_saying_how_to_set_one(kendal, converted) -> None:  # type: ignore[no-untyped-def]
    before = stored()
    (problem,) = village_import(converted["nocrs"], "kemendagri_code").problems
    assert "tetapkan CRS di QGIS: Layer › Set CRS" in problem.message
    assert stored() == before
