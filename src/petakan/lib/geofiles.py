"""Read boundary polygons from GeoJSON, GeoPackage and (zipped) Shapefile as GeoJSON features. No Django here.

A regency's GIS office rarely has GeoJSON: it has a Shapefile (sent as a .zip of .shp, .shx, .dbf, .prj, .cpg) or a
GeoPackage exported from QGIS. :func:`read` turns any of them into the same list of
``{"type": "Feature", "properties": {...}, "geometry": <GeoJSON geometry or None>}`` that a GeoJSON
FeatureCollection holds, so the boundary importer checks every format alike (codes, polygon validity, repair).

The platform stores WGS 84 longitude/latitude (EPSG:4326, x = longitude, y = latitude, degrees). A file in another
coordinate reference system (CRS) is refused with the CRS's name: reprojecting needs PROJ, and the fix in the
user's own GIS is one export away. A file that does not say its CRS (a Shapefile without .prj, a GeoPackage layer
with the "undefined" srs_id 0 or -1) is accepted only if every coordinate lies within ±180° / ±90°, with a warning
that WGS 84 was assumed.

Problems a user can cause raise :class:`GeoFileError` carrying :class:`GeoFileProblem` records with a stable
``reason`` code, an English ``message`` and structured fields, so the web layer and the commands can translate them;
problems found in single records (a broken geometry blob, an undecodable attribute) are all collected first.
"""

from __future__ import annotations

import codecs
import io
import re
import sqlite3
import struct
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import shapefile
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from petakan.lib import uploads
from petakan.lib.uploads import Limits, UploadError

GEOJSON_SUFFIXES = (".geojson", ".json")
SUFFIXES = (*GEOJSON_SUFFIXES, ".gpkg", ".zip", ".shp")
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")  # .shp first
SQLITE_MAGIC = b"SQLite format 3\x00"
ZIP_MAGIC = b"PK\x03\x04"
# GeoPackage binary header: envelope indicator (flags bits 1-3) -> envelope size in bytes (minx, maxx, miny, maxy
# [, minz, maxz] [, minm, maxm] as doubles); indicators 5-7 are invalid.
GPKG_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
# srs_id 0 and -1 are the GeoPackage's mandatory "undefined geographic / Cartesian" systems: the file does not say.
GPKG_UNDEFINED_SRS = (0, -1)
WGS84_AUTHORITIES = ("EPSG:4326", "OGC:CRS84")
WGS84_DATUMS = {"wgs84", "wgs1984", "dwgs1984", "worldgeodeticsystem1984", "worldgeodeticsystem1984ensemble"}
PROJECTED_KEYWORDS = {"PROJCS", "PROJCRS", "PROJECTEDCRS"}
GEOGRAPHIC_KEYWORDS = {"GEOGCS", "GEOGCRS", "GEOGRAPHICCRS", "GEODCRS", "GEODETICCRS"}
DATUM_KEYWORDS = {"DATUM", "GEODETICDATUM", "TRF", "ENSEMBLE"}
MAX_LISTED = 10  # names listed in a message (zip members, layers) before "..."


@dataclass(frozen=True)
class GeoFileProblem:
    """One problem in a boundary file.

    ``reason`` is a stable machine code (e.g. ``"several_layers"``, ``"projected_crs"``); ``message`` an English
    sentence; ``file`` the file name; ``layer`` the GeoPackage table or Shapefile name; ``record`` the 1-based
    feature number in file order (the numbering of the importer's "feature N"; for an undecodable Shapefile
    attribute, the .dbf record number, which counts deleted records too); ``value`` the offending value
    (a CRS name, an encoding, a layer name). ``context`` holds the rest: ``detail`` (a library's own words),
    ``choices`` (available layers or members), ``expected``, ``count``.
    """

    reason: str
    message: str
    file: str
    layer: str | None = None
    record: int | None = None
    value: str | None = None
    context: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (self.file, self.layer and f"layer {self.layer}", self.record and f"feature {self.record}")
            if part
        )
        return f"{where}: {self.message}"


class GeoFileError(ValueError):
    """A boundary file that cannot be read; ``problems`` has every problem found (never only the first)."""

    def __init__(self, problems: list[GeoFileProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class GeoFile:
    """What :func:`read` found: ``format`` is ``"geojson"``, ``"gpkg"`` or ``"shapefile"``; ``layer`` the table or
    Shapefile read (``""`` for GeoJSON); ``crs`` how the CRS was established (``"EPSG:4326"``, ``"assumed"`` or
    ``""`` for GeoJSON, which is WGS 84 by definition); ``warnings`` problems that did not stop the reading."""

    format: str
    layer: str
    crs: str
    features: list[dict[str, Any]]
    warnings: list[GeoFileProblem]


def read_features(path: Path, layer: str | None = None) -> list[dict[str, Any]]:
    """The features of a boundary file (see :func:`read`)."""
    return read(path, layer).features


def _rejected(exc: UploadError, file: str) -> GeoFileError:
    """The upload guard's refusal as a problem ``upload_rejected``; ``context`` has the sentence in both languages."""
    return _error("upload_rejected", exc.message_en, file, context={"id": exc.message_id, "en": exc.message_en})


def read(path: Path, layer: str | None = None, limits: Limits | None = None) -> GeoFile:
    """Read a boundary file within ``limits`` (see :mod:`petakan.lib.uploads`: the file size and, for a zip, its
    members, unpacked size and compression ratio are checked before anything is parsed; GeoJSON nesting depth
    before ``json.loads``; at most ``max_features`` features), then as :func:`_read`. Raises :class:`GeoFileError`.
    """
    limits = limits or Limits(kind="boundaries")
    try:
        uploads.check_size(path.stat().st_size, limits)
    except OSError as exc:
        raise _error("unreadable_file", f"cannot be read: {exc}", path.name, context={"detail": str(exc)}) from exc
    except UploadError as exc:
        raise _rejected(exc, path.name) from exc
    geofile = _read(path, layer, limits)
    if len(geofile.features) > limits.max_features:
        raise _error(
            "too_many_features",
            f"{len(geofile.features)} features, more than the {limits.max_features} allowed",
            path.name,
            context={"count": len(geofile.features), "expected": limits.max_features},
        )
    return geofile


def _read(path: Path, layer: str | None, limits: Limits) -> GeoFile:
    """Read a boundary file, chosen by suffix: ``.geojson``/``.json`` (a FeatureCollection), ``.gpkg``
    (GeoPackage), ``.zip`` (a zipped Shapefile) or ``.shp`` (with its .dbf, .shx, .prj, .cpg beside it).

    ``layer`` picks one of several feature tables of a GeoPackage, or one of several Shapefiles in a zip (by name,
    without ``.shp``). A file with another suffix is recognised by its first bytes (SQLite, zip) and otherwise read
    as GeoJSON, as the importer always did. GeoJSON features are returned untouched; GeoPackage and Shapefile
    geometries in 2D (a Z or M value is dropped). Whether they are valid (Multi)Polygons is for the caller to check,
    alike for every format. Raises :class:`GeoFileError`.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        suffix = _sniff(path)
    if suffix in GEOJSON_SUFFIXES:
        if layer:
            raise _error("layer_not_applicable", "a layer can only be chosen in a GeoPackage or a zip", path.name)
        return _read_geojson(path, limits)
    if suffix == ".gpkg":
        return _read_geopackage(path, layer)
    if suffix == ".zip":
        return _read_shapefile_zip(path, layer, limits)
    if layer:
        raise _error("layer_not_applicable", "a layer can only be chosen in a GeoPackage or a zip", path.name)
    return _read_shapefile_beside(path, limits)


def _sniff(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError:
        return ".geojson"  # the GeoJSON reader reports the unreadable file as it always did
    if head.startswith(SQLITE_MAGIC):
        return ".gpkg"
    if head.startswith(ZIP_MAGIC):
        return ".zip"
    return ".geojson"


def _error(reason: str, message: str, file: str, **fields: Any) -> GeoFileError:
    return GeoFileError([GeoFileProblem(reason, message, file, **fields)])


# GeoJSON -------------------------------------------------------------------------------------------------------


def _read_geojson(path: Path, limits: Limits) -> GeoFile:
    try:
        data = uploads.load_json(path, limits)  # depth checked without recursion before json.loads
    except UploadError as exc:
        if exc.key in ("not_json", "not_utf8"):
            detail = exc.message_en
            raise _error(
                "unreadable_geojson", f"not readable GeoJSON: {detail}", path.name, context={"detail": detail}
            ) from exc
        raise _rejected(exc, path.name) from exc
    except OSError as exc:
        raise _error(
            "unreadable_geojson", f"not readable GeoJSON: {exc}", path.name, context={"detail": str(exc)}
        ) from exc
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise _error("not_feature_collection", "not a GeoJSON FeatureCollection", path.name)
    return GeoFile("geojson", "", "", data["features"], [])


# Coordinate reference systems ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Crs:
    """A CRS as a WKT text describes it: ``kind`` is ``"wgs84"`` (WGS 84 longitude/latitude in degrees),
    ``"projected"``, ``"geographic"`` (another datum or unit) or ``"other"``; ``authority`` e.g. ``"EPSG:32749"``."""

    name: str
    authority: str
    kind: str

    def __str__(self) -> str:
        if self.name and self.authority:
            return f"{self.name} ({self.authority})"
        return self.name or self.authority or "unnamed"


@dataclass(frozen=True)
class _Node:
    keyword: str
    args: tuple[Any, ...]  # str for a quoted string, _Node for a keyword (a bare word or number has no args)

    def children(self, *keywords: str) -> list[_Node]:
        return [a for a in self.args if isinstance(a, _Node) and a.keyword.upper() in keywords]

    def walk(self) -> list[_Node]:
        nodes = [self]
        for a in self.args:
            if isinstance(a, _Node):
                nodes.extend(a.walk())
        return nodes

    @property
    def name(self) -> str:
        return self.args[0] if self.args and isinstance(self.args[0], str) else ""


_WKT_TOKEN = re.compile(r'\s*(?:"((?:[^"]|"")*)"|([\[\]()])|(,)|([^\s\[\](),"]+))')


def _parse_wkt(text: str) -> _Node:
    tokens: list[tuple[str, str]] = []
    text = text.strip()
    pos = 0
    while pos < len(text):
        match = _WKT_TOKEN.match(text, pos)
        if match is None:
            raise ValueError(f"unexpected character at {pos}")
        quoted, bracket, comma, word = match.groups()
        if quoted is not None:
            tokens.append(("str", quoted.replace('""', '"')))
        elif bracket is not None:
            tokens.append(("open" if bracket in "[(" else "close", bracket))
        elif comma is not None:
            tokens.append(("comma", comma))
        else:
            tokens.append(("word", word))
        pos = match.end()

    if not tokens:
        raise ValueError("empty WKT")
    root, end = _parse_node(tokens, 0)
    if end != len(tokens):
        raise ValueError("text after the end of the WKT")
    return root


def _parse_node(tokens: list[tuple[str, str]], i: int) -> tuple[_Node, int]:
    kind, keyword = tokens[i]
    if kind != "word":
        raise ValueError(f"expected a keyword, found {keyword!r}")
    i += 1
    if i >= len(tokens) or tokens[i][0] != "open":
        return _Node(keyword, ()), i
    i += 1
    args: list[Any] = []
    while True:
        if i >= len(tokens):
            raise ValueError("unbalanced brackets")
        kind, value = tokens[i]
        if kind == "close":
            return _Node(keyword, tuple(args)), i + 1
        if kind == "comma":
            i += 1
        elif kind == "str":
            args.append(value)
            i += 1
        else:
            child, i = _parse_node(tokens, i)
            args.append(child)


def _normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _text(arg: Any) -> str:
    """A WKT argument as text, quoted (``"EPSG"``) or bare (``4326``, ``ellipsoidal``)."""
    return arg if isinstance(arg, str) else arg.keyword


def _authority(root: _Node) -> str:
    for node in root.children("AUTHORITY", "ID"):
        if len(node.args) >= 2:
            return f"{_text(node.args[0]).upper()}:{_text(node.args[1])}"
    return ""


def crs_from_wkt(text: str) -> Crs:
    """Classify a CRS written as WKT 1 (OGC or ESRI ``.prj``) or WKT 2. Raises ValueError if it is not WKT.

    WGS 84 longitude/latitude is recognised by its authority (EPSG:4326, OGC:CRS84) or, without one, by a
    geographic CRS whose datum is WGS 84 (``WGS_1984``, ``D_WGS_1984``, ``World Geodetic System 1984``), whose
    prime meridian is Greenwich and whose angular unit is the degree.
    """
    try:
        root = _parse_wkt(text)
    except RecursionError as exc:
        raise ValueError("brackets nested too deeply") from exc
    keyword = root.keyword.upper()
    authority = _authority(root)
    if keyword in PROJECTED_KEYWORDS:
        return Crs(root.name, authority, "projected")
    if keyword not in GEOGRAPHIC_KEYWORDS:
        return Crs(root.name, authority, "other")
    if authority in WGS84_AUTHORITIES:
        return Crs(root.name, authority, "wgs84")
    nodes = root.walk()
    if any(_normalise(_text(n.args[0])) != "ellipsoidal" for n in nodes if n.keyword.upper() == "CS" and n.args):
        return Crs(root.name, authority, "other")  # a geocentric (Cartesian) CRS
    datums = [n.name for n in nodes if n.keyword.upper() in DATUM_KEYWORDS]
    meridians = [n.name for n in nodes if n.keyword.upper() == "PRIMEM"]
    units = [n.name for n in nodes if n.keyword.upper() in ("UNIT", "ANGLEUNIT")]
    wgs84 = (
        bool(datums)
        and all(_normalise(d) in WGS84_DATUMS for d in datums)
        and all(_normalise(m) == "greenwich" for m in meridians)
        and all(_normalise(u).startswith("degree") for u in units)
    )
    return Crs(root.name, authority, "wgs84" if wgs84 else "geographic")


def _check_crs(
    crs: Crs | None,
    undefined: Mapping[str, Any],
    bounds: list[tuple[int, tuple[float, float, float, float]]],
    file: str,
    layer: str,
) -> tuple[str, list[GeoFileProblem], list[GeoFileProblem]]:
    """(crs label, warnings, problems). ``crs`` None means the file does not say; ``undefined`` tells how, as
    ``{"missing": ".prj"}`` or ``{"srs_id": 0}``, and goes into the problem's context."""
    how = f"srs_id {undefined['srs_id']}" if "srs_id" in undefined else f"no {layer}{undefined.get('missing', '')}"
    fix = "save it again as WGS 84 (EPSG:4326), e.g. in QGIS: Export > Save Features As... with CRS EPSG:4326"
    if crs is None:
        outside = [
            (record, b) for record, b in bounds if not (-180 <= b[0] <= b[2] <= 180 and -90 <= b[1] <= b[3] <= 90)
        ]
        if outside:
            record, b = outside[0]
            sample = f"x {b[0]:.6g}..{b[2]:.6g}, y {b[1]:.6g}..{b[3]:.6g}"
            problem = GeoFileProblem(
                "crs_missing",
                f"the coordinate reference system is not given ({how}) and coordinates are not longitude/"
                f"latitude degrees (feature {record}: {sample}, {len(outside)} feature(s) in all); {fix}",
                file,
                layer=layer,
                value=sample,
                context={**undefined, "count": len(outside), "first": record},
            )
            return "", [], [problem]
        warning = GeoFileProblem(
            "crs_assumed",
            f"the coordinate reference system is not given ({how}); all coordinates are within longitude "
            "-180..180 and latitude -90..90, so WGS 84 (EPSG:4326) was assumed",
            file,
            layer=layer,
            context=dict(undefined),
        )
        return "assumed", [warning], []
    if crs.kind == "wgs84":
        return "EPSG:4326", [], []
    reason = "projected_crs" if crs.kind == "projected" else "unsupported_crs"
    kind = "a projected CRS (metres)" if crs.kind == "projected" else "not WGS 84 longitude/latitude"
    problem = GeoFileProblem(
        reason, f"coordinate reference system {crs} is {kind}; {fix}", file, layer=layer, value=str(crs)
    )
    return "", [], [problem]


# GeoPackage ----------------------------------------------------------------------------------------------------


def parse_gpkg_geometry(blob: bytes) -> tuple[int, BaseGeometry | None]:
    """(srs_id, geometry) of a GeoPackage geometry blob; geometry None when the header flags it empty.

    Header: magic ``GP``, version byte (0 = version 1), flags byte (bit 0 byte order of the header, 1 = little
    endian; bits 1-3 envelope indicator -> 0/32/48/48/64 bytes of envelope; bit 4 empty geometry; bit 5 extended
    type), int32 srs_id, the envelope, then standard (ISO) WKB. Raises ValueError naming what is wrong.
    """
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry (no 'GP' header)")
    version, flags = blob[2], blob[3]
    if version != 0:
        raise ValueError(f"GeoPackage geometry version {version + 1} is not supported")
    if flags & 0b100000:
        raise ValueError("extended (non-standard) GeoPackage geometry type")
    envelope = (flags >> 1) & 0b111
    if envelope not in GPKG_ENVELOPE_BYTES:
        raise ValueError(f"invalid envelope indicator {envelope}")
    (srs_id,) = struct.unpack("<i" if flags & 1 else ">i", blob[4:8])
    if flags & 0b10000:
        return srs_id, None
    start = 8 + GPKG_ENVELOPE_BYTES[envelope]
    try:
        geom = shapely.from_wkb(blob[start:])
    except shapely.errors.GEOSException as exc:
        raise ValueError(f"unreadable WKB ({exc})") from exc
    if geom is None or geom.is_empty:
        return srs_id, None
    return srs_id, shapely.force_2d(geom)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _listed(names: list[str]) -> list[str]:
    return names[:MAX_LISTED] + ([f"... (+{len(names) - MAX_LISTED})"] if len(names) > MAX_LISTED else [])


def _read_geopackage(path: Path, layer: str | None) -> GeoFile:
    file = path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise _error("unreadable_file", f"cannot be read: {exc}", file, context={"detail": str(exc)}) from exc
    if head != SQLITE_MAGIC:
        raise _error("not_sqlite", "not a GeoPackage: not an SQLite database", file)
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _error("unreadable_file", f"cannot be read: {exc}", file, context={"detail": str(exc)}) from exc
    try:
        return _read_geopackage_tables(con, file, layer)
    except (sqlite3.Error, UnicodeDecodeError) as exc:  # text in a GeoPackage must be UTF-8
        raise _error(
            "not_geopackage", f"not a readable GeoPackage: {exc}", file, layer=layer, context={"detail": str(exc)}
        ) from exc
    finally:
        con.close()


def _read_geopackage_tables(con: sqlite3.Connection, file: str, layer: str | None) -> GeoFile:
    try:
        contents = con.execute("SELECT table_name, lower(data_type) FROM gpkg_contents ORDER BY table_name").fetchall()
    except sqlite3.Error as exc:
        raise _error(
            "not_geopackage", f"not a GeoPackage (no gpkg_contents table: {exc})", file, context={"detail": str(exc)}
        ) from exc
    layers = [name for name, kind in contents if kind == "features"]
    if not layers:
        others = [f"{name} ({kind})" for name, kind in contents]
        raise _error(
            "no_feature_layers",
            f"the GeoPackage has no feature (vector) layer (tables: {', '.join(others) or 'none'})",
            file,
            context={"choices": _listed(others)},
        )
    if layer is not None and layer not in layers:
        raise _error(
            "unknown_layer",
            f"layer {layer!r} does not exist (layers: {', '.join(layers)})",
            file,
            value=layer,
            context={"choices": _listed(layers)},
        )
    if layer is None and len(layers) > 1:
        raise _error(
            "several_layers",
            f"the GeoPackage has {len(layers)} feature layers ({', '.join(layers)}); choose one",
            file,
            context={"choices": _listed(layers), "count": len(layers)},
        )
    table = layer if layer is not None else layers[0]
    row = con.execute("SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (table,)).fetchone()
    if row is None:
        raise _error("no_geometry_column", "the layer has no entry in gpkg_geometry_columns", file, layer=table)
    geometry_column, srs_id = row
    srs = con.execute(
        "SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys"
        " WHERE srs_id = ?",
        (srs_id,),
    ).fetchone()
    if srs is None:
        raise _error(
            "unknown_srs",
            f"srs_id {srs_id} of the layer is not in gpkg_spatial_ref_sys",
            file,
            layer=table,
            value=str(srs_id),
        )

    columns = con.execute(f"PRAGMA table_info({_quote(table)})").fetchall()  # cid, name, type, notnull, dflt, pk
    fid = next((c[1] for c in columns if c[5] and (c[2] or "").upper() == "INTEGER"), None)
    names = [c[1] for c in columns]
    booleans = {c[1] for c in columns if (c[2] or "").upper() == "BOOLEAN"}
    order = _quote(fid) if fid else "rowid"
    rows = con.execute(f"SELECT * FROM {_quote(table)} ORDER BY {order}").fetchall()  # names quoted by _quote

    features: list[dict[str, Any]] = []
    problems: list[GeoFileProblem] = []
    bounds: list[tuple[int, tuple[float, float, float, float]]] = []
    for record, values in enumerate(rows, start=1):
        properties: dict[str, Any] = {}
        geometry: dict[str, Any] | None = None
        for name, value in zip(names, values, strict=True):
            if name == fid:
                continue
            if name == geometry_column:
                if value is None:
                    continue
                try:
                    if not isinstance(value, bytes):
                        raise ValueError(f"a {type(value).__name__} value, not a geometry blob")
                    blob_srs, geom = parse_gpkg_geometry(value)
                except ValueError as exc:
                    problems.append(
                        GeoFileProblem(
                            "bad_geometry_blob",
                            f"broken GeoPackage geometry: {exc}",
                            file,
                            layer=table,
                            record=record,
                            context={"detail": str(exc)},
                        )
                    )
                    continue
                if blob_srs != srs_id:
                    problems.append(
                        GeoFileProblem(
                            "srs_mismatch",
                            f"geometry srs_id {blob_srs} differs from the layer's srs_id {srs_id}",
                            file,
                            layer=table,
                            record=record,
                            value=str(blob_srs),
                            context={"expected": srs_id},
                        )
                    )
                if geom is not None:
                    geometry = dict(mapping(geom))
                    bounds.append((record, geom.bounds))
            elif name in booleans and value is not None:
                properties[name] = bool(value)
            elif isinstance(value, bytes):
                properties[name] = value.hex()  # a BLOB attribute; JSON has no bytes
            else:
                properties[name] = value
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})

    srs_name, organization, organization_id, definition = srs
    crs: Crs | None
    if srs_id == 4326 or ((organization or "").upper() == "EPSG" and organization_id == 4326):
        crs = Crs(srs_name or "WGS 84", "EPSG:4326", "wgs84")
    elif srs_id in GPKG_UNDEFINED_SRS or (definition or "").strip().lower() in ("", "undefined"):
        crs = None
    else:
        authority = f"{organization.upper()}:{organization_id}" if organization and organization_id else ""
        try:
            parsed = crs_from_wkt(definition)
            crs = Crs(srs_name or parsed.name, parsed.authority or authority, parsed.kind)
        except ValueError:
            crs = Crs(srs_name or "", authority, "other")
    label, warnings, crs_problems = _check_crs(crs, {"srs_id": srs_id}, bounds, file, table)
    problems = crs_problems + problems
    if problems:
        raise GeoFileError(problems)
    return GeoFile("gpkg", table, label, features, warnings)


# Shapefile -----------------------------------------------------------------------------------------------------


def _codec(cpg: str) -> str | None:
    """Python codec for a .cpg text ("UTF-8", "65001", "1252", "ANSI 1252", "ISO-8859-1"), None if unknown."""
    text = cpg.strip().lower().removeprefix("ansi").strip()
    if text == "65001":
        text = "utf-8"
    elif text.isdigit():
        text = f"cp{text}"
    try:
        return codecs.lookup(text).name
    except LookupError:
        return None


@dataclass
class _Shapefile:
    shapes: list[Any]
    records: list[Any]  # None for a record deleted in the .dbf, or one that could not be decoded
    undecodable: list[tuple[int | None, str]]  # (1-based record, None for the field names; pyshp's words)


def _is_decoding(exc: Exception) -> bool:
    # pyshp reports a text field it cannot decode as a dbfFileException "Could not decode ..."
    return isinstance(exc, UnicodeDecodeError) or (
        isinstance(exc, shapefile.dbfFileException) and "decode" in str(exc).lower()
    )


def _read_shapes_and_records(files: dict[str, bytes], encoding: str, file: str, layer: str) -> _Shapefile:
    """Every shape and .dbf record, noting each record that cannot be decoded in ``encoding``."""
    try:
        try:
            reader = shapefile.Reader(
                shp=io.BytesIO(files[".shp"]),
                shx=io.BytesIO(files[".shx"]) if ".shx" in files else None,
                dbf=io.BytesIO(files[".dbf"]),
                encoding=encoding,
                encodingErrors="strict",
            )
        except (UnicodeDecodeError, shapefile.ShapefileException) as exc:
            if _is_decoding(exc):
                return _Shapefile([], [], [(None, str(exc))])
            raise
        records: list[Any] = []
        undecodable: list[tuple[int | None, str]] = []
        for i in range(reader.numRecords or 0):
            try:
                records.append(reader.record(i))
            except (UnicodeDecodeError, shapefile.ShapefileException) as exc:
                if not _is_decoding(exc):
                    raise
                undecodable.append((i + 1, str(exc)))
                records.append(None)
        return _Shapefile(list(reader.iterShapes()), records, undecodable)
    # A corrupt file makes pyshp fail in many ways (an unknown shape or field type is a KeyError, a bad count
    # an IndexError or struct.error); all of them mean the same to the user.
    except (shapefile.ShapefileException, struct.error, ValueError, IndexError, KeyError, EOFError, TypeError) as exc:
        raise _error(
            "bad_shapefile", f"broken Shapefile: {exc}", file, layer=layer, context={"detail": str(exc)}
        ) from exc


def _read_shapefile(files: dict[str, bytes], file: str, layer: str) -> GeoFile:
    """``files`` maps ".shp", ".shx", ".dbf", ".prj", ".cpg" to their bytes (the ones present)."""
    if ".dbf" not in files:
        raise _error(
            "missing_sidecar", f"the Shapefile has no {layer}.dbf (its attributes)", file, layer=layer, value=".dbf"
        )
    warnings: list[GeoFileProblem] = []
    if ".cpg" in files:
        cpg = files[".cpg"].decode("ascii", "replace").strip()
        encoding = _codec(cpg)
        if encoding is None:
            raise _error("unknown_encoding", f"unknown encoding {cpg!r} in {layer}.cpg", file, layer=layer, value=cpg)
    else:
        encoding = "utf-8"
    read = _read_shapes_and_records(files, encoding, file, layer)
    if read.undecodable and ".cpg" in files:
        raise GeoFileError(
            [
                GeoFileProblem(
                    "bad_encoding",
                    f"attributes cannot be decoded as {encoding}, the encoding {layer}.cpg names ({detail})",
                    file,
                    layer=layer,
                    record=record,
                    value=encoding,
                    context={"detail": detail},
                )
                for record, detail in read.undecodable
            ]
        )
    if read.undecodable:
        # Without a .cpg the encoding is a guess: UTF-8 first, then latin-1 (which decodes any byte) - said aloud.
        first = read.undecodable[0][0]
        warnings.append(
            GeoFileProblem(
                "encoding_assumed",
                f"no {layer}.cpg and the attributes are not UTF-8 (feature {first}, {len(read.undecodable)} in all);"
                " read as latin-1: check the spelling of names",
                file,
                layer=layer,
                record=first,
                value="latin-1",
                context={"count": len(read.undecodable)},
            )
        )
        read = _read_shapes_and_records(files, "latin-1", file, layer)
    shapes, records = read.shapes, read.records
    if len(shapes) != len(records):
        raise _error(
            "record_count_mismatch",
            f"{layer}.shp has {len(shapes)} shapes but {layer}.dbf has {len(records)} records",
            file,
            layer=layer,
            context={"count": len(shapes), "expected": len(records)},
        )

    features: list[dict[str, Any]] = []
    problems: list[GeoFileProblem] = []
    bounds: list[tuple[int, tuple[float, float, float, float]]] = []
    deleted = 0
    for shape, rec in zip(shapes, records, strict=True):
        if rec is None:
            deleted += 1  # deleted in the .dbf: no longer a feature
            continue
        record = len(features) + 1
        geometry: dict[str, Any] | None = None
        if shape is not None and shape.shapeType != shapefile.NULL and shape.points:
            try:
                geometry = dict(shape.__geo_interface__)
            except shapefile.GeoJSON_Error as exc:
                problems.append(
                    GeoFileProblem(
                        "unsupported_shape", str(exc), file, layer=layer, record=record, context={"detail": str(exc)}
                    )
                )
            points = np.asarray(shape.points, dtype=float)[:, :2]
            bounds.append((record, (*points.min(axis=0), *points.max(axis=0))))
        properties = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in rec.as_dict().items()}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    if deleted:
        warnings.append(
            GeoFileProblem(
                "deleted_records_skipped",
                f"{deleted} record(s) marked deleted in {layer}.dbf were skipped",
                file,
                layer=layer,
                context={"count": deleted},
            )
        )

    if ".prj" in files:
        prj = files[".prj"].decode("utf-8", "replace").strip()
        try:
            crs: Crs | None = crs_from_wkt(prj)
        except ValueError as exc:
            raise _error(
                "unreadable_crs",
                f"{layer}.prj is not a readable CRS definition ({exc})",
                file,
                layer=layer,
                value=prj[:80],
                context={"detail": str(exc)},
            ) from exc
    else:
        crs = None
    label, crs_warnings, crs_problems = _check_crs(crs, {"missing": ".prj"}, bounds, file, layer)
    problems = crs_problems + problems
    if problems:
        raise GeoFileError(problems)
    return GeoFile("shapefile", layer, label, features, warnings + crs_warnings)


def _read_shapefile_zip(path: Path, layer: str | None, limits: Limits) -> GeoFile:
    file = path.name
    try:
        # Members, unpacked size and compression ratio are checked before anything is inflated (zip bombs).
        archive = uploads.open_zip(uploads.read_bytes(path, limits), limits)
    except UploadError as exc:
        if exc.key == "not_zip":
            detail = exc.message_en
            raise _error(
                "unreadable_file", f"cannot be read as a zip: {detail}", file, context={"detail": detail}
            ) from exc
        raise _rejected(exc, file) from exc
    except OSError as exc:
        raise _error("unreadable_file", f"cannot be read as a zip: {exc}", file, context={"detail": str(exc)}) from exc
    with archive:
        # Finder adds "__MACOSX/._name.shp" resource forks; they are not Shapefiles.
        members = [m.filename for m in archive.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX/")]
        shps = [m for m in members if m.lower().endswith(".shp")]
        if layer is not None:
            chosen = [m for m in shps if m == layer or PurePosixPath(m).stem == layer]
            if len(chosen) != 1:
                raise _error(
                    "unknown_layer",
                    f"no single Shapefile {layer!r} in the zip (Shapefiles: {', '.join(shps) or 'none'})",
                    file,
                    value=layer,
                    context={"choices": _listed(shps)},
                )
            shps = chosen
        if not shps:
            raise _error(
                "no_shapefile",
                f"the zip holds no .shp file (members: {', '.join(_listed(members)) or 'none'})",
                file,
                context={"choices": _listed(members)},
            )
        if len(shps) > 1:
            raise _error(
                "several_shapefiles",
                f"the zip holds {len(shps)} Shapefiles ({', '.join(shps)}); choose one",
                file,
                context={"choices": _listed(shps), "count": len(shps)},
            )
        base = shps[0][: -len(".shp")].lower()
        files: dict[str, bytes] = {}
        try:
            for member in members:
                stem, _dot, ext = member.rpartition(".")
                if stem.lower() == base and f".{ext.lower()}" in SHAPEFILE_PARTS:
                    files[f".{ext.lower()}"] = uploads.read_member(archive, member)
        except UploadError as exc:
            raise _rejected(exc, file) from exc
        except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
            raise _error(
                "unreadable_file", f"cannot be read as a zip: {exc}", file, context={"detail": str(exc)}
            ) from exc
    return _read_shapefile(files, file, PurePosixPath(shps[0]).stem)


def _read_shapefile_beside(path: Path, limits: Limits) -> GeoFile:
    file = path.name
    try:
        files = {".shp": path.read_bytes()}
        # Sidecar files may differ in case from the .shp (KEC.shp with kec.dbf), as Windows tools write them.
        siblings = {p.name.lower(): p for p in path.parent.iterdir()}
        for ext in SHAPEFILE_PARTS[1:]:
            sibling = siblings.get((path.stem + ext).lower())
            if sibling is not None:
                # The files together are the upload: their sizes are checked before each is read.
                uploads.check_size(sum(len(b) for b in files.values()) + sibling.stat().st_size, limits)
                files[ext] = sibling.read_bytes()
    except UploadError as exc:
        raise _rejected(exc, file) from exc
    except OSError as exc:
        raise _error("unreadable_file", f"cannot be read: {exc}", file, context={"detail": str(exc)}) from exc
    return _read_shapefile(files, file, path.stem)
