"""Benchmark GDAL boundary import and GIS export of Kendal's 286 village boundaries.

Run: ``PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_gis.py``.

- ``geofiles.read`` of the BPS villages as a GeoPackage in UTM 49S (EPSG:32749) and as a zipped Shapefile in
  DGN95 / TM-3 zone 49.1 (EPSG:23835): GDAL reading plus PROJ reprojection to WGS 84 (with the DGN95 datum
  shift), against reading the WGS 84 GeoJSON itself (json.loads behind the upload guard), in the same run.
- ``gisexport.geopackage`` / ``shapefile_zip`` of the 286 villages with a value, class and style, against
  ``json.dumps`` of the same features (what the GeoJSON download costs).

Budget: 1 s each (an import or a download a user waits for on the server).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio.raw
import pyproj
import shapely

from petakan.lib import geofiles, gisexport
from petakan.maps.palettes import colours

BUDGET_S = 1.0
warnings.filterwarnings("ignore", "Normalized/laundered field name", RuntimeWarning)  # .dbf's 10-character names


def best_of(repeats: int, work: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def convert(source: Path, folder: Path, name: str, crs: int, driver: str) -> Path:
    meta, _fids, wkb, columns = pyogrio.raw.read(source)
    transformer = pyproj.Transformer.from_crs(4326, crs, always_xy=True)
    geoms = shapely.transform(
        shapely.from_wkb(wkb), lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
    )
    path = folder / name
    pyogrio.raw.write(
        path,
        shapely.to_wkb(geoms),
        field_data=columns,
        fields=meta["fields"],
        geometry_type="MultiPolygon",
        promote_to_multi=True,
        crs=f"EPSG:{crs}",
        driver=driver,
        encoding="UTF-8",
    )
    return path


def report(label: str, seconds: float, baseline: float) -> bool:
    ok = seconds <= BUDGET_S
    print(
        f"{label:<44} {seconds * 1000:8.1f} ms  budget {BUDGET_S * 1000:.0f} ms  "
        f"ratio to baseline {seconds / baseline:5.1f}×  {'OK' if ok else 'OVER BUDGET'}"
    )
    return ok


def main() -> int:
    data = Path(os.environ.get("PETAKAN_DATA_DIR", Path(__file__).resolve().parents[2] / "shared" / "data"))
    source = data / "kendal_desa_boundaries_bps2024.geojson"
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        gpkg = convert(source, folder, "utm.gpkg", 32749, "GPKG")
        shp = convert(source, folder, "tm3.shp", 23835, "ESRI Shapefile")
        with zipfile.ZipFile(folder / "tm3.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            for part in folder.glob("tm3.*"):
                if part.suffix != ".zip":
                    archive.write(part, part.name)
        baseline, original = best_of(5, lambda: geofiles.read(source))
        print(f"{'baseline: read the WGS 84 GeoJSON':<44} {baseline * 1000:8.1f} ms")
        seconds, utm = best_of(5, lambda: geofiles.read(gpkg))
        assert len(utm.features) == len(original.features) == 286
        ok &= report("read GeoPackage EPSG:32749 → WGS 84", seconds, baseline)
        seconds, tm3 = best_of(5, lambda: geofiles.read(folder / "tm3.zip"))
        assert len(tm3.features) == 286 and "DGN95" in tm3.transformation
        ok &= report("read zipped Shapefile EPSG:23835 → WGS 84", seconds, baseline)
        del shp

    palette = colours("YlOrRd", 4)
    legend = [{"class": c, "label": f"kelas {c + 1}", "colour": palette[c]} for c in range(4)]
    legend.append({"class": -1, "label": "tanpa data", "colour": "#d9d9d9"})
    rng = np.random.default_rng(1)
    features = [
        {**f, "properties": {**f["properties"], "value": float(v), "class": int(v * 4) + 1}}
        for f, v in zip(original.features, rng.random(len(original.features)), strict=True)
    ]
    baseline, _ = best_of(5, lambda: json.dumps({"type": "FeatureCollection", "features": features}))
    print(f"{'baseline: json.dumps of the GeoJSON download':<44} {baseline * 1000:8.1f} ms")
    seconds, blob = best_of(5, lambda: gisexport.geopackage(features, "petakan_village", legend))
    ok &= report(f"export GeoPackage + style ({len(blob) // 1024} KiB)", seconds, baseline)
    seconds, blob = best_of(5, lambda: gisexport.shapefile_zip(features, "petakan_village", legend))
    ok &= report(f"export zipped Shapefile + .qml ({len(blob) // 1024} KiB)", seconds, baseline)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
