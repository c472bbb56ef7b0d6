"""FlatGeobuf and KML are read by GDAL like the other formats: features, attributes, WGS 84 coordinates."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio.raw
import pyproj
import pytest
import shapely
from shapely.geometry import shape

from petakan.lib.geofiles import GeoFileError, read
from tests.lib.geofiles.conftest import SQUARE


def write(path: Path, driver: str, crs: int | None) -> Path:
    geom = shape(SQUARE)
    if crs not in (None, 4326):
        transformer = pyproj.Transformer.from_crs(4326, crs, always_xy=True)
        geom = shapely.transform(geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    pyogrio.raw.write(
        path,
        shapely.to_wkb(np.array([geom], dtype=object)),
        field_data=[np.array(["33.24.01.2001"], dtype=object)],
        fields=["code"],
        geometry_type="Polygon",
        driver=driver,
        crs=f"EPSG:{crs}" if crs else None,
    )
    return path


def test_a_flatgeobuf_in_utm_49s_is_reprojected_to_the_original_square(tmp_path: Path) -> None:
    geofile = read(write(tmp_path / "b.fgb", "FlatGeobuf", 32749))
    assert (geofile.format, geofile.crs) == ("flatgeobuf", "WGS 84 / UTM zone 49S (EPSG:32749)")
    assert geofile.features[0]["properties"] == {"code": "33.24.01.2001"}
    assert shape(geofile.features[0]["geometry"]).equals_exact(shape(SQUARE), 1e-9)


def test_a_kml_is_read_in_wgs84(tmp_path: Path) -> None:
    geofile = read(write(tmp_path / "b.kml", "KML", 4326))
    assert (geofile.format, geofile.transformation) == ("kml", "")
    assert geofile.features[0]["properties"]["code"] == "33.24.01.2001"
    assert shape(geofile.features[0]["geometry"]).equals_exact(shape(SQUARE), 1e-9)


def test_a_flatgeobuf_without_crs_is_refused(tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="crs"):  # pyogrio warns that the file will have no CRS: the point
        path = write(tmp_path / "b.fgb", "FlatGeobuf", None)
    with pytest.raises(GeoFileError) as caught:
        read(path)
    assert [p.reason for p in caught.value.problems] == ["crs_missing"]
