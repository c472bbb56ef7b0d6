"""Write a classified map layer as a GeoPackage or a zipped Shapefile that QGIS opens styled. No Django here.

The features are the GeoJSON features the web map's GeoJSON download holds (WGS 84 longitude/latitude, EPSG:4326),
with an integer attribute ``class`` (1-based class number; null for "no data"). The style is a QGIS categorised
renderer on ``class`` whose categories carry the web map's labels and colours (``legend``: the map payload's
``[{"class": 0-based or -1, "label": str, "colour": "#rrggbb"}, ...]``), so QGIS draws the same classes in the
same colours. It travels as a ``.qml`` beside the ``.shp`` in the zip, and in a GeoPackage as the default row of
its ``layer_styles`` table, which is where QGIS itself saves a style "in the database".

Files are written by GDAL (pyogrio) into a temporary folder and returned as bytes.
"""

from __future__ import annotations

import io
import sqlite3
import tempfile
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import numpy as np
import pyogrio.raw
import shapely
from shapely.geometry import shape

CLASS_FIELD = "class"
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qml")
# QGIS creates this table (with these columns) when a style is saved into a GeoPackage.
LAYER_STYLES_SQL = (
    "CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256),"
    " f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30),"
    " styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),"
    " update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"
)


def _rgba(colour: str) -> str:
    """``#rrggbb`` as QGIS's ``r,g,b,255``."""
    return ",".join(str(int(colour[i : i + 2], 16)) for i in (1, 3, 5)) + ",255"


def qml(legend: Sequence[Mapping[str, Any]], field: str = CLASS_FIELD) -> str:
    """A QGIS layer style (QML) drawing polygons by category of ``field``: legend class ``c`` (0-based) is the
    value ``c + 1``; class -1 ("no data") is the empty value (NULL). Outlines are white, 0.26 mm, as on the map."""
    categories, symbols = [], []
    for i, entry in enumerate(legend):
        cls = int(entry["class"])
        value = quoteattr("" if cls < 0 else str(cls + 1))
        label = quoteattr(str(entry["label"]))
        categories.append(f'      <category render="true" symbol="{i}" value={value} label={label}/>')
        rgba = _rgba(str(entry["colour"]))
        symbols.append(
            f'      <symbol type="fill" name="{i}" alpha="1" clip_to_extent="1" force_rhr="0">\n'
            '        <layer class="SimpleFill" enabled="1" locked="0" pass="0">\n'
            '          <Option type="Map">\n'
            f'            <Option type="QString" name="color" value="{rgba}"/>\n'
            '            <Option type="QString" name="outline_color" value="255,255,255,255"/>\n'
            '            <Option type="QString" name="outline_width" value="0.26"/>\n'
            '            <Option type="QString" name="style" value="solid"/>\n'
            "          </Option>\n"
            f'          <prop k="color" v="{rgba}"/>\n'
            '          <prop k="outline_color" v="255,255,255,255"/>\n'
            '          <prop k="outline_width" v="0.26"/>\n'
            '          <prop k="style" v="solid"/>\n'
            "        </layer>\n"
            "      </symbol>"
        )
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        '<qgis version="3.28.0" styleCategories="Symbology">\n'
        f'  <renderer-v2 type="categorizedSymbol" attr={quoteattr(field)} symbollevels="0" enableorderby="0"'
        ' forceraster="0">\n'
        "    <categories>\n" + "\n".join(categories) + "\n    </categories>\n"
        "    <symbols>\n" + "\n".join(symbols) + "\n    </symbols>\n"
        "  </renderer-v2>\n"
        "</qgis>\n"
    )


def _columns(features: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[np.ndarray], list[np.ndarray]]:
    """Field names (in first-seen order), values and null masks: integers (and booleans) as int64, other numbers
    as float64, anything else as text."""
    names = list(dict.fromkeys(k for f in features for k in f["properties"]))
    data, masks = [], []
    for name in names:
        values = [f["properties"].get(name) for f in features]
        present = [v for v in values if v is not None]
        mask = np.array([v is None for v in values], dtype=bool)
        if present and all(isinstance(v, bool | int) for v in present):
            column = np.array([0 if v is None else int(v) for v in values], dtype=np.int64)
        elif present and all(isinstance(v, bool | int | float) for v in present):
            column = np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)
        else:
            column = np.array(["" if v is None else str(v) for v in values], dtype=object)
        data.append(column)
        masks.append(mask)
    return names, data, masks


def _write(path: Path, features: Sequence[Mapping[str, Any]], layer: str, driver: str) -> None:
    names, data, masks = _columns(features)
    geoms = np.array([shape(f["geometry"]) if f.get("geometry") else None for f in features], dtype=object)
    with warnings.catch_warnings():
        # GDAL cuts .dbf field names to 10 characters and says so for each; documented in shapefile_zip.
        warnings.filterwarnings("ignore", "Normalized/laundered field name", RuntimeWarning)
        pyogrio.raw.write(
            path,
            shapely.to_wkb(geoms),
            field_data=data,
            fields=names,
            field_mask=masks,
            layer=layer,
            driver=driver,
            geometry_type="MultiPolygon",
            promote_to_multi=True,
            crs="EPSG:4326",
            encoding="UTF-8",
        )


def geopackage(features: Sequence[Mapping[str, Any]], layer: str, legend: Sequence[Mapping[str, Any]]) -> bytes:
    """A GeoPackage with one feature table ``layer`` and its style as the default row of ``layer_styles``."""
    with tempfile.TemporaryDirectory(prefix="petakan-export-") as tmp:
        path = Path(tmp) / f"{layer}.gpkg"
        _write(path, features, layer, "GPKG")
        con = sqlite3.connect(path)
        try:
            geometry_column = con.execute(
                "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)
            ).fetchone()[0]
            con.execute(LAYER_STYLES_SQL)
            con.execute(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column,"
                " styleName, styleQML, styleSLD, useAsDefault, description, owner, ui)"
                " VALUES ('', '', ?, ?, ?, ?, '', 1, 'Petakan', '', '')",
                (layer, geometry_column, layer, qml(legend)),
            )
            con.execute(
                "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change)"
                " VALUES ('layer_styles', 'attributes', 'layer_styles', '', strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
            )
            con.commit()
        finally:
            con.close()
        return path.read_bytes()


def shapefile_zip(features: Sequence[Mapping[str, Any]], layer: str, legend: Sequence[Mapping[str, Any]]) -> bytes:
    """A zip of ``layer``.shp/.shx/.dbf/.prj/.cpg and ``layer``.qml, which QGIS loads with the .shp.

    .dbf field names have at most 10 characters, so GDAL cuts longer ones (``class_label`` → ``class_labe``);
    ``class`` itself fits."""
    with tempfile.TemporaryDirectory(prefix="petakan-export-") as tmp:
        path = Path(tmp) / f"{layer}.shp"
        _write(path, features, layer, "ESRI Shapefile")
        path.with_suffix(".qml").write_text(qml(legend), encoding="utf-8")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for ext in SHAPEFILE_PARTS:
                part = path.with_suffix(ext)
                if part.exists():
                    archive.write(part, part.name)
        return buffer.getvalue()
