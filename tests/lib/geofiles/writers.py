"""Test helpers that write real GeoPackages (sqlite3 and shapely's WKB) and Shapefiles (pyogrio, i.e. GDAL)."""

from __future__ import annotations

import sqlite3
import struct
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio.raw
import shapely
from shapely.geometry import shape

WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]'
)
WGS84_ESRI_PRJ = (
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)
UTM49S_ESRI_PRJ = (
    'PROJCS["WGS_1984_UTM_Zone_49S",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",'
    'SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
    'PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",10000000.0],'
    'PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],'
    'UNIT["Meter",1.0]]'
)
UTM49S_WKT = (
    'PROJCS["WGS 84 / UTM zone 49S",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]],'
    'PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",111],'
    'PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",10000000],'
    'UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],'
    'AUTHORITY["EPSG","32749"]]'
)
# (srs_id, name, definition) written to gpkg_spatial_ref_sys besides the three rows every GeoPackage has.
UTM49S_SRS = (32749, "WGS 84 / UTM zone 49S", UTM49S_WKT)


def gpkg_blob(geometry: Any, srs_id: int = 4326, envelope: int = 1, little_endian: bool = True) -> bytes:
    """A GeoPackage geometry blob: 'GP', version 0, flags (byte order, envelope indicator), srs_id, envelope, WKB."""
    geom = shape(geometry) if isinstance(geometry, Mapping) else geometry
    order = "<" if little_endian else ">"
    flags = (envelope << 1) | (1 if little_endian else 0)
    minx, miny, maxx, maxy = geom.bounds
    envelopes = {
        0: (),
        1: (minx, maxx, miny, maxy),
        2: (minx, maxx, miny, maxy, 0.0, 0.0),
        3: (minx, maxx, miny, maxy, 0.0, 0.0),
        4: (minx, maxx, miny, maxy, 0.0, 0.0, 0.0, 0.0),
    }[envelope]
    header = b"GP" + bytes([0, flags]) + struct.pack(f"{order}i", srs_id)
    return (
        header
        + struct.pack(f"{order}{len(envelopes)}d", *envelopes)
        + shapely.to_wkb(geom, byte_order=1 if little_endian else 0)
    )


def _sql_type(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "BOOLEAN"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "INTEGER"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "REAL"
    return "TEXT"


def write_geopackage(
    path: Path,
    layers: Mapping[str, Sequence[Mapping[str, Any]]],
    srs_id: int = 4326,
    extra_srs: tuple[int, str, str] | None = None,
) -> Path:
    """A GeoPackage with one feature table per layer (GeoJSON features), all in ``srs_id``."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
    con.execute("PRAGMA user_version = 10200")
    con.execute(
        "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT"
        " NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)"
    )
    rows = [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", None),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", None),
        ("WGS 84 geodetic", 4326, "EPSG", 4326, WGS84_WKT, None),
    ]
    if extra_srs:
        rows.append((extra_srs[1], extra_srs[0], "EPSG", extra_srs[0], extra_srs[2], None))
    con.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.execute(
        "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT,"
        " description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE,"
        " max_y DOUBLE, srs_id INTEGER)"
    )
    con.execute(
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
        " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL)"
    )
    for table, features in layers.items():
        names = list(dict.fromkeys(k for f in features for k in f["properties"]))
        types = {n: _sql_type([f["properties"].get(n) for f in features]) for n in names}
        columns = ", ".join(f'"{n}" {types[n]}' for n in names)
        con.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY, {columns})')
        con.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, ?)",
            (table, table, srs_id),
        )
        con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)", (table, srs_id))
        marks = ", ".join("?" for _ in range(len(names) + 1))
        quoted = ", ".join(f'"{n}"' for n in names)
        con.executemany(
            f'INSERT INTO "{table}" (geom, {quoted}) VALUES ({marks})',
            [
                (
                    gpkg_blob(f["geometry"], srs_id) if f["geometry"] else None,
                    *(f["properties"].get(n) for n in names),
                )
                for f in features
            ],
        )
    con.commit()
    con.close()
    return path


def write_shapefile(
    directory: Path,
    name: str,
    features: Sequence[Mapping[str, Any]],
    prj: str | None = WGS84_ESRI_PRJ,
    cpg: str | None = "UTF-8",
    encoding: str = "utf-8",
) -> list[Path]:
    """A polygon Shapefile (.shp, .shx, .dbf, optionally .prj and .cpg); field names are cut to the .dbf's 10
    characters (``kemendagri_code`` becomes ``kemendagri``). Returns the files written."""
    names = list(dict.fromkeys(k for f in features for k in f["properties"]))
    columns = []
    for n in names:
        values = [f["properties"].get(n) for f in features]
        kind = _sql_type(values)
        dtype = {"INTEGER": np.int64, "REAL": np.float64}.get(kind, object)
        columns.append(np.array(values, dtype=dtype))
    pyogrio.raw.write(
        directory / f"{name}.shp",
        shapely.to_wkb(np.array([shape(f["geometry"]) for f in features], dtype=object)),
        field_data=columns,
        fields=[n[:10] for n in names],
        geometry_type="Polygon",
        driver="ESRI Shapefile",
        encoding=encoding,
        crs="EPSG:4326" if prj is not None else None,
    )
    for ext in ("prj", "cpg"):
        (directory / f"{name}.{ext}").unlink(missing_ok=True)  # written below exactly as asked
    written = [directory / f"{name}.{ext}" for ext in ("shp", "shx", "dbf")]
    if prj is not None:
        (directory / f"{name}.prj").write_text(prj)
        written.append(directory / f"{name}.prj")
    if cpg is not None:
        (directory / f"{name}.cpg").write_text(cpg)
        written.append(directory / f"{name}.cpg")
    return written


def zip_files(path: Path, files: Sequence[Path], prefix: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.write(file, prefix + file.name)
    return path
