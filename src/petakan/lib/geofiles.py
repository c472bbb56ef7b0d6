"""Read boundary polygons from GeoJSON, GeoPackage, (zipped) Shapefile, FlatGeobuf and KML as GeoJSON features in
WGS 84. No Django here.

A regency's GIS office rarely has GeoJSON: it has a Shapefile (sent as a .zip of .shp, .shx, .dbf, .prj, .cpg) or a
GeoPackage exported from QGIS, usually in UTM zone 49S or the national TM-3 grid. :func:`read` turns any of them into
the same list of ``{"type": "Feature", "properties": {...}, "geometry": <GeoJSON geometry or None>}`` that a GeoJSON
FeatureCollection holds, so the boundary importer checks every format alike (codes, polygon validity, repair).

Every file first passes the upload guard (:mod:`petakan.lib.uploads`: size, zip members/ratio, GeoJSON nesting
depth, feature count). GeoJSON is parsed here (the depth check must come before ``json.loads``); every other format
is read by GDAL through pyogrio, and reprojected with pyproj (PROJ) from its declared CRS to WGS 84 longitude/latitude
(EPSG:4326, x = longitude, y = latitude, degrees). The source CRS and PROJ's transformation are returned so the
import report can state them. A layer that does not declare a CRS is refused, saying how to set one in QGIS.

Problems a user can cause raise :class:`GeoFileError` carrying :class:`GeoFileProblem` records with a stable
``reason`` code, an English ``message`` and structured fields, so the web layer and the commands can translate them.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pyogrio
import pyogrio.raw
import pyproj
import shapely
from shapely.geometry import mapping

from petakan.lib import uploads
from petakan.lib.uploads import Limits, UploadError

GEOJSON_SUFFIXES = (".geojson", ".json")
OGR_SUFFIXES = (".gpkg", ".shp", ".fgb", ".kml")
SUFFIXES = (*GEOJSON_SUFFIXES, *OGR_SUFFIXES, ".zip")
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")  # .shp first
SQLITE_MAGIC = b"SQLite format 3\x00"
ZIP_MAGIC = b"PK\x03\x04"
WGS84 = pyproj.CRS.from_epsg(4326)
FIX_MISSING = (
    "set it in QGIS: Layer > Set CRS (the one the data was drawn in, e.g. EPSG:32749 for UTM zone 49S), then export"
    " again with Export > Save Features As..."
)
MAX_LISTED = 10  # names listed in a message (zip members, layers) before "..."


@dataclass(frozen=True)
class GeoFileProblem:
    """One problem in a boundary file.

    ``reason`` is a stable machine code (e.g. ``"several_layers"``, ``"crs_missing"``); ``message`` an English
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
    """What :func:`read` found: ``format`` is ``"geojson"``, ``"gpkg"``, ``"shapefile"``, ``"flatgeobuf"`` or
    ``"kml"``; ``layer`` the layer read (``""`` for GeoJSON); ``crs`` the source CRS as ``name (AUTHORITY:CODE)``
    (``""`` for GeoJSON, which is WGS 84 by definition); ``transformation`` PROJ's description of the transformation
    applied to reach WGS 84 (``""`` when the file was in WGS 84 already); ``warnings`` problems that did not stop the
    reading."""

    format: str
    layer: str
    crs: str
    features: list[dict[str, Any]]
    warnings: list[GeoFileProblem]
    transformation: str = ""


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
    (GeoPackage), ``.fgb`` (FlatGeobuf), ``.kml``, ``.zip`` (a zipped Shapefile, or one of the others zipped) or
    ``.shp`` (with its .dbf, .shx, .prj, .cpg beside it).

    ``layer`` picks one of several layers of a GeoPackage or KML, or one of several Shapefiles in a zip (by name,
    without ``.shp``). A file with another suffix is recognised by its first bytes (SQLite, zip) and otherwise read
    as GeoJSON, as the importer always did. GeoJSON features are returned untouched; other formats reprojected to
    WGS 84 in 2D (a Z or M value is dropped). Whether they are valid (Multi)Polygons is for the caller to check,
    alike for every format. Raises :class:`GeoFileError`.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        suffix = _sniff(path)
    if suffix in GEOJSON_SUFFIXES:
        if layer:
            raise _error("layer_not_applicable", "a layer can only be chosen in a GeoPackage or a zip", path.name)
        return _read_geojson(path, limits)
    if suffix == ".zip":
        return _read_zip(path, layer, limits)
    if suffix != ".shp":
        return _read_ogr(path, layer, limits, suffix=suffix)
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


# Every format but GeoJSON goes through GDAL (pyogrio's wheels bundle it), after the upload guard -------------------


def _listed(names: list[str]) -> list[str]:
    return names[:MAX_LISTED] + ([f"... (+{len(names) - MAX_LISTED})"] if len(names) > MAX_LISTED else [])


def _read_zip(path: Path, layer: str | None, limits: Limits) -> GeoFile:
    """A zip holding one dataset (a Shapefile with its sidecars, or a GeoPackage, FlatGeobuf, KML): its members are
    inflated by the upload guard (members, unpacked size and compression ratio checked before anything is inflated,
    zip bombs) into a temporary folder, and only then opened by GDAL."""
    file = path.name
    try:
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
    with archive, tempfile.TemporaryDirectory(prefix="petakan-geo-") as tmp:
        # Finder adds "__MACOSX/._name.shp" resource forks; they are not datasets.
        members = [m.filename for m in archive.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX/")]
        datasets = [m for m in members if PurePosixPath(m).suffix.lower() in OGR_SUFFIXES]
        shps = [m for m in datasets if m.lower().endswith(".shp")]
        if layer is not None and shps:
            chosen = [m for m in shps if m == layer or PurePosixPath(m).stem == layer]
            if len(chosen) != 1:
                raise _error(
                    "unknown_layer",
                    f"no single Shapefile {layer!r} in the zip (Shapefiles: {', '.join(shps) or 'none'})",
                    file,
                    value=layer,
                    context={"choices": _listed(shps)},
                )
            datasets, layer = chosen, None
        if not datasets:
            raise _error(
                "no_shapefile",
                f"the zip holds no .shp file (members: {', '.join(_listed(members)) or 'none'})",
                file,
                context={"choices": _listed(members)},
            )
        if len(datasets) > 1:
            raise _error(
                "several_shapefiles",
                f"the zip holds {len(datasets)} Shapefiles ({', '.join(datasets)}); choose one",
                file,
                context={"choices": _listed(datasets), "count": len(datasets)},
            )
        chosen_member = datasets[0]
        stem = chosen_member.rsplit(".", 1)[0].lower()
        target = Path(tmp) / PurePosixPath(chosen_member).name
        try:
            for member in members:
                m_stem, _dot, ext = member.rpartition(".")
                if member == chosen_member or (
                    m_stem.lower() == stem and f".{ext.lower()}" in SHAPEFILE_PARTS and target.suffix.lower() == ".shp"
                ):
                    # Sidecars take the .shp's stem whatever their case (KEC.shp with kec.dbf), as Windows writes.
                    name = target.name if member == chosen_member else target.stem + f".{ext.lower()}"
                    (Path(tmp) / name).write_bytes(uploads.read_member(archive, member))
        except UploadError as exc:
            raise _rejected(exc, file) from exc
        except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
            raise _error(
                "unreadable_file", f"cannot be read as a zip: {exc}", file, context={"detail": str(exc)}
            ) from exc
        if target.suffix.lower() == ".shp" and not target.with_suffix(".dbf").exists():
            raise _error(
                "missing_sidecar",
                f"the Shapefile has no {target.stem}.dbf (its attributes)",
                file,
                layer=target.stem,
                value=".dbf",
            )
        return _read_ogr(target, layer, limits, file=file)


def _read_shapefile_beside(path: Path, limits: Limits) -> GeoFile:
    """A bare ``.shp``: its sidecars (whatever their case) are copied beside it in a temporary folder under the
    .shp's stem, their sizes together checked against the upload limit before they are read."""
    file = path.name
    with tempfile.TemporaryDirectory(prefix="petakan-geo-") as tmp:
        target = Path(tmp) / (path.stem + ".shp")
        try:
            total = path.stat().st_size
            uploads.check_size(total, limits)
            target.write_bytes(path.read_bytes())
            siblings = {p.name.lower(): p for p in path.parent.iterdir()}
            for ext in SHAPEFILE_PARTS[1:]:
                sibling = siblings.get((path.stem + ext).lower())
                if sibling is not None:
                    total += sibling.stat().st_size
                    uploads.check_size(total, limits)
                    (Path(tmp) / (path.stem + ext)).write_bytes(sibling.read_bytes())
        except UploadError as exc:
            raise _rejected(exc, file) from exc
        except OSError as exc:
            raise _error("unreadable_file", f"cannot be read: {exc}", file, context={"detail": str(exc)}) from exc
        if not target.with_suffix(".dbf").exists():
            raise _error(
                "missing_sidecar",
                f"the Shapefile has no {path.stem}.dbf (its attributes)",
                file,
                layer=path.stem,
                value=".dbf",
            )
        return _read_ogr(target, None, limits, file=file)


def _read_ogr(
    path: Path, layer: str | None, limits: Limits, file: str | None = None, suffix: str | None = None
) -> GeoFile:
    """Read one vector layer with GDAL and reproject it to WGS 84 longitude/latitude (see :func:`to_wgs84`).

    ``layer`` picks one of several layers (GeoPackage tables, KML folders). Geometries are made 2D (a Z or M value
    is dropped); attribute values become JSON values (dates as ISO text). Raises :class:`GeoFileError`.
    """
    file = file or path.name
    suffix = suffix or path.suffix.lower()
    fmt = {".gpkg": "gpkg", ".shp": "shapefile", ".fgb": "flatgeobuf", ".kml": "kml"}.get(suffix, "ogr")
    if fmt == "gpkg":
        try:
            with path.open("rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise _error("unreadable_file", f"cannot be read: {exc}", file, context={"detail": str(exc)}) from exc
        if head != SQLITE_MAGIC:
            raise _error("not_sqlite", "not a GeoPackage: not an SQLite database", file)
    unreadable = "not_geopackage" if fmt == "gpkg" else "bad_shapefile" if fmt == "shapefile" else "unreadable_file"
    what = {"not_geopackage": "not a readable GeoPackage", "bad_shapefile": "broken Shapefile"}.get(
        unreadable, "cannot be read"
    )
    try:
        layers = sorted(str(name) for name, geometry_type in pyogrio.list_layers(path) if geometry_type is not None)
        if not layers:
            raise _error("no_feature_layers", "the file has no feature (vector) layer", file)
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
                f"the file has {len(layers)} feature layers ({', '.join(layers)}); choose one",
                file,
                context={"choices": _listed(layers), "count": len(layers)},
            )
        name = layer if layer is not None else layers[0]
        count = pyogrio.read_info(path, layer=name)["features"]
        if count > limits.max_features:  # refused before the features are read
            raise _error(
                "too_many_features",
                f"{count} features, more than the {limits.max_features} allowed",
                file,
                context={"count": count, "expected": limits.max_features},
            )
        meta, _fids, wkb, columns = pyogrio.raw.read(path, layer=name)
    except GeoFileError:
        raise
    except Exception as exc:  # GDAL reports a corrupt file in many ways; all mean the same to the user
        detail = str(exc).replace(str(path.parent) + "/", "")
        raise _error(unreadable, f"{what}: {detail}", file, layer=layer, context={"detail": detail}) from exc
    try:
        geoms = shapely.from_wkb(wkb, on_invalid="raise") if len(wkb) else np.array([], dtype=object)
    except shapely.errors.GEOSException as exc:
        raise _error(unreadable, f"{what}: {exc}", file, layer=name, context={"detail": str(exc)}) from exc
    geoms = np.asarray([None if g is None or g.is_empty else shapely.force_2d(g) for g in geoms], dtype=object)
    geoms, crs_label, transformation = to_wgs84(geoms, meta.get("crs"), file, name)
    fields = [str(f) for f in meta["fields"]]
    features: list[dict[str, Any]] = []
    for i, geom in enumerate(geoms):
        properties = {f: _json_value(column[i]) for f, column in zip(fields, columns, strict=True)}
        features.append(
            {"type": "Feature", "properties": properties, "geometry": dict(mapping(geom)) if geom else None}
        )
    return GeoFile(fmt, name, crs_label, features, [], transformation)


def _json_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN: GDAL's null for a number column
        return None
    if isinstance(value, bytes):
        return value.hex()  # a BLOB attribute; JSON has no bytes
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def to_wgs84(geoms: np.ndarray, crs_text: str | None, file: str, layer: str) -> tuple[np.ndarray, str, str]:
    """(geometries in WGS 84 longitude/latitude degrees, source CRS as ``name (AUTHORITY:CODE)``, transformation).

    ``crs_text`` is the layer's CRS as GDAL gives it (``EPSG:32749`` or WKT). Geometries already in WGS 84 (EPSG:4326,
    OGC:CRS84) are returned untouched with transformation ``""``; otherwise PROJ's best available transformation
    to EPSG:4326 is applied with x = easting/longitude (``always_xy``), and its description is returned (e.g.
    ``"Inverse of UTM zone 49S"``; a datum shift such as DGN95 to WGS 84 is named in it). A layer without a CRS
    is refused (``crs_missing``): coordinates cannot be placed without one, whatever range they fall in.
    """
    if not crs_text:
        raise _error(
            "crs_missing",
            f"the coordinate reference system is not given; {FIX_MISSING}",
            file,
            layer=layer,
        )
    try:
        source = pyproj.CRS.from_user_input(crs_text)
    except pyproj.exceptions.CRSError as exc:
        raise _error(
            "unreadable_crs",
            f"the coordinate reference system cannot be read ({exc}); {FIX_MISSING}",
            file,
            layer=layer,
            value=crs_text[:80],
            context={"detail": str(exc)},
        ) from exc
    if source.is_engineering or source.name.lower().startswith("undefined"):
        # A GeoPackage's srs_id 0/-1 ("Undefined geographic/Cartesian SRS") or a local grid: no place on earth.
        raise _error(
            "crs_missing",
            f"the coordinate reference system is not given ({source.name}); {FIX_MISSING}",
            file,
            layer=layer,
            value=source.name,
        )
    authority = source.to_authority(min_confidence=70)
    label = f"{source.name} ({':'.join(authority)})" if authority else source.name
    if authority in (("EPSG", "4326"), ("OGC", "CRS84")):
        return geoms, label, ""
    try:
        transformer = pyproj.Transformer.from_crs(source, WGS84, always_xy=True)
    except pyproj.exceptions.ProjError as exc:
        raise _error(
            "unsupported_crs",
            f"coordinate reference system {label} cannot be transformed to WGS 84 ({exc})",
            file,
            layer=layer,
            value=label,
            context={"detail": str(exc)},
        ) from exc

    def project(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    present = np.array([g is not None for g in geoms], dtype=bool)
    out = geoms.copy()
    if present.any():
        out[present] = shapely.transform(geoms[present], project)
        coords = shapely.get_coordinates(out[present])
        if not np.isfinite(coords).all() or (np.abs(coords[:, 0]) > 180).any() or (np.abs(coords[:, 1]) > 90).any():
            raise _error(
                "unsupported_crs",
                f"coordinates do not fall on the earth when read as {label}; check the CRS the file declares",
                file,
                layer=layer,
                value=label,
            )
    return out, label, transformer.description
